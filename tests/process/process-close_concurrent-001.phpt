--TEST--
Participa\Process::close(): a cast in flight when close() starts either commits first and is unlinked, or is refused; no link survives (issue 13, item 1)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
// Deterministic: the test itself holds the idempotency-key row the cast is
// about to write, so the cast stops after writing its voter row and its
// ballot, inside its transaction. close() then starts in another process.
// With casts holding the process row shared and close() taking it
// exclusively, close() waits for the cast; at READ COMMITTED without those
// locks, close() commits around the uncommitted voter row and the link
// written by the cast survives the close.
require __DIR__ . '/process_test.inc';
$name = 'process-close_concurrent-001';
$site = pt_proc_site($name, <<<P
  - { id: sec, title: Secreta, kind: election, method: plurality, candidates: [a, b], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$config = sys_get_temp_dir() . "/participa-test-$name.yaml";
$pp = $site->participants();
$pp->upsert('wp:1', 'norte', ['ciudadano']);
$pp->upsert('wp:2', 'norte', ['ciudadano']);
$p = $site->process('sec');
$p->cast('wp:2', 'b');
$db = participa_test_admin('pt_process_close_concurrent_001');
$obs = participa_test_admin('pt_process_close_concurrent_001');
$q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
$pid = pt_process_db_id($db, 'sec');

$db->begin_transaction();
$db->query("INSERT INTO participa_cast_keys (process_id, participant_id, idem_key, receipt, version, created_at)
    VALUES ($pid, 'wp:1', 'k1', NULL, 0, UTC_TIMESTAMP(6))");
$cast = pt_child([$config, 'sec', 'cast', 'wp:1', 'a', 'k1']);
echo "cast stopped at its key: ", pt_wait_until(fn() => pt_lock_waits($obs) >= 1, [$cast]) ? 'yes' : 'no', "\n";
$close = pt_child([$config, 'sec', 'close', 'of:1']);
// close() must wait (for the process row, or for the tables it rewrites) while the cast is open
echo "close waits for the cast in flight: ",
    pt_wait_until(fn() => pt_lock_waits($obs) >= 2 || pt_mdl_waits($obs) >= 1, [$close]) ? 'yes' : 'no', "\n";
$db->rollback();
$c = pt_child_result($cast);
$x = pt_child_result($close);
echo "cast: ", isset($c['ok']) ? "ok v{$c['ok']['version']}" : "{$c['error']}: {$c['message']}", "\n";
echo "close: ", isset($x['ok']) ? "{$x['ok']['state']} by {$x['ok']['closed_by']} ({$x['ok']['closed_how']})" : "{$x['error']}: {$x['message']}", "\n";
echo "voter receipts left: ", $q("SELECT COUNT(*) FROM participa_voters WHERE ballot_ref IS NOT NULL"), "\n";
echo "key receipts left: ", $q("SELECT COUNT(*) FROM participa_cast_keys WHERE receipt IS NOT NULL"), "\n";
echo "voters ", $q("SELECT COUNT(*) FROM participa_voters"), ", ballots ", $q("SELECT COUNT(*) FROM participa_ballot_box"), "\n";
if (isset($c['ok'])) {
    echo "its receipt verifies: ", $site->process('sec')->verifyReceipt($c['ok']['receipt'])['ballot'], "\n";
}
// a cast after the close is refused, and writes nothing
$late = pt_child_result(pt_child([$config, 'sec', 'cast', 'wp:1', 'b', 'k2']));
echo "late cast: {$late['error']}: {$late['message']}\n";
echo "voters ", $q("SELECT COUNT(*) FROM participa_voters"), ", ballots ", $q("SELECT COUNT(*) FROM participa_ballot_box"), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-close_concurrent-001'); ?>
--EXPECT--
cast stopped at its key: yes
close waits for the cast in flight: yes
cast: ok v1
close: closed by of:1 (call)
voter receipts left: 0
key receipts left: 0
voters 2, ballots 2
its receipt verifies: a
late cast: Participa\NotAllowedException: La votación de este proceso ya cerró.
voters 2, ballots 2
