--TEST--
Commitments::summary()'s counters (participa_commitment_counts, migration 013) equal a recount of the raw rows after random creates, updates, roll-ups, imports, assemblies, refused writes and writes that fail and roll back; summary() answers what the aggregate over every row answered
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_counts_001');
$c = $site->commitments();
$db = participa_test_admin('pt_cm_counts_001');
mt_srand(2017);

const THEMES = [null, 'presupuesto', 'medio-ambiente', 'contraloria-social'];
const PILLARS = [null, 'transparencia', 'participacion;rendicion', 'transparencia;innovacion', 'rendicion'];
const AGENCIES = [null, 'finanzas', 'obras'];
const TERRITORIES = [null, 'iztapalapa', 'dt-teotongo', 'san-miguel-teotongo'];
const DUES = [null, '2026-03-31', '2026-06-30', '2026-12-31', '2027-06-30'];

function pick(array $a)
{
    return $a[mt_rand(0, count($a) - 1)];
}

/** The counters as the rules define them, recounted in PHP from every commitment row and pillar row. */
function recount(mysqli $db): array
{
    $out = [];
    $add = function (int $dim, string $plan, int $depth, ?string $k, string $progress, ?string $due, int $closed) use (&$out) {
        $open = !$closed && (float) $progress < 100 && $due !== null ? $due : '9999-12-31';
        $key = implode('|', [$dim, $plan, $depth ? 1 : 0, $k ?? '', $open]);
        $out[$key] ??= [0, 0];
        $out[$key][0]++;
        $out[$key][1] += (int) round((float) $progress * 100);
    };
    $rows = $db->query('SELECT plan_id, depth, theme_id, status, territory_id, agency_id, progress, due_date, closed FROM participa_commitments');
    foreach ($rows->fetch_all(MYSQLI_ASSOC) as $r) {
        foreach ([0 => 'theme_id', 2 => 'status', 3 => 'territory_id', 4 => 'agency_id', 5 => 'plan_id'] as $dim => $col) {
            $add($dim, $r['plan_id'], (int) $r['depth'], $r[$col], $r['progress'], $r['due_date'], (int) $r['closed']);
        }
    }
    $rows = $db->query('SELECT plan_id, depth, pillar_id, progress, due_date, closed FROM participa_commitment_pillars');
    foreach ($rows->fetch_all(MYSQLI_ASSOC) as $r) {
        $add(1, $r['plan_id'], (int) $r['depth'], $r['pillar_id'], $r['progress'], $r['due_date'], (int) $r['closed']);
    }
    ksort($out);
    return $out;
}

function stored(mysqli $db): array
{
    $out = [];
    foreach ($db->query('SELECT dim, plan_id, level, k, open_due, n, progress_sum FROM participa_commitment_counts')->fetch_all() as $r) {
        $out[implode('|', array_slice($r, 0, 5))] = [(int) $r[5], (int) round((float) $r[6] * 100)];
    }
    ksort($out);
    return $out;
}

/** summary()'s old query: the aggregate over every row. */
function aggregate(mysqli $db, string $by, ?string $plan, bool $all, string $lateBefore): array
{
    $col = ['theme' => 'theme_id', 'pillar' => 'pillar_id', 'status' => 'status', 'territory' => 'territory_id',
            'agency' => 'agency_id', 'plan' => 'plan_id'][$by];
    $table = $by === 'pillar' ? 'participa_commitment_pillars' : 'participa_commitments';
    $where = ($plan !== null ? " AND plan_id = '$plan'" : '') . ($all ? '' : ' AND depth = 0');
    $out = [];
    $q = "SELECT $col, COUNT(*), AVG(progress), SUM(closed = 0 AND progress < 100 AND due_date < '$lateBefore') FROM $table "
        . "WHERE 1 = 1$where GROUP BY $col ORDER BY $col";
    foreach ($db->query($q)->fetch_all() as [$k, $n, $avg, $late]) {
        $out[] = [$k, (int) $n, $avg, (int) $late];
    }
    return $out;
}

