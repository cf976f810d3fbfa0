--TEST--
Commitments::upsert()/get()/children()/list(): fields, canonical values, nesting, weighted roll-up up the chain
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_upsert_001');
$c = $site->commitments();
$r = $c->upsert([
    'id' => 'PAL-01', 'plan' => 'pal-2026', 'title' => 'Presupuesto participativo con datos abiertos',
    'description' => "Publicar el presupuesto por colonia.\nCon datos abiertos.", 'problem' => 'La ciudadanía no conoce el gasto por colonia',
    'objective' => 'Que cada colonia conozca su presupuesto', 'agency' => 'finanzas',
    'actors' => ['Colectivo Iztapalapa Transparente', 'Instituto de Transparencia de la CDMX'],
    'theme' => 'presupuesto', 'pillars' => 'transparencia; participacion;transparencia', 'territory' => 'iztapalapa',
    'start_date' => '2026-03-01', 'due_date' => '2027-06-30', 'budget' => 1250000.5, 'verification' => 'Portal de datos abiertos',
    'milestones' => [['title' => 'Portal publicado', 'due' => '2026-09-30', 'done' => false]],
    'evidence' => [['reference' => 'Oficio DGAF/123/2026', 'description' => 'Solicitud de datos', 'date' => '2026-03-05']],
], 'wp:fun', 'alta del compromiso');
foreach (['id', 'plan', 'parent', 'theme_label', 'agency_name', 'budget', 'status', 'status_label', 'progress', 'depth', 'children', 'completion'] as $k) {
    echo "$k: ", var_export($r[$k], true), "\n";
}
echo implode(' | ', $r['actors']), "\n", implode(',', $r['pillars']), "\n";
echo $r['evidence'][0]['reference'], ' by ', $r['evidence'][0]['added_by'], "\n";
var_dump($r['milestones'][0]['done']);

// Four levels: PAL-01 > 01.1 (weight 3) > 01.1.1, 01.1.2 ; PAL-01 > 01.2 (no weight = 1)
$c->upsert(['id' => 'PAL-01.1', 'plan' => 'pal-2026', 'parent' => 'PAL-01', 'title' => 'Portal', 'weight' => 3], 'wp:fun');
$c->upsert(['id' => 'PAL-01.2', 'plan' => 'pal-2026', 'parent' => 'PAL-01', 'title' => 'Mesas de trabajo'], 'wp:fun');
$c->upsert(['id' => 'PAL-01.1.1', 'plan' => 'pal-2026', 'parent' => 'PAL-01.1', 'title' => 'Diseño'], 'wp:fun');
$c->upsert(['id' => 'PAL-01.1.2', 'plan' => 'pal-2026', 'parent' => 'PAL-01.1', 'title' => 'Carga de datos'], 'wp:fun');
$c->update('PAL-01.1.1', ['progress' => 100], 'wp:fun');
$c->update('PAL-01.1.2', ['progress' => '45.5'], 'wp:fun');
$c->update('PAL-01.2', ['progress' => 20], 'wp:fun');
foreach (['PAL-01', 'PAL-01.1', 'PAL-01.1.1', 'PAL-01.1.2', 'PAL-01.2'] as $id) {
    $g = $c->get($id);
    printf("%-11s depth=%d children=%d progress=%s\n", $id, $g['depth'], $g['children'], $g['progress']);
}
// (100 + 45.5) / 2 = 72.75 ; (3 * 72.75 + 1 * 20) / 4 = 59.5625 -> 59.56
echo implode(',', array_column($c->children('PAL-01'), 'id')), "\n";
echo implode(',', array_column($c->list(['plan' => 'pal-2026', 'roots' => true]), 'id')), "\n";
echo implode(',', array_column($c->list(['pillar' => 'participacion']), 'id')), "\n";
echo count($c->list(['plan' => 'pal-2026'])), " in the plan\n";
var_dump($c->get('NO-EXISTE'));

// an upsert that changes nothing writes nothing
$before = count($c->history('PAL-01.2'));
$c->upsert(['id' => 'PAL-01.2', 'plan' => 'pal-2026', 'title' => 'Mesas de trabajo'], 'wp:fun');
echo count($c->history('PAL-01.2')) - $before, " new events\n";
participa_test_drop('cm_upsert_001');
?>
--EXPECT--
id: 'PAL-01'
plan: 'pal-2026'
parent: NULL
theme_label: 'Presupuesto y Hacienda Pública'
agency_name: 'Dirección General de Administración y Finanzas'
budget: '1250000.50'
status: 'por-iniciar'
status_label: 'Por iniciar'
progress: 0.0
depth: 0
children: 0
completion: 'no-iniciado'
Colectivo Iztapalapa Transparente | Instituto de Transparencia de la CDMX
transparencia,participacion
Oficio DGAF/123/2026 by wp:fun
bool(false)
PAL-01      depth=0 children=2 progress=59.56
PAL-01.1    depth=1 children=2 progress=72.75
PAL-01.1.1  depth=2 children=0 progress=100
PAL-01.1.2  depth=2 children=0 progress=45.5
PAL-01.2    depth=1 children=0 progress=20
PAL-01.1,PAL-01.2
PAL-01
PAL-01
5 in the plan
NULL
0 new events
