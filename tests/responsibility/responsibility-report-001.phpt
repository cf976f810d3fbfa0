--TEST--
Participa\Site::responsibilityReport() and responsibilityHtml(): a directorate's report from the stored data (assemblies recorded in its territories, their agreements, the commitments they became and their progress, local agendas by stage, rolled up the tree), who answers for each territory, as of a date; a person's territories; open data (CSV, JSON); the accessible fragment; refusals: an unknown directorate, a date outside (after today, not a date), a person without responsibility, another format
--EXTENSIONS--
participa
mysqli
--INI--
participa.templates_dir={PWD}/../../templates
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../process/process_test.inc';
$path = participa_test_config('tresp-report-001', <<<YAML
territories:
  - id: izt
    name: Alcaldía Iztapalapa
    kind: alcaldia
    children:
      - id: dt-norte
        name: Dirección Territorial Norte
        kind: direccion_territorial
        children:
          - { id: t-1, name: Territorio 1, kind: territorio }
          - { id: t-2, name: Territorio 2, kind: territorio, children: [ { id: t-2-a, name: Manzana 2A } ] }
      - id: dt-sur
        name: Dirección Territorial Sur
        kind: direccion_territorial
        children:
          - { id: t-3, name: Territorio 3, kind: territorio }
roles:
  funcionario: { can: [comment, update_commitment, record_assembly] }
  enlace: { can: [comment, record_assembly] }
assignments:
  - { participant: "wp:of-norte", role: funcionario, territory: dt-norte }
  - { participant: "wp:of-sur", role: funcionario, territory: dt-sur }
  - { participant: "wp:sv1", role: enlace, territory: t-1 }
  - { participant: "wp:pr2", role: enlace, territory: t-2-a }
responsibilities:
  - { participant: "wp:of-norte", kind: official, territory: dt-norte }
  - { participant: "wp:of-sur", kind: official, territory: dt-sur }
  - { participant: "wp:sv1", kind: servidor, territory: t-1 }
  - { participant: "wp:pr2", kind: promoter, territory: t-2-a }
plans:
  - { id: agenda-t1, title: Agenda local del Territorio 1, territory: t-1, agenda: true }
  - { id: agenda-t3, title: Agenda local del Territorio 3, territory: t-3, agenda: true }
commitments:
  statuses:
    - id: por-iniciar
      label: Por iniciar
      initial: true
      transitions: [ { to: en-proceso, by: [funcionario] } ]
    - { id: en-proceso, label: En proceso, progress: 10 }
assemblies:
  min_attendance: 10
YAML);
$site = Participa\Site::open($path);
$site->migrate();
$c = $site->commitments();
$a1 = $c->recordAssembly(['territory' => 't-1', 'held_on' => '2026-03-14', 'place' => 'Explanada', 'attendance' => 42,
    'agreements' => ['Pipas de agua los martes', 'Reparar 12 luminarias', 'Limpiar el canal']], 'wp:sv1');
$c->update($a1['commitments'][1], ['status' => 'en-proceso', 'progress' => 50], 'wp:of-norte', '6 de 12');
$c->update($a1['commitments'][2], ['status' => 'en-proceso', 'progress' => 25], 'wp:of-norte', 'empezó');
// below the quorum: agreements recorded, no commitments (an agenda stage without implementation)
$c->recordAssembly(['territory' => 't-2-a', 'held_on' => '2026-03-20', 'place' => 'Patio', 'attendance' => 6,
    'agreements' => ['Convocar otra asamblea']], 'wp:pr2');
// an assembly without agreements yet: diagnosis
$c->recordAssembly(['territory' => 't-3', 'held_on' => '2026-04-02', 'place' => 'Casa de cultura', 'attendance' => 30],
    'wp:of-sur');
$c->recordAssembly(['territory' => 't-1', 'held_on' => '2026-04-05', 'place' => 'Explanada', 'attendance' => 12],
    'wp:sv1');

