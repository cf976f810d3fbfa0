--TEST--
Participa\Tally::count(): Equal Shares has a work budget: Add1 with a step tiny next to B/n is refused, not run 10^9 times
--EXTENSIONS--
participa
--SKIPIF--
<?php
// reaching the budget takes seconds natively, minutes under valgrind
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind');
?>
--FILE--
<?php
// 100 voters, each alone behind a project of 10^9; B = 10^10: b starts at
// 10^8 and Add1 raises it by 1 per run until the projects are affordable
$projects = [];
$ballots = [];
for ($i = 0; $i < 100; $i++) {
    $projects["p$i"] = 1000000000;
    $ballots[] = ["p$i"];
}
$opts = ['budget' => 10000000000, 'projects' => $projects];
try {
    Participa\Tally::count('pb_equal_shares', $ballots, $opts);
    echo "no exception\n";
} catch (Participa\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
// a step that fits the amounts: 10 runs, nothing affordable within B
$r = Participa\Tally::count('pb_equal_shares', $ballots, $opts + ['increment' => 100000000]);
echo $r->details['runs'], ' runs, ', count($r->winners), " funded\n";
$r = Participa\Tally::count('pb_equal_shares', $ballots, $opts + ['completion' => 'none']);
echo $r->details['runs'], ' run, ', count($r->winners), " funded\n";
?>
--EXPECTF--
pb_equal_shares: el conteo excede su límite de trabajo (1000000000 operaciones) tras %d ejecuciones; use un 'increment' mayor o completion 'none'
10 runs, 0 funded
1 run, 0 funded
