<?php
/*
 * San Luis Potosí's size (shared/seeds/003): 284 citizen-board elections generated from one
 * template (`for_each: { kind: demarcacion }`), 35,000 voters casting across them from 4
 * workers, then the 284 boards closed and counted, and the summary across them.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d extension=modules/participa.so \
 *       bench/territories.php [--voters N] [--boards B] [--workers W] [--blocks K] [--keep]
 *
 * Each voter lives in one demarcation (voter i in board i % B) and casts once in their own
 * board's secret plurality election (three candidates proposed in that demarcation and one
 * blank option of the template). The casts are split into K blocks; each block is measured
 * against its floor in the same run, the order turning from block to block:
 *   cast  W workers, each casting its share of the block through Process::cast() (the residence
 *         rule checked on every cast: only the board's residents may vote in it);
 *   bare  W workers, each doing the same number of prepared INSERTs of the same box row
 *         (process, random receipt, ballot, 'web', 1) through mysqli into a table of the same
 *         shape, autocommit: one durable commit per row.
 * Then, also interleaved (R rounds): the count of all B boards (Process::tally() on each, after
 * close()) against its floor, the same ballot rows read through mysqli (one SELECT per board
 * of its box rows, fetched into PHP, counted with a PHP array); and Site::processTemplate().
 * Printed: casts/s and rows/s per block, the ratios, close time for all boards, count time
 * (first and repeated) against the read floor, the summary's time, the load average.
 *
 * Creates and drops database pt_tt_bench_territories (--keep leaves it).
 */
require __DIR__ . '/../tests/helpers/participa_test.php';

if (($argv[1] ?? '') === '--worker') {
    worker(array_slice($argv, 2));
    exit(0);
}

$voters = 35000;
$boards = 284;
$workers = 4;
$blocks = 7;
$rounds = 3;
$keep = in_array('--keep', $argv, true);
foreach ($argv as $i => $a) {
    if ($a === '--voters' && isset($argv[$i + 1])) $voters = max(100, (int) $argv[$i + 1]);
    if ($a === '--boards' && isset($argv[$i + 1])) $boards = max(2, (int) $argv[$i + 1]);
    if ($a === '--workers' && isset($argv[$i + 1])) $workers = max(1, (int) $argv[$i + 1]);
    if ($a === '--blocks' && isset($argv[$i + 1])) $blocks = max(1, (int) $argv[$i + 1]);
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET (or PARTICIPA_TEST_DSN) to a MariaDB server\n");
    exit(2);
}

// the municipality: 284 demarcations in 4 zones, each with three candidates of its own
$tree = "territories:\n  - id: slp\n    name: San Luis Potosí\n    children:\n";
$cands = '';
for ($z = 1; $z <= 4; $z++) {
    $tree .= "      - id: zona-$z\n        name: Zona $z\n        children:\n";
    for ($d = $z - 1; $d < $boards; $d += 4) {
        $id = sprintf('d-%03d', $d);
        $tree .= "          - { id: $id, name: Demarcación $d, kind: demarcacion }\n";
        for ($c = 1; $c <= 3; $c++) {
            $cands .= "      - { id: $id-c$c, name: Planilla $c, territory: $id }\n";
        }
    }
}
$yaml = $tree . <<<Y
roles:
  ciudadano: { can: [comment, vote] }
  funcionario: { can: [comment, answer] }
processes:
  - id: jpc
    title: Junta de Participación Ciudadana de {territory}
    for_each: { kind: demarcacion, within: slp }
    kind: election
    method: plurality
    phases: { voting: [2020-01-01, 2099-12-31] }
    candidates:
$cands      - { id: blanco, name: En blanco }
Y;
$t0 = microtime(true);
$config = participa_test_config('tt_bench_territories', $yaml);
$site = Participa\Site::open($config);
$tOpen = microtime(true) - $t0;
$site->migrate();
$db = participa_test_admin('pt_tt_bench_territories');
$load0 = sys_getloadavg();
printf("participa territories benchmark (PHP %s, MariaDB %s), innodb_flush_log_at_trx_commit = %s\n", PHP_VERSION,
    $db->server_info, $db->query("SELECT @@innodb_flush_log_at_trx_commit")->fetch_row()[0]);
