--TEST--
Participa\Tally::count(): invalid ballots throw InvalidArgumentException naming the ballot, or are counted as spoiled
--EXTENSIONS--
participa
--FILE--
<?php
$c = ['candidates' => ['A', 'B', 'C']];
$cases = [
    ['schulze', ['A>B', 'A>Z'], $c],
    ['irv', ['A>B', ['B', 'B']], []],
    ['approval', [['A', 'B', 'C']], ['max_choices' => 2]],
    ['score', [['A' => 11]], []],
    ['plurality', [['weight' => -1, 'ballot' => 'A']], []],
    ['borda', ['A>>B'], []],
    ['copeland', [42], []],
];
foreach ($cases as [$m, $b, $o]) {
    try {
        Participa\Tally::count($m, $b, $o);
        echo "$m: no exception\n";
    } catch (Participa\InvalidArgumentException $e) {
        echo "$m: ", $e->getMessage(), "\n";
    }
}
$r = Participa\Tally::count('schulze', ['A>B', 'A>Z', 'B>A', ['weight' => 3, 'ballot' => 'C>C'], 'B'],
    $c + ['invalid' => 'count']);
echo json_encode([$r->winners, $r->details['ballots'], $r->details['spoiled']]), "\n";
$r = Participa\Tally::count('irv', ['A>B', 'A>Z', 'Z', 'B'], ['invalid' => 'count', 'candidates' => ['A', 'B']]);
echo json_encode([$r->winners, $r->details['spoiled']['count']]), "\n";
?>
--EXPECT--
schulze: boleta 1: candidato desconocido 'Z'
irv: boleta 1: candidato repetido 'B'
approval: boleta 0: demasiadas aprobaciones (3, máximo 2)
score: boleta 0: calificación fuera de rango para 'A': 11 (se permite de 0 a 10)
plurality: boleta 0: peso negativo (-1)
borda: boleta 0: preferencia vacía en la posición 3
copeland: boleta 0: una clasificación debe ser un texto 'A>B=C' o una lista
[["B"],3,{"count":2,"weight":4,"ballots":[{"index":1,"reason":"candidato desconocido 'Z'"},{"index":3,"reason":"candidato repetido 'C'"}]}]
[["A"],2]
