--TEST--
Participa\Process::propose(): projects proposed through the API take part in casting, counting and exports like the YAML's; withdrawal
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/propose_test.inc';
$name = 'process-propose-001';
// stage 1: proposals open, voting in the future
$proposals = <<<P
  - { id: pp, title: Presupuesto, kind: participatory_budget, method: pb_greedy, options: { budget: 600, over_budget: allow },
      territory: norte, secrecy: public, results_visibility: live,
      projects: [ { id: luminarias, name: Luminarias, cost: 400, territory: norte-1 } ],
      phases: { proposals: [2020-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31] } }
  - { id: eleccion, title: Comité, kind: election, method: plurality, secrecy: public, results_visibility: live,
      phases: { proposals: [2020-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31] } }
P;
$site = pt_prop_site($name, $proposals);
$pp = $site->participants();
$pp->upsert('wp:1', 'norte-1', ['ciudadano']);
$pp->upsert('wp:2', 'norte', ['ciudadano']);
$pp->upsert('wp:3', 'norte', ['ciudadano']);
$pp->upsert('of:1', 'municipio', ['funcionario']);
$p = $site->process('pp');
echo "state: ", $p->info()['state'], "\n";

$r = $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto comunitario', 'cost' => 300, 'territory' => 'norte-1']);
unset($r['created_at']);
echo json_encode($r, JSON_UNESCAPED_UNICODE), "\n";
$again = $p->propose('wp:1', ['id' => 'huerto', 'title' => 'Huerto comunitario', 'cost' => '300', 'territory' => 'norte-1']);
echo "retried: replayed ", var_export($again['replayed'], true), ", same time ",
    var_export($again['created_at'] !== '' && $again['created_at'] === $p->options()[1]['created_at'], true), "\n";
$p->propose('wp:2', ['id' => 'banqueta', 'name' => 'Banquetas', 'cost' => 500]);
$p->propose('wp:3', ['id' => 'parque', 'name' => 'Parque lineal', 'cost' => 250]);
echo "options:\n";
pt_prop_list($p->options());
$info = $p->info();
echo "info candidates: ", implode(' ', array_map(fn($c) => "{$c['id']}/{$c['source']}", $info['candidates'])), "\n";
echo "info projects: ", json_encode($info['options']['projects']), "\n";

$w = $p->withdraw('of:1', 'banqueta', 'Ya la construye la obra municipal');
unset($w['withdrawn_at']);
echo json_encode($w, JSON_UNESCAPED_UNICODE), "\n";
echo "withdrawn again: replayed ", var_export($p->withdraw('of:1', 'banqueta', 'otra vez')['replayed'], true), "\n";
echo "options after the withdrawal:\n";
pt_prop_list($p->options());
echo "info candidates: ", implode(' ', array_column($p->info()['candidates'], 'id')), "\n";

$e = $site->process('eleccion');
$e->propose('wp:1', ['id' => 'ana', 'name' => 'Ana López']);
$e->propose('wp:2', ['id' => 'beto', 'name' => 'Beto Ruiz']);
$e->propose('wp:3', ['id' => 'carla', 'name' => 'Carla Díaz']);
echo "election candidates: ", implode(' ', array_column($e->info()['candidates'], 'id')), "\n";

// stage 2: the proposals phase is over, voting is open (same database)
$voting = str_replace('[2020-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31]',
    '[2020-01-01, 2020-01-31], voting: [2020-02-01, 2099-12-31]', $proposals);
