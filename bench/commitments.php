<?php
/*
 * Commitment tracking at 10,000 commitments.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d extension=modules/participa.so bench/commitments.php [--n N] [--reps N] [--keep]
 *
 * 1. Loads N top-level commitments (default 10,000) over the 17 themes of the
 *    INAI's local plans, with pillars, agencies, statuses, dates and progress,
 *    by bulk SQL through mysqli in participa's canonical forms (the schema's
 *    own tables, pillar rows included), then times Commitments::summary() by
 *    theme, pillar, status and agency: "cold" right after a change (the
 *    aggregate query runs over a covering index) and "warm" on unchanged data
 *    (the per-worker cache, checked with one read of the history head).
 *    Medians. Target: <= 10 ms.
 * 2. Builds a chain 7 levels deep (depth 0..6, three siblings at each level)
 *    through the API and times Commitments::update() of the deepest leaf's
 *    progress: one transaction that locks the history head with the leaf
 *    (one query), writes the row, recomputes the weighted progress of all six
 *    ancestors (one SELECT, one UPDATE), appends 7 chained events (one INSERT)
 *    and moves the head; the call also reads the actor's roles first, and
 *    returns the record as written (no read back). Next to it, in the same
 *    run and interleaved, a bare transaction through mysqli: one prepared
 *    UPDATE of one row + one INSERT + COMMIT. Both with durable commits
 *    (the server's defaults). Target: within 3x.
 *
 * Uses the PHPT database helper: creates and drops database pt_bench_commitments.
 */
require __DIR__ . '/../tests/commitments/commitments_test.inc';
require __DIR__ . '/../tests/commitments/commitments_62.inc';

$n = 10000;
$reps = 50;
$keep = in_array('--keep', $argv, true);
foreach ($argv as $i => $a) {
    if ($a === '--n' && isset($argv[$i + 1])) {
        $n = max(100, (int) $argv[$i + 1]);
    }
    if ($a === '--reps' && isset($argv[$i + 1])) {
        $reps = max(5, (int) $argv[$i + 1]);
    }
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET (or PARTICIPA_TEST_DSN) to a MariaDB server\n");
    exit(2);
}

function median(array $xs): float
{
    sort($xs);
    $m = intdiv(count($xs), 2);
    return count($xs) % 2 ? $xs[$m] : ($xs[$m - 1] + $xs[$m]) / 2;
}

$site = commitments_test_site('bench_commitments', cm62_themes_yaml());
$c = $site->commitments();
$db = participa_test_admin('pt_bench_commitments');

// ---- 1. bulk load -------------------------------------------------------
$t0 = hrtime(true);
$themes = array_column(CM62_THEMES, 0);
$pillarSets = [['transparencia'], ['participacion', 'rendicion'], ['transparencia', 'participacion'], ['innovacion'], ['rendicion', 'innovacion']];
$statuses = ['por-iniciar', 'en-proceso', 'cumplido', 'cancelado'];
$db->query('START TRANSACTION');
for ($base = 0; $base < $n; $base += 1000) {
    $rows = $prow = [];
    for ($i = $base; $i < min($n, $base + 1000); $i++) {
        $id = sprintf('B-%05d', $i);
        $pillars = $pillarSets[$i % 5];
        $status = $statuses[$i % 4];
        $progress = $status === 'cumplido' ? 100 : ($i * 37) % 100;
        $rows[] = sprintf("('%s','pal-2026',NULL,'',0,'Compromiso %d','%s','%s','%s','%s','2026-01-15','%s','%s',%d.00,%d,NOW(6),NOW(6))",
            $id, $i, $i % 2 ? 'finanzas' : 'obras', $themes[$i % 17], implode(';', $pillars), 'iztapalapa',
            $i % 3 ? '2027-12-15' : '2026-06-30', $status, $progress, $status === 'cumplido' || $status === 'cancelado' ? 1 : 0);
        foreach ($pillars as $k => $p) {
            $prow[] = sprintf("('%s','%s',%d,'pal-2026',0,%d.00,'%s',%d)", $id, $p, $k, $progress,
                $i % 3 ? '2027-12-15' : '2026-06-30', $status === 'cumplido' || $status === 'cancelado' ? 1 : 0);
        }
    }
    $db->query('INSERT INTO participa_commitments (id, plan_id, parent_id, path, depth, title, agency_id, theme_id, pillars, '
        . 'territory_id, start_date, due_date, status, progress, closed, created_at, updated_at) VALUES ' . implode(',', $rows));
    $db->query('INSERT INTO participa_commitment_pillars (commitment_id, pillar_id, position, plan_id, depth, progress, due_date, closed) VALUES ' . implode(',', $prow));
}
$db->query('COMMIT');
printf("loaded %d commitments in %.1f s\n", $n, (hrtime(true) - $t0) / 1e9);

