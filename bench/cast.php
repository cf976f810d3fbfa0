<?php
/*
 * Casting a ballot: Process::cast() through 2 concurrent worker processes
 * against a bare prepared INSERT of the same ballot-box row, durable commits.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d extension=modules/participa.so \
 *       bench/cast.php [--casts N] [--blocks B] [--workers W] [--full] [--keep]
 *
 * The process is a secret plurality poll for the whole municipality (a tree
 * of 13 directorates, 130 colonias and 1,300 blocks; every participant lives
 * in a block, so the residence rule is checked on every cast; the YAML has
 * roles without a vote, so the stored roles are read too). Each block of
 * the run is one measurement of each kind, the order turning from block to
 * block:
 *   cast  2 workers (--workers W), each casting N ballots (default 250) of N participants
 *         who have not voted, through Process::cast() (the one-round-trip
 *         procedure of schema 011 unless -d participa.cast_fast_path=0);
 *   bare  2 workers, each doing N prepared INSERTs of the same box row
 *         (process, random receipt, ballot, 'web', 1) through mysqli into a
 *         table of the same shape, autocommit: one durable commit per row.
 *   full  (with --full) as cast, with participa.cast_fast_path=0: the
 *         client-side transaction of five round trips, for comparison.
 *   call  (with --full) 2 workers, each sending through mysqli the very CALL
 *         of participa_cast_ballot that Process::cast() sends (the same
 *         parameters: a participant who has not voted, a random receipt):
 *         the procedure's own cost, without participa's client work.
 *   writes (with --full) 2 workers, each CALLing a procedure that only writes
 *         what a cast writes (the voters row, the box row, the version of
 *         the receipt's segment, schema 016) into tables of the same
 *         shapes in one transaction, with no check and nothing read: what
 *         the three writes alone cost against the one row of the bare
 *         INSERT, the gap no check can close.
 * Workers are started and connected first and released together, so the
 * time is the casts' alone. Durable commits: the server's
 * innodb_flush_log_at_trx_commit = 1 (the default; printed, and warned
 * about otherwise). Printed: the rate of each kind per block, the overall ratio
 * (all casts over their time / all rows over theirs), the median of the
 * per-block ratios, the target (>= 0.75), the round trips of a cast (from
 * Site::stats()) and the load average before and after.
 *
 * Creates and drops database pt_bench_cast (--keep leaves it).
 */
require __DIR__ . '/../tests/helpers/participa_test.php';

$cands = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10'];

if (($argv[1] ?? '') === '--worker') {
    worker(array_slice($argv, 2), $cands);
    exit(0);
}

$casts = 250;
$blocks = 12;
$workers = 2;
$full = false;
$keep = in_array('--keep', $argv, true);
foreach ($argv as $i => $a) {
    if ($a === '--casts' && isset($argv[$i + 1])) $casts = max(50, (int) $argv[$i + 1]);
    if ($a === '--blocks' && isset($argv[$i + 1])) $blocks = max(2, (int) $argv[$i + 1]);
    if ($a === '--workers' && isset($argv[$i + 1])) $workers = max(1, (int) $argv[$i + 1]);
    if ($a === '--full') $full = true;
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET (or PARTICIPA_TEST_DSN) to a MariaDB server\n");
    exit(2);
}

// a municipality: 13 directorates > 10 colonias > 10 blocks
$tree = "territories:\n  - id: municipio\n    name: Municipio\n    children:\n";
$blocksIds = [];
for ($d = 1; $d <= 13; $d++) {
    $tree .= "      - id: dt-$d\n        name: Dirección $d\n        children:\n";
    for ($c = 1; $c <= 10; $c++) {
        $kids = [];
        for ($m = 1; $m <= 10; $m++) {
            $blocksIds[] = "mz-$d-$c-$m";
            $kids[] = "{ id: mz-$d-$c-$m, name: Manzana $m }";
        }
        $tree .= "          - { id: col-$d-$c, name: Colonia $d-$c, children: [" . implode(', ', $kids) . "] }\n";
    }
}
$list = implode(', ', $cands);
$yaml = $tree . <<<Y
roles:
  ciudadano: { can: [comment, vote] }
  funcionario: { can: [comment, answer] }
  moderador: { can: [moderate] }
