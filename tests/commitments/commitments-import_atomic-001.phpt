--TEST--
Commitments::import(): the whole file in one transaction or nothing; a file whose row 300 fails (in the write or in a check) leaves the database exactly as before
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_import_atomic_001');
$c = $site->commitments();
$db = participa_test_admin('pt_cm_import_atomic_001');

// Something stored already: a parent the file's rows hang from, with its history.
$c->upsert(['id' => 'BASE', 'plan' => 'pal-2026', 'title' => 'Compromiso existente', 'progress' => 40], 'wp:fun');
$c->upsert(['id' => 'BASE.1', 'plan' => 'pal-2026', 'parent' => 'BASE', 'title' => 'Hijo existente'], 'wp:fun');

/** Every row of every commitment table, and the history head: a fingerprint of the database. */
function state(mysqli $db): string
{
    $out = '';
    foreach (['participa_commitments' => 'id', 'participa_commitment_pillars' => 'commitment_id, pillar_id',
              'participa_commitment_evidence' => 'commitment_id, position', 'participa_commitment_milestones' => 'commitment_id, position',
              'participa_commitment_events' => 'seq', 'participa_commitment_chain' => 'id'] as $t => $key) {
        foreach ($db->query("SELECT * FROM $t ORDER BY $key")->fetch_all(MYSQLI_NUM) as $row) {
            $out .= $t . ':' . json_encode($row) . "\n";
        }
    }
    return md5($out) . ' (' . substr_count($out, "\n") . ' rows)';
}

/** 400 data rows (CSV rows 2..401), child-first pairs under BASE, evidence and pillars on some. */
function file_400(?string $theme300 = null): string
{
    $csv = "id,plan,parent,title,theme,pillars,progress,evidence\r\n";
    for ($row = 2; $row <= 401; $row++) {
        $n = $row;
        // even rows are children of the next (odd) row: each child comes before its parent
        $parent = $row % 2 === 0 ? 'R-' . ($row + 1) : 'BASE';
        $theme = $row === 300 && $theme300 !== null ? $theme300 : 'presupuesto';
        $ev = $row % 7 === 0 ? '"[{""url"":""https://iztapalapa.gob.mx/a/' . $n . '"",""description"":""Acta""}]"' : '';
        $progress = $row % 2 === 0 ? (string)($row % 100) : '';
        $csv .= "R-$n,pal-2026,$parent,Compromiso $n,$theme,transparencia,$progress,$ev\r\n";
    }
    return $csv;
}

$before = state($db);
echo "before: $before\n";

// 1. The write fails at row 300 (a trigger stands for any failure the checks cannot foresee:
//    a full disk, a lost connection, a constraint): nothing of rows 2..299 may stay.
$db->query("CREATE TRIGGER fail_300 BEFORE INSERT ON participa_commitments FOR EACH ROW
            IF NEW.id = 'R-300' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'fallo simulado en la fila 300'; END IF");
try {
    $c->import(file_400(), 'csv');
    echo "import: accepted\n";
} catch (Participa\DatabaseException $e) {
    echo "import: ", get_class($e), "\n";
}
echo "after a failed write: ", state($db) === $before ? 'unchanged' : 'CHANGED ' . state($db), "\n";
echo "R-299 stored: ", var_export($c->get('R-299') !== null, true), "\n";
// the dry run runs the same write (and rolls it back): it meets the same failure
try {
    $c->import(file_400(), 'csv', true);
    echo "dry run: accepted\n";
} catch (Participa\DatabaseException $e) {
    echo "dry run: ", get_class($e), "\n";
}
echo "after the dry run: ", state($db) === $before ? 'unchanged' : 'CHANGED', "\n";
$db->query("DROP TRIGGER fail_300");

// 2. Row 300 fails a check: the error names row 300 and its column; nothing is written.
$r = $c->import(file_400('deportes'), 'csv');
foreach ($r['errors'] as $e) { echo "row {$e['row']} col {$e['column_number']} ({$e['column']}): {$e['message']}\n"; }
echo "applied {$r['applied']}, changes ", count($r['changes']), "; ", state($db) === $before ? 'unchanged' : 'CHANGED', "\n";

// 3. A dry run of the good file writes nothing and says what the write will do.
$dry = $c->import(file_400(), 'csv', true);
echo "dry run: ", count($dry['errors']), " errors, ", count($dry['changes']), " changes, applied {$dry['applied']}; ",
    state($db) === $before ? 'unchanged' : 'CHANGED', "\n";
$first = array_search('R-300', array_column($dry['changes'], 'id'));
$parent = array_search('R-301', array_column($dry['changes'], 'id'));
echo "R-301 (the parent, later in the file) before R-300: ", var_export($parent < $first, true), "\n";

// 4. The good file, for real: every row, one chain, the roll-up done once per parent.
$r = $c->import(file_400(), 'csv');
echo "applied {$r['applied']}, errors ", count($r['errors']), "\n";
echo "stored: ", count($c->list(['plan' => 'pal-2026'])), "; R-303 children ", $c->get('R-303')['children'],
    ", progress ", $c->get('R-303')['progress'], " (its child R-302: ", $c->get('R-302')['progress'], ")\n";
// BASE: the mean of BASE.1 (0) and the 200 odd rows, each the progress of its one child (row % 100)
$sum = 0; for ($row = 2; $row <= 401; $row += 2) { $sum += $row % 100; }
printf("BASE progress %s, expected %.2f\n", $c->get('BASE')['progress'], round($sum / 201, 2));
$v = $c->verify();
echo "chain ok: ", var_export($v['ok'], true), ", events ", $v['events'], "\n";
echo "evidence of R-301: ", $c->get('R-301')['evidence'][0]['url'], "\n";
$again = $c->import(file_400(), 'csv', true);
echo "re-import: ", implode(',', array_unique(array_column($again['changes'], 'action'))), "\n";
participa_test_drop('cm_import_atomic_001');
?>
--EXPECTF--
before: %s (%d rows)
import: Participa\DatabaseException
after a failed write: unchanged
R-299 stored: false
dry run: Participa\DatabaseException
after the dry run: unchanged
row 300 col 5 (theme): tema desconocido 'deportes'
applied 0, changes 0; unchanged
dry run: 0 errors, 400 changes, applied 0; unchanged
R-301 (the parent, later in the file) before R-300: true
applied 400, errors 0
stored: 402; R-303 children 1, progress 2 (its child R-302: 2)
BASE progress 48.76, expected 48.76
chain ok: true, events %d
evidence of R-301: https://iztapalapa.gob.mx/a/301
re-import: unchanged
