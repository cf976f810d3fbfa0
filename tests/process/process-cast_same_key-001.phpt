--TEST--
Participa\Process::cast(): two concurrent requests with the same idempotency key get the same receipt, whether or not votes may change (issue 13, item 1)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
// Deterministic: the test holds the key row the first request is about to
// write, so that request stops inside its transaction after writing the
// voter row; the twin request (same participant, same key) then waits for
// that voter row. When the test lets go, the first commits and the twin
// loses the race on the voter row's key: it must answer with the first
// request's receipt, not "Ya emitiste tu voto" nor a change of the vote.
require __DIR__ . '/process_test.inc';
$name = 'process-cast_same_key-001';
$site = pt_proc_site($name, <<<P
  - { id: fija, title: Sin cambios, kind: election, method: plurality, candidates: [a, b],
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: cambio, title: Con cambios, kind: election, method: plurality, candidates: [a, b], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$config = sys_get_temp_dir() . "/participa-test-$name.yaml";
$site->participants()->upsert('wp:1', 'norte', ['ciudadano']);
$db = participa_test_admin('pt_process_cast_same_key_001');
$obs = participa_test_admin('pt_process_cast_same_key_001');
$q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
$show = fn(array $r) => isset($r['ok'])
    ? "ok v{$r['ok']['version']}" . ($r['ok']['replayed'] ? ' replayed' : '') . ($r['ok']['changed'] ? ' changed' : '')
    : "{$r['error']}: {$r['message']}";
foreach (['fija', 'cambio'] as $code) {
    echo "-- $code\n";
    $p = $site->process($code);
    $pid = pt_process_db_id($db, $code);
    $db->begin_transaction();
    $db->query("INSERT INTO participa_cast_keys (process_id, participant_id, idem_key, receipt, version, created_at)
        VALUES ($pid, 'wp:1', 'req-1', NULL, 0, UTC_TIMESTAMP(6))");
    // the client-side transaction, whose order this part pins down (participa.cast_fast_path=0)
    $full = ['participa.cast_fast_path' => '0'];
    $first = pt_child([$config, $code, 'cast', 'wp:1', 'a', 'req-1'], $full);
    echo "first request stopped at its key: ", pt_wait_until(fn() => pt_lock_waits($obs) >= 1, [$first]) ? 'yes' : 'no', "\n";
    $twin = pt_child([$config, $code, 'cast', 'wp:1', 'b', 'req-1'], $full);
    echo "twin waits for the first: ", pt_wait_until(fn() => pt_lock_waits($obs) >= 2, [$twin]) ? 'yes' : 'no', "\n";
    $db->rollback();
    $a = pt_child_result($first);
    $b = pt_child_result($twin);
    echo "first: ", $show($a), "\n";
    echo "twin: ", $show($b), "\n";
    echo "same receipt: ", isset($a['ok'], $b['ok']) && $a['ok']['receipt'] === $b['ok']['receipt'] ? 'yes' : 'no', "\n";
    echo "voters ", $q("SELECT COUNT(*) FROM participa_voters WHERE process_id = $pid"),
        ", ballots ", $q("SELECT COUNT(*) FROM participa_ballot_box WHERE process_id = $pid"),
        ", stored ", $q("SELECT GROUP_CONCAT(ballot) FROM participa_ballot_box WHERE process_id = $pid"), "\n";
    // and a later retry, sequential, answers the same way
    echo "retry: ", $show(['ok' => $p->cast('wp:1', 'b', ['idempotency_key' => 'req-1'])]), "\n";
    // The one-round-trip CALL (the default): both requests wait on the held key row, and which
    // one the server lets through first is its choice; that one stores its ballot, the other
    // answers with its receipt.
    $site->participants()->upsert('wp:2', 'norte', ['ciudadano']);
    $db->begin_transaction();
    $db->query("INSERT INTO participa_cast_keys (process_id, participant_id, idem_key, receipt, version, created_at)
        VALUES ($pid, 'wp:2', 'req-2', NULL, 0, UTC_TIMESTAMP(6))");
    $waits = pt_lock_waits($obs);
    $one = pt_child([$config, $code, 'cast', 'wp:2', 'a', 'req-2']);
    pt_wait_until(fn() => pt_lock_waits($obs) >= $waits + 1, [$one]);
    $two = pt_child([$config, $code, 'cast', 'wp:2', 'b', 'req-2']);
    pt_wait_until(fn() => pt_lock_waits($obs) >= $waits + 2, [$two]);
    $db->rollback();
    $a = pt_child_result($one);
    $b = pt_child_result($two);
    $same = isset($a['ok'], $b['ok']) && $a['ok']['receipt'] === $b['ok']['receipt'];
    $won = $same && $a['ok']['replayed'] !== $b['ok']['replayed'] ? ($a['ok']['replayed'] ? 'b' : 'a') : null;
    $stored = $q("SELECT GROUP_CONCAT(ballot) FROM participa_ballot_box WHERE process_id = $pid AND receipt = '"
        . ($same ? $a['ok']['receipt'] : '') . "'");
    // On a loaded machine (valgrind) a request may wait on the held row longer than the client's read
    // timeout: it asks again on a new connection while the server finishes its first CALL, and so both
    // answer as replays of the one stored ballot. That is right too, and only then allowed.
    $timedOut = $same && !$won && $a['ok']['replayed'] && $b['ok']['replayed'] && max($a['connects'], $b['connects']) > 1;
    echo "one round trip: both ok with the same receipt: ", $same ? 'yes' : 'no: ' . $show($a) . ' / ' . $show($b),
        ", voters ", $q("SELECT COUNT(*) FROM participa_voters WHERE process_id = $pid AND participant_id = 'wp:2'"),
        ", one ballot stored, by the request not replayed: ",
        ($won && $stored === $won) || ($timedOut && in_array($stored, ['a', 'b'], true)) ? 'yes' : 'no: ' . $show($a) . ' / ' . $show($b) . " stored $stored", "\n";
}
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-cast_same_key-001'); ?>
--EXPECT--
-- fija
first request stopped at its key: yes
twin waits for the first: yes
first: ok v1
twin: ok v1 replayed
same receipt: yes
voters 1, ballots 1, stored a
retry: ok v1 replayed
one round trip: both ok with the same receipt: yes, voters 1, one ballot stored, by the request not replayed: yes
-- cambio
first request stopped at its key: yes
twin waits for the first: yes
first: ok v1
twin: ok v1 replayed
same receipt: yes
voters 1, ballots 1, stored a
retry: ok v1 replayed
one round trip: both ok with the same receipt: yes, voters 1, one ballot stored, by the request not replayed: yes