processes:
  - { id: cast, title: Casting, kind: poll, method: plurality, candidates: [$list], territory: municipio,
      phases: { voting: [2020-01-01, 2099-12-31] } }
Y;
$config = participa_test_config('bench_cast', $yaml);
$site = Participa\Site::open($config);
$site->migrate();
$db = participa_test_admin('pt_bench_cast');
if ($db->query("SELECT @@innodb_flush_log_at_trx_commit")->fetch_row()[0] !== '1') {
    fwrite(STDERR, "warning: innodb_flush_log_at_trx_commit is not 1: commits are not durable\n");
}
$load0 = sys_getloadavg();
printf("participa cast benchmark (PHP %s, MariaDB %s)\n", PHP_VERSION, $db->server_info);
printf("innodb_flush_log_at_trx_commit = %s, sync_binlog = %s, log_bin = %s, participa.cast_fast_path = %s\n",
    $db->query("SELECT @@innodb_flush_log_at_trx_commit")->fetch_row()[0], $db->query("SELECT @@sync_binlog")->fetch_row()[0],
    $db->query("SELECT @@log_bin")->fetch_row()[0], ini_get('participa.cast_fast_path'));
printf("load average before: %.2f %.2f %.2f\n\n", ...$load0);

// participants for every cast of the run, one in each block in turn
$kinds = $full ? ['cast', 'bare', 'full', 'call', 'writes'] : ['cast', 'bare'];
$total = ($full ? 3 : 1) * $workers * $blocks * $casts + 2;
$rows = [];
for ($i = 0; $i < $total; $i++) {
    $rows[] = "('b:$i', '" . $blocksIds[$i % count($blocksIds)] . "', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
    if (count($rows) === 5000 || $i === $total - 1) {
        $db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES " . implode(',', $rows));
        $rows = [];
    }
}
$db->query("CREATE TABLE bare_ballot_box LIKE participa_ballot_box");
$db->query("CREATE TABLE writes_ballot_box LIKE participa_ballot_box");
$db->query("CREATE TABLE writes_voters LIKE participa_voters");
$db->query("CREATE TABLE writes_box_segments LIKE participa_box_segments");
$db->query("CREATE PROCEDURE bench_cast_writes(IN p_process BIGINT UNSIGNED, IN p_voter VARCHAR(191), IN p_receipt CHAR(26), "
    . "IN p_ballot VARCHAR(8000)) MODIFIES SQL DATA BEGIN START TRANSACTION; "
    . "INSERT INTO writes_voters (process_id, participant_id, voted_at, ballot_ref) VALUES (p_process, p_voter, UTC_TIMESTAMP(6), NULL); "
    . "INSERT INTO writes_ballot_box (process_id, receipt, ballot, role, reason, voter, channel, version) "
    . "VALUES (p_process, p_receipt, p_ballot, NULL, NULL, NULL, 'web', 1); "
    . "INSERT INTO writes_box_segments (process_id, segment, v) VALUES (p_process, LEFT(p_receipt, 2), 1) ON DUPLICATE KEY UPDATE v = v + 1; "
    . "COMMIT; END");
// one cast before the clock: the first one writes the territory tree's copy
$p = $site->process('cast');
$e = Participa\Site::stats()['db_executes'];
$p->cast('b:0', 'c01');
$warm = Participa\Site::stats()['db_executes'] - $e;
$e = Participa\Site::stats()['db_executes'];
$p->cast('b:1', 'c02');
$trips = Participa\Site::stats()['db_executes'] - $e;
printf("statements sent by one cast: %d (the first cast of a new territory tree: %d)\n\n", $trips, $warm);

$so = getenv('PARTICIPA_SO') ?: realpath(__DIR__ . '/../modules/participa.so');
$fast = ini_get('participa.cast_fast_path');
$next = 2;
$rate = $sum = [];
foreach ($kinds as $k) {
    $rate[$k] = [];
    $sum[$k] = [0, 0.0];
}
printf("%-6s %12s %12s %8s%s\n", 'block', 'cast /s', 'bare /s', 'ratio',
    $full ? sprintf(" %12s %8s %10s %6s %10s %6s", 'full path /s', 'ratio', 'call /s', 'ratio', 'writes /s', 'ratio') : '');
