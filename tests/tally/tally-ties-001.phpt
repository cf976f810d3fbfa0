--TEST--
Participa\Tally::count(): ties are broken by candidate order or a seeded lottery, and recorded
--EXTENSIONS--
participa
--FILE--
<?php
$ballots = ['A>B>C', 'B>C>A', 'C>A>B'];   // a perfect cycle
$r = Participa\Tally::count('schulze', $ballots);
echo json_encode([$r->winners, $r->ranking, $r->tieBreaks]), "\n";
$a = Participa\Tally::count('schulze', $ballots, ['seed' => 7]);
$b = Participa\Tally::count('schulze', $ballots, ['seed' => 7]);
var_dump($a->winners === $b->winners, $a->tieBreaks[0]['rule'], $a->tieBreaks[0]['seed']);
$seen = [];
for ($s = 0; $s < 40; $s++) {
    $seen[Participa\Tally::count('copeland', $ballots, ['seed' => $s])->winners[0]] = true;
}
ksort($seen);
echo implode(',', array_keys($seen)), "\n";
// IRV: a tie for last place broken by the previous round, then by order
$r = Participa\Tally::count('irv', ['A', 'A', 'A', 'B', 'B', 'C', 'C', 'D>C', 'E>B']);
foreach ($r->tieBreaks as $t) {
    echo $t['stage'], ' round ', $t['round'], ': ', implode(',', $t['tied']), ' -> ', $t['rule'], ' ',
        implode(',', $t['chosen'] ?? $t['order']), "\n";
}
echo implode(',', $r->winners), "\n";
?>
--EXPECT--
[["A"],[["A","B","C"]],[{"stage":"winners","tied":["A","B","C"],"order":["A","B","C"],"rule":"candidate order"}]]
bool(true)
string(7) "lottery"
int(7)
A,B,C
elimination round 1: D,E -> candidate order D,E
elimination round 3: A,B,C -> previous rounds C
elimination round 4: A,B -> previous rounds B
A
