--TEST--
Participa\Tally::count(): Equal Shares has a work budget: Add1 with a step tiny next to B/n stops at the bound, keeps the last run that fitted and says so (not 10^9 runs)
--EXTENSIONS--
participa
--SKIPIF--
<?php
// reaching the bound takes a second or two natively, minutes under valgrind
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind');
?>
--FILE--
<?php
// 100 voters, each alone behind a project of 10^9, and a cheap project
// everybody approves; B = 10^10: b starts at 10^8 and Add1 raises it by 1
// per run until the big projects are affordable (about 9x10^8 runs)
$projects = ['cheap' => 100];
$ballots = [];
for ($i = 0; $i < 100; $i++) {
    $projects["p$i"] = 1000000000;
    $ballots[] = ["p$i", 'cheap'];
}
$opts = ['budget' => 10000000000, 'projects' => $projects];
$r = Participa\Tally::count('pb_equal_shares', $ballots, $opts);
printf("%s; stopped %s by %s after %s runs\n", implode(',', $r->winners), var_export($r->details['completion_stopped'], true),
    $r->details['completion_stopped_by'], $r->details['runs'] > 1000 ? 'more than 1000' : $r->details['runs']);
var_dump($r->details['per_voter_budget'] > 100000000);
// a step that fits the amounts: Add1 ends by its own rule
$r = Participa\Tally::count('pb_equal_shares', $ballots, $opts + ['increment' => 100000000]);
printf("%s; stopped %s after %d runs\n", implode(',', $r->winners), var_export($r->details['completion_stopped'], true), $r->details['runs']);
$r = Participa\Tally::count('pb_equal_shares', $ballots, $opts + ['completion' => 'none']);
printf("%s; stopped %s after %d run\n", implode(',', $r->winners), var_export($r->details['completion_stopped'], true), $r->details['runs']);
?>
--EXPECT--
cheap; stopped true by work_limit after more than 1000 runs
bool(true)
cheap; stopped false after 11 runs
cheap; stopped false after 1 run