for ($b = 0; $b < $blocks; $b++) {
    // each kind first, last and in between in turn
    $order = $kinds;
    for ($r = 0; $r < $b % count($kinds); $r++) $order[] = array_shift($order);
    if (intdiv($b, count($kinds)) % 2) $order = array_reverse($order);
    foreach ($order as $kind) {
        [$ok, $elapsed] = run_block($kind, $so, $kind === 'full' ? '0' : $fast, $config, $next, $casts, $workers);
        if ($kind === 'cast' || $kind === 'full' || $kind === 'call') $next += $workers * $casts;
        if ($ok !== $workers * $casts) printf("  (block %d %s: %d of %d succeeded)\n", $b, $kind, $ok, $workers * $casts);
        $rate[$kind][$b] = $ok / $elapsed;
        $sum[$kind][0] += $ok;
        $sum[$kind][1] += $elapsed;
    }
    printf("%-6d %12.0f %12.0f %8.2f%s\n", $b, $rate['cast'][$b], $rate['bare'][$b], $rate['cast'][$b] / $rate['bare'][$b],
        $full ? sprintf(" %12.0f %8.2f %10.0f %6.2f %10.0f %6.2f", $rate['full'][$b], $rate['full'][$b] / $rate['bare'][$b],
            $rate['call'][$b], $rate['call'][$b] / $rate['bare'][$b], $rate['writes'][$b], $rate['writes'][$b] / $rate['bare'][$b]) : '');
}
$median = function (array $a): float {
    sort($a);
    $n = count($a);
    return $n % 2 ? $a[intdiv($n, 2)] : ($a[$n / 2 - 1] + $a[$n / 2]) / 2;
};
$ratios = array_map(fn($c, $r) => $c / $r, $rate['cast'], $rate['bare']);
$overall = ($sum['cast'][0] / $sum['cast'][1]) / ($sum['bare'][0] / $sum['bare'][1]);
$med = $median($ratios);
printf("\n%d workers x %s per block, %d blocks, durable commits:\n", $workers, number_format($casts), $blocks);
printf("  Process::cast()                         %7.0f ballots/s overall\n", $sum['cast'][0] / $sum['cast'][1]);
printf("  floor: bare prepared INSERT of the row  %7.0f rows/s overall\n", $sum['bare'][0] / $sum['bare'][1]);
printf("  cast / bare: overall %.2f, median of blocks %.2f (min %.2f, max %.2f); target >= 0.75: %s\n",
    $overall, $med, min($ratios), max($ratios), $overall >= 0.75 && $med >= 0.75 ? 'met' : 'NOT met');
if ($full) {
    $fr = array_map(fn($c, $r) => $c / $r, $rate['full'], $rate['bare']);
    printf("  the full path (participa.cast_fast_path=0): %.0f ballots/s, / bare: overall %.2f, median of blocks %.2f\n",
        $sum['full'][0] / $sum['full'][1], ($sum['full'][0] / $sum['full'][1]) / ($sum['bare'][0] / $sum['bare'][1]), $median($fr));
    $cr = array_map(fn($c, $r) => $c / $r, $rate['call'], $rate['bare']);
    $co = ($sum['call'][0] / $sum['call'][1]) / ($sum['bare'][0] / $sum['bare'][1]);
    printf("  the procedure's CALL alone through mysqli: %.0f/s, / bare: overall %.2f, median of blocks %.2f\n",
        $sum['call'][0] / $sum['call'][1], $co, $median($cr));
    $wr = array_map(fn($c, $r) => $c / $r, $rate['writes'], $rate['bare']);
    $wo = ($sum['writes'][0] / $sum['writes'][1]) / ($sum['bare'][0] / $sum['bare'][1]);
    printf("  the writes alone (three rows, one CALL, no check): %.0f/s, / bare: overall %.2f, median of blocks %.2f\n",
        $sum['writes'][0] / $sum['writes'][1], $wo, $median($wr));
    printf("  cast / the writes alone: overall %.2f (what the checks and reads cost on top of the writes)\n", $overall / $wo);
}
printf("load average after: %.2f %.2f %.2f\n", ...sys_getloadavg());

// every cast stored once, each in one voters row and one box row
$pid = (int) $db->query("SELECT id FROM participa_processes WHERE code = 'cast'")->fetch_row()[0];
$voters = (int) $db->query("SELECT COUNT(*) FROM participa_voters WHERE process_id = $pid")->fetch_row()[0];
$box = (int) $db->query("SELECT COUNT(*) FROM participa_ballot_box WHERE process_id = $pid")->fetch_row()[0];
printf("stored: %d voters, %d ballots (expected %d each)\n", $voters, $box, $next);