function show(array $r): void
{
    echo "{$r['kind']} {$r['of']} ", $r['date'] ?? 'all', "\n";
    foreach (array_merge($r['lines'], [['name' => 'totals', 'territory' => '-'] + $r['totals']]) as $l) {
        printf("  %s: official=%s servidor=%s promoter=%s agenda=%s assemblies=%d agreements=%d commitments=%d started=%d progress=%s stages=%s\n",
            $l['territory'], $l['official'] ?? '-', $l['servidor'] ?? '-', $l['promoter'] ?? '-', $l['agenda'] ?? '-',
            $l['assemblies'], $l['agreements'], $l['commitments'], $l['started'],
            $l['progress'] === null ? 'null' : round($l['progress'], 4), json_encode($l['stages']));
    }
}
show($site->responsibilityReport('izt'));
show($site->responsibilityReport('dt-norte', '2026-03-15'));
show($site->responsibilityReport('dt-norte', '2026-03-31'));
show($site->responsibilityReport('wp:pr2'));
show($site->responsibilityReport('wp:of-sur', '2026-04-01'));
// the report is a recount of the stored rows: the commitments' progress read back one by one
$sum = 0;
foreach ($a1['commitments'] as $id) {
    $sum += $c->get($id)['progress'];
}
var_dump(abs($site->responsibilityReport('t-1')['lines'][0]['progress'] - $sum / 3) < 1e-9);
echo "open data:\n";
echo $site->responsibilityReport('dt-norte', null, 'csv');
$j = json_decode($site->responsibilityReport('dt-norte', null, 'json'), true);
var_dump($j['totals']['agreements'], array_column($j['lines'], 'territory'));
echo "refusals:\n";
pt_try(fn() => $site->responsibilityReport('dt-oriente'));          // unknown directorate
pt_try(fn() => $site->responsibilityReport('wp:nadie'));            // a person without responsibility
pt_try(fn() => $site->responsibilityReport('izt', '2099-01-01'));   // a date outside: after today
pt_try(fn() => $site->responsibilityReport('izt', '2026-02-30'));   // not a date
pt_try(fn() => $site->responsibilityReport('izt', '15/03/2026'));
pt_try(fn() => $site->responsibilityReport('izt', null, 'xml'));
echo "fragment:\n";
$host = new Participa\Host(['url' => '/informe/?{params}', 'instance' => 'r1', 'heading' => 2,
    'names' => fn(array $ids) => array_intersect_key(['wp:of-norte' => 'Ana López', 'wp:sv1' => 'Beto Ruiz',
        'wp:pr2' => 'Carla Díaz'], array_flip($ids))]);
echo $site->responsibilityHtml($host, 'dt-norte', '2026-03-31');
echo $site->responsibilityHtml($host, 'wp:sv1');
$en = new Participa\Host(['url' => '/report/?{params}', 'instance' => 'r2', 'lang' => 'en']);
echo $site->responsibilityHtml($en, 'dt-sur');
pt_try(fn() => $site->responsibilityHtml($host, 'wp:nadie'));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('tresp-report-001'); ?>
--EXPECT--
territory izt all
  izt: official=- servidor=- promoter=- agenda=- assemblies=4 agreements=4 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":1,"agenda":1,"implementation":1}
  dt-norte: official=wp:of-norte servidor=- promoter=- agenda=- assemblies=3 agreements=4 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":0,"agenda":1,"implementation":1}
  dt-sur: official=wp:of-sur servidor=- promoter=- agenda=- assemblies=1 agreements=0 commitments=0 started=0 progress=null stages={"none":0,"diagnosis":1,"agenda":0,"implementation":0}
  -: official=- servidor=- promoter=- agenda=- assemblies=4 agreements=4 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":1,"agenda":1,"implementation":1}
territory dt-norte 2026-03-15
  dt-norte: official=wp:of-norte servidor=- promoter=- agenda=- assemblies=1 agreements=3 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":0,"agenda":0,"implementation":1}
  t-1: official=wp:of-norte servidor=wp:sv1 promoter=- agenda=agenda-t1 assemblies=1 agreements=3 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":0,"agenda":0,"implementation":1}
  t-2: official=wp:of-norte servidor=- promoter=- agenda=- assemblies=0 agreements=0 commitments=0 started=0 progress=null stages={"none":0,"diagnosis":0,"agenda":0,"implementation":0}
  -: official=- servidor=- promoter=- agenda=- assemblies=1 agreements=3 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":0,"agenda":0,"implementation":1}