// A chain to update (also used below): each update moves the history head,
// which invalidates the cached summaries.
$parent = null;
for ($d = 0; $d <= 6; $d++) {
    for ($k = 0; $k < 3; $k++) {
        $id = "D$d-$k";
        $c->upsert(['id' => $id, 'plan' => 'pal-2026', 'parent' => $parent, 'title' => "Nivel $d, acción $k", 'weight' => $k + 1,
            'progress' => $d === 6 || $k > 0 ? 10 * $k : null], 'wp:fun');
    }
    $parent = "D$d-0";
}
$leaf = 'D6-0';

$check = $c->summary('theme', ['plan' => 'pal-2026']);
if ($check['total'] !== $n + 3) {
    fwrite(STDERR, "summary total {$check['total']} != $n + 3\n");
    exit(1);
}
echo "\nsummaries over $n top-level commitments (+ the chain), medians:\n";
echo "  cold = first call after a change (the aggregate query runs); warm = unchanged data (cache checked with one read)\n";
foreach (['theme', 'pillar', 'status', 'agency'] as $by) {
    $cold = $warm = [];
    for ($r = 0; $r < max(5, intdiv($reps, 5)); $r++) {
        $c->update($leaf, ['progress' => ($r % 90) + 1], 'wp:fun');
        $t = hrtime(true);
        $s = $c->summary($by, ['plan' => 'pal-2026', 'as_of' => '2026-11-01']);
        $cold[] = (hrtime(true) - $t) / 1e6;
    }
    for ($r = 0; $r < $reps; $r++) {
        $t = hrtime(true);
        $s2 = $c->summary($by, ['plan' => 'pal-2026', 'as_of' => '2026-11-01']);
        $warm[] = (hrtime(true) - $t) / 1e6;
    }
    if ($s2 !== $s) {
        fwrite(STDERR, "cached summary differs from the computed one\n");
        exit(1);
    }
    printf("  summary('%s'): cold %6.2f ms, warm %5.3f ms  (%d groups; target <= 10 ms: cold %s, warm %s)\n", $by,
        median($cold), median($warm), count($s['groups']), median($cold) <= 10 ? 'met' : 'NOT met', median($warm) <= 10 ? 'met' : 'NOT met');
}

// ---- 2. deep update vs bare transaction -----------------------------------
$g = $c->get($leaf);
echo "\nleaf $leaf at depth {$g['depth']}\n";
$db->query('CREATE TABLE IF NOT EXISTS bench_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, commitment_id VARCHAR(64), progress DECIMAL(5,2), at DATETIME(6)) ENGINE=InnoDB');
$upd = $db->prepare('UPDATE participa_commitments SET progress = ?, updated_at = NOW(6) WHERE id = ?');
$ins = $db->prepare('INSERT INTO bench_log (commitment_id, progress, at) VALUES (?, ?, NOW(6))');
$bareId = 'B-00001';
$api = $bare = [];
$before = Participa\Site::stats();
$rounds = max(20, $reps * 2);
for ($r = 0; $r < $rounds; $r++) {
    $p = ($r % 99) + 1;
    $t = hrtime(true);
    $c->update($leaf, ['progress' => $p], 'wp:fun');
    $api[] = (hrtime(true) - $t) / 1e6;

    $t = hrtime(true);
    $db->begin_transaction();
    $ps = (string) $p;
    $upd->bind_param('ss', $ps, $bareId);
    $upd->execute();
    $ins->bind_param('ss', $bareId, $ps);
    $ins->execute();
    $db->commit();
    $bare[] = (hrtime(true) - $t) / 1e6;
}
$after = Participa\Site::stats();
$events = count($c->history($leaf));
$v = $c->verify();
$root = $c->get('D0-0');
printf("  update() of the depth-6 leaf: %6.3f ms median (%d statements per call, incl. the roles read)\n",
    median($api), ($after['db_executes'] - $before['db_executes']) / $rounds);
printf("  bare UPDATE + INSERT + COMMIT: %6.3f ms median\n", median($bare));
printf("  ratio: %.2fx (target within 3x: %s)\n", median($api) / median($bare), median($api) / median($bare) <= 3 ? 'met' : 'NOT met');
printf("  leaf events %d, root progress %s, chain verified: %s (%d events)\n", $events, $root['progress'],
    $v['ok'] ? 'yes' : 'NO', $v['events']);

$db->close();
if (!$keep) {
    participa_test_drop('bench_commitments');
}
