--TEST--
Participa\Site::body() and a council vote: seats fed by the stored final counts of the boards a template generated (never by the YAML): a board not counted leaves its seat vacant, reported as such; the council's electorate is its members in office on the vote's day; refusals: a non-member, a member whose term ended, a losing candidate, everyone before any board was counted
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$path = participa_test_config('tresp-body-seats-001', <<<YAML
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
  consejero: { name: Integrante del consejo, can: [comment] }
processes:
  - id: jpc
    title: Junta de {territory}
    for_each: { kind: demarcacion, within: slp }
    kind: election
    method: plurality
    phases: { voting: [2020-01-01, 2099-12-31] }
    candidates:
      - { id: ana, name: Ana, territory: d-001, participant: "wp:101" }
      - { id: beto, name: Beto, territory: d-001, participant: "wp:102" }
      - { id: carla, name: Carla, territory: d-002, participant: "wp:103" }
      - { id: dora, name: Dora, territory: d-003, participant: "wp:104" }
      - { id: eli, name: Eli, territory: d-003, participant: "wp:105" }
      - { id: fer, name: Fer, territory: d-004 }          # names nobody who can sit
  - id: consejo
    title: Aprobación de proyectos
    kind: council_vote
    method: majority
    electorate: 5
    quorum: 1/2
    results_visibility: live
    phases: { voting: [2020-01-01, 2099-12-31] }
bodies:
  - id: cm
    name: el Consejo Municipal
    members:
      - { participant: "wp:10", role: secretaria, sector: government, start: 2020-01-01, end: 2099-12-31 }
      - { participant: "wp:9", role: vocal, sector: government, start: 2019-01-01, end: 2019-12-31 }
    seats: { from_processes: [jpc], role: presidencia, sector: citizen, start: 2020-01-01, end: 2099-12-31 }
    votes: { processes: [consejo], role: consejero }
YAML);
$site = Participa\Site::open($path);
$site->migrate();
function show(Participa\Site $site): void
{
    $b = $site->body('cm', '2020-01-01');
    echo "{$b['members']} in office, {$b['vacant']} vacant, quorum {$b['quorum']}\n";
    foreach ($b['seats'] as $s) {
        printf("  %s %s %s winner=%s vacant=%s %s\n", $s['process'] ?? 'yaml', $s['role'], $s['participant'] ?? '-',
            $s['winner'] ?? '-', $s['vacant'] ?? '-', $s['in_office'] ? 'in office' : 'out');
    }
}
$c = $site->process('consejo');
echo "before any count:\n";
show($site);
pt_try(fn() => $c->cast('wp:101', 'yes'));     // will win d-001, not counted yet
pt_try(fn() => $c->cast('wp:10', 'yes'));      // the YAML member sits already
$people = ['wp:1' => 'd-001', 'wp:2' => 'd-001', 'wp:3' => 'd-001', 'wp:4' => 'd-002', 'wp:5' => 'd-003',
    'wp:6' => 'd-003', 'wp:7' => 'd-003'];
foreach ($people as $id => $t) {
    $site->participants()->upsert($id, $t, ['ciudadano']);
}
$votes = ['wp:1' => ['jpc.d-001', 'ana'], 'wp:2' => ['jpc.d-001', 'beto'], 'wp:3' => ['jpc.d-001', 'ana'],
    'wp:4' => ['jpc.d-002', 'carla'], 'wp:5' => ['jpc.d-003', 'dora'], 'wp:6' => ['jpc.d-003', 'eli'],
    'wp:7' => ['jpc.d-003', 'eli']];
