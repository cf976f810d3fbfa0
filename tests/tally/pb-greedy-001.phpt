--TEST--
Tally::count('pb_greedy'): greedy by approvals funds exactly what Warszawa-Zacisze funded
--EXTENSIONS--
participa
--SKIPIF--
<?php
$dir = (getenv('PARTICIPA_SHARED_DIR') ?: __DIR__ . '/../../../shared') . '/data/pabulib';
if (!is_file("$dir/Poland_Warszawa_2019_Zacisze.pb")) die('skip shared/data/pabulib not found');
?>
--FILE--
<?php
$dir = (getenv('PARTICIPA_SHARED_DIR') ?: __DIR__ . '/../../../shared') . '/data/pabulib';
$d = Participa\Pabulib::read("$dir/Poland_Warszawa_2019_Zacisze.pb");
$projects = array_map(fn($p) => $p['cost'], $d['projects']);
$ballots = array_values(array_map(fn($v) => $v['vote'], $d['votes']));
$r = Participa\Tally::count('pb_greedy', $ballots, ['budget' => (int)$d['meta']['budget'], 'projects' => $projects]);
$city = array_map('strval', array_keys(array_filter($d['projects'], fn($p) => $p['selected'] === '1')));
var_dump(array_map('strval', $r->winners) === $city);   // same projects, in ranking order
echo implode(',', $r->winners), "\n";
// skip = false stops at the first project that does not fit
$r = Participa\Tally::count('pb_greedy', $ballots, ['budget' => 200000, 'projects' => $projects, 'skip' => false]);
echo implode(',', $r->winners), "\n";
$r = Participa\Tally::count('pb_greedy', $ballots, ['budget' => 200000, 'projects' => $projects]);
echo implode(',', $r->winners), "\n";
?>
--EXPECT--
bool(true)
826,2071,1288,1285,844,2167,1521,2171,837,2249,1269,830
826,2071,1288,1285
826,2071,1288,1285,2249
