--TEST--
Participa\Process::tally() and a live results(): the worker's cached count (reused while the box version is unchanged) equals a recount of the raw ballots after random casts, changes of vote, paper ballots and a worker killed mid-transaction
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_skip_without_db();
if (!function_exists('proc_open') || !function_exists('posix_kill')) echo "skip needs proc_open and posix\n";
?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$path = participa_test_config('process-count_cache-001', pt_proc_yaml(<<<P
  - { id: irv, title: IRV, kind: election, method: irv, territory: norte, vote_changes: true, secrecy: public,
      results_visibility: live, channels: [web, paper], candidates: [a, b, c, d, e], phases: { voting: [2020-01-01, 2099-12-31] } }
P));
$site = Participa\Site::open($path);
$site->migrate();
$cands = ['a', 'b', 'c', 'd', 'e'];
for ($i = 1; $i <= 60; $i++) $site->participants()->upsert("wp:$i", 'norte-1', ['ciudadano']);
$site->participants()->upsert('enlace:1', 'norte', ['enlace']);
$site->participants()->upsert('enlace:2', 'norte', ['enlace']);
$site->participants()->upsert('wp:killed', 'norte-1', ['ciudadano']);
$p = $site->process('irv');
$db = participa_test_admin('pt_process_count_cache_001');
$pid = pt_process_db_id($db, 'irv');
$version = fn() => (int) $db->query("SELECT COALESCE(SUM(v), 0) FROM participa_box_segments WHERE process_id = $pid")->fetch_row()[0];

// The recount anyone can do from the raw rows: Tally::count() over the box, the digest (version 2) over its
// lines: each segment's (the receipts' first two characters) hashed in receipt order, then the segments' list.
function recount(mysqli $db, int $pid, array $cands): array {
    $ballots = [];
    $segs = [];
    $esc = fn(?string $s) => strtr((string) $s, ["\\" => "\\\\", "\t" => "\\t", "\n" => "\\n", "\r" => "\\r"]);
    $q = $db->query("SELECT receipt, ballot, role, reason, voter FROM participa_ballot_box WHERE process_id = $pid ORDER BY receipt");
    while ($r = $q->fetch_row()) {
        $ballots[] = $r[1];
        $seg = substr($r[0], 0, 2);
        // (a segment of two digits, "23", is an integer key: ??= keeps it, a comparison with the string would not)
        $segs[$seg] ??= [0, ''];
        $segs[$seg][0]++;
        $segs[$seg][1] .= $r[0] . "\t" . $esc($r[1]) . "\t" . $esc($r[2]) . "\t" . $esc($r[3]) . "\t" . $esc($r[4]) . "\n";
    }
    $list = '';
    foreach ($segs as $seg => [$n, $lines]) $list .= $esc((string) $seg) . "\t$n\t" . hash('sha256', $lines) . "\n";
    $t = Participa\Tally::count('irv', $ballots, ['candidates' => $cands]);
    return ['winners' => $t->winners, 'ranking' => $t->ranking, 'details' => $t->details, 'tieBreaks' => $t->tieBreaks,
        'ballots' => count($ballots), 'digest' => hash('sha256', $list)];
}
function counted(Participa\Process $p): array {
    $t = $p->tally();
    $r = $p->results();
    // a live results() is the same count as the tally just before it
    $again = $p->results();
    unset($r['computed_at'], $again['computed_at']);
    if ($again != $r) echo "results() twice differ\n";
    $details = $t->details;
    // the stored count also reports spoiled ballots (none here); Tally::count() does not by default
    if ($details['spoiled'] !== ['count' => 0, 'weight' => 0]) echo "spoiled: ", json_encode($details['spoiled']), "\n";
    unset($details['spoiled']);
    return ['winners' => $t->winners, 'ranking' => $t->ranking, 'details' => $details, 'tieBreaks' => $t->tieBreaks,
        'ballots' => $r['ballots'], 'digest' => $r['digest']];
}
$bad = 0;
$checks = 0;
$unchanged = 0;
function check(string $what, array $got, array $want, int &$bad, int &$checks): void {
    $checks++;
    if ($got != $want) {
        $bad++;
        echo "$what: differs\n", json_encode($got), "\n", json_encode($want), "\n";
    }
}

mt_srand(17);
$voted = [];
for ($op = 0; $op < 240; $op++) {
    $who = 'wp:' . mt_rand(1, 60);
    $c = $cands;
    shuffle($c);
    $ballot = implode('>', array_slice($c, 0, mt_rand(1, 5)));
    if (mt_rand(0, 9) === 0) $ballot = $c[0];          // some identical ballots
    $r = $p->cast($who, $ballot);
    $voted[$who] = true;
    if ($op % 20 === 19) {
        $want = recount($db, $pid, $cands);
        $v = $version();
        check("after $op writes, box changed", counted($p), $want, $bad, $checks);
        // unchanged box: the second count comes from this worker's cache and must be the same
        check("after $op writes, box unchanged", counted($p), $want, $bad, $checks);
        $unchanged += $version() === $v;
    }
}
echo "voters: ", count($voted), ", changes of vote among the writes: ", 240 - count($voted) > 0 ? 'yes' : 'no', "\n";

