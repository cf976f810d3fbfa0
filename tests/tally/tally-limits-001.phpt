--TEST--
Participa\Tally::count(): bounded work (candidates discovered from ballots, methods that grow with candidates^2 or ^3, many short ballots)
--EXTENSIONS--
participa
--FILE--
<?php
function attempt(callable $f) {
    try {
        $r = $f();
        echo 'ok ', implode(',', $r->winners), "\n";
        return $r;
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        return null;
    }
}
// every ballot names a fresh candidate: discovery stops at 1,000
$fresh = [];
for ($i = 0; $i < 5000; $i++) {
    $fresh[] = "x$i";
}
attempt(fn() => Participa\Tally::count('plurality', $fresh));
attempt(fn() => Participa\Tally::count('approval', array_map(fn($x) => [$x], $fresh)));
$r = attempt(fn() => Participa\Tally::count('plurality', $fresh, ['invalid' => 'count']));
echo $r->details['ballots'], ' counted, ', $r->details['spoiled']['count'], " spoiled\n";
// pairwise methods stream: a ballot bringing the 301st candidate is invalid
attempt(fn() => Participa\Tally::count('schulze', $fresh));
// with a candidate list, linear methods count thousands; square ones refuse at once
$many = [];
for ($i = 0; $i < 65535; $i++) {
    $many[] = "c$i";
}
foreach (['schulze', 'ranked_pairs', 'copeland', 'borda', 'irv', 'stv'] as $m) {
    attempt(fn() => Participa\Tally::count($m, ['c5>c9', 'c9'], ['candidates' => $many]));
}
attempt(fn() => Participa\Tally::count('plurality', ['c5', 'c9', 'c9'], ['candidates' => $many]));
attempt(fn() => Participa\Tally::count('approval', [['c5', 'c9'], ['c9']], ['candidates' => $many]));
// 300 candidates is within every budget
$c300 = array_slice($many, 0, 300);
$b = [];
mt_srand(7);
for ($i = 0; $i < 30; $i++) {
    $x = $c300;
    shuffle($x);
    $b[] = implode('>', $x);
}
foreach (['schulze', 'ranked_pairs', 'copeland', 'irv', 'stv'] as $m) {
    $r = Participa\Tally::count($m, $b, ['candidates' => $c300]);
    echo $m, ': ', count($r->ranking) > 0 ? 'ranked' : 'empty', "\n";
}
// 100,000 ballots of one candidate each, pairwise over 300 candidates: linear in the ballots
$short = [];
for ($i = 0; $i < 100000; $i++) {
    $short[] = $i % 3 ? 'c7' : 'c2';
}
$r = Participa\Tally::count('copeland', $short, ['candidates' => $c300]);
echo $r->winners[0], ' ', $r->details['pairwise']['c7']['c2'], ' ', $r->details['pairwise']['c2']['c9'], "\n";
?>
--EXPECT--
Participa\InvalidArgumentException: boleta 1000: demasiados candidatos distintos en las boletas (máximo 1000)
Participa\InvalidArgumentException: boleta 1000: demasiados candidatos distintos en las boletas (máximo 1000)
ok x0
1000 counted, 4000 spoiled
Participa\InvalidArgumentException: boleta 300: demasiados candidatos distintos en las boletas (máximo 300)
Participa\InvalidArgumentException: Hay demasiados candidatos (65535) para este método de conteo: cuenta a lo más 300.
Participa\InvalidArgumentException: Hay demasiados candidatos (65535) para este método de conteo: cuenta a lo más 300.
Participa\InvalidArgumentException: Hay demasiados candidatos (65535) para este método de conteo: cuenta a lo más 300.
Participa\InvalidArgumentException: Hay demasiados candidatos (65535) para este método de conteo: cuenta a lo más 300.
Participa\InvalidArgumentException: Hay demasiados candidatos (65535) para este método de conteo: cuenta a lo más 300.
Participa\InvalidArgumentException: Hay demasiados candidatos (65535) para este método de conteo: cuenta a lo más 300.
ok c9
ok c9
schulze: ranked
ranked_pairs: ranked
copeland: ranked
irv: ranked
stv: ranked
c7 66666 33334
