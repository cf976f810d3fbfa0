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
 * Then the close: the first E boards (--close-each E, default 8) one by one with Process::close(),
 * the path before issue 19's batch (each close sealed by its own rewrite of the ballot tables), then
 * Site::closeTemplate() for all B (one close transaction each, one rewrite for all), against its
 * floor: B durable UPDATEs of a row (one commit per board) and one ALTER TABLE ... FORCE of copies
 * of the four tables with the same rows.
 * Then, interleaved (R rounds): the count of all B boards (Process::tally() on each) against its
 * floor, the same ballot rows read through mysqli (one SELECT per board of its box rows, fetched
 * into PHP, counted with a PHP array); Site::processTemplate() and Site::processTemplateHtml()
 * (the fragment) against the summary's array.
 * Then the council: a body of 52 seats fed by the stored final counts of the first 52 boards (each
 * seat held by the winning candidate's participant), holding a 52-member council vote: its 52 casts
 * against 52 bare INSERTs of the row, its close against one durable UPDATE, its count against
 * reading its rows.
 * Printed: casts/s and rows/s per block, the ratios, each figure with its floor and ratio, the
 * load average.
 *
 * Creates and drops database pt_tscale_territories (--keep leaves it).
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
$closeEach = 8;
$keep = in_array('--keep', $argv, true);
foreach ($argv as $i => $a) {
    if ($a === '--voters' && isset($argv[$i + 1])) $voters = max(100, (int) $argv[$i + 1]);
    if ($a === '--boards' && isset($argv[$i + 1])) $boards = max(2, (int) $argv[$i + 1]);
    if ($a === '--workers' && isset($argv[$i + 1])) $workers = max(1, (int) $argv[$i + 1]);
    if ($a === '--blocks' && isset($argv[$i + 1])) $blocks = max(1, (int) $argv[$i + 1]);
    if ($a === '--close-each' && isset($argv[$i + 1])) $closeEach = max(0, (int) $argv[$i + 1]);
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
            $cands .= "      - { id: $id-c$c, name: Planilla $c, territory: $id, participant: \"pres:$id-c$c\" }\n";
        }
    }
}
// the council: one seat per board of the first 52, held by the winner of its stored final count (terr-resp)
$council = min(52, $boards);
$seats = implode(', ', array_map(fn($d) => sprintf('jpc.d-%03d', $d), range(0, $council - 1)));
$yaml = $tree . <<<Y
roles:
  ciudadano: { can: [comment, vote] }
  funcionario: { can: [comment, answer] }
  consejero: { can: [comment] }
processes:
  - id: jpc
    title: Junta de Participación Ciudadana de {territory}
    for_each: { kind: demarcacion, within: slp }
    kind: election
    method: plurality
    phases: { voting: [2020-01-01, 2099-12-31] }
    candidates:
$cands      - { id: blanco, name: En blanco }
  - { id: consejo-slp, title: Aprobación de proyectos y recursos, kind: council_vote, method: majority,
      electorate: $council, quorum: 1/2, phases: { voting: [2020-01-01, 2099-12-31] } }
bodies:
  - id: consejo
    name: Consejo Municipal de Participación
    seats: { from_processes: [$seats], role: presidencia, sector: citizen, start: 2019-06-01, end: 2099-12-31 }
    votes: { processes: [consejo-slp], role: consejero }
Y;
$t0 = microtime(true);
$config = participa_test_config('tscale_territories', $yaml);
$site = Participa\Site::open($config);
$tOpen = microtime(true) - $t0;
$site->migrate();
$db = participa_test_admin('pt_tscale_territories');
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

