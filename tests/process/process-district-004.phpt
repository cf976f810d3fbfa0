--TEST--
Participa\Process with pots: a project proposed through the API falls in the pot of the district it lies in (refused in no pot or over its pot's budget) and takes part per pot; status() names the pots each participant votes in; without a city-wide pot, a resident of the city outside every district cannot vote (issue 19, item 3)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/propose_test.inc';
$pots = <<<P
    pots:
      - { territory: norte, budget: 1000, projects: [ { id: n-luz, name: Luminarias, cost: 400 } ] }
      - { territory: sur, budget: 800, projects: [ { id: s-cancha, name: Cancha, cost: 500 } ] }
P;
$processes = fn(string $phases) => <<<P
  - id: pp
    title: PP por distrito
    kind: participatory_budget
    method: pb_greedy
    territory: municipio
    phases: $phases
$pots
P;
$site = pt_prop_site('process-district-004', $processes('{ proposals: [2020-01-01, 2099-01-01], voting: [2099-01-02, 2099-12-31] }'));
$pp = $site->participants();
$pp->upsert('n:1', 'norte-1', ['ciudadano']);
$pp->upsert('s:1', 'sur', ['ciudadano']);
$pp->upsert('m:1', 'municipio', ['ciudadano']);
$p = $site->process('pp');
pt_try(fn() => $p->propose('n:1', ['id' => 'n-huerto', 'name' => 'Huerto', 'cost' => 300, 'territory' => 'norte-1']));
pt_try(fn() => $p->propose('n:1', ['id' => 'sin-lugar', 'name' => 'Sin lugar', 'cost' => 100]));
pt_try(fn() => $p->propose('s:1', ['id' => 's-caro', 'name' => 'Caro', 'cost' => 900, 'territory' => 'sur']));
pt_try(fn() => $p->propose('s:1', ['id' => 's-mercado', 'name' => 'Mercado', 'cost' => 300, 'territory' => 'sur']));
foreach ($p->info()['options']['pots'] as $pot) echo "{$pot['pot']}: ", implode(' ', $pot['projects']), "\n";
// the same database, voting open now
$site = pt_prop_site('process-district-004', $processes('{ proposals: [2020-01-01, 2020-01-02], voting: [2020-01-03, 2099-12-31] }'), 2);
$p = $site->process('pp');
foreach (['n:1', 's:1', 'm:1'] as $who) {
    $st = $p->status($who);
    echo "status $who: eligible ", var_export($st['eligible'], true), ", pots [", implode(' ', $st['pots']), "]",
        $st['eligibility'] ? ", {$st['eligibility']}" : '', "\n";
}
pt_try(fn() => $p->cast('n:1', ['n-huerto', 'n-luz']));
pt_try(fn() => $p->cast('s:1', ['s-mercado', 'n-huerto']));
pt_try(fn() => $p->cast('s:1', ['s-mercado']));
pt_try(fn() => $p->cast('m:1', []));
$p->close();
foreach ($p->tally()->toArray()['details']['pots'] as $pot) echo "{$pot['pot']}: ", implode(' ', $pot['winners']), " ({$pot['total_cost']} of {$pot['budget']})\n";
?>
--CLEAN--
<?php require __DIR__ . '/propose_test.inc'; pt_prop_clean('process-district-004'); ?>
--EXPECT--
ok
Participa\InvalidArgumentException: El proyecto debe estar en uno de los distritos que tienen presupuesto propio en este proceso.
Participa\InvalidArgumentException: El costo del proyecto (900) excede el presupuesto de Zona Sur (800).
ok
norte: n-luz n-huerto
sur: s-cancha s-mercado
status n:1: eligible true, pots [norte]
status s:1: eligible true, pots [sur]
status m:1: eligible false, pots [], No puedes votar en este presupuesto: tu lugar de residencia registrado no está en ninguno de sus distritos.
ok v1
Participa\InvalidArgumentException: Boleta inválida: la boleta elige proyectos de dos distritos (Zona Sur y Zona Norte); cada persona vota solo en el presupuesto de su distrito.
ok v1
Participa\NotAllowedException: No puedes votar en este presupuesto: tu lugar de residencia registrado no está en ninguno de sus distritos.
norte: n-huerto n-luz (700 of 1000)
sur: s-mercado s-cancha (800 of 800)
