--TEST--
Commitments::import(): the dry run runs every check the write runs (parents, plans, depth, cycles, stored structure) and lists every error with its row and column; a 4,000-row child-first chain is ordered in linear time
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_import_dry_run_001');
$c = $site->commitments();
$c->upsert(['id' => 'S-1', 'plan' => 'pal-2026', 'title' => 'Guardado con hijos'], 'wp:fun');
$c->upsert(['id' => 'S-1.1', 'plan' => 'pal-2026', 'parent' => 'S-1', 'title' => 'Hijo guardado', 'progress' => 30], 'wp:fun');
$c->upsert(['id' => 'A-1', 'plan' => 'agenda-teotongo', 'title' => 'De la agenda'], 'wp:fun');
$events = $c->verify()['events'];

function show(array $r): void
{
    foreach ($r['errors'] as $e) {
        echo "  row ", $e['row'] ?? '-', " col ", $e['column_number'] ?? '-', " (", $e['column'] ?? '-', "): {$e['message']}\n";
    }
    echo "  applied {$r['applied']}, changes ", implode(',', array_map(fn($x) => "{$x['id']}:{$x['action']}", $r['changes'])), "\n";
}

$csv = "id,plan,parent,title,progress,milestones\r\n"
     . "OK-1,pal-2026,,Bien,,\r\n"                           // row 2: fine
     . "H-1,pal-2026,NADIE,Sin padre,,\r\n"                   // row 3: the parent is nowhere
     . "H-2,pal-2026,A-1,Padre de otro plan,,\r\n"            // row 4: the stored parent is in another plan
     . "C-1,pal-2026,C-2,Ciclo,,\r\n"                         // rows 5-6: a cycle
     . "C-2,pal-2026,C-1,Ciclo,,\r\n"
     . "S-1.1,pal-2026,,Mover un guardado,,\r\n"              // row 7: moves a stored commitment
     . "S-1,agenda-teotongo,,Cambiar de plan,55,\r\n"         // row 8: changes a stored plan and a rolled-up progress
     . "OK-1,pal-2026,,Repetido,,\r\n"                        // row 9: repeated id
     . "Y-1,pal-2026,Y-1,Su propio padre,,\r\n"               // row 10
     . "OK-2,pal-2026,OK-1,Hijo de OK-1,,\"[{\"\"title\"\":\"\"x\"\",\"\"done\"\":\"\"sí\"\"}]\"\r\n"   // row 11: done not a boolean
     . "OK-3,pal-2026,OK-1,Hito con clave extra,,\"[{\"\"title\"\":\"\"x\"\",\"\"color\"\":\"\"rojo\"\"}]\"\r\n" // row 12
     . "OK-4,pal-2026,OK-1,Bien también,10,\"[{\"\"title\"\":\"\"x\"\",\"\"due\"\":\"\"2026-02-30\"\"}]\"\r\n"; // row 13: Feb 30
echo "dry run:\n";
$dry = $c->import($csv, 'csv', true);
show($dry);
echo "write:\n";
$res = $c->import($csv, 'csv');
show($res);
echo "same errors: ", var_export($dry['errors'] === $res['errors'], true), "\n";
echo "nothing written: ", var_export($c->get('OK-1') === null && $c->verify()['events'] === $events, true), "\n";
echo "S-1 still in pal-2026: ", $c->get('S-1')['plan'], "\n";

// Without the bad rows the dry run simulates the write, roll-ups included, and the write agrees.
$good = "id,plan,parent,title,progress\r\nOK-2,pal-2026,OK-1,Hijo,50\r\nOK-1,pal-2026,,Padre,\r\nS-1.2,pal-2026,S-1,Nuevo hijo de un guardado,90\r\n";
echo "good dry run:\n";
show($c->import($good, 'csv', true));
echo "good write:\n";
show($c->import($good, 'csv'));
echo "OK-1 progress ", $c->get('OK-1')['progress'], ", S-1 progress ", $c->get('S-1')['progress'], "\n";

// JSON: the same checks; errors name the field.
$json = json_encode(['commitments' => [
    ['id' => 'J-1', 'plan' => 'pal-2026', 'title' => 'x', 'parent' => 'J-2'],
    ['id' => 'J-2', 'plan' => 'pal-2026', 'title' => 'y', 'parent' => 'J-1', 'colour' => 'rojo',
     'evidence' => [['url' => 'https://a.mx/1', 'fecha' => '2026-01-01']]],
    'no soy un objeto',
]]);
echo "json:\n";
show($c->import($json, 'json', true));

