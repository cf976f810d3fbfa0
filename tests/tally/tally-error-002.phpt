--TEST--
Participa\Tally::count(): unknown methods and bad options are ValueError / TypeError
--EXTENSIONS--
participa
--FILE--
<?php
$tries = [
    fn() => Participa\Tally::count('condorcet', []),
    fn() => Participa\Tally::count('schulze', [], ['sets' => 2]),
    fn() => Participa\Tally::count('stv', [], ['seats' => 0]),
    fn() => Participa\Tally::count('stv', [], ['seats' => '3']),
    fn() => Participa\Tally::count('stv', [], ['quota' => 'imperiali']),
    fn() => Participa\Tally::count('majority', [], ['threshold' => 'most']),
    fn() => Participa\Tally::count('score', [], ['min' => 5, 'max' => 1]),
    fn() => Participa\Tally::count('schulze', [], ['candidates' => ['A', 'A']]),
    fn() => Participa\Tally::count('pb_greedy', [['p1']], ['budget' => 10]),
    fn() => Participa\Tally::count('majority', ['yes'], ['threshold' => 'absolute']),
    fn() => new Participa\Tally(),
];
foreach ($tries as $f) {
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
ValueError: Participa\Tally::count(): Argument #1 ($method) must be a known tally method, "condorcet" given
ValueError: Participa\Tally::count(): Argument #3 ($options) contains an unknown option "sets"
ValueError: Participa\Tally::count(): Argument #3 ($options) option "seats" must be between 1 and 65535
TypeError: Participa\Tally::count(): Argument #3 ($options) option "seats" must be of type int, string given
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quota" has an unknown value
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "min" must not be greater than "max"
ValueError: Participa\Tally::count(): Argument #3 ($options) option candidates: 'A' is given twice
ValueError: Participa\Tally::count(): Argument #3 ($options) must contain "projects" (id => cost) for pb_greedy
Participa\InvalidArgumentException: majority: este umbral necesita la opción 'eligible' (cuántas personas pueden votar)
Error: Call to private Participa\Tally::__construct() from global scope