// paper ballots move the version too
$v = $version();
$p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea', 'acta-1', ['a>b', 'c', 'a>b']);
$p->enterPaperBatch('enlace:2', 'lote-1', 'asamblea', 'acta-1', ['a>b', 'c', 'a>b']);
echo "paper batch moved the version: ", $version() > $v ? 'yes' : 'no', "\n";
$want = recount($db, $pid, $cands);
check("after the paper batch", counted($p), $want, $bad, $checks);
check("after the paper batch, unchanged", counted($p), $want, $bad, $checks);

// a worker killed in the middle of a cast's transaction: its box row and its version bump roll back together
// (every segment's row exists, so the cast waits on one whichever its receipt)
$alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
for ($s = 0; $s < 32; $s++) {
    $db->query("INSERT IGNORE INTO participa_box_segments (process_id, segment, v) VALUES "
        . implode(',', array_map(fn($t) => "($pid, '{$alphabet[$s]}{$alphabet[$t]}', 0)", range(0, 31))));
}
$v = $version();
$box = fn() => (int) $db->query("SELECT COUNT(*) FROM participa_ballot_box WHERE process_id = $pid")->fetch_row()[0];
$boxBefore = $box();
$lock = participa_test_admin('pt_process_count_cache_001');
$lock->begin_transaction();
$lock->query("SELECT * FROM participa_box_segments WHERE process_id = $pid FOR UPDATE")->fetch_all();
// The client-side transaction (participa.cast_fast_path=0): a one-round-trip CALL, once the server
// runs it, goes to its end like any single statement, so a worker killed during it leaves its
// ballot stored whole (a replay of its key returns the receipt).
$child = pt_child([$path, 'irv', 'cast', 'wp:killed', 'e>d'], ['participa.cast_fast_path' => '0']);
// the cast has written its rows and waits on the version row: kill it there
echo "worker waiting inside its transaction: ", pt_wait_until(fn() => pt_lock_waits($db) > 0, [$child]) ? 'yes' : 'no', "\n";
$status = proc_get_status($child[0]);
// proc_open runs the command through a shell only for a string; participa_test_php_command gives an array
posix_kill($status['pid'], SIGKILL);
$res = pt_child_result($child);
if (!str_contains(json_encode($res), "no output")) echo "child: ", json_encode($res), "\n";
$lock->commit();
// the server rolls the dead connection's transaction back; wait until it has
pt_wait_until(fn() => (int) $db->query("SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST l
    ON l.ID = t.trx_mysql_thread_id WHERE l.DB = DATABASE() AND t.trx_mysql_thread_id <> CONNECTION_ID()")->fetch_row()[0] === 0, []);
echo "after the kill: box unchanged: ", $box() === $boxBefore ? 'yes' : 'no', ", version unchanged: ", $version() === $v ? 'yes' : 'no',
    ", wp:killed has no voter row: ", $db->query("SELECT COUNT(*) FROM participa_voters WHERE participant_id = 'wp:killed'")->fetch_row()[0] == 0 ? 'yes' : 'no', "\n";
$want = recount($db, $pid, $cands);
check("after the kill", counted($p), $want, $bad, $checks);
// the same participant casts again, for real
$p->cast('wp:killed', 'e>d');
check("after the retried cast", counted($p), recount($db, $pid, $cands), $bad, $checks);
// another worker's writes (a cast and a change of vote) reach this worker's cache through the version
check("before another worker's writes", counted($p), recount($db, $pid, $cands), $bad, $checks);
foreach ([['wp:killed', 'a'], ['wp:1', 'b>a']] as [$who, $ballot]) {
    $r = pt_child_result(pt_child([$path, 'irv', 'cast', $who, $ballot]));
    if (!isset($r['ok']['receipt'])) echo "child cast: ", json_encode($r), "\n";
}
check("after another worker's writes", counted($p), recount($db, $pid, $cands), $bad, $checks);

// ballots changed behind participa's back are not seen until the version moves (documented): the version is the
// contract, and this shows the unchanged-box counts above came from the cache, not from the rows
$before = recount($db, $pid, $cands);
check("cached before the hand edit", counted($p), $before, $bad, $checks);
$db->query("UPDATE participa_ballot_box SET ballot = 'e' WHERE process_id = $pid AND channel = 'web'");
$edited = recount($db, $pid, $cands);
echo "the hand edit changed the recount: ", $edited != $before ? 'yes' : 'no', "\n";
check("hand edit, version unchanged: the cached count", counted($p), $before, $bad, $checks);
// a write moves the version of every segment it touched (schema 016)
$db->query("INSERT INTO participa_box_segments (process_id, segment, v) SELECT process_id, LEFT(receipt, 2), 1
    FROM participa_ballot_box WHERE process_id = $pid AND channel = 'web' GROUP BY process_id, LEFT(receipt, 2)
    ON DUPLICATE KEY UPDATE v = v + 1");
check("hand edit, version moved: a recount", counted($p), $edited, $bad, $checks);
echo "counts compared: $checks, differing: $bad, unchanged-box counts: $unchanged\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-count_cache-001'); ?>
--EXPECT--
voters: 59, changes of vote among the writes: yes
paper batch moved the version: yes
worker waiting inside its transaction: yes
after the kill: box unchanged: yes, version unchanged: yes, wp:killed has no voter row: yes
the hand edit changed the recount: yes
counts compared: 33, differing: 0, unchanged-box counts: 12