// A 4,000-row chain, each row the child of the next one (the deepest first): ordered at once; the
// first row too deep is named, the 16 levels above it are simulated, nothing is written.
$chain = "id,plan,parent,title\r\n";
for ($i = 0; $i < 4000; $i++) {
    $chain .= "K-$i,pal-2026," . ($i < 3999 ? 'K-' . ($i + 1) : '') . ",Eslabón $i\r\n";
}
$r = $c->import($chain, 'csv', true);
echo "chain: ", count($r['errors']), " error(s): row {$r['errors'][0]['row']} ({$r['errors'][0]['column']}): {$r['errors'][0]['message']}; ",
    count($r['changes']), " rows simulated, the first ", $r['changes'][0]['id'], "\n";
$r = $c->import($chain, 'csv');
echo "chain write: applied {$r['applied']}, K-3999 stored: ", var_export($c->get('K-3999') !== null, true), "\n";
participa_test_drop('cm_import_dry_run_001');
?>
--EXPECT--
dry run:
  row 3 col 3 (parent): No existe el compromiso padre 'NADIE'.
  row 4 col 3 (parent): El compromiso padre 'A-1' pertenece a otro plan.
  row 5 col 3 (parent): ciclo de compromisos padre
  row 6 col 3 (parent): ciclo de compromisos padre
  row 7 col 3 (parent): No se puede cambiar el compromiso padre de 'S-1.1'.
  row 8 col 2 (plan): No se puede cambiar el plan de 'S-1'.
  row 8 col 5 (progress): El avance de 'S-1' se calcula de sus 1 subcompromisos; actualiza los subcompromisos.
  row 9 col 1 (id): id 'OK-1' repetido (fila 2)
  row 10 col 3 (parent): Un compromiso no puede ser su propio padre.
  row 11 col 6 (milestones): milestones: done del elemento 1 debe ser true o false
  row 12 col 6 (milestones): milestones: el elemento 1 tiene la clave desconocida 'color'
  row 13 col 6 (milestones): milestones: fecha inválida '2026-02-30' (AAAA-MM-DD)
  applied 0, changes OK-1:create
write:
  row 3 col 3 (parent): No existe el compromiso padre 'NADIE'.
  row 4 col 3 (parent): El compromiso padre 'A-1' pertenece a otro plan.
  row 5 col 3 (parent): ciclo de compromisos padre
  row 6 col 3 (parent): ciclo de compromisos padre
  row 7 col 3 (parent): No se puede cambiar el compromiso padre de 'S-1.1'.
  row 8 col 2 (plan): No se puede cambiar el plan de 'S-1'.
  row 8 col 5 (progress): El avance de 'S-1' se calcula de sus 1 subcompromisos; actualiza los subcompromisos.
  row 9 col 1 (id): id 'OK-1' repetido (fila 2)
  row 10 col 3 (parent): Un compromiso no puede ser su propio padre.
  row 11 col 6 (milestones): milestones: done del elemento 1 debe ser true o false
  row 12 col 6 (milestones): milestones: el elemento 1 tiene la clave desconocida 'color'
  row 13 col 6 (milestones): milestones: fecha inválida '2026-02-30' (AAAA-MM-DD)
  applied 0, changes 
same errors: true
nothing written: true
S-1 still in pal-2026: pal-2026
good dry run:
  applied 0, changes OK-1:create,S-1.2:create,OK-2:create
good write:
  applied 3, changes OK-1:create,S-1.2:create,OK-2:create
OK-1 progress 50, S-1 progress 60
json:
  row 1 col - (parent): ciclo de compromisos padre
  row 2 col - (colour): campo desconocido 'colour'
  row 2 col - (evidence): evidence: el elemento 1 tiene la clave desconocida 'fecha'
  row 2 col - (parent): ciclo de compromisos padre
  row 3 col - (-): cada compromiso debe ser un objeto
  applied 0, changes 
chain: 1 error(s): row 3985 (parent): Se admiten como máximo 16 niveles de compromisos.; 16 rows simulated, the first K-3999
chain write: applied 0, K-3999 stored: false
