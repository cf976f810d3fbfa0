--TEST--
Participa\Process::cast(): 4 processes cast for the same 2,000 participants with retries and vote changes; one ballot each, none lost
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
const N = 2000;
$site = pt_proc_site('process-cast_concurrent-001', <<<P
  - { id: irv, title: IRV, kind: election, method: irv, territory: norte, candidates: [a, b, c, d, e],
      vote_changes: true, phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$db = participa_test_admin('pt_process_cast_concurrent_001');
$rows = [];
$roles = [];
for ($i = 1; $i <= N; $i++) {
    $rows[] = "('wp:$i', 'norte-1', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
    $roles[] = "('wp:$i', 'ciudadano', 'api', UTC_TIMESTAMP(6))";
}
$db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES " . implode(',', $rows));
$db->query("INSERT INTO participa_participant_roles (participant_id, role, source, created_at) VALUES " . implode(',', $roles));
$p = $site->process('irv');

$config = participa_test_yaml('process-cast_concurrent-001', file_get_contents(sys_get_temp_dir() . '/participa-test-process-cast_concurrent-001.yaml'));
$logs = [];
$procs = [];
for ($w = 1; $w <= 4; $w++) {
    $logs[$w] = sys_get_temp_dir() . "/process-cast_concurrent-001-$w-" . getmypid() . ".log";
    @unlink($logs[$w]);
    $cmd = participa_test_php_command([__DIR__ . '/cast_worker.inc', $config, 'irv', (string) $w, '1', (string) N, $logs[$w], '20']);
    $procs[$w] = proc_open($cmd, [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
}
foreach ($procs as $proc) proc_close($proc);

$acks = 0; $errors = []; $last = []; $replays = 0; $bad_replays = 0; $seen = [];
foreach ($logs as $log) {
    foreach (file($log, FILE_IGNORE_NEW_LINES) as $line) {
        $f = explode(' ', $line);
        if ($f[0] === 'err') { $errors[] = $line; continue; }
        [, $who, $version, $ballot, $receipt, $replayed] = $f;
        $acks++;
        if ($replayed) {
            $replays++;
            // a replay answers exactly as the first acknowledgement of that request did
            if (!isset($seen["$who $receipt $version"])) $bad_replays++;
            continue;
        }
        $seen["$who $receipt $version"] = true;
        if (!isset($last[$who]) || $last[$who]['version'] < (int) $version) {
            $last[$who] = ['version' => (int) $version, 'ballot' => $ballot, 'receipt' => $receipt];
        } elseif ($last[$who]['version'] === (int) $version) {
            echo "two acknowledgements with version $version for $who\n";
        }
        @unlink($log);
    }
    @unlink($log);
}
echo "errors: ", count($errors), ($errors ? " e.g. " . $errors[0] : ""), "\n";
echo "acknowledged: ", $acks > 4 * N ? "more than " . 4 * N : $acks, "; replays consistent: ", $bad_replays === 0 ? 'yes' : "no ($bad_replays)", "\n";
$q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
echo "voters: ", $q("SELECT COUNT(*) FROM participa_voters"), ", distinct: ", $q("SELECT COUNT(DISTINCT participant_id) FROM participa_voters"), "\n";
echo "ballots: ", $q("SELECT COUNT(*) FROM participa_ballot_box"), ", participants acknowledged: ", count($last), "\n";
$stored = [];
foreach ($db->query("SELECT v.participant_id, b.ballot, b.version, b.receipt FROM participa_voters v JOIN participa_ballot_box b ON b.receipt = v.ballot_ref")->fetch_all() as [$who, $ballot, $version, $receipt]) {
    $stored[$who] = [$ballot, (int) $version, $receipt];
}
$mismatch = 0;
foreach ($last as $who => $l) {
    if (($stored[$who] ?? null) !== [$l['ballot'], $l['version'], $l['receipt']]) $mismatch++;
}
echo "stored ballot = last acknowledged ballot for every participant: ", $mismatch === 0 && count($stored) === N ? 'yes' : "no ($mismatch)", "\n";
$changes = array_sum(array_map(fn($l) => $l['version'] - 1, $last));
echo "versions kept = changes acknowledged: ", (int) $q("SELECT COUNT(*) FROM participa_ballot_versions") === $changes && $changes > 0 ? 'yes' : 'no', "\n";
$expected = Participa\Tally::count('irv', array_column($last, 'ballot'), ['candidates' => ['a', 'b', 'c', 'd', 'e']]);
$p->close();   // a secret count is read after close (and close keeps every ballot)
$got = $p->tally();
echo "tally = tally of the last acknowledged ballots: ", json_encode([$got->winners, $got->ranking, $got->details['rounds']]) === json_encode([$expected->winners, $expected->ranking, $expected->details['rounds']]) ? 'yes' : 'no', "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-cast_concurrent-001'); ?>
--EXPECT--
errors: 0
acknowledged: more than 8000; replays consistent: yes
voters: 2000, distinct: 2000
ballots: 2000, participants acknowledged: 2000
stored ballot = last acknowledged ballot for every participant: yes
versions kept = changes acknowledged: yes
tally = tally of the last acknowledged ballots: yes