$checks = 0;
function check(string $label): void
{
    global $db, $c, $checks;
    $want = recount($db);
    $got = stored($db);
    if ($got !== $want) {
        echo "$label: counters differ from the recount\n";
        foreach (array_unique(array_merge(array_keys($want), array_keys($got))) as $k) {
            if (($want[$k] ?? null) !== ($got[$k] ?? null)) {
                echo "  $k: stored ", json_encode($got[$k] ?? null), ", recount ", json_encode($want[$k] ?? null), "\n";
            }
        }
        return;
    }
    $zero = (int) $db->query('SELECT COUNT(*) FROM participa_commitment_counts WHERE n = 0')->fetch_row()[0];
    // the summary: the counters' SQL (decimal division) against the old aggregate (AVG), then summary() itself
    foreach (['theme', 'pillar', 'status', 'territory', 'agency', 'plan'] as $by) {
        foreach ([null, 'pal-2026'] as $plan) {
            foreach ([false, true] as $all) {
                foreach (['2026-05-01', '2026-12-31'] as $asOf) {
                    $old = aggregate($db, $by, $plan, $all, $asOf);
                    $dim = ['theme' => 0, 'pillar' => 1, 'status' => 2, 'territory' => 3, 'agency' => 4, 'plan' => 5][$by];
                    $q = "SELECT k, SUM(n), SUM(progress_sum) / SUM(n), SUM(IF(open_due < '$asOf', n, 0)) FROM participa_commitment_counts "
                        . "WHERE dim = $dim" . ($plan !== null ? " AND plan_id = '$plan'" : '') . ($all ? '' : ' AND level = 0')
                        . " GROUP BY k HAVING SUM(n) > 0 ORDER BY k";
                    $new = array_map(fn($r) => [$r[0] === '' ? null : $r[0], (int) $r[1], $r[2], (int) $r[3]], $db->query($q)->fetch_all());
                    if ($new !== $old) {
                        echo "$label: summary('$by') from the counters differs from the aggregate: ", json_encode([$new, $old]), "\n";
                        return;
                    }
                    $opts = ['as_of' => $asOf, 'all_levels' => $all] + ($plan !== null ? ['plan' => $plan] : []);
                    $s = $c->summary($by, $opts);
                    $groups = array_map(fn($g) => [$g['key'], $g['count'], $g['late']], $s['groups']);
                    $same = count($groups) === count($old);
                    foreach ($s['groups'] as $i => $g) {
                        $same = $same && isset($old[$i]) && [$old[$i][0], $old[$i][1], $old[$i][3]] === $groups[$i]
                            && abs((float) $old[$i][2] - $g['avg_progress']) < 0.006;
                    }
                    if (!$same) {
                        echo "$label: summary('$by') = ", json_encode($groups), ", aggregate ", json_encode($old), "\n";
                        return;
                    }
                }
            }
        }
    }
    $checks++;
    printf("%s: counters = recount (%d rows, %d at zero); summaries = aggregate\n", $label, count($got), $zero);
}

// 1. A random forest in both plans, built through upsert(): roll-ups at every level.
$ids = ['pal-2026' => [], 'agenda-teotongo' => []];
$depth = [];
$refused = 0;
for ($i = 0; $i < 40; $i++) {
    $plan = $i % 4 === 3 ? 'agenda-teotongo' : 'pal-2026';
    $parent = $i >= 6 && mt_rand(0, 2) > 0 ? pick($ids[$plan] ?: [null]) : null;
    if ($parent !== null && $depth[$parent] >= 4) {
        $parent = null;
    }
    $id = sprintf('K-%02d', $i);
    $row = ['id' => $id, 'plan' => $plan, 'parent' => $parent, 'title' => "Compromiso $i", 'theme' => pick(THEMES),
            'pillars' => pick(PILLARS), 'agency' => pick(AGENCIES), 'territory' => pick(TERRITORIES), 'due_date' => pick(DUES),
            'weight' => mt_rand(1, 3), 'progress' => mt_rand(0, 20) * 5];
    $c->upsert(array_filter($row, fn($v) => $v !== null), 'wp:fun');
    $ids[$plan][] = $id;
    $depth[$id] = $parent === null ? 0 : $depth[$parent] + 1;
}
check('after 40 creates');

// 2. Random updates: progress (refused on parents), status transitions (some not allowed), any other field.
$all = array_merge($ids['pal-2026'], $ids['agenda-teotongo']);
for ($i = 0; $i < 150; $i++) {
    $id = pick($all);
    $change = match (mt_rand(0, 7)) {
        0, 1 => ['progress' => mt_rand(0, 100)],
        2 => ['status' => pick(['en-proceso', 'cumplido', 'cancelado'])],
        3 => ['theme' => pick(THEMES)],
        4 => ['pillars' => pick(PILLARS)],
        5 => ['due_date' => pick(DUES), 'agency' => pick(AGENCIES)],
        6 => ['territory' => pick(TERRITORIES), 'weight' => mt_rand(1, 4)],
        7 => ['title' => "Título $i", 'progress' => mt_rand(0, 100)],
    };
    try {
        $c->update($id, $change, pick(['wp:fun', 'wp:fun', 'wp:fac']), "cambio $i");
    } catch (Participa\Exception $e) {
        $refused++;
    }
}
echo "updates refused: ", $refused > 0 ? 'some' : 'none', "\n";
check('after 150 updates');

