<?php
/*
 * Issue 19, item 5: the directorate report over the 6,644-territory Iztapalapa example
 * (examples/iztapalapa-governance.yaml) with stored data, beside its floor in the same run.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d extension=modules/participa.so \
 *       bench/governance_report.php [--rounds R] [--keep]
 *
 * Stored data (bulk INSERTs, not timed): in every one of the 6,500 manzanas 1 or 2 assemblies
 * (held in 2026), each with 0 to 3 agreements; two in three agreements became a commitment whose
 * progress is 0 (a third of them) or 1..100: about 9,750 assemblies, 14,600 agreements, 9,750
 * commitments. Then R rounds, the order turning from round to round:
 *   report  Site::responsibilityReport('iztapalapa') (14 lines: the alcaldía and its 13
 *           directorates, every fact rolled up the tree) and the 13 directorates' reports (11 lines
 *           each), and one as of a date;
 *   rows    the floor: the same joined rows (assembly, agreement, commitment's progress) read
 *           plainly through mysqli and fetched into PHP, no grouping, no roll-up;
 *   group   the report's own GROUP BY through mysqli (what the server does for it).
 * Printed: the best of each (ms), the ratios report/rows and report/group, the load average.
 * The issue names no target number for this report; its floor is the plain read.
 *
 * Creates and drops database pt_tresp_bench_governance (--keep leaves it).
 */
require __DIR__ . '/../tests/helpers/participa_test.php';

$rounds = 7;
$keep = in_array('--keep', $argv, true);
foreach ($argv as $i => $a) {
    if ($a === '--rounds' && isset($argv[$i + 1])) $rounds = max(1, (int) $argv[$i + 1]);
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET (or PARTICIPA_TEST_DSN) to a MariaDB server\n");
    exit(2);
}
$name = 'tresp-bench-governance';
$yaml = preg_replace('/\A.*?\nterritories:/s', "territories:", file_get_contents(__DIR__ . '/../examples/iztapalapa-governance.yaml'));
$site = Participa\Site::open(participa_test_config($name, $yaml));
$site->migrate();
$db = participa_test_admin('pt_' . str_replace('-', '_', $name));
preg_match_all('/\bid: (mz-[0-9]+-[0-9]+)/', $yaml, $m);
$manzanas = $m[1];
preg_match_all('/\bid: (dt-[a-z0-9-]+)/', $yaml, $m);
$directorates = array_values(array_unique($m[1]));

mt_srand(19);
$t0 = hrtime(true);
$asm = $agr = $com = [];
$aid = 0;
$cid = 0;
foreach ($manzanas as $k => $t) {
    for ($n = 1 + mt_rand(0, 1); $n > 0; $n--) {
        $aid++;
        $day = sprintf('2026-%02d-%02d', 1 + mt_rand(0, 10), 1 + mt_rand(0, 27));
        $asm[] = "($aid, '$t', '$day', 'Explanada', " . mt_rand(5, 80) . ", 'wp:1000', NOW(6))";
        for ($g = 1, $ng = mt_rand(0, 3); $g <= $ng; $g++) {
            $c = 'NULL';
            if (mt_rand(0, 2) > 0) {
                $cid++;
                $c = "'acuerdo-$cid'";
                $p = mt_rand(0, 2) === 0 ? 0 : mt_rand(1, 100);
                $com[] = "('acuerdo-$cid', 'agenda-bench', 'Acuerdo $cid', 'por-iniciar', $p, NOW(6), NOW(6))";
            }
            $agr[] = "($aid, $g, 'Acuerdo', $c)";
        }
    }
}
foreach (array_chunk($asm, 2000) as $ch) {
    $db->query("INSERT INTO participa_assemblies (id, territory_id, held_on, place, attendance, recorded_by, created_at) VALUES " . implode(',', $ch));
}
foreach (array_chunk($agr, 2000) as $ch) {
    $db->query("INSERT INTO participa_agreements (assembly_id, position, text, commitment_id) VALUES " . implode(',', $ch));
}
foreach (array_chunk($com, 2000) as $ch) {
    $db->query("INSERT INTO participa_commitments (id, plan_id, title, status, progress, created_at, updated_at) VALUES " . implode(',', $ch));
}
printf("stored: %d territories in the YAML, %d assemblies in %d manzanas, %d agreements, %d commitments (%.1f s to load, not timed)\n",
    substr_count($yaml, ' id: '), count($asm), count($manzanas), count($agr), count($com), (hrtime(true) - $t0) / 1e9);