$site = pt_prop_site($name, $voting, 2);
$p = $site->process('pp');
echo "state: ", $p->info()['state'], "\n";
pt_try(fn() => $p->propose('wp:1', ['id' => 'tarde', 'name' => 'Tarde', 'cost' => 10]));
pt_try(fn() => $p->withdraw('of:1', 'parque', 'tarde'));
pt_try(fn() => $p->cast('wp:1', ['huerto', 'luminarias']));
pt_try(fn() => $p->cast('wp:2', ['banqueta']));     // withdrawn: not on the ballot
pt_try(fn() => $p->cast('wp:2', ['huerto', 'parque']));
pt_try(fn() => $p->cast('wp:3', ['huerto', 'parque']));
$res = $p->results();
echo "pp: {$res['ballots']} ballots, winners ", implode(' ', $res['winners']), ", projects ", json_encode($res['options']['projects']), "\n";
$csv = $p->exportBallots('csv');
$rows = array_map(fn($l) => str_getcsv($l, ',', '"', '')[1], array_slice(array_filter(explode("\n", $csv)), 1));
sort($rows);   // receipt order is random
echo "csv ballots: ", implode(' | ', $rows), "\n";
$pab = $p->exportBallots('pabulib');
preg_match('/PROJECTS\n(.*?)VOTES/s', $pab, $m);
echo "pabulib PROJECTS:\n", $m[1];
// a recount from the export gives the same winners
$doc = json_decode($p->exportBallots('json'), true);
$ballots = array_map(fn($b) => $b['ballot'] === '' ? [] : explode(',', $b['ballot']), $doc['ballots']);
$re = Participa\Tally::count('pb_greedy', $ballots, $doc['options']);
echo "recount winners: ", implode(' ', $re->winners), "\n";

$e = $site->process('eleccion');
pt_try(fn() => $e->cast('wp:1', 'carla'));
pt_try(fn() => $e->cast('wp:2', 'carla'));
pt_try(fn() => $e->cast('wp:3', 'ana'));
pt_try(fn() => $e->cast('of:1', 'nadie'));
$er = $e->results();
echo "eleccion: winners ", implode(' ', $er['winners']), ", candidates ", json_encode($er['options']['candidates']), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/propose_test.inc'; pt_prop_clean('process-propose-001'); ?>
--EXPECT--
state: proposals
{"process":"pp","id":"huerto","name":"Huerto comunitario","cost":300,"territory":"norte-1","source":"api","proposed_by":"wp:1","replayed":false}
retried: replayed true, same time true
options:
  luminarias [yaml, active] cost 400 territory norte-1 by -
  huerto [api, active] cost 300 territory norte-1 by wp:1
  banqueta [api, active] cost 500 territory - by wp:2
  parque [api, active] cost 250 territory - by wp:3
info candidates: luminarias/yaml huerto/api banqueta/api parque/api
info projects: {"luminarias":400,"huerto":300,"banqueta":500,"parque":250}
{"process":"pp","id":"banqueta","status":"withdrawn","withdrawn_by":"of:1","replayed":false}
withdrawn again: replayed true
options after the withdrawal:
  luminarias [yaml, active] cost 400 territory norte-1 by -
  huerto [api, active] cost 300 territory norte-1 by wp:1
  banqueta [api, withdrawn] cost 500 territory - by wp:2 withdrawn by of:1: Ya la construye la obra municipal
  parque [api, active] cost 250 territory - by wp:3
info candidates: luminarias huerto parque
election candidates: ana beto carla
state: voting
Participa\NotAllowedException: La etapa de propuestas de este proceso ya terminó.
Participa\NotAllowedException: La votación ya empezó; las opciones ya no se pueden retirar.
ok v1
Participa\InvalidArgumentException: Boleta inválida: candidato desconocido 'banqueta'
ok v1
ok v1
pp: 3 ballots, winners huerto parque, projects {"luminarias":400,"huerto":300,"parque":250}
csv ballots: huerto,parque | huerto,parque | luminarias,huerto
pabulib PROJECTS:
project_id;cost;name
luminarias;400;Luminarias
huerto;300;Huerto comunitario
parque;250;Parque lineal
recount winners: huerto parque
ok v1
ok v1
ok v1
Participa\InvalidArgumentException: Boleta inválida: candidato desconocido 'nadie'
eleccion: winners carla, candidates ["ana","beto","carla"]