territory dt-norte 2026-03-31
  dt-norte: official=wp:of-norte servidor=- promoter=- agenda=- assemblies=2 agreements=4 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":0,"agenda":1,"implementation":1}
  t-1: official=wp:of-norte servidor=wp:sv1 promoter=- agenda=agenda-t1 assemblies=1 agreements=3 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":0,"agenda":0,"implementation":1}
  t-2: official=wp:of-norte servidor=- promoter=- agenda=- assemblies=1 agreements=1 commitments=0 started=0 progress=null stages={"none":0,"diagnosis":0,"agenda":1,"implementation":0}
  -: official=- servidor=- promoter=- agenda=- assemblies=2 agreements=4 commitments=3 started=2 progress=25 stages={"none":0,"diagnosis":0,"agenda":1,"implementation":1}
person wp:pr2 all
  t-2-a: official=wp:of-norte servidor=- promoter=wp:pr2 agenda=- assemblies=1 agreements=1 commitments=0 started=0 progress=null stages={"none":0,"diagnosis":0,"agenda":1,"implementation":0}
  -: official=- servidor=- promoter=- agenda=- assemblies=1 agreements=1 commitments=0 started=0 progress=null stages={"none":0,"diagnosis":0,"agenda":1,"implementation":0}
person wp:of-sur 2026-04-01
  dt-sur: official=wp:of-sur servidor=- promoter=- agenda=- assemblies=0 agreements=0 commitments=0 started=0 progress=null stages={"none":0,"diagnosis":0,"agenda":0,"implementation":0}
  -: official=- servidor=- promoter=- agenda=- assemblies=0 agreements=0 commitments=0 started=0 progress=null stages={"none":0,"diagnosis":0,"agenda":0,"implementation":0}
