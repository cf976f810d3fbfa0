--TEST--
Participa\Process: council vote by absolute majority with quorum; public ballots name the voter; results visibility
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-council-001', <<<P
  - { id: consejo, title: Consejo, kind: council_vote, method: majority, options: { threshold: absolute },
      roles: [enlace], electorate: 6, quorum: 1/2, results_visibility: live,
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: tras-voto, title: Encuesta, kind: poll, method: plurality, candidates: [a, b],
      secrecy: public, results_visibility: after_vote, phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: al-cierre, title: Encuesta cerrada, kind: poll, method: plurality, candidates: [a, b],
      results_visibility: after_close, phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
foreach (range(1, 6) as $i) $pp->upsert("e:$i", 'norte', ['enlace']);
$pp->upsert('wp:1', 'norte', ['ciudadano']);
$c = $site->process('consejo');
pt_try(fn() => $c->cast('wp:1', 'yes'));
$c->cast('e:1', 'yes');
$c->cast('e:2', 'yes');
$r = $c->results();
echo $r['details']['outcome'], " with ", $r['ballots'], " ballots\n";     // 2 of 6: no quorum
$c->cast('e:3', 'yes');
$c->cast('e:4', 'no');
$r = $c->results();
echo $r['details']['outcome'], "\n";                                     // 3 yes of 6 is not > half
$c->cast('e:5', 'yes');
echo $c->results()['details']['outcome'], "\n";
$db = participa_test_admin('pt_process_council_001');
echo implode(',', array_column($db->query("SELECT voter FROM participa_ballot_box WHERE ballot = 'disagree'")->fetch_all(), 0)), "\n";
echo "-- after_vote\n";
$t = $site->process('tras-voto');
pt_try(fn() => $t->results('wp:1'));
$t->cast('wp:1', 'a');
echo $t->results('wp:1')['winners'][0], "\n";
pt_try(fn() => $t->results());
echo "-- after_close\n";
$a = $site->process('al-cierre');
$a->cast('wp:1', 'b');
pt_try(fn() => $a->results('wp:1'));
$a->close();
pt_try(fn() => $a->cast('e:1', 'a'));
$r = $a->results();
var_dump($r['winners'], $r['final']);
var_dump($a->info()['state']);
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-council-001'); ?>
--EXPECT--
Participa\NotAllowedException: Tu rol no tiene voto en este proceso.
no_quorum with 2 ballots
rejected
approved
e:4
-- after_vote
Participa\NotAllowedException: Los resultados se muestran después de votar.
a
Participa\NotAllowedException: Los resultados se muestran después de votar.
-- after_close
Participa\NotAllowedException: Los resultados se publican cuando cierre la votación.
Participa\NotAllowedException: La votación de este proceso ya cerró.
array(1) {
  [0]=>
  string(1) "b"
}
bool(true)
string(6) "closed"
