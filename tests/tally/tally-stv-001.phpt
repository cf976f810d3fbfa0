--TEST--
Participa\Tally::count(): STV (WIGM, Droop) on the Wikipedia food election, with a surplus transfer
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
$r = Participa\Tally::count('stv', $ballots, ['seats' => 3]);
echo implode(', ', $r->winners), "\n";
echo 'quota ', $r->details['quota'], "\n";
foreach ($r->details['stages'] as $s) {
    printf("%d %-17s %-13s tv=%-4s votes=%s elected=%s exhausted=%s\n", $s['stage'], $s['action'],
        $s['candidate'] ?? '-', $s['transfer_value'] ?? '-', json_encode($s['votes']),
        implode(',', $s['elected']), $s['exhausted'] ?? '-');
}
var_dump(count($r->winners) === 3, $r->tieBreaks);
?>
--EXPECT--
Chocolate, Oranges, Strawberries
quota 6
1 first preferences -             tv=-    votes={"Oranges":4,"Pears":2,"Chocolate":12,"Strawberries":1,"Hamburgers":1} elected=Chocolate exhausted=0
2 surplus           Chocolate     tv=0.5  votes={"Oranges":4,"Pears":2,"Chocolate":6,"Strawberries":5,"Hamburgers":3} elected= exhausted=0
3 exclusion         Pears         tv=-    votes={"Oranges":6,"Chocolate":6,"Strawberries":5,"Hamburgers":3} elected=Oranges exhausted=0
4 exclusion         Hamburgers    tv=-    votes={"Oranges":6,"Chocolate":6,"Strawberries":5} elected= exhausted=3
5 remaining elected -             tv=-    votes={"Oranges":6,"Chocolate":6,"Strawberries":5} elected=Strawberries exhausted=-
bool(true)
array(0) {
}