// 3. An import: new children under stored commitments and changes to stored leaves, in one transaction.
$csv = "id,plan,parent,title,theme,pillars,progress,due_date\r\n";
for ($i = 0; $i < 12; $i++) {
    $parent = pick($ids['pal-2026']);
    if ($depth[$parent] >= 4) {
        continue;
    }
    $csv .= sprintf("I-%02d,pal-2026,%s,Importado %d,%s,%s,%d,%s\r\n", $i, $parent, $i, pick(THEMES) ?? '', pick(PILLARS) ?? '',
        mt_rand(0, 100), pick(DUES) ?? '');
}
$c->import($csv, 'csv');
check('after an import');
$c->import("id,plan,title,progress\r\nI-DRY,pal-2026,Solo prueba,50\r\n", 'csv', true);
check('after a dry run');

// 4. Writes that fail after their statements ran: everything rolls back, the counters too.
$before = stored($db);
$db->query("CREATE TRIGGER fail_events BEFORE INSERT ON participa_commitment_events FOR EACH ROW
            IF NEW.note = 'falla' OR NEW.commitment_id = 'I-FAIL' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'fallo simulado'; END IF");
$leaf = null;
foreach ($all as $id) {
    if ($c->get($id)['children'] === 0 && $depth[$id] > 0) {
        $leaf = $id;
        break;
    }
}
foreach ([
    'update of a leaf (the one-CALL path)' => fn() => $c->update($leaf, ['progress' => 77, 'theme' => 'presupuesto'], 'wp:fun', 'falla'),
    'update changing pillars (the statement path)' => fn() => $c->update($leaf, ['pillars' => 'innovacion', 'progress' => 3], 'wp:fun', 'falla'),
    'create under a parent' => fn() => $c->upsert(['id' => 'N-FAIL', 'plan' => 'pal-2026', 'parent' => $leaf, 'title' => 'x', 'progress' => 9], 'wp:fun', 'falla'),
    'import' => fn() => $c->import("id,plan,parent,title,progress\r\nI-OK,pal-2026,$leaf,Bien,10\r\nI-FAIL,pal-2026,,Mal,20\r\n", 'csv'),
] as $label => $fn) {
    try {
        $fn();
        echo "$label: accepted\n";
    } catch (Participa\DatabaseException $e) {
        echo "$label: rolled back\n";
    }
}
$db->query('DROP TRIGGER fail_events');
echo "counters unchanged by the failed writes: ", stored($db) === $before ? 'yes' : 'NO', "\n";
check('after the failed writes');

// 5. An assembly's agreements become commitments of the agenda.
$c->recordAssembly(['territory' => 'san-miguel-teotongo', 'held_on' => '2026-03-14', 'place' => 'Explanada',
    'attendance' => 42, 'agreements' => ['Pipas de agua', 'Luminarias']], 'wp:enl');
check('after an assembly');

// 6. The recount procedure (the migration's backfill) gives the same rows.
$db->query('CALL participa_commitment_recount_all()');
echo "recount_all keeps the counters: ", stored($db) === recount($db) ? 'yes' : 'NO', "\n";
$v = $c->verify();
echo "history verified: ", $v['ok'] ? 'yes' : 'NO ' . json_encode($v['first_bad']), "\n";
echo "checks: $checks\n";
$db->close();
participa_test_drop('cm_counts_001');
?>
--EXPECTF--
after 40 creates: counters = recount (%d rows, 0 at zero); summaries = aggregate
updates refused: some
after 150 updates: counters = recount (%d rows, 0 at zero); summaries = aggregate
after an import: counters = recount (%d rows, 0 at zero); summaries = aggregate
after a dry run: counters = recount (%d rows, 0 at zero); summaries = aggregate
update of a leaf (the one-CALL path): rolled back
update changing pillars (the statement path): rolled back
create under a parent: rolled back
import: rolled back
counters unchanged by the failed writes: yes
after the failed writes: counters = recount (%d rows, 0 at zero); summaries = aggregate
after an assembly: counters = recount (%d rows, 0 at zero); summaries = aggregate
recount_all keeps the counters: yes
history verified: yes
checks: 6
