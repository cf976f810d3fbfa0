<?php
/*
 * Participatory processes: counting a million stored ballots, and casting.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d memory_limit=-1 -d extension=modules/participa.so \
 *       bench/processes.php [--ballots N] [--casts N] [--keep] [--main-so PATH] [--no-casts] [--db NAME]
 *
 * 1. Tally: N stored ballots (default 1,000,000) of a 10-candidate IRV
 *    process, generated straight into participa_ballot_box with multi-row
 *    INSERTs through mysqli (random receipts, random rankings of 1 to 10
 *    candidates), their segments' version rows written as casts would have
 *    (schema 016). Interleaved rounds (3; 7 with --main-so), the order
 *    turning each round, of:
 *    - "one change": one row's ballot changed as a change of vote writes it
 *      (the row and its segment's version, one transaction), then
 *      Process::tally() in a fresh worker: the stored summaries of the
 *      other segments, the rows of the changed one, the IRV count, the
 *      summary and the result stored; issue 17's target (<= 0.25 of the
 *      read) is printed against the floor;
 *    - "every segment changed": every segment's version moved (as a first
 *      count after the migration, or a write in each), then tally() in a
 *      fresh worker: every row read, every summary written;
 *    - "unchanged": the first fresh worker's second tally() (its cached
 *      count) and a live results();
 *    - the floor: the same rows read through mysqli (unbuffered) alone, then
 *      Participa\Tally::count() on those ballots in a PHP array, and the
 *      recount anyone can do from them (Tally::count() and digest version 2
 *      computed in PHP, untimed), which every count of the same box state
 *      must equal (winners and digest), with a last fresh count at the end;
 *    - with --main-so PATH (or PARTICIPA_MAIN_SO), main's tally() of a box
 *      just changed, in a fresh worker (its own digest version).
 *    --no-casts stops after this part.
 * 2. Casting: 2 concurrent PHP worker processes, each casting M ballots
 *    (default 2,000 each) through Process::cast() with durable commits
 *    (innodb_flush_log_at_trx_commit=1, one transaction per cast), next to 2
 *    workers doing a bare prepared INSERT of the same ballot-box row through
 *    mysqli (autocommit, one durable commit per row) into a table of the same
 *    shape. Rounds alternate cast / bare three times; medians are printed.
 *
 * Creates and drops database pt_bench_processes (--db NAME: pt_NAME; --keep leaves it).
 */
require __DIR__ . '/../tests/helpers/participa_test.php';

$dbName = getenv('PARTICIPA_BENCH_DB') ?: 'bench_processes';
foreach ($argv as $i => $a) {
    if ($a === '--db' && isset($argv[$i + 1])) $dbName = $argv[$i + 1];
}
putenv("PARTICIPA_BENCH_DB=$dbName");
define('BENCH_DB', 'pt_' . $dbName);

if (($argv[1] ?? '') === '--worker') {
    worker(array_slice($argv, 2));
    exit(0);
}
if (($argv[1] ?? '') === '--tally-child') {
    tally_child($argv[2], $argv[3] === 'again');
    exit(0);
}

$ballots = 1000000;
$casts = 2000;
$keep = in_array('--keep', $argv, true);
foreach ($argv as $i => $a) {
    if ($a === '--ballots' && isset($argv[$i + 1])) $ballots = max(1000, (int) $argv[$i + 1]);
    if ($a === '--casts' && isset($argv[$i + 1])) $casts = max(100, (int) $argv[$i + 1]);
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET (or PARTICIPA_TEST_DSN) to a MariaDB server\n");
    exit(2);
}

$cands = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10'];
$list = implode(', ', $cands);
$yaml = <<<Y
territories:
  - { id: municipio, name: Municipio }
roles:
  ciudadano: { can: [comment, vote] }
processes:
  - { id: irv-1m, title: IRV, kind: election, method: irv, candidates: [$list], secrecy: public, results_visibility: live,
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: cast, title: Casting, kind: poll, method: plurality, candidates: [$list],
      phases: { voting: [2020-01-01, 2099-12-31] } }
Y;
$config = participa_test_config($dbName, $yaml);
$site = Participa\Site::open($config);
$site->migrate();
$db = participa_test_admin(BENCH_DB);
$proc = $site->process('irv-1m');
$pid = (int) $db->query("SELECT id FROM participa_processes WHERE code = 'irv-1m'")->fetch_row()[0];

printf("participa processes benchmark (PHP %s, MariaDB %s)\n", PHP_VERSION, $db->server_info);
printf("innodb_flush_log_at_trx_commit = %s, sync_binlog = %s\n\n",
    $db->query("SELECT @@innodb_flush_log_at_trx_commit")->fetch_row()[0], $db->query("SELECT @@sync_binlog")->fetch_row()[0]);