if (!$keep) {
    participa_test_drop('bench_cast');
}

/** Starts $workers workers of $kind, releases them together; [succeeded, seconds]. */
function run_block(string $kind, string $so, string $fast, string $config, int $from, int $n, int $workers): array
{
    $procs = $pipes = [];
    for ($w = 0; $w < $workers; $w++) {
        $cmd = [PHP_BINARY, '-d', "extension=$so", '-d', "participa.cast_fast_path=$fast", __FILE__, '--worker', $kind,
            $config, (string) ($from + $w * $n), (string) $n];
        $procs[$w] = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes[$w]);
    }
    foreach ($pipes as $p) {
        if (trim((string) fgets($p[1])) !== 'ready') {
            fwrite(STDERR, "a $kind worker did not start\n");
            exit(1);
        }
    }
    $t = microtime(true);
    foreach ($pipes as $p) {
        fwrite($p[0], "go\n");
        fflush($p[0]);
    }
    $ok = 0;
    foreach ($procs as $w => $proc) {
        $ok += (int) stream_get_contents($pipes[$w][1]);
    }
    $elapsed = microtime(true) - $t;
    foreach ($procs as $w => $proc) {
        fclose($pipes[$w][0]);
        fclose($pipes[$w][1]);
        proc_close($proc);
    }
    return [$ok, $elapsed];
}

function worker(array $args, array $cands): void
{
    [$kind, $config, $from, $n] = $args;
    $from = (int) $from;
    $n = (int) $n;
    $ok = 0;
    $alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
    if ($kind === 'cast' || $kind === 'full') {
        $p = Participa\Site::open($config)->process('cast');
        $p->status();   // connected before the clock
        echo "ready\n";
        fgets(STDIN);
        for ($i = $from; $i < $from + $n; $i++) {
            try {
                $p->cast("b:$i", $cands[$i % 10]);
                $ok++;
            } catch (Participa\Exception $e) {
                fwrite(STDERR, "b:$i: " . $e->getMessage() . "\n");
            }
        }
    } else {
        $db = participa_test_admin('pt_bench_cast');
        $pid = (int) $db->query("SELECT id FROM participa_processes WHERE code = 'cast'")->fetch_row()[0];
        $writes = $kind === 'writes';
        $call = $kind === 'call';
        if ($call) {
            // the parameters Process::cast() sends for this process (its territory's copy, the roles without a vote)
            [$tree, $lo, $hi] = $db->query("SELECT tree, pre, post FROM participa_territory_marks WHERE territory_id = 'municipio'")->fetch_row();
            $roles = 'funcionario,moderador';
        }
        $st = $writes ? $db->prepare("CALL bench_cast_writes(?, ?, ?, ?)")
            : ($call ? $db->prepare("CALL participa_cast_ballot(?, 0, NULL, 1, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)") : $db->prepare("INSERT INTO bare_ballot_box (process_id, receipt, ballot, role, reason, voter, channel, version) "
            . "VALUES (?, ?, ?, NULL, NULL, NULL, 'web', 1)"));
        echo "ready\n";
        fgets(STDIN);
        for ($i = $from; $i < $from + $n; $i++) {
            $r = '';
            $bytes = random_bytes(26);
            for ($k = 0; $k < 26; $k++) $r .= $alphabet[ord($bytes[$k]) & 31];
            $ballot = $cands[$i % 10];
            if ($call) {
                $voter = "b:$i";
                $st->bind_param('sssiiiss', $voter, $roles, $tree, $lo, $hi, $pid, $r, $ballot);
            } elseif ($writes) {
                $voter = "w:$r";   // unique as the receipt (the blocks of this kind reuse numbers)
                $st->bind_param('isss', $pid, $voter, $r, $ballot);
            } else {
                $st->bind_param('iss', $pid, $r, $ballot);
            }
            $st->execute();
            if ($call) {
                // a refusal answers a row (SELECT 0): only a CALL without one stored a ballot
                $res = $st->get_result();
                while ($st->more_results()) {
                    $st->next_result();
                }
                if ($res !== false) {
                    continue;
                }
            }
            $ok++;
        }
    }
    echo $ok;
}
