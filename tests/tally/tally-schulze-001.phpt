--TEST--
Participa\Tally::count(): Schulze on the Wikipedia example
--EXTENSIONS--
participa
--FILE--
<?php
$groups = [
    [5, 'A>C>B>E>D'], [5, 'A>D>E>C>B'], [8, 'B>E>D>A>C'], [3, 'C>A>B>E>D'],
    [7, 'C>A>E>B>D'], [2, 'C>B>A>D>E'], [7, 'D>C>E>B>A'], [8, 'E>B>A>D>C'],
];
$ballots = [];
foreach ($groups as [$n, $b]) {
    $ballots[] = ['weight' => $n, 'ballot' => $b];
}
$r = Participa\Tally::count('schulze', $ballots);
echo implode('>', array_map(fn($t) => implode('=', $t), $r->ranking)), "\n";
var_dump($r->winners, $r->details['weight']);
$p = $r->details['strongest_paths'];
foreach (['A', 'B', 'C', 'D', 'E'] as $x) {
    echo $x, ': ';
    foreach (['A', 'B', 'C', 'D', 'E'] as $y) {
        echo $x === $y ? '  --' : sprintf('%4d', $p[$x][$y]);
    }
    echo "\n";
}
// the same 45 ballots one by one, as lists, give the same result
$flat = [];
foreach ($groups as [$n, $b]) {
    for ($i = 0; $i < $n; $i++) {
        $flat[] = explode('>', $b);
    }
}
var_dump(Participa\Tally::count('schulze', $flat)->ranking === $r->ranking);
?>
--EXPECT--
E>A>C>B>D
array(1) {
  [0]=>
  string(1) "E"
}
int(45)
A:   --  28  28  30  24
B:   25  --  28  33  24
C:   25  29  --  29  24
D:   25  28  28  --  24
E:   25  28  28  31  --
bool(true)
