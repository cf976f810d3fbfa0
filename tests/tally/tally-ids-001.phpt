--TEST--
Participa\Tally::count(): candidate ids follow the one id rule (strict UTF-8, no controls, no blanks at either end, at most 191 bytes); results stay JSON-ready
--EXTENSIONS--
participa
--FILE--
<?php
function attempt(callable $f) {
    try {
        $r = $f();
        echo 'ok ', json_encode($r->toArray()['winners'], JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
foreach (["\xff\xfe", "A\0B", "A\tB", str_repeat('x', 192), "\u{200B}A"] as $bad) {
    attempt(fn() => Participa\Tally::count('plurality', ['B', $bad]));
    attempt(fn() => Participa\Tally::count('approval', [['B', $bad]]));
}
attempt(fn() => Participa\Tally::count('approval', [['A ']]));
attempt(fn() => Participa\Tally::count('plurality', ['A'], ['candidates' => ['A', "B\xc3"]]));
attempt(fn() => Participa\Tally::count('pb_greedy', [['a']], ['budget' => 5, 'projects' => ['a' => 1, ' b' => 2]]));
// an unknown id that breaks the rule is never quoted back
attempt(fn() => Participa\Tally::count('plurality', ["Z\xff"], ['candidates' => ['A']]));
// ordinary ids, accents and all, are unchanged
attempt(fn() => Participa\Tally::count('irv', ['Peña Nieto>José María', 'José María', 'Peña Nieto', 'Peña Nieto']));
attempt(fn() => Participa\Tally::count('plurality', [str_repeat('á', 95), 'B']));
?>
--EXPECT--
Participa\InvalidArgumentException: boleta 1: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 0: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 1: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 0: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 1: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 0: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 1: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 0: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 1: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 0: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
Participa\InvalidArgumentException: boleta 0: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
ValueError: Participa\Tally::count(): Argument #3 ($options) option candidates: an id must be 1 to 191 bytes of UTF-8, without control characters or blanks at either end
ValueError: Participa\Tally::count(): Argument #3 ($options) candidates: an id must be 1 to 191 bytes of UTF-8, without control characters or blanks at either end
Participa\InvalidArgumentException: boleta 0: candidato no válido (de 1 a 191 bytes de UTF-8, sin caracteres de control ni espacios en los extremos)
ok ["Peña Nieto"]
ok ["ááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááááá"]
