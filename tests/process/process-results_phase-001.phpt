--TEST--
Participa\Process: results(), tally() and exportBallots() wait for phases.results; a process's secrecy cannot change once voting started (issue 13, item 1)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$name = 'process-results_phase-001';
$processes = <<<P
  - { id: pronto, title: Resultados después, kind: election, method: plurality, candidates: [a, b],
      phases: { voting: [2020-01-01, 2020-01-31], results: 2099-06-01 } }
  - { id: ya, title: Resultados publicados, kind: election, method: plurality, candidates: [a, b],
      phases: { voting: [2020-01-01, 2020-01-31], results: 2020-02-01 } }
  - { id: viva, title: En vivo, kind: poll, method: plurality, candidates: [a, b], secrecy: public,
      results_visibility: live, phases: { voting: [2020-01-01, 2099-01-31], results: 2099-02-01 10:30 } }
  - { id: abierta, title: Abierta, kind: election, method: plurality, candidates: [a, b], SECRECY_ABIERTA
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: futura, title: Futura, kind: election, method: plurality, candidates: [a, b], SECRECY_FUTURA
      phases: { voting: [2099-01-01, 2099-12-31] } }
P;
$site = pt_proc_site($name, str_replace(['SECRECY_ABIERTA', 'SECRECY_FUTURA'], '', $processes));
foreach (['pronto', 'ya', 'viva'] as $code) {
    $p = $site->process($code);
    echo "-- $code\n";
    pt_try(fn() => $p->results());
    pt_try(fn() => $p->tally());
    pt_try(fn() => $p->exportBallots('csv'));
}

echo "-- secrecy changed\n";
$pp = $site->participants();
$pp->upsert('wp:1', 'norte', ['ciudadano']);
$site->process('abierta')->cast('wp:1', 'a');
$site->process('futura');   // its row exists, voting has not started
$v1 = file_get_contents(sys_get_temp_dir() . "/participa-test-$name.yaml");
$v2 = participa_test_yaml("$name-v2", str_replace(
    str_replace(['SECRECY_ABIERTA', 'SECRECY_FUTURA'], '', $processes),
    str_replace(['SECRECY_ABIERTA', 'SECRECY_FUTURA'], 'secrecy: public,', $processes), $v1));
$site2 = Participa\Site::open($v2);
try {
    $site2->process('abierta');
    echo "opened\n";
} catch (Participa\ConfigException $e) {
    echo get_class($e), ": ", preg_replace('/^.*\//', '', $e->getFile()), ":", $e->getLine(), ": ", $e->getMessage(), "\n";
}
// before voting starts the YAML may still change it
echo "futura: ", $site2->process('futura')->info()['secrecy'], "\n";
// the stored definition is untouched: the original YAML still opens it, and its ballot is still secret
echo "abierta with the original YAML: ", $site->process('abierta')->info()['secrecy'], ", voter column: ",
    participa_test_admin('pt_process_results_phase_001')->query("SELECT COUNT(*) FROM participa_ballot_box WHERE voter IS NOT NULL")->fetch_row()[0], "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_drop('process-results_phase-001');
@unlink(sys_get_temp_dir() . '/participa-test-process-results_phase-001-v2.yaml');
?>
--EXPECT--
-- pronto
Participa\NotAllowedException: Los resultados se publican a partir del 2099-06-01 00:00.
Participa\NotAllowedException: Los resultados se publican a partir del 2099-06-01 00:00.
Participa\NotAllowedException: Las boletas se publican con los resultados, a partir del 2099-06-01 00:00.
-- ya
ok
ok
ok
-- viva
Participa\NotAllowedException: Los resultados se publican a partir del 2099-02-01 10:30.
Participa\NotAllowedException: Los resultados se publican a partir del 2099-02-01 10:30.
Participa\NotAllowedException: Las boletas se publican con los resultados, a partir del 2099-02-01 10:30.
-- secrecy changed
Participa\ConfigException: participa-test-process-results_phase-001-v2.yaml:32: secrecy of process 'abierta': the YAML says public but the process was secret when its voting began; a process's secrecy cannot change once voting has started (restore secrecy: secret)
futura: public
abierta with the original YAML: secret, voter column: 0
