--TEST--
Participa\Tally::count(): Meek STV stops each stage after a bounded number of iterations and says whether it converged
--EXTENSIONS--
participa
--FILE--
<?php
// 2.5 million votes: the 1e-9 keep factors of C and B alternate between two
// roundings and never bring the surplus under 1e-5 vote
$b = [];
foreach ([[813020, 'C'], [156751, 'E>C>B>A>D'], [193425, 'C>E>B>D>A'], [435601, 'C>D'],
          [81382, 'A'], [2321, 'C>D>A>E'], [129875, 'B>E>D>A'], [699843, 'C>B>A']] as [$w, $s]) {
    $b[] = ['weight' => $w, 'ballot' => $s];
}
$r = Participa\Tally::count('stv', $b, ['seats' => 3, 'transfer' => 'meek']);
echo implode(',', $r->winners), "\n";
foreach ($r->details['stages'] as $s) {
    printf("%s: %d iterations, converged %s\n", $s['action'], $s['iterations'], var_export($s['converged'], true));
}
// an ordinary count converges
$r = Participa\Tally::count('stv', ['A>B', 'A>B', 'A>C', 'B', 'C>B', 'C'], ['seats' => 2, 'transfer' => 'meek']);
echo implode(',', $r->winners), ' ', var_export($r->details['stages'][0]['converged'], true), "\n";
?>
--EXPECT--
C,B,E
exclusion: 1000 iterations, converged false
final: 4 iterations, converged true
A,C true