// close: E boards one by one (the path before: a rewrite each), then the template's batch, then the floor
$closeEach = min($closeEach, $boards);
$t = microtime(true);
for ($d = 0; $d < $closeEach; $d++) {
    $site->process(sprintf('jpc.d-%03d', $d))->close();
}
$tEach = microtime(true) - $t;
$t = microtime(true);
$closed = $site->closeTemplate('jpc');
$tClose = microtime(true) - $t;
foreach (['participa_voters', 'participa_cast_keys', 'participa_ballot_versions'] as $tb) {
    $db->query("CREATE TABLE bare_" . substr($tb, 10) . " LIKE $tb");
    $db->query("INSERT INTO bare_" . substr($tb, 10) . " SELECT * FROM $tb");
}
$db->query("CREATE TABLE bare_processes LIKE participa_processes");
$db->query("INSERT INTO bare_processes SELECT * FROM participa_processes");
$t = microtime(true);
$st = $db->prepare("UPDATE bare_processes SET closed_at = UTC_TIMESTAMP(6), closed_by = NULL WHERE code = ?");
for ($d = 0; $d < $boards; $d++) {
    $code = sprintf('jpc.d-%03d', $d);
    $st->bind_param('s', $code);
    $st->execute();
}
foreach (['bare_ballot_box', 'bare_ballot_versions', 'bare_voters', 'bare_cast_keys'] as $tb) {
    $db->query("ALTER TABLE $tb FORCE");
}
$tCloseFloor = microtime(true) - $t;
$sealed = (int) $db->query("SELECT COUNT(*) FROM participa_processes WHERE code LIKE 'jpc.%' AND sealed_at IS NOT NULL")->fetch_row()[0];
$links = (int) $db->query("SELECT COUNT(*) FROM participa_voters v JOIN participa_processes p ON p.id = v.process_id "
    . "WHERE p.code LIKE 'jpc.%' AND v.ballot_ref IS NOT NULL")->fetch_row()[0];
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
$tSum = $tHtml = [];
$host = new Participa\Host(['url' => '/juntas/?{params}']);
for ($r = 0; $r < $rounds; $r++) {
    foreach ($r % 2 ? ['html', 'sum'] : ['sum', 'html'] as $kind) {
        $t = microtime(true);
        if ($kind === 'sum') {
            $s = $site->processTemplate('jpc');
            $tSum[] = microtime(true) - $t;
        } else {
            $html = $site->processTemplateHtml($host, 'jpc');
            $tHtml[] = microtime(true) - $t;
        }
    }
}
printf("close %d boards one by one (Process::close(), the path before: one rewrite of the ballot tables each): %.2f s, "
    . "%.0f ms each, %.1f s projected for %d\n", $closeEach, $tEach, $closeEach ? $tEach * 1000 / $closeEach : 0,
    $closeEach ? $tEach / $closeEach * $boards : 0, $boards);
printf("close all %d boards (Site::closeTemplate(): %d closed now, one rewrite): %.2f s (%.1f ms each); floor, %d durable "
    . "UPDATEs and one rebuild of the four tables' copies: %.2f s; close / floor %.2f; sealed %d of %d, links left %d\n",
    $boards, $closed['closed'], $tClose, $tClose * 1000 / $boards, $boards, $tCloseFloor, $tClose / $tCloseFloor, $sealed,
    $boards, $links);
printf("count all %d boards (Process::tally() each; the first stores each board's result, one commit each): first %.2f s, "
    . "then %s s; floor, the same %s rows read through mysqli: %s ms; count / read (first, best) %.1f, %.1f\n", $boards,
    $count[0], implode(', ', array_map(fn($x) => sprintf('%.2f', $x), array_slice($count, 1))), number_format($seen),
    implode(', ', array_map(fn($x) => sprintf('%.1f', $x * 1000), $read)), $count[0] / min($read), min($count) / min($read));
printf("Site::processTemplate('jpc'): %.1f ms for %d boards: %s voters of %s residents, %d closed, %d counted, %d winners\n",
    min($tSum) * 1000, $s['totals']['processes'], number_format($s['totals']['voters']), number_format($s['totals']['residents']),
    $s['totals']['closed'], $s['totals']['counted'], $winners);
printf("Site::processTemplateHtml('jpc'): %.1f ms, %s KB of HTML, %d rows; floor, the summary's array: %.1f ms; html / array %.2f\n",
    min($tHtml) * 1000, number_format(strlen($html) / 1024), substr_count($html, '<th scope="row">') - 1, min($tSum) * 1000,
    min($tHtml) / min($tSum));
council($site, $config, $yaml, $db, $s, $boards);
printf("load average after: %.2f %.2f %.2f\n", ...sys_getloadavg());
$box = (int) $db->query("SELECT COUNT(*) FROM participa_ballot_box WHERE process_id IN (" . implode(',', $pids) . ")")->fetch_row()[0];
printf("stored: %d ballots (expected %d); summary voters %d\n", $box, $sum['cast'][0], $s['totals']['voters']);
if (!$keep) {
    participa_test_drop('tscale_territories');
}

