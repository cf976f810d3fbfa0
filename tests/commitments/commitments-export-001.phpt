--TEST--
Commitments::export()/import(): CSV (RFC 4180, optional BOM) and JSON round trip into an empty database, dry run, errors with row and column
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_export_001');
$c = $site->commitments();
$c->upsert(['id' => 'PAL-07', 'plan' => 'pal-2026', 'title' => 'Obras con "contraloría social", por colonia',
    'description' => "Línea 1\nLínea 2, con coma", 'theme' => 'contraloria-social', 'pillars' => ['rendicion', 'participacion'],
    'agency' => 'obras', 'actors' => ['Comité vecinal', 'INFO CDMX'], 'territory' => 'san-miguel-teotongo',
    'start_date' => '2026-02-01', 'due_date' => '2026-12-31', 'budget' => '987654.32', 'verification' => 'Actas de comités',
    'milestones' => [['title' => 'Comités instalados', 'due' => '2026-04-30', 'done' => true], ['title' => 'Informe', 'due' => null, 'done' => false]]], 'wp:fun');
$c->upsert(['id' => 'PAL-07.1', 'plan' => 'pal-2026', 'parent' => 'PAL-07', 'title' => 'Capacitación', 'weight' => '2.5'], 'wp:fun');
$c->upsert(['id' => 'PAL-07.1.1', 'plan' => 'pal-2026', 'parent' => 'PAL-07.1', 'title' => 'Taller 1'], 'wp:fun');
$c->update('PAL-07.1.1', ['status' => 'en-proceso', 'progress' => 33.33, 'add_evidence' => ['url' => 'https://iztapalapa.gob.mx/t1', 'description' => 'Lista de asistencia', 'date' => '2026-03-10']], 'wp:fun');
$c->upsert(['id' => 'PAL-07.2', 'plan' => 'pal-2026', 'parent' => 'PAL-07', 'title' => 'Seguimiento'], 'wp:fun');

$csv = $c->export('csv', 'pal-2026');
$bom = $c->export('csv', 'pal-2026', ['bom' => true]);
var_dump(str_starts_with($bom, "\xEF\xBB\xBF"), substr($bom, 3) === $csv, substr_count($csv, "\r\n"));
echo strtok($csv, "\r\n"), "\n";
$json = $c->export('json', 'pal-2026');
echo json_decode($json, true)['plan']['title'], "\n";

// Into an empty database: the CSV (with BOM, rows shuffled so children come first) and the JSON.
$lines = explode("\r\n", rtrim($bom, "\r\n"));
$header = array_shift($lines);
$shuffled = $header . "\r\n" . implode("\r\n", array_reverse($lines)) . "\r\n";
foreach (['csv' => $shuffled, 'json' => $json] as $format => $data) {
    $empty = commitments_test_site("cm_export_001_$format");
    $e = $empty->commitments();
    $dry = $e->import($data, $format, true);
    echo "$format dry run: ", implode(',', array_map(fn($x) => $x['id'] . ':' . $x['action'], $dry['changes'])), "\n";
    echo "  nothing written: ", count($e->list()), "\n";
    $res = $e->import($data, $format);
    echo "  applied {$res['applied']}, errors ", count($res['errors']), "\n";
    echo "  csv identical: ", var_export($e->export('csv', 'pal-2026') === $csv, true), "\n";
    echo "  json identical: ", var_export($e->export('json', 'pal-2026') === $json, true), "\n";
    echo "  progress of PAL-07: ", $e->get('PAL-07')['progress'], " / ", $c->get('PAL-07')['progress'], "\n";
    echo "  chain ok: ", var_export($e->verify()['ok'], true), "\n";
    $again = $e->import($data, $format, true);
    echo "  re-import: ", implode(',', array_unique(array_column($again['changes'], 'action'))), "\n";
    participa_test_drop("cm_export_001_$format");
}

// Dry run of a change: lists the fields that would change.
$changed = str_replace('Seguimiento', 'Seguimiento trimestral', $csv);
$dry = $c->import($changed, 'csv', true);
foreach ($dry['changes'] as $ch) { if ($ch['action'] !== 'unchanged') { echo $ch['id'], ' ', $ch['action'], ' ', json_encode($ch['changes'], JSON_UNESCAPED_UNICODE), "\n"; } }
echo $c->get('PAL-07.2')['title'], " (unchanged by the dry run)\n";

// Errors: every one with its row and column, listed by row; nothing is written.
$bad = "id,plan,title,theme,progress,due_date,colour\r\n"
     . "N-1,pal-2026,Uno,deportes,10,2026-01-01,rojo\r\n"
     . "N-2,pal-2026,Dos,presupuesto,150,2026-01-01,\r\n"
     . "N-3,pal-2026,Tres,presupuesto,10,2026-13-01,\r\n"
     . "N-4,pal-2026,\"Cuatro \"roto\",presupuesto,10,,\r\n";
$res = $c->import($bad, 'csv');
foreach ($res['errors'] as $er) { echo "row {$er['row']} col ", $er['column_number'] ?? '-', ' (', $er['column'] ?? '-', "): {$er['message']}\n"; }
echo "applied {$res['applied']}; N-1 exists: ", var_export($c->get('N-1') !== null, true), "\n";
$res = $c->import('{"commitments": [{"id": "J-1", "plan": "pal-2026", "title": "x", "pillars": ["magia"]}]}', 'json', true);
foreach ($res['errors'] as $er) { echo "json row {$er['row']} ({$er['column']}): {$er['message']}\n"; }
participa_test_drop('cm_export_001');
?>
--EXPECT--
bool(true)
bool(true)
int(5)
id,plan,parent,title,description,problem,objective,agency,actors,theme,pillars,territory,start_date,due_date,budget,weight,status,progress,verification,evidence,milestones
Plan de Acción Local de Gobierno Abierto 2026-2027
csv dry run: PAL-07:create,PAL-07.2:create,PAL-07.1:create,PAL-07.1.1:create
  nothing written: 0
  applied 4, errors 0
  csv identical: true
  json identical: true
  progress of PAL-07: 23.81 / 23.81
  chain ok: true
  re-import: unchanged
json dry run: PAL-07:create,PAL-07.1:create,PAL-07.2:create,PAL-07.1.1:create
  nothing written: 0
  applied 4, errors 0
  csv identical: true
  json identical: true
  progress of PAL-07: 23.81 / 23.81
  chain ok: true
  re-import: unchanged
PAL-07.2 update {"title":["Seguimiento","Seguimiento trimestral"]}
Seguimiento (unchanged by the dry run)
row 1 col 7 (colour): columna desconocida 'colour'
row 2 col 4 (theme): tema desconocido 'deportes'
row 3 col 5 (progress): progress: se esperaba un porcentaje de 0 a 100 (hasta dos decimales), se recibió '150'
row 4 col 6 (due_date): due_date: se esperaba una fecha AAAA-MM-DD válida, se recibió '2026-13-01'
row 5 col 3 (title): CSV fila 5, columna 3: texto después de las comillas de cierre
applied 0; N-1 exists: false
json row 1 (pillars): pilar desconocido 'magia'