printf("%d boards from one template (YAML %d KB, parsed and validated in %.1f ms), %s voters, %d workers, %d blocks\n",
    $boards, intdiv(strlen($yaml), 1024), $tOpen * 1000, number_format($voters), $workers, $blocks);
printf("load average before: %.2f %.2f %.2f\n\n", ...$load0);

$rows = [];
for ($i = 0; $i < $voters; $i++) {
    $rows[] = sprintf("('v:%d', 'd-%03d', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", $i, $i % $boards);
    if (count($rows) === 5000 || $i === $voters - 1) {
        $db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES " . implode(',', $rows));
        $rows = [];
    }
}
$db->query("CREATE TABLE bare_ballot_box LIKE participa_ballot_box");
// every board's row, and the territory tree's copy, before the clock
for ($d = 0; $d < $boards; $d++) {
    $site->process(sprintf('jpc.d-%03d', $d))->status();
}

$so = getenv('PARTICIPA_SO') ?: realpath(__DIR__ . '/../modules/participa.so');
$per = intdiv($voters, $blocks * $workers);
$rate = ['cast' => [], 'bare' => []];
$sum = ['cast' => [0, 0.0], 'bare' => [0, 0.0]];
$next = 0;
printf("%-6s %10s %10s %7s\n", 'block', 'cast /s', 'bare /s', 'ratio');
for ($b = 0; $b < $blocks; $b++) {
    $n = $b === $blocks - 1 ? intdiv($voters - $next, $workers) : $per;
    foreach ($b % 2 ? ['bare', 'cast'] : ['cast', 'bare'] as $kind) {
        [$ok, $el] = run_block($kind, $so, $config, $next, $n, $workers, $boards);
        if ($ok !== $workers * $n) printf("  (block %d %s: %d of %d succeeded)\n", $b, $kind, $ok, $workers * $n);
        $rate[$kind][$b] = $ok / $el;
        $sum[$kind][0] += $ok;
        $sum[$kind][1] += $el;
    }
    $next += $workers * $n;
    printf("%-6d %10.0f %10.0f %7.2f\n", $b, $rate['cast'][$b], $rate['bare'][$b], $rate['cast'][$b] / $rate['bare'][$b]);
}
$cRate = $sum['cast'][0] / $sum['cast'][1];
$bRate = $sum['bare'][0] / $sum['bare'][1];
printf("\ncasting: %s ballots across %d boards by %d workers: %.0f ballots/s (%.1f s); floor, bare INSERT of the row: "
    . "%.0f rows/s; cast / bare %.2f\n", number_format($sum['cast'][0]), $boards, $workers, $cRate, $sum['cast'][1], $bRate,
    $cRate / $bRate);

// close every board (unlink the secret ballots, seal), then count them all against reading the rows
$t = microtime(true);
for ($d = 0; $d < $boards; $d++) {
    $site->process(sprintf('jpc.d-%03d', $d))->close();
}
$tClose = microtime(true) - $t;
$pids = [];
foreach ($db->query("SELECT id FROM participa_processes WHERE code LIKE 'jpc.%'") as $r) $pids[] = (int) $r['id'];
$count = $read = [];
$winners = 0;
for ($r = 0; $r < $rounds; $r++) {
    foreach ($r % 2 ? ['read', 'count'] : ['count', 'read'] as $kind) {
        $t = microtime(true);
        if ($kind === 'count') {
            $winners = 0;
            for ($d = 0; $d < $boards; $d++) {
                $winners += count($site->process(sprintf('jpc.d-%03d', $d))->tally()->winners);
            }
            $count[] = microtime(true) - $t;
        } else {
            $st = $db->prepare("SELECT ballot FROM participa_ballot_box WHERE process_id = ?");
            $seen = 0;
            foreach ($pids as $pid) {
                $st->bind_param('i', $pid);
                $st->execute();
                $tally = [];
                foreach ($st->get_result()->fetch_all() as [$ballot]) {
                    $tally[$ballot] = ($tally[$ballot] ?? 0) + 1;
                    $seen++;
                }
            }
            $read[] = microtime(true) - $t;
        }
    }
}
$t = microtime(true);
$s = $site->processTemplate('jpc');
$tSum = microtime(true) - $t;
printf("close all %d boards: %.2f s (%.1f ms each)\n", $boards, $tClose, $tClose * 1000 / $boards);
printf("count all %d boards (Process::tally() each): first %.2f s, then %s s; floor, the same %s rows read through "
    . "mysqli: %s s; count / read (first, best) %.2f, %.2f\n", $boards, $count[0],
    implode(', ', array_map(fn($x) => sprintf('%.2f', $x), array_slice($count, 1))), number_format($seen),
    implode(', ', array_map(fn($x) => sprintf('%.2f', $x), $read)), $count[0] / min($read), min($count) / min($read));
