--TEST--
Participa\Process::cast() and enterPaperBatch(): a participatory-budget ballot over the budget is refused unless options.over_budget is allow (issue 13, item 5)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$projects = '[ { id: luminarias, cost: 600 }, { id: huerto, cost: 400 }, { id: parque, cost: 300 } ]';
$site = pt_proc_site('process-over_budget-001', <<<P
  - { id: pp, title: PP, kind: participatory_budget, method: pb_greedy, options: { budget: 1000 }, channels: [web, paper],
      phases: { voting: [2020-01-01, 2099-12-31] }, projects: $projects }
  - { id: pp-es, title: PP ES, kind: participatory_budget, method: pb_equal_shares, options: { budget: 1000, over_budget: refuse },
      phases: { voting: [2020-01-01, 2099-12-31] }, projects: $projects }
  - { id: pp-libre, title: PP libre, kind: participatory_budget, method: pb_greedy, options: { budget: 1000, over_budget: allow },
      phases: { voting: [2020-01-01, 2099-12-31] }, projects: $projects }
P);
$pp = $site->participants();
foreach (range(1, 6) as $i) $pp->upsert("wp:$i", 'norte', ['ciudadano']);
$pp->upsert('enlace:1', 'norte', ['enlace']);
$pp->upsert('enlace:2', 'norte', ['enlace']);
foreach (['pp', 'pp-es', 'pp-libre'] as $code) {
    $p = $site->process($code);
    echo "-- $code (over_budget: {$p->info()['over_budget']})\n";
    pt_try(fn() => $p->cast('wp:1', ['luminarias', 'huerto', 'parque']));   // 1300
    pt_try(fn() => $p->cast('wp:2', ['luminarias', 'huerto']));             // 1000: exactly the budget
    pt_try(fn() => $p->cast('wp:3', ['parque']));
}
echo "-- paper\n";
$p = $site->process('pp');
pt_try(fn() => $p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea-1', 'acta-1', [['parque'], ['luminarias', 'huerto', 'parque'], []]));
echo "ballots in pp: ", participa_test_admin('pt_process_over_budget_001')->query("SELECT COUNT(*) FROM participa_ballot_box b
    JOIN participa_processes p ON p.id = b.process_id WHERE p.code = 'pp'")->fetch_row()[0], "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-over_budget-001'); ?>
--EXPECT--
-- pp (over_budget: refuse)
Participa\InvalidArgumentException: Boleta inválida: los proyectos elegidos cuestan 1300 en total y el presupuesto es de 1000.
ok v1
ok v1
-- pp-es (over_budget: refuse)
Participa\InvalidArgumentException: Boleta inválida: los proyectos elegidos cuestan 1300 en total y el presupuesto es de 1000.
ok v1
ok v1
-- pp-libre (over_budget: allow)
ok v1
ok v1
ok v1
-- paper
Participa\InvalidArgumentException: Boleta 2 del lote: Boleta inválida: los proyectos elegidos cuestan 1300 en total y el presupuesto es de 1000.
ballots in pp: 2