// ---- 1. tally of N stored ballots -------------------------------------------------
$t = microtime(true);
mt_srand(2026);
$alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
$rows = [];
for ($i = 0; $i < $ballots; $i++) {
    $r = '';
    $bytes = random_bytes(26);
    for ($k = 0; $k < 26; $k++) $r .= $alphabet[ord($bytes[$k]) & 31];
    $c = $cands;
    shuffle($c);
    $rows[] = "($pid,'$r','" . implode('>', array_slice($c, 0, mt_rand(1, 10))) . "','web',1)";
    if (count($rows) === 5000) {
        $db->query("INSERT INTO participa_ballot_box (process_id, receipt, ballot, channel, version) VALUES " . implode(',', $rows));
        $rows = [];
    }
}
if ($rows) $db->query("INSERT INTO participa_ballot_box (process_id, receipt, ballot, channel, version) VALUES " . implode(',', $rows));
printf("generated %s ballots in %.1f s\n", number_format($ballots), microtime(true) - $t);

// warm the buffer pool the same way for everyone
$db->query("SELECT COUNT(*), SUM(LENGTH(ballot)) FROM participa_ballot_box WHERE process_id = $pid")->fetch_row();

// Every write of a box row moves its segment's version (schema 016: the receipt's first two characters);
// the generated rows above went in by hand, so the bench gives their segments the version rows a cast
// would have left. A "change" below is what a change of vote writes: one row's ballot and its segment.
$db->query("INSERT INTO participa_box_segments (process_id, segment, v) SELECT process_id, LEFT(receipt, 2), 1
    FROM participa_ballot_box WHERE process_id = $pid GROUP BY process_id, LEFT(receipt, 2) ON DUPLICATE KEY UPDATE v = v + 1");
$receipts = $db->query("SELECT receipt FROM participa_ballot_box WHERE process_id = $pid ORDER BY RAND() LIMIT 64")->fetch_all();
$changeOne = function (int $round) use ($db, $pid, $receipts, $cands): void {
    $c = $cands;
    shuffle($c);
    $r = $receipts[$round % count($receipts)][0];
    $db->begin_transaction();
    $db->query("UPDATE participa_ballot_box SET ballot = '" . implode('>', array_slice($c, 0, mt_rand(1, 10))) . "', version = version + 1
        WHERE process_id = $pid AND receipt = '$r'");
    $db->query("INSERT INTO participa_box_segments (process_id, segment, v) VALUES ($pid, LEFT('$r', 2), 1) ON DUPLICATE KEY UPDATE v = v + 1");
    $db->commit();
};
// every segment changed (as after a first count, or a write to each): every row read, every summary written
$changeAll = fn() => $db->query("UPDATE participa_box_segments SET v = v + 1 WHERE process_id = $pid");
$so = getenv('PARTICIPA_SO') ?: realpath(__DIR__ . '/../modules/participa.so');
$mainSo = getenv('PARTICIPA_MAIN_SO') ?: null;
foreach ($argv as $i => $a) {
    if ($a === '--main-so' && isset($argv[$i + 1])) $mainSo = $argv[$i + 1];
}
// Each count runs in a fresh worker (one PHP process, its own cache), timed inside it: this branch's
// extension, and main's (its row-by-row count) when --main-so names its build.
$tallyChild = function (string $ext, bool $again) use ($config): array {
    $cmd = [PHP_BINARY, '-d', 'memory_limit=-1', '-d', "extension=$ext", __FILE__, '--tally-child', $config, $again ? 'again' : 'once'];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $errs = stream_get_contents($pipes[2]);
    proc_close($p);
    $r = json_decode($out, true);
    if (!is_array($r)) {
        fwrite(STDERR, "tally worker failed: $out $errs\n");
        exit(1);
    }
    return $r;
};
// The recount anyone can do from the rows (as from the published export): Tally::count() and the digest,
// version 2 (docs/internals/recount-and-digest.md), computed here from the rows the floor read.
$recount = function (array $rows) use ($cands): array {
    $esc = fn(?string $s) => strtr((string) $s, ["\\" => "\\\\", "\t" => "\\t", "\n" => "\\n", "\r" => "\\r"]);
    $list = '';
    $seg = null;
    $n = 0;
    $h = null;
    foreach ($rows as $r) {
        $s = substr($r[0], 0, 2);
        if ($s !== $seg) {
            if ($h) $list .= $esc($seg) . "\t$n\t" . hash_final($h) . "\n";
            [$seg, $n, $h] = [$s, 0, hash_init('sha256')];
        }
        $n++;
        hash_update($h, $r[0] . "\t" . $esc($r[1]) . "\t" . $esc($r[2]) . "\t" . $esc($r[3]) . "\t" . $esc($r[4]) . "\n");
    }
    if ($h) $list .= $esc($seg) . "\t$n\t" . hash_final($h) . "\n";
    return ['digest' => hash('sha256', $list), 'winners' => Participa\Tally::count('irv', array_column($rows, 1), ['candidates' => $cands])->winners];
};
$times = ['changed' => [], 'all' => [], 'main' => [], 'unchanged' => [], 'read' => [], 'count' => []];
$rounds = $mainSo ? 7 : 3;
$paired = [];
$agree = true;
$mem = null;
$state = 0;          // ballots changed so far
$compared = 0;
for ($round = 0; $round < $rounds; $round++) {
    // interleaved, the order turning each round so that load drifts hit all alike
    $kinds = ['all', 'changed', 'read'];
    if ($mainSo) $kinds[] = 'main';
    for ($k = 0; $k < $round % count($kinds); $k++) $kinds[] = array_shift($kinds);
    $seen = [];
    foreach ($kinds as $which) {
        if ($which === 'read') {
            $t = microtime(true);
            $q = $db->query("SELECT receipt, ballot, role, reason, voter FROM participa_ballot_box WHERE process_id = $pid ORDER BY receipt", MYSQLI_USE_RESULT);
            $rows = [];
            while ($row = $q->fetch_row()) $rows[] = $row;
            $q->free();
            $times['read'][] = microtime(true) - $t;
            $t = microtime(true);
            $mem = Participa\Tally::count('irv', array_column($rows, 1), ['candidates' => $cands]);
            $times['count'][] = microtime(true) - $t;
            $want = $recount($rows);
            $rows = [];
            $seen[] = ['read', $state, $want];
            continue;
        }
        if ($which === 'all') {
            $changeAll();
        } else {
            $changeOne($round * 4 + count($seen));
            $state++;
        }
        $r = $tallyChild($which === 'main' ? $mainSo : $so, $which === 'changed');
        $times[$which][] = $r['first'];
        $seen[] = [$which, $state, ['digest' => $r['digest'], 'winners' => $r['winners']]];
        if ($which === 'changed') {
            // the same worker, the box unchanged: its cached count, and a live results()
            $times['unchanged'][] = $r['again'];
            $seen[] = ['unchanged', $state, ['digest' => $r['digest_again'], 'winners' => $r['winners_again']]];
        }
    }
    // every count of this round against the recount of the rows read in it, when no ballot changed between
    $read = array_values(array_filter($seen, fn($e) => $e[0] === 'read'))[0];
    foreach ($seen as [$which, $at, $got]) {
        if ($which !== 'read' && $which !== 'main' && $at === $read[1]) {
            $compared++;
            if ($got != $read[2]) $agree = false;
        }
    }
    if ($mainSo) $paired[] = end($times['changed']) / end($times['main']);
}
// a last check with no write in between: a fresh worker's count of the box as it is, and the recount of its rows
$last = $tallyChild($so, false);
$rows = $db->query("SELECT receipt, ballot, role, reason, voter FROM participa_ballot_box WHERE process_id = $pid ORDER BY receipt")->fetch_all();
$want = $recount($rows);
$rows = [];
$agree = $agree && $last['digest'] === $want['digest'] && $last['winners'] == $want['winners'];
$compared++;
$med = fn(array $a) => (sort($a) ? $a[intdiv(count($a), 2)] : 0);
$list3 = fn(array $a) => implode(', ', array_map(fn($x) => sprintf('%.3f', $x), $a));
$read = $med($times['read']);
printf("IRV, 10 candidates, %s stored ballots, %d segments (median of %d interleaved rounds; each count in a fresh worker):\n",
    number_format($ballots), (int) $db->query("SELECT COUNT(*) FROM participa_box_segments WHERE process_id = $pid")->fetch_row()[0], $rounds);
printf("  Process::tally(), one change since the last count     %6.3f s   (rounds: %s)\n", $med($times['changed']), $list3($times['changed']));
printf("  Process::tally(), every segment changed             %6.3f s   (rounds: %s)\n", $med($times['all']), $list3($times['all']));
if ($mainSo) {
    printf("  main's Process::tally() of the same box               %6.3f s   (rounds: %s)\n", $med($times['main']), $list3($times['main']));
} else {
    printf("  main's Process::tally(): not measured (--main-so PATH to a build of main)\n");
}
printf("  Process::tally(), box unchanged, the same worker      %6.3f s   (rounds: %s)\n", $med($times['unchanged']), $list3($times['unchanged']));
printf("  floor: mysqli unbuffered read of the same box rows    %6.3f s   (rounds: %s)\n", $read, $list3($times['read']));
printf("  baseline: Tally::count() on a PHP array              %6.3f s\n", $med($times['count']));
printf("  one change / read = %.3f (issue 17 target <= 0.25: %s); every segment changed / read = %.2f; unchanged / read = %.4f\n",
    $med($times['changed']) / $read, $med($times['changed']) / $read <= 0.25 ? 'met' : 'NOT met', $med($times['all']) / $read,
    $med($times['unchanged']) / $read);
printf("  same winners and digest (v2) as a recount of the same rows (%d counts compared): %s (winner %s, digest %s...)\n\n",
    $compared, $agree ? 'yes' : 'NO', $last['winners'][0], substr($last['digest'], 0, 12));

if (in_array('--no-casts', $argv, true)) {
    if (!$keep) participa_test_drop($dbName);
    exit(0);
}

// ---- 2. cast throughput, 2 workers -----------------------------------------------
$total = 4 * 3 * $casts;    // participants for every round of both kinds
$rows = [];
for ($i = 1; $i <= $total; $i++) {
    $rows[] = "('b:$i', 'municipio', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
    if (count($rows) === 5000 || $i === $total) {
        $db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES " . implode(',', $rows));
        $rows = [];
    }
}
$db->query("CREATE TABLE bare_ballot_box LIKE participa_ballot_box");
$rates = ['cast' => [], 'bare' => []];
$next = 1;
for ($round = 0; $round < 3; $round++) {
    foreach (['cast', 'bare'] as $kind) {
        $procs = [];
        $t = microtime(true);
        for ($w = 0; $w < 2; $w++) {
            $cmd = [PHP_BINARY, '-d', "extension=$so", __FILE__, '--worker', $kind, $config, (string) $next, (string) $casts];
            $next += $casts;
            $procs[] = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes[$w]);
        }
        $ok = 0;
        foreach ($procs as $w => $p) {
            $ok += (int) stream_get_contents($pipes[$w][1]);
            proc_close($p);
        }
        $elapsed = microtime(true) - $t;
        $rates[$kind][] = $ok / $elapsed;
        if ($ok !== 2 * $casts) printf("  (round %d %s: %d of %d succeeded)\n", $round, $kind, $ok, 2 * $casts);
    }
}
$cast = $med($rates['cast']);
$bare = $med($rates['bare']);
printf("casting with 2 concurrent workers, %s ballots per worker and round, durable commits (median of 3 rounds):\n", number_format($casts));
printf("  Process::cast()                        %7.0f ballots/s  (rounds: %s)\n", $cast, implode(', ', array_map(fn($r) => sprintf('%.0f', $r), $rates['cast'])));
printf("  bare prepared INSERT of the same row   %7.0f rows/s     (rounds: %s)\n", $bare, implode(', ', array_map(fn($r) => sprintf('%.0f', $r), $rates['bare'])));
printf("  participa / bare = %.2f (target >= 0.75: %s)\n", $cast / $bare, $cast / $bare >= 0.75 ? 'met' : 'NOT met');

if (!$keep) {
    participa_test_drop($dbName);
}

/* One worker's tally (timed here, without the process's start), then, with $again, the same box counted again. */
function tally_child(string $config, bool $again): void
{
    $p = Participa\Site::open($config)->process('irv-1m');
    $db = participa_test_admin(BENCH_DB);
    $digest = fn() => $db->query("SELECT r.digest FROM participa_results r JOIN participa_processes p ON p.id = r.process_id
        WHERE p.code = 'irv-1m' ORDER BY r.id DESC LIMIT 1")->fetch_row()[0];
    $t = microtime(true);
    $r = $p->tally();
    $out = ['first' => microtime(true) - $t, 'winners' => $r->winners, 'digest' => $digest()];
    if ($again) {
        $t = microtime(true);
        $r = $p->tally();
        $out['again'] = microtime(true) - $t;
        $out['winners_again'] = $r->winners;
        $out['digest_again'] = $p->results()['digest'];
    }
    echo json_encode($out);
}

function worker(array $args): void
{
    [$kind, $config, $from, $n] = $args;
    $from = (int) $from;
    $n = (int) $n;
    $cands = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10'];
    $ok = 0;
    if ($kind === 'cast') {
        $p = Participa\Site::open($config)->process('cast');
        for ($i = $from; $i < $from + $n; $i++) {
            $p->cast("b:$i", $cands[$i % 10]);
            $ok++;
        }
    } else {
        $db = participa_test_admin(BENCH_DB);
        $pid = (int) $db->query("SELECT id FROM participa_processes WHERE code = 'cast'")->fetch_row()[0];
        $st = $db->prepare("INSERT INTO bare_ballot_box (process_id, receipt, ballot, channel, version) VALUES (?, ?, ?, 'web', 1)");
        $alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
        for ($i = $from; $i < $from + $n; $i++) {
            $r = '';
            $bytes = random_bytes(26);
            for ($k = 0; $k < 26; $k++) $r .= $alphabet[ord($bytes[$k]) & 31];
            $ballot = $cands[$i % 10];
            $st->bind_param('iss', $pid, $r, $ballot);
            $st->execute();
            $ok++;
        }
    }
    echo $ok;
}