foreach ($votes as $who => [$p, $cand]) {
    $site->process($p)->cast($who, $cand);
}
// all three boards closed; d-001 and d-002 counted, d-003 not yet
foreach (['jpc.d-001', 'jpc.d-002', 'jpc.d-003', 'jpc.d-004'] as $p) {
    $site->process($p)->close();
}
$site->process('jpc.d-001')->tally();
$site->process('jpc.d-002')->tally();
$site->process('jpc.d-004')->tally();
echo "two boards counted:\n";
show($site);
echo "refusals:\n";
pt_try(fn() => $c->cast('wp:1', 'yes'));       // a resident, not a member
pt_try(fn() => $c->cast('wp:9', 'yes'));       // a member whose term ended
pt_try(fn() => $c->cast('wp:102', 'yes'));     // lost d-001
pt_try(fn() => $c->cast('wp:105', 'yes'));     // will win d-003, not counted yet
echo "members vote:\n";
pt_try(fn() => $c->cast('wp:101', 'yes'));
echo $c->results()['details']['outcome'], "\n";   // 2 of 5 (wp:10, wp:101): below the quorum of 3
pt_try(fn() => $c->cast('wp:103', 'no'));
echo $c->results()['details']['outcome'], "\n";
$site->process('jpc.d-003')->tally();
echo "all counted:\n";
show($site);
pt_try(fn() => $c->cast('wp:105', 'yes'));
pt_try(fn() => $c->cast('wp:9', 'yes'));       // still refused: term ended
pt_try(fn() => $c->cast('wp:104', 'yes'));     // lost d-003
$r = $c->results();
echo $r['details']['outcome'], " with ", $r['ballots'], " ballots\n";
// the stored count is what seats them: the recount of the box gives the same winners
foreach (['jpc.d-001', 'jpc.d-002', 'jpc.d-003', 'jpc.d-004'] as $p) {
    echo $p, " ", json_encode($site->process($p)->results()['winners']), "\n";
}
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('tresp-body-seats-001'); ?>
--EXPECT--
before any count:
1 in office, 4 vacant, quorum 1
  yaml secretaria wp:10 winner=- vacant=- in office
  yaml vocal wp:9 winner=- vacant=- out
  jpc.d-001 presidencia - winner=- vacant=not_counted out
  jpc.d-002 presidencia - winner=- vacant=not_counted out
  jpc.d-003 presidencia - winner=- vacant=not_counted out
  jpc.d-004 presidencia - winner=- vacant=not_counted out
Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso; 4 asiento(s) siguen vacantes hasta que se cuente su elección.
ok v1
two boards counted:
3 in office, 2 vacant, quorum 2
  yaml secretaria wp:10 winner=- vacant=- in office
  yaml vocal wp:9 winner=- vacant=- out
  jpc.d-001 presidencia wp:101 winner=ana vacant=- in office
  jpc.d-002 presidencia wp:103 winner=carla vacant=- in office
  jpc.d-003 presidencia - winner=- vacant=not_counted out
  jpc.d-004 presidencia - winner=fer vacant=no_participant out
refusals:
Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso; 2 asiento(s) siguen vacantes hasta que se cuente su elección.
Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso; 2 asiento(s) siguen vacantes hasta que se cuente su elección.
Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso; 2 asiento(s) siguen vacantes hasta que se cuente su elección.
Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso; 2 asiento(s) siguen vacantes hasta que se cuente su elección.
members vote:
ok v1
no_quorum
ok v1
approved
all counted:
4 in office, 1 vacant, quorum 2
  yaml secretaria wp:10 winner=- vacant=- in office
  yaml vocal wp:9 winner=- vacant=- out
  jpc.d-001 presidencia wp:101 winner=ana vacant=- in office
  jpc.d-002 presidencia wp:103 winner=carla vacant=- in office
  jpc.d-003 presidencia wp:105 winner=eli vacant=- in office
  jpc.d-004 presidencia - winner=fer vacant=no_participant out
ok v1
Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso; 1 asiento(s) siguen vacantes hasta que se cuente su elección.
Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso; 1 asiento(s) siguen vacantes hasta que se cuente su elección.
approved with 4 ballots
jpc.d-001 ["ana"]
jpc.d-002 ["carla"]
jpc.d-003 ["eli"]
jpc.d-004 ["fer"]