/**
 * The council: 52 seats, one per board of the first 52, each held by the candidate's participant ("pres:<candidate>")
 * who won that board's stored final count (bodies: seats: from_processes, read from the stored results). Its vote's
 * casts, close and count, each against its floor.
 */
function council(Participa\Site $site, string $config, string $yaml, mysqli $db, array $s, int $boards): void
{
    $n = min(52, $boards);
    $members = $rows = [];
    $won = array_column($s['processes'], 'winners', 'process');
    for ($d = 0; $d < $n; $d++) {   // the boards whose seats the council has (the summary is in territory order)
        $w = $won[sprintf('jpc.d-%03d', $d)][0];
        $members[] = "pres:$w";
        $rows[] = "('pres:$w', 'slp', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
    }
    $db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES " . implode(',', $rows));
    $t = microtime(true);
    $body = $site->body('consejo', gmdate('Y-m-d'));
    $tOpen = microtime(true) - $t;
    $holders = array_values(array_filter(array_column($body['seats'], 'participant')));
    sort($holders);
    $want = $members;
    sort($want);
    $cv = $site->process('consejo-slp');
    $cvId = (int) $db->query("SELECT id FROM participa_processes WHERE code = 'consejo-slp'")->fetch_row()[0];
    $db->query("CREATE TABLE bare_council_box LIKE participa_ballot_box");
    $st = $db->prepare("INSERT INTO bare_council_box (process_id, receipt, ballot, role, reason, voter, channel, version) "
        . "VALUES (?, ?, ?, NULL, NULL, ?, 'web', 1)");
    $t = microtime(true);
    foreach ($members as $i => $m) {
        $cv->cast($m, $i % 5 ? 'yes' : 'no');
    }
    $tCast = microtime(true) - $t;
    $t = microtime(true);
    foreach ($members as $i => $m) {
        $r = substr(bin2hex(random_bytes(13)), 0, 26);
        $b = $i % 5 ? 'yes' : 'no';
        $st->bind_param('isss', $cvId, $r, $b, $m);
        $st->execute();
    }
    $tCastFloor = microtime(true) - $t;
    $t = microtime(true);
    $cv->close();
    $tClose = microtime(true) - $t;
    $t = microtime(true);
    $db->query("UPDATE bare_processes SET closed_at = UTC_TIMESTAMP(6) WHERE code = 'jpc.d-000'");
    $tCloseFloor = microtime(true) - $t;
    $t = microtime(true);
    $res = $cv->tally();
    $tCount = microtime(true) - $t;
    $t = microtime(true);
    $tally = [];
    foreach ($db->query("SELECT ballot FROM participa_ballot_box WHERE process_id = $cvId")->fetch_all() as [$b]) {
        $tally[$b] = ($tally[$b] ?? 0) + 1;
    }
    $tRead = microtime(true) - $t;
    $refused = 0;
    try {
        $cv->cast('v:1', 'yes');
    } catch (Participa\Exception $e) {
        $refused = 1;
    }
    printf("\ncouncil: %d seats fed by the stored final counts of boards 0-%d (Site::body(): %d in office, %d vacant, quorum %d, "
        . "read in %.1f ms); the holders are the counted winners: %s; a resident's cast refused: %s\n", $n, $n - 1,
        $body['members'], $body['vacant'] ?? 0, $body['quorum'], $tOpen * 1000, $holders === $want ? 'yes' : 'NO', $refused ? 'yes' : 'NO');
    printf("council vote: %d casts %.1f ms (%.2f ms each); floor, %d bare INSERTs of the row: %.1f ms; cast / bare %.2f\n", $n,
        $tCast * 1000, $tCast * 1000 / $n, $n, $tCastFloor * 1000, $tCast / $tCastFloor);
    printf("council vote: close %.1f ms; floor, one durable UPDATE: %.1f ms; ratio %.2f\n", $tClose * 1000, $tCloseFloor * 1000,
        $tClose / $tCloseFloor);
    ksort($tally);
    printf("council vote: count %.1f ms (outcome %s, %d ballots: %s); floor, its rows read through mysqli: %.1f ms; "
        . "ratio %.2f\n", $tCount * 1000, $res->details['outcome'] ?? '?', array_sum($tally),
        implode(', ', array_map(fn($k, $v) => "$k $v", array_keys($tally), $tally)), $tRead * 1000, $tCount / $tRead);
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
        $db = participa_test_admin('pt_tscale_territories');
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
