<?php
/*
 * Instruments at the seeds' scale (issue 18): the INFOEM questionnaire's shape
 * (125 municipalities, 64 items over 5 dimensions), 117 municipalities answering
 * (a draft of half the items, then the submission of the rest), 45 citizen
 * corroborations over 18 municipalities, then report() and both exports.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d extension=modules/participa.so \
 *       bench/instruments.php [--rounds N] [--keep]
 *
 * The issue names no speed target, so the figures are printed against a floor
 * measured in the same run, interleaved round by round so load hits both alike:
 *   - writes: Instrument::saveDraft() + submit() and corroborate() (each one
 *     transaction that locks the response, reads the actor and runs core's
 *     check), beside the same rows written through mysqli alone (one
 *     transaction per write: the response row, one multi-row INSERT of its
 *     answers, the status UPDATE), into tables of the same shape;
 *   - report(): every answer streamed and scored, beside the floor of the same
 *     SELECT read through mysqli (unbuffered) and thrown away.
 * Each round uses a fresh database (so both sides write the same number of new
 * rows); medians of the rounds are printed, and the ratio to the floor.
 * Prints the report's headline figures (117/125 = 93.6 %) as a check.
 * Creates and drops databases pt_instr_bench_* (--keep leaves the last).
 */
require __DIR__ . '/../tests/helpers/participa_test.php';

$rounds = 3;
$keep = in_array('--keep', $argv, true);
foreach ($argv as $k => $a) {
    if ($a === '--rounds' && isset($argv[$k + 1])) $rounds = max(1, (int) $argv[$k + 1]);
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET (or PARTICIPA_TEST_DSN) to a MariaDB server\n");
    exit(2);
}

const MUNICIPALITIES = 125, ANSWERED = 117, ITEMS = 64, CITIZENS = 45, CORROBORATED = 18;
$dims = ['normatividad' => 13, 'transparencia' => 13, 'participacion' => 13, 'rendicion' => 13, 'tic' => 12];

function bench_yaml(array $dims): string
{
    $t = "territories:\n  - { id: edomex, name: Estado de México, kind: estado }\n";
    $a = '';
    for ($r = 1; $r <= 16; $r++) {
        $t .= "  - { id: region-$r, name: Región $r, kind: region, parent: edomex }\n";
    }
    for ($k = 1; $k <= MUNICIPALITIES; $k++) {
        $t .= "  - { id: m$k, name: Municipio $k, kind: municipio, parent: region-" . (($k - 1) % 16 + 1) . " }\n";
        $a .= "  - { participant: \"wp:enlace$k\", role: enlace, territory: m$k }\n";
    }
    $d = '';
    $n = 0;
    foreach ($dims as $id => $count) {
        $d .= "      - id: $id\n        title: $id\n        items:\n";
        for ($k = 0; $k < $count; $k++) {
            $n++;
            $scale = $n % 3 ? 'yes_no' : 'partial';
            $ev = $n % 8 ? 'optional' : 'required';
            $d .= "          - { id: r$n, text: \"Reactivo $n (marcador)\", scale: $scale, evidence: $ev, placeholder: true }\n";
        }
    }
    return $t . "roles:\n  ciudadano: { can: [comment] }\n  enlace: { can: [comment] }\nassignments:\n$a"
        . "instruments:\n  - id: infoem\n    title: Apertura\n    about: territory\n    level: municipio\n    group_by: region\n"
        . "    respondents:\n      self: { role: enlace, opens: 2020-01-01 }\n      corroboration:\n"
        . "    thresholds: [{ at: 50, label: Básica }, { at: 80, label: Consolidada }]\n    dimensions:\n$d";
}

/** The answers of one respondent: deterministic from (seed, item). */
function answers(int $seed, int $from, int $to, bool $citizen = false): array
{
    $a = [];
    for ($n = $from; $n <= $to; $n++) {
        if ($citizen && ($seed + $n) % 3) {
            continue; // a citizen corroborates about a third of the items
        }
        $h = ($seed * 2654435761 + $n * 40503) % 97;
        $v = $n % 3 ? ($h % 2 ? 'yes' : 'no') : ['yes', 'partial', 'no'][$h % 3];
        $a["r$n"] = $n % 8 || $v === 'no' || $citizen ? $v : ['value' => $v, 'evidence' => "https://m$seed.gob.mx/r$n"];
    }
    return $a;
}

function median(array $xs): float
{
    sort($xs);
    $n = count($xs);
    return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
}

function fresh(string $name, string $yaml): string
{
    return participa_test_config($name, $yaml);
}

function participa_round(string $name, string $yaml, array &$out): array
{
    $site = Participa\Site::open(fresh($name, $yaml));
    $site->migrate();
    $i = $site->instrument('infoem');
    $t0 = hrtime(true);
    for ($k = 1; $k <= ANSWERED; $k++) {
        $i->saveDraft("wp:enlace$k", "m$k", answers($k, 1, 32));
        $i->submit("wp:enlace$k", "m$k", answers($k, 33, ITEMS));
    }
    for ($c = 0; $c < CITIZENS; $c++) {
        $i->corroborate("wp:ciudadano$c", 'm' . (1 + ($c % CORROBORATED) * 6), answers(1000 + $c, 1, ITEMS, true));
    }
    $write = (hrtime(true) - $t0) / 1e9;
    $t0 = hrtime(true);
    $r = $i->report();
    $report = (hrtime(true) - $t0) / 1e9;
    $t0 = hrtime(true);
    $csv = $i->export('csv');
    $json = $i->export('json');
    $export = (hrtime(true) - $t0) / 1e9;
    $out = ['rate' => $r['responses']['self']['rate'], 'corr' => $r['responses']['corroboration'],
        'csv' => strlen($csv), 'json' => strlen($json), 'ranking' => $r['ranking'][0] ?? null, 'dims' => $r['dimensions']];
    return [$write, $report, $export];
}

