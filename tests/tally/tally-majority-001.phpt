--TEST--
Participa\Tally::count(): majority with simple, absolute and two-thirds thresholds and a quorum
--EXTENSIONS--
participa
--FILE--
<?php
$ballots = array_merge(array_fill(0, 6, 'yes'), array_fill(0, 3, 'no'), ['abstain'],
    [['weight' => 2, 'ballot' => ['stance' => 'disagree']]]);
foreach ([
    [],
    ['threshold' => '2/3'],
    ['threshold' => '2/3', 'base' => 'present'],
    ['threshold' => 'absolute', 'eligible' => 13],
    ['threshold' => 'absolute', 'eligible' => 11],
    ['quorum' => '0.5', 'eligible' => 30],
] as $o) {
    $r = Participa\Tally::count('majority', $ballots, $o);
    printf("%-45s %-9s yes=%d no=%d abstain=%d\n", json_encode($o), $r->details['outcome'],
        $r->details['yes'], $r->details['no'], $r->details['abstain']);
}
?>
--EXPECT--
[]                                            approved  yes=6 no=5 abstain=1
{"threshold":"2\/3"}                          rejected  yes=6 no=5 abstain=1
{"threshold":"2\/3","base":"present"}         rejected  yes=6 no=5 abstain=1
{"threshold":"absolute","eligible":13}        rejected  yes=6 no=5 abstain=1
{"threshold":"absolute","eligible":11}        approved  yes=6 no=5 abstain=1
{"quorum":"0.5","eligible":30}                no_quorum yes=6 no=5 abstain=1
