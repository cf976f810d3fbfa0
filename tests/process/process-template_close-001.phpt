--TEST--
Participa\Site::closeTemplate(): every board a template generated closed in its own transaction (no ballot after it, the secret links cleared) and all sealed by one rewrite of the ballot tables; a second call closes nothing; the counts equal the boxes; a board closed alone before is sealed with the others; refusals
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$path = participa_test_config('tt-process-template_close-001', <<<YAML
territories:
  - id: slp
    name: San Luis
    children:
      - { id: d-001, name: Demarcación 1, kind: demarcacion }
      - { id: d-002, name: Demarcación 2, kind: demarcacion }
      - { id: d-003, name: Demarcación 3, kind: demarcacion }
      - { id: d-004, name: Demarcación 4, kind: demarcacion }
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
      - { id: si, name: Planilla A }
      - { id: no, name: Planilla B }
  - id: otra
    title: Otra consulta
    kind: election
    method: plurality
    phases: { voting: [2020-01-01, 2099-12-31] }
    candidates: [ { id: x, name: X }, { id: y, name: Y } ]
YAML);
$site = Participa\Site::open($path);
$site->migrate();
$db = participa_test_admin('pt_tt_process_template_close_001');
for ($i = 0; $i < 40; $i++) {
    $site->participants()->upsert("wp:$i", sprintf('d-%03d', 1 + $i % 4), ['ciudadano']);
}
for ($i = 0; $i < 40; $i++) {
    $site->process(sprintf('jpc.d-%03d', 1 + $i % 4))->cast("wp:$i", $i % 3 ? 'si' : 'no');
    if ($i < 10) $site->process('otra')->cast("wp:$i", 'x');
}
$site->process('jpc.d-004')->close();   // one board closed (and sealed) alone first
$links = fn() => (int) $db->query("SELECT COUNT(*) FROM participa_voters v JOIN participa_processes p ON p.id = v.process_id "
    . "WHERE p.code LIKE 'jpc.%' AND v.ballot_ref IS NOT NULL")->fetch_row()[0];
$held = fn() => $db->query("SELECT p.code, p.closed_at IS NOT NULL, p.sealed_at IS NOT NULL, p.closed_by FROM participa_processes p "
    . "ORDER BY p.code")->fetch_all();
$r = $site->closeTemplate('jpc', 'wp:funcionaria');
echo json_encode($r), "\n";
foreach ($held() as [$code, $closed, $sealed, $by]) {
    echo "$code closed=$closed sealed=$sealed by=", $by ?? 'null', "\n";
}
echo "links left: ", $links(), "\n";
foreach (['jpc.d-001', 'jpc.d-002', 'jpc.d-003', 'jpc.d-004'] as $p) {
    $i = $site->process($p)->info();
    $t = $site->process($p)->tally();
    $box = (int) $db->query("SELECT COUNT(*) FROM participa_ballot_box b JOIN participa_processes p ON p.id = b.process_id "
        . "WHERE p.code = '$p'")->fetch_row()[0];
    $recount = count(json_decode($site->process($p)->exportBallots('json'), true)['ballots']);
    echo "$p sealed=", var_export($i['sealed'], true), " box=$box recount=$recount winners=", json_encode($t->winners), "\n";
}
pt_try(fn() => $site->process('jpc.d-002')->cast('wp:1', 'si'));   // no ballot after close
$site->process('otra')->cast('wp:20', 'y');                          // the other process is open still
echo json_encode($site->closeTemplate('jpc')), "\n";                 // nothing left to close
pt_try(fn() => $site->closeTemplate('nada'));
pt_try(fn() => $site->closeTemplate('jpc.d-001'));
pt_try(fn() => $site->closeTemplate('jpc', ' x'));
echo json_encode($site->processTemplate('jpc')['totals']), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('tt-process-template_close-001'); ?>
--EXPECT--
{"processes":4,"closed":3,"sealed":true}
jpc.d-001 closed=1 sealed=1 by=wp:funcionaria
jpc.d-002 closed=1 sealed=1 by=wp:funcionaria
jpc.d-003 closed=1 sealed=1 by=wp:funcionaria
jpc.d-004 closed=1 sealed=1 by=null
otra closed=0 sealed=0 by=null
links left: 0
jpc.d-001 sealed=true box=10 recount=10 winners=["si"]
jpc.d-002 sealed=true box=10 recount=10 winners=["si"]
jpc.d-003 sealed=true box=10 recount=10 winners=["si"]
jpc.d-004 sealed=true box=10 recount=10 winners=["si"]
Participa\NotAllowedException: La votación de este proceso ya cerró.
{"processes":4,"closed":0,"sealed":true}
Participa\NotFoundException: No existe la plantilla de procesos 'nada'.
Participa\NotFoundException: No existe la plantilla de procesos 'jpc.d-001'.
Participa\InvalidArgumentException: El identificador de quien cierra el proceso no es válido: empieza con un espacio.
{"processes":4,"residents":40,"voters":40,"turnout":1,"closed":4,"counted":4}