printf("Site::processTemplate('jpc'): %.1f ms for %d boards: %s voters of %s residents, %d closed, %d counted, %d winners\n",
    $tSum * 1000, $s['totals']['processes'], number_format($s['totals']['voters']), number_format($s['totals']['residents']),
    $s['totals']['closed'], $s['totals']['counted'], $winners);
printf("load average after: %.2f %.2f %.2f\n", ...sys_getloadavg());
$box = (int) $db->query("SELECT COUNT(*) FROM participa_ballot_box WHERE process_id IN (" . implode(',', $pids) . ")")->fetch_row()[0];
printf("stored: %d ballots (expected %d); summary voters %d\n", $box, $sum['cast'][0], $s['totals']['voters']);
if (!$keep) {
    participa_test_drop('tt_bench_territories');
}

/** Starts $workers workers of $kind, releases them together; [succeeded, seconds]. */
function run_block(string $kind, string $so, string $config, int $from, int $n, int $workers, int $boards): array
{
    $procs = $pipes = [];
    for ($w = 0; $w < $workers; $w++) {
        $cmd = [PHP_BINARY, '-d', "extension=$so", __FILE__, '--worker', $kind, $config, (string) ($from + $w * $n),
            (string) $n, (string) $boards];
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

function worker(array $args): void
{
    [$kind, $config, $from, $n, $boards] = $args;
    [$from, $n, $boards] = [(int) $from, (int) $n, (int) $boards];
    $ok = 0;
    $alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
    if ($kind === 'cast') {
        $site = Participa\Site::open($config);
        $ps = [];
        for ($i = $from; $i < $from + $n; $i++) {   // the boards this worker casts in, opened before the clock
            $d = $i % $boards;
            $ps[$d] ??= $site->process(sprintf('jpc.d-%03d', $d));
        }
        echo "ready\n";
        fgets(STDIN);
        for ($i = $from; $i < $from + $n; $i++) {
            $d = $i % $boards;
            try {
                $ps[$d]->cast("v:$i", $i % 7 === 0 ? 'blanco' : sprintf('d-%03d-c%d', $d, 1 + $i % 3));
                $ok++;
            } catch (Participa\Exception $e) {
                fwrite(STDERR, "v:$i: " . $e->getMessage() . "\n");
            }
        }
    } else {
        $db = participa_test_admin('pt_tt_bench_territories');
        $pid = (int) $db->query("SELECT id FROM participa_processes WHERE code = 'jpc.d-000'")->fetch_row()[0];
        $st = $db->prepare("INSERT INTO bare_ballot_box (process_id, receipt, ballot, role, reason, voter, channel, version) "
            . "VALUES (?, ?, ?, NULL, NULL, NULL, 'web', 1)");
        echo "ready\n";
        fgets(STDIN);
        for ($i = $from; $i < $from + $n; $i++) {
            $r = '';
            $bytes = random_bytes(26);
            for ($k = 0; $k < 26; $k++) $r .= $alphabet[ord($bytes[$k]) & 31];
            $ballot = sprintf('d-%03d-c%d', $i % $boards, 1 + $i % 3);
            $st->bind_param('iss', $pid, $r, $ballot);
            $st->execute();
            $ok++;
        }
    }
    echo $ok;
}
