--TEST--
Participa\Process: a process closes itself once its voting phase ends (first call, Process::closeDue()); close($by) records who closed it (issue 13, item 1)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$name = 'process-schedule-001';
$processes = <<<P
  - { id: sec-a, title: A, kind: election, method: plurality, candidates: [a, b], vote_changes: true,
      phases: { voting: VOTING_A } }
  - { id: sec-b, title: B, kind: election, method: plurality, candidates: [a, b], vote_changes: true,
      phases: { voting: VOTING_B } }
  - { id: sec-c, title: C, kind: election, method: plurality, candidates: [a, b], vote_changes: true,
      phases: { voting: VOTING_C } }
  - { id: early, title: E, kind: election, method: plurality, candidates: [a, b], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
P;
// the same site at three moments: the voting phases of A, B and C end one after another
$at = fn(string $a, string $b, string $c) => str_replace(['VOTING_A', 'VOTING_B', 'VOTING_C'], [$a, $b, $c], $processes);
$site = pt_proc_site($name, $at(PT_OPEN, PT_OPEN, PT_OPEN));
$v1 = file_get_contents(sys_get_temp_dir() . "/participa-test-$name.yaml");
$later = fn(string $tag, string $text) => participa_test_yaml("$name-$tag", str_replace($at(PT_OPEN, PT_OPEN, PT_OPEN), $text, $v1));
$db = participa_test_admin('pt_process_schedule_001');
$q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
$links = fn(string $code) => $q("SELECT COUNT(*) FROM participa_voters v JOIN participa_processes p ON p.id = v.process_id
    WHERE p.code = '$code' AND v.ballot_ref IS NOT NULL");
$pp = $site->participants();
foreach (['sec-a', 'sec-b', 'sec-c', 'early'] as $code) {
    $p = $site->process($code);
    foreach ([1, 2, 3] as $i) {
        $pp->upsert("wp:$i", 'norte', ['ciudadano']);
        $p->cast("wp:$i", $i % 2 ? 'a' : 'b');
    }
}
$state = function (Participa\Process $p): string {
    $i = $p->info();
    return "{$i['state']}, closed_by " . var_export($i['closed_by'], true) . ", how " . var_export($i['closed_how'], true)
        . ", sealed " . var_export($i['sealed'], true) . ", closed_at " . ($i['closed_at'] ? 'set' : 'null');
};
echo "-- all open: sec-a ", $state($site->process('sec-a')), "; links ", $links('sec-a'), "\n";

echo "-- closed early by an official\n";
$e = $site->process('early');
$e->close('of:1');
echo "early: ", $state($e), "; links ", $links('early'), "\n";
$e->close('of:2');   // already closed: the first close stands
echo "early again: ", $state($site->process('early')), "\n";
pt_try(fn() => $e->close(" of:3"));

echo "-- the voting phase of A ended: the first call closes it\n";
$site2 = Participa\Site::open($later('v2', $at(PT_PAST, PT_PAST, PT_OPEN)));
echo "links of sec-a before the call: ", $links('sec-a'), "\n";
$a = $site2->process('sec-a');
echo "sec-a: ", $state($a), "; links ", $links('sec-a'), "\n";
pt_try(fn() => $a->cast('wp:1', 'b'));
echo "sec-a result: ", $a->results()['ballots'], " ballots\n";

echo "-- Process::closeDue(): B's phase ended too\n";
foreach (Participa\Process::closeDue($site2) as $row) {
    echo "{$row['process']}: closed now ", var_export($row['closed_now'], true), ", {$row['closed_how']}, sealed ",
        var_export($row['sealed'], true), "\n";
}
echo "links of sec-b: ", $links('sec-b'), "; again: ", count(Participa\Process::closeDue($site2)), " changed\n";

echo "-- C is still open: ", $state(Participa\Site::open($later('v3', $at(PT_PAST, PT_PAST, PT_OPEN)))->process('sec-c')), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_drop('process-schedule-001');
@unlink(sys_get_temp_dir() . '/participa-test-process-schedule-001-v2.yaml');
@unlink(sys_get_temp_dir() . '/participa-test-process-schedule-001-v3.yaml');
?>
--EXPECT--
-- all open: sec-a voting, closed_by NULL, how NULL, sealed false, closed_at null; links 3
-- closed early by an official
early: closed, closed_by 'of:1', how 'call', sealed true, closed_at set; links 0
early again: closed, closed_by 'of:1', how 'call', sealed true, closed_at set
Participa\InvalidArgumentException: El identificador de quien cierra el proceso no es válido: empieza con un espacio.
-- the voting phase of A ended: the first call closes it
links of sec-a before the call: 3
sec-a: closed, closed_by NULL, how 'schedule', sealed true, closed_at set; links 0
Participa\NotAllowedException: La votación de este proceso ya cerró.
sec-a result: 3 ballots
-- Process::closeDue(): B's phase ended too
sec-b: closed now true, schedule, sealed true
links of sec-b: 0; again: 0 changed
-- C is still open: voting, closed_by NULL, how NULL, sealed false, closed_at null