/** The floor: the same rows through mysqli alone, one transaction per write, then the same streamed read. */
function floor_round(string $name, string $yaml): array
{
    fresh($name, $yaml);
    $db = participa_test_admin('pt_' . $name);
    foreach (preg_split('/;\s*\n/', preg_replace('/^--.*$/m', '', file_get_contents(__DIR__ . '/../schema/015_instruments.sql'))) as $sql) {
        if (trim($sql) !== '') {
            $db->query($sql);
        }
    }
    $ins = $db->prepare("INSERT INTO participa_instrument_responses (instrument_id, subject_id, kind, respondent_key, participant_id, status, created_at, updated_at) VALUES ('infoem', ?, ?, ?, ?, 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)");
    $upd = $db->prepare("UPDATE participa_instrument_responses SET status = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?");
    $write = function (string $subject, int $kind, string $who, array $answers, int $status) use ($db, $ins, $upd) {
        $db->begin_transaction();
        $key = $kind ? $who : '';
        $ins->bind_param('siss', $subject, $kind, $key, $who);
        $ins->execute();
        $id = $db->insert_id;
        $rows = [];
        foreach ($answers as $item => $v) {
            $value = is_array($v) ? $v['value'] : $v;
            $ev = is_array($v) ? "'" . $db->real_escape_string($v['evidence']) . "'" : 'NULL';
            $rows[] = "($id, '$item', '$value', $ev)";
        }
        $db->query('INSERT INTO participa_instrument_answers (response_id, item_id, value, evidence) VALUES ' . implode(', ', $rows)
            . ' ON DUPLICATE KEY UPDATE value = VALUES(value), evidence = VALUES(evidence)');
        $upd->bind_param('ii', $status, $id);
        $upd->execute();
        $db->commit();
    };
    $t0 = hrtime(true);
    for ($k = 1; $k <= ANSWERED; $k++) {
        $write("m$k", 0, "wp:enlace$k", answers($k, 1, 32), 1);
        $write("m$k", 0, "wp:enlace$k", answers($k, 33, ITEMS), 2);
    }
    for ($c = 0; $c < CITIZENS; $c++) {
        $write('m' . (1 + ($c % CORROBORATED) * 6), 1, "wp:ciudadano$c", answers(1000 + $c, 1, ITEMS, true), 2);
    }
    $w = (hrtime(true) - $t0) / 1e9;
    $t0 = hrtime(true);
    $res = $db->query("SELECT r.subject_id, r.kind, r.id, a.item_id, a.value FROM participa_instrument_responses r JOIN participa_instrument_answers a ON a.response_id = r.id WHERE r.instrument_id = 'infoem' AND r.status = 2 ORDER BY r.subject_id, r.kind, r.id", MYSQLI_USE_RESULT);
    $rows = 0;
    while ($res->fetch_row()) {
        $rows++;
    }
    $res->free();
    $read = (hrtime(true) - $t0) / 1e9;
    $db->close();
    return [$w, $read, $rows];
}

$yaml = bench_yaml($dims);
$pw = $pr = $pe = $fw = $fr = [];
$rows = 0;
$facts = [];
for ($round = 0; $round < $rounds; $round++) {
    // alternate which side goes first
    $order = $round % 2 ? ['floor', 'participa'] : ['participa', 'floor'];
    foreach ($order as $side) {
        if ($side === 'participa') {
            [$w, $r, $e] = participa_round('instr_bench_p', $yaml, $facts);
            $pw[] = $w; $pr[] = $r; $pe[] = $e;
            if (!$keep || $round + 1 < $rounds) participa_test_drop('instr_bench_p');
        } else {
            [$w, $r, $rows] = floor_round('instr_bench_f', $yaml);
            $fw[] = $w; $fr[] = $r;
            participa_test_drop('instr_bench_f');
        }
    }
}
$load = sys_getloadavg();
printf("instruments at the seeds' scale: %d municipalities x %d items, %d answered (draft + submit), %d corroborations over %d\n",
    MUNICIPALITIES, ITEMS, ANSWERED, CITIZENS, CORROBORATED);
printf("rounds %d, load average %.2f %.2f %.2f\n", $rounds, $load[0], $load[1], $load[2]);
printf("response rate %s/%s = %s; corroborations %d about %d municipalities; csv %d bytes, json %d bytes\n",
    $facts['rate']['num'], $facts['rate']['den'], $facts['rate']['percent'], $facts['corr']['submitted'],
    $facts['corr']['subjects'], $facts['csv'], $facts['json']);
$writes = 2 * ANSWERED + CITIZENS;
printf("writes (%d transactions): participa %.3f s (%.2f ms each), floor mysqli %.3f s, ratio %.2f (medians)\n",
    $writes, median($pw), 1000 * median($pw) / $writes, median($fw), median($pw) / median($fw));
printf("report() of %d answers: %.1f ms, floor (the same streamed SELECT through mysqli) %.1f ms, ratio %.2f\n",
    $rows, 1000 * median($pr), 1000 * median($fr), median($pr) / median($fr));
printf("export('csv') + export('json'): %.1f ms\n", 1000 * median($pe));
printf("total for the run (writes + report + exports): %.3f s\n", median($pw) + median($pr) + median($pe));
