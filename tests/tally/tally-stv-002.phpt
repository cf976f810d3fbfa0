--TEST--
Participa\Tally::count(): STV with Meek transfers and with the Hare quota
--EXTENSIONS--
participa
--FILE--
<?php
$ballots = [
    ['weight' => 4, 'ballot' => 'Oranges'],
    ['weight' => 2, 'ballot' => 'Pears>Oranges'],
    ['weight' => 8, 'ballot' => 'Chocolate>Strawberries'],
    ['weight' => 4, 'ballot' => 'Chocolate>Hamburgers'],
    ['weight' => 1, 'ballot' => 'Strawberries'],
    ['weight' => 1, 'ballot' => 'Hamburgers'],
];
$r = Participa\Tally::count('stv', $ballots, ['seats' => 3, 'transfer' => 'meek']);
echo implode(', ', $r->winners), "\n";
$first = $r->details['stages'][0];
printf("%s keep(Chocolate)=%.9f quota=%.9f\n", $first['action'], $first['keep_factors']['Chocolate'], $first['quota']);
$r = Participa\Tally::count('stv', $ballots, ['seats' => 3, 'quota' => 'hare']);
echo implode(', ', $r->winners), ' quota ', $r->details['quota'], "\n";
// more seats than candidates: all elected
echo implode(', ', Participa\Tally::count('stv', ['A>B', 'B'], ['seats' => 5])->winners), "\n";
?>
--EXPECTF--
Chocolate, Strawberries, Oranges
exclusion keep(Chocolate)=0.%d quota=4.%d
Chocolate, Oranges, Strawberries quota %s
A, B
