--TEST--
Participa\Process: a participatory budget split by district (pots:): each voter casts in their own district's pot and the city-wide pot; another district's project, a non-resident, a ballot over a pot's budget and projects of two districts are refused (web and paper); each pot counted apart equals a recount of its ballots alone with Participa\Tally (issue 19, item 3)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/district_test.inc';
$site = pt_proc_site('process-district-001', pt_district_processes());
pt_district_people($site);
$p = $site->process('pp');
$info = $p->info();
echo "budget {$info['options']['budget']}\n";
foreach ($info['options']['pots'] as $pot) {
    printf("pot %s (%s%s) %d: %s\n", $pot['pot'], $pot['name'], $pot['city'] ? ', ciudad' : '', $pot['budget'], implode(' ', $pot['projects']));
}
echo "-- casts\n";
pt_try(fn() => $p->cast('n:1', ['n-parque', 'n-luz', 'c-biblio']));   // own district and the city
pt_try(fn() => $p->cast('n:2', ['n-parque', 's-cancha']));             // two districts
pt_try(fn() => $p->cast('n:2', ['s-cancha']));                         // another district
pt_try(fn() => $p->cast('n:2', ['n-parque', 'n-luz', 'n-huerto']));    // 1300 > 1000
pt_try(fn() => $p->cast('n:2', ['c-biblio', 'c-bici']));               // 2200 > 2000
pt_try(fn() => $p->cast('n:2', ['n-nada']));                           // unknown project
pt_try(fn() => $p->cast('m:1', ['n-luz']));                            // lives in no district
pt_try(fn() => $p->cast('fuera:1', ['c-bici']));                       // not registered: no residence in the process's territory
pt_try(fn() => $p->cast('m:1', ['c-bici']));                           // the city-wide pot only
pt_try(fn() => $p->cast('n:2', ['n-luz', 'c-bici']));
pt_try(fn() => $p->cast('n:3', ['n-parque']));
pt_try(fn() => $p->cast('n:4', ['n-huerto', 'n-luz']));                // Colonia Norte 1 is in Zona Norte
pt_try(fn() => $p->cast('s:1', ['s-cancha', 'c-bici']));
pt_try(fn() => $p->cast('s:2', ['s-mercado']));
pt_try(fn() => $p->cast('s:3', []));                                    // blank: in no pot
echo "-- paper\n";
pt_try(fn() => $p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea-1', 'acta-1', [['n-luz'], ['n-luz', 's-cancha']]));
pt_try(fn() => $p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea-1', 'acta-1', [['s-cancha', 's-mercado'], ['c-biblio']]));
pt_try(fn() => $p->enterPaperBatch('enlace:1', 'lote-2', 'asamblea-2', 'acta-2', [['s-cancha'], ['c-biblio']]));
pt_try(fn() => $p->enterPaperBatch('enlace:2', 'lote-2', 'asamblea-2', 'acta-2', [['s-cancha'], ['c-biblio']]));
$p->close();
$r = $p->tally()->toArray();
echo "-- results\n";
echo "winners: ", implode(' ', $r['winners']), "\n";
printf("budget %d, spent %d, left %d, ballots %d\n", $r['details']['budget'], $r['details']['total_cost'], $r['details']['budget_left'], $r['details']['ballots']);
$res = $p->results();
$recount = pt_district_recount($p, $res);
foreach ($res['details']['pots'] as $pot) {
    printf("%s: %d ballots, spent %d of %d, winners %s\n", $pot['pot'], $pot['ballots'], $pot['total_cost'], $pot['budget'], implode(' ', $pot['winners']));
    $mine = ['winners' => $pot['winners'], 'ballots' => $pot['ballots'], 'total_cost' => $pot['total_cost']];
    echo "  recount alone: ", $mine === $recount[$pot['pot']] ? 'equal' : 'DIFFERS ' . json_encode($recount[$pot['pot']]), "\n";
}
$spent = array_sum(array_column($res['details']['pots'], 'total_cost'));
echo "together = sum of pots: ", $spent === $res['details']['total_cost'] ? 'yes' : 'no', "\n";
echo "digest is the ballots': ", $res['digest'] === json_decode($p->exportBallots('json'), true)['digest'] ? 'yes' : 'no', "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-district-001'); ?>
--EXPECT--
budget 3800
pot norte (Zona Norte) 1000: n-parque n-luz n-huerto
pot sur (Zona Sur) 800: s-cancha s-mercado
pot municipio (Municipio, ciudad) 2000: c-biblio c-bici
-- casts
ok v1
Participa\InvalidArgumentException: Boleta inválida: la boleta elige proyectos de dos distritos (Zona Norte y Zona Sur); cada persona vota solo en el presupuesto de su distrito.
Participa\InvalidArgumentException: Boleta inválida: la boleta elige proyectos de Zona Sur, pero vives en Zona Norte; solo puedes votar en el presupuesto de tu distrito y en el de toda la ciudad.
Participa\InvalidArgumentException: Boleta inválida: los proyectos elegidos de Zona Norte cuestan 1300 en total y su presupuesto es de 1000.
Participa\InvalidArgumentException: Boleta inválida: los proyectos elegidos de Municipio cuestan 2200 en total y su presupuesto es de 2000.
Participa\InvalidArgumentException: Boleta inválida: candidato desconocido 'n-nada'
Participa\InvalidArgumentException: Boleta inválida: la boleta elige proyectos de Zona Norte, y tu lugar de residencia registrado no está en ninguno de los distritos de este presupuesto; solo puedes votar en el presupuesto de toda la ciudad.
Participa\NotAllowedException: Para votar en este proceso necesitas registrar tu territorio (colonia o manzana).
ok v1
ok v1
ok v1
ok v1
ok v1
ok v1
ok v1
-- paper
Participa\InvalidArgumentException: Boleta 2 del lote: Boleta inválida: la boleta elige proyectos de dos distritos (Zona Norte y Zona Sur); cada persona vota solo en el presupuesto de su distrito.
Participa\InvalidArgumentException: Boleta 1 del lote: Boleta inválida: los proyectos elegidos de Zona Sur cuestan 900 en total y su presupuesto es de 800.
ok
ok
-- results
winners: n-luz n-parque s-cancha c-bici
budget 3800, spent 2200, left 1600, ballots 10
norte: 4 ballots, spent 1000 of 1000, winners n-luz n-parque
  recount alone: equal
sur: 3 ballots, spent 500 of 800, winners s-cancha
  recount alone: equal
municipio: 5 ballots, spent 700 of 2000, winners c-bici
  recount alone: equal
together = sum of pots: yes
digest is the ballots': yes