bool(true)
open data:
territory,name,kind,official,servidor,promoter,agenda,assemblies,agreements,commitments,started,progress_percent,none,diagnosis,agenda_stage,implementation
dt-norte,Dirección Territorial Norte,direccion_territorial,wp:of-norte,,,,3,4,3,2,25.00,0,0,1,1
t-1,Territorio 1,territorio,wp:of-norte,wp:sv1,,agenda-t1,2,3,3,2,25.00,0,0,0,1
t-2,Territorio 2,territorio,wp:of-norte,,,,1,1,0,0,,0,0,1,0
int(4)
array(3) {
  [0]=>
  string(8) "dt-norte"
  [1]=>
  string(3) "t-1"
  [2]=>
  string(3) "t-2"
}
refusals:
Participa\NotFoundException: No existe el territorio «dt-oriente».
Participa\NotFoundException: «wp:nadie» no tiene responsabilidad sobre ningún territorio.
Participa\InvalidArgumentException: La fecha del informe (2099-01-01) es posterior a hoy.
Participa\InvalidArgumentException: La fecha debe escribirse AAAA-MM-DD (por ejemplo 2026-04-10).
Participa\InvalidArgumentException: La fecha debe escribirse AAAA-MM-DD (por ejemplo 2026-04-10).
ValueError: Participa\Site::responsibilityReport(): Argument #3 ($format) must be "csv" or "json"
fragment:
<section class="participa participa-responsabilidad" id="r1" lang="es" aria-labelledby="r1-titulo">
<div class="participa-titulo" role="heading" aria-level="2" id="r1-titulo">Informe de responsabilidad: Dirección Territorial Norte</div>
<table class="participa-tabla">
<caption>Asambleas, acuerdos y agendas locales al 2026-03-31</caption>
<thead>
<tr><th scope="col" rowspan="2">Territorio</th><th scope="col" rowspan="2">Responsable del territorio</th><th scope="col" rowspan="2">Servidor(a)</th><th scope="col" rowspan="2">Promotor(a)</th><th scope="col" rowspan="2">Agenda local</th><th scope="col" rowspan="2">Asambleas</th><th scope="col" rowspan="2">Acuerdos</th><th scope="col" rowspan="2">Compromisos</th><th scope="col" rowspan="2">Iniciados</th><th scope="col" rowspan="2">Avance promedio</th><th scope="colgroup" colspan="3">Agendas locales por etapa</th></tr>
<tr><th scope="col">En diagnóstico</th><th scope="col">Con agenda</th><th scope="col">En ejecución</th></tr>
</thead>
<tbody>
<tr class="participa-total"><th scope="row">Dirección Territorial Norte</th><td>Ana López</td><td>Sin asignar</td><td>Sin asignar</td><td>Sin agenda local</td><td>2</td><td>4</td><td>3</td><td>2</td><td>25.00 %</td><td>0</td><td>1</td><td>1</td></tr>
<tr class="participa-linea"><th scope="row">Territorio 1</th><td>Ana López</td><td>Beto Ruiz</td><td>Sin asignar</td><td>Agenda local del Territorio 1</td><td>1</td><td>3</td><td>3</td><td>2</td><td>25.00 %</td><td>0</td><td>0</td><td>1</td></tr>
<tr class="participa-linea"><th scope="row">Territorio 2</th><td>Ana López</td><td>Sin asignar</td><td>Sin asignar</td><td>Sin agenda local</td><td>1</td><td>1</td><td>0</td><td>0</td><td>—</td><td>0</td><td>1</td><td>0</td></tr>
</tbody>
</table>
</section>
<section class="participa participa-responsabilidad" id="r1" lang="es" aria-labelledby="r1-titulo">
<div class="participa-titulo" role="heading" aria-level="2" id="r1-titulo">Territorios a cargo de Beto Ruiz</div>
<table class="participa-tabla">
<caption>Asambleas, acuerdos y agendas locales: todo lo registrado</caption>
<thead>
<tr><th scope="col" rowspan="2">Territorio</th><th scope="col" rowspan="2">Responsable del territorio</th><th scope="col" rowspan="2">Servidor(a)</th><th scope="col" rowspan="2">Promotor(a)</th><th scope="col" rowspan="2">Agenda local</th><th scope="col" rowspan="2">Asambleas</th><th scope="col" rowspan="2">Acuerdos</th><th scope="col" rowspan="2">Compromisos</th><th scope="col" rowspan="2">Iniciados</th><th scope="col" rowspan="2">Avance promedio</th><th scope="colgroup" colspan="3">Agendas locales por etapa</th></tr>
<tr><th scope="col">En diagnóstico</th><th scope="col">Con agenda</th><th scope="col">En ejecución</th></tr>
</thead>
<tbody>
<tr class="participa-linea"><th scope="row">Territorio 1</th><td>Ana López</td><td>Beto Ruiz</td><td>Sin asignar</td><td>Agenda local del Territorio 1</td><td>2</td><td>3</td><td>3</td><td>2</td><td>25.00 %</td><td>0</td><td>0</td><td>1</td></tr>
</tbody>
<tfoot>
<tr><th scope="row" colspan="5">Total</th><td>2</td><td>3</td><td>3</td><td>2</td><td>25.00 %</td><td>0</td><td>0</td><td>1</td></tr>
</tfoot>
</table>
</section>
<section class="participa participa-responsabilidad" id="r2" lang="en" aria-labelledby="r2-titulo">
<div class="participa-titulo" role="heading" aria-level="2" id="r2-titulo">Responsibility report: Dirección Territorial Sur</div>
<table class="participa-tabla">
<caption>Assemblies, agreements and local agendas: everything recorded</caption>
<thead>
<tr><th scope="col" rowspan="2">Territory</th><th scope="col" rowspan="2">Official in charge</th><th scope="col" rowspan="2">Public servant</th><th scope="col" rowspan="2">Promoter</th><th scope="col" rowspan="2">Local agenda</th><th scope="col" rowspan="2">Assemblies</th><th scope="col" rowspan="2">Agreements</th><th scope="col" rowspan="2">Commitments</th><th scope="col" rowspan="2">Started</th><th scope="col" rowspan="2">Mean progress</th><th scope="colgroup" colspan="3">Local agendas by stage</th></tr>
<tr><th scope="col">In diagnosis</th><th scope="col">With an agenda</th><th scope="col">In implementation</th></tr>
</thead>
<tbody>
<tr class="participa-total"><th scope="row">Dirección Territorial Sur</th><td>Participant</td><td>Unassigned</td><td>Unassigned</td><td>No local agenda</td><td>1</td><td>0</td><td>0</td><td>0</td><td>—</td><td>1</td><td>0</td><td>0</td></tr>
<tr class="participa-linea"><th scope="row">Territorio 3</th><td>Participant</td><td>Unassigned</td><td>Unassigned</td><td>Agenda local del Territorio 3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>—</td><td>1</td><td>0</td><td>0</td></tr>
</tbody>
</table>
</section>
Participa\NotFoundException: «wp:nadie» no tiene responsabilidad sobre ningún territorio.
