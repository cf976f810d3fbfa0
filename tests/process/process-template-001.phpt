--TEST--
Participa\Site::processTemplate(): one YAML template generates a board election per demarcation, each eligible only to its residents with its own candidates; the summary across them (residents, voters, turnout, winners) after close and count; every refusal
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$path = participa_test_config('tt-process-template-001', <<<YAML
territories:
  - id: slp
    name: San Luis
    children:
      - { id: d-001, name: Demarcación 1, kind: demarcacion, children: [ { id: d-001-a, name: Manzana A } ] }
      - { id: d-002, name: Demarcación 2, kind: demarcacion }
      - { id: d-003, name: Demarcación 3, kind: demarcacion }
roles:
  ciudadano: { can: [vote] }
processes:
  - id: jpc
    title: Junta de {territory}
    for_each: { kind: demarcacion }
    kind: election
    method: plurality
    phases: { voting: [2020-01-01, 2099-12-31] }
    candidates:
      - { id: ana, name: Ana, territory: d-001 }
      - { id: beto, name: Beto, territory: d-001-a }
      - { id: carla, name: Carla, territory: d-002 }
      - { id: dora, name: Dora, territory: d-003 }
      - { id: eli, name: Eli, territory: d-003 }
YAML);
$site = Participa\Site::open($path);
$site->migrate();
$people = ['wp:1' => 'd-001', 'wp:2' => 'd-001-a', 'wp:3' => 'd-001', 'wp:4' => 'd-002', 'wp:5' => 'd-003',
    'wp:6' => 'd-003', 'wp:7' => 'd-003', 'wp:8' => 'slp'];
foreach ($people as $id => $t) {
    $site->participants()->upsert($id, $t, ['ciudadano']);
}
$i = $site->process('jpc.d-001')->info();
echo $i['title'], " | ", $i['territory'], " | ", implode(',', array_column($i['candidates'], 'id')), "\n";
$votes = ['wp:1' => ['jpc.d-001', 'ana'], 'wp:2' => ['jpc.d-001', 'beto'], 'wp:3' => ['jpc.d-001', 'ana'],
    'wp:5' => ['jpc.d-003', 'dora'], 'wp:6' => ['jpc.d-003', 'eli'], 'wp:7' => ['jpc.d-003', 'eli']];
foreach ($votes as $who => [$p, $c]) {
    $site->process($p)->cast($who, $c);
}
echo "refusals:\n";
pt_try(fn() => $site->process('jpc.d-002')->cast('wp:1', 'carla'));   // not a resident of d-002
pt_try(fn() => $site->process('jpc.d-001')->cast('wp:8', 'ana'));     // the municipality is not inside d-001
pt_try(fn() => $site->process('jpc.d-002')->cast('wp:4', 'ana'));     // another demarcation's candidate
pt_try(fn() => $site->process('jpc'));                                // the template is not a process
pt_try(fn() => $site->processTemplate('jpc.d-001'));                  // a process is not a template
pt_try(fn() => $site->processTemplate('nada'));
pt_try(fn() => $site->processTemplate(" jpc"));
$s = $site->processTemplate('jpc');
echo "before close: ", json_encode($s['totals']), "\n";
foreach (['jpc.d-001', 'jpc.d-002', 'jpc.d-003'] as $p) {
    $site->process($p)->close();
    $site->process($p)->tally();
}
$s = $site->processTemplate('jpc');
echo $s['template'], " ", $s['title'], " ", $s['territory_kind'], " ", var_export($s['within'], true), "\n";
foreach ($s['processes'] as $r) {
    printf("%s %s (%s) residents=%d voters=%d turnout=%s closed=%s winners=%s\n", $r['process'], $r['territory'],
        $r['territory_name'], $r['residents'], $r['voters'], $r['turnout'] === null ? 'null' : round($r['turnout'], 4),
        var_export($r['closed'], true), json_encode($r['winners']));
}
echo json_encode($s['totals']), "\n";
// the count of each generated process is the recount of its own box
$ex = $site->process('jpc.d-003')->exportBallots('json');
echo count(json_decode($ex, true)['ballots']), "\n";
// open data: the same summary as CSV and JSON
echo $site->processTemplate('jpc', 'csv');
$j = json_decode($site->processTemplate('jpc', 'json'), true);
var_dump($j['totals']['voters'], array_column($j['processes'], 'winners') === array_column($s['processes'], 'winners'),
    array_column($j['processes'], 'residents') === array_column($s['processes'], 'residents'));
pt_try(fn() => $site->processTemplate('jpc', 'xml'));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('tt-process-template-001'); ?>
--EXPECT--
Junta de Demarcación 1 | d-001 | ana,beto
refusals:
Participa\NotAllowedException: Este proceso es solo para quienes viven en Demarcación 2.
Participa\NotAllowedException: Este proceso es solo para quienes viven en Demarcación 1.
Participa\InvalidArgumentException: Boleta inválida: candidato desconocido 'ana'
Participa\NotFoundException: No existe el proceso 'jpc'.
Participa\NotFoundException: No existe la plantilla de procesos 'jpc.d-001'.
Participa\NotFoundException: No existe la plantilla de procesos 'nada'.
Participa\InvalidArgumentException: El identificador de la plantilla no es válido: empieza con un espacio.
before close: {"processes":3,"residents":7,"voters":6,"turnout":0.8571428571428571,"closed":0,"counted":0}
jpc Junta de {territory} demarcacion NULL
jpc.d-001 d-001 (Demarcación 1) residents=3 voters=3 turnout=1 closed=true winners=["ana"]
jpc.d-002 d-002 (Demarcación 2) residents=1 voters=0 turnout=0 closed=true winners=["carla"]
jpc.d-003 d-003 (Demarcación 3) residents=3 voters=3 turnout=1 closed=true winners=["eli"]
{"processes":3,"residents":7,"voters":6,"turnout":0.8571428571428571,"closed":3,"counted":3}
3
process,territory,territory_name,residents,voters,turnout_percent,closed,winners
jpc.d-001,d-001,Demarcación 1,3,3,100.00,1,ana
jpc.d-002,d-002,Demarcación 2,1,0,0.00,1,carla
jpc.d-003,d-003,Demarcación 3,3,3,100.00,1,eli
int(6)
bool(true)
bool(true)
ValueError: Participa\Site::processTemplate(): Argument #2 ($format) must be "csv" or "json"