$rowsSql = "SELECT a.territory_id, a.id, g.id, c.progress FROM participa_assemblies a "
    . "LEFT JOIN participa_agreements g ON g.assembly_id = a.id LEFT JOIN participa_commitments c ON c.id = g.commitment_id "
    . "WHERE a.held_on <= '9999-12-31'";
$groupSql = "SELECT a.territory_id, COUNT(DISTINCT a.id), COUNT(g.id), COUNT(c.id), COALESCE(SUM(c.progress > 0), 0), "
    . "COALESCE(SUM(ROUND(c.progress * 100)), 0) FROM participa_assemblies a "
    . "LEFT JOIN participa_agreements g ON g.assembly_id = a.id LEFT JOIN participa_commitments c ON c.id = g.commitment_id "
    . "WHERE a.held_on <= '9999-12-31' GROUP BY a.territory_id";
$best = ['report' => INF, 'directorates' => INF, 'dated' => INF, 'rows' => INF, 'group' => INF];
$check = null;
$rowsRead = 0;
$runs = [
    'report' => function () use ($site, &$check) {
        $check = $site->responsibilityReport('iztapalapa');
    },
    'directorates' => function () use ($site, $directorates) {
        foreach ($directorates as $d) {
            $site->responsibilityReport($d);
        }
    },
    'dated' => function () use ($site) {
        $site->responsibilityReport('iztapalapa', '2026-06-30');
    },
    'rows' => function () use ($db, $rowsSql, &$rowsRead) {
        $rowsRead = count($db->query($rowsSql)->fetch_all(MYSQLI_NUM));
    },
    'group' => function () use ($db, $groupSql) {
        $db->query($groupSql)->fetch_all(MYSQLI_NUM);
    },
];
$order = array_keys($runs);
for ($r = 0; $r < $rounds; $r++) {
    foreach ($order as $k) {
        $t = hrtime(true);
        $runs[$k]();
        $best[$k] = min($best[$k], (hrtime(true) - $t) / 1e6);
    }
    $order = array_merge(array_slice($order, 1), [$order[0]]);   /* turn the order */
}
// the report equals a recount of the stored rows
$tot = $db->query("SELECT COUNT(DISTINCT a.id), COUNT(g.id), COUNT(c.id) FROM participa_assemblies a "
    . "LEFT JOIN participa_agreements g ON g.assembly_id = a.id LEFT JOIN participa_commitments c ON c.id = g.commitment_id")->fetch_row();
$same = $check['totals']['assemblies'] == $tot[0] && $check['totals']['agreements'] == $tot[1]
    && $check['totals']['commitments'] == $tot[2] && count($check['lines']) === 1 + count($directorates);
printf("report == recount of the rows: %s (%d lines, %d directorates)\n", $same ? 'yes' : 'NO', count($check['lines']), count($directorates));
printf("best of %d rounds, interleaved:\n", $rounds);
printf("  report('iztapalapa')            %8.2f ms\n", $best['report']);
printf("  13 directorate reports          %8.2f ms (%.2f ms each)\n", $best['directorates'], $best['directorates'] / max(1, count($directorates)));
printf("  report as of 2026-06-30         %8.2f ms\n", $best['dated']);
printf("  floor: the same %d rows, plain  %8.2f ms\n", $rowsRead, $best['rows']);
printf("  the report's GROUP BY, mysqli   %8.2f ms\n", $best['group']);
printf("ratio report / plain rows: %.2f; report / its GROUP BY through mysqli: %.2f\n", $best['report'] / $best['rows'],
    $best['report'] / $best['group']);
printf("load average: %s\n", implode(' ', array_map(fn($x) => sprintf('%.2f', $x), sys_getloadavg())));
if (!$keep) {
    participa_test_drop($name);
}
