--TEST--
participa close-due FILE: the cron command closes every process whose voting phase ended and seals the secret ones (issue 13, item 1)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_skip_without_db();
if (!is_executable(PARTICIPA_REPO . '/out/participa')) echo "skip out/participa is not built\n";
// run-tests -m traces children: valgrind would report libphp's own embed start-up in the CLI binary
elseif (getenv('USE_ZEND_ALLOC') === '0') echo "skip the CLI binary is not checked under valgrind\n";
?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$name = 'process-close_due_cli-001';
$processes = <<<P
  - { id: sec, title: Secreta, kind: election, method: plurality, candidates: [a, b], vote_changes: true,
      phases: { voting: VOTING } }
  - { id: abierta, title: Abierta, kind: election, method: plurality, candidates: [a, b],
      phases: { voting: [2020-01-01, 2099-12-31] } }
P;
$site = pt_proc_site($name, str_replace('VOTING', PT_OPEN, $processes));
$pp = $site->participants();
foreach ([1, 2] as $i) {
    $pp->upsert("wp:$i", 'norte', ['ciudadano']);
    $site->process('sec')->cast("wp:$i", 'a');
}
$site->process('abierta');
$v1 = file_get_contents(sys_get_temp_dir() . "/participa-test-$name.yaml");
// later: the voting phase of 'sec' has ended, and nobody called anything since
$v2 = participa_test_yaml("$name-v2", str_replace(str_replace('VOTING', PT_OPEN, $processes), str_replace('VOTING', PT_PAST, $processes), $v1));
$db = participa_test_admin('pt_process_close_due_cli_001');
$q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
echo "links before: ", $q("SELECT COUNT(*) FROM participa_voters WHERE ballot_ref IS NOT NULL"), "\n";
foreach ([1, 2] as $run) {
    exec(escapeshellarg(PARTICIPA_REPO . '/out/participa') . ' close-due ' . escapeshellarg($v2) . ' 2>&1', $out, $rc);
    echo "run $run: exit $rc\n", preg_replace('/ at \S+ \S+ UTC/', ' at <time> UTC', implode("\n", $out)), $out ? "\n" : "";
    $out = [];
}
echo "links after: ", $q("SELECT COUNT(*) FROM participa_voters WHERE ballot_ref IS NOT NULL"), "\n";
echo "closed: ", $q("SELECT GROUP_CONCAT(CONCAT(code, ' ', closed_how, IF(sealed_at IS NULL, '', ' sealed')) ORDER BY code)
    FROM participa_processes WHERE closed_at IS NOT NULL"), "\n";
// a process that fails (its secrecy changed after voting began) is reported; the others still run
$v3 = participa_test_yaml("$name-v3", str_replace('candidates: [a, b],
      phases: { voting: [2020-01-01, 2099-12-31] } }', 'candidates: [a, b], secrecy: public,
      phases: { voting: [2020-01-01, 2020-01-31] } }', file_get_contents($v2)));
$pp->upsert('wp:3', 'norte', ['ciudadano']);
$site->process('abierta')->cast('wp:3', 'b');
exec(escapeshellarg(PARTICIPA_REPO . '/out/participa') . ' close-due ' . escapeshellarg($v3) . ' 2>&1', $out, $rc);
echo "run 3: exit $rc\n", preg_replace('/ at \S+ \S+ UTC/', ' at <time> UTC', implode("\n", $out)), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_drop('process-close_due_cli-001');
foreach (['v2', 'v3'] as $v) @unlink(sys_get_temp_dir() . "/participa-test-process-close_due_cli-001-$v.yaml");
?>
--EXPECT--
links before: 2
run 1: exit 0
closed sec at <time> UTC (schedule), sealed
run 2: exit 0
links after: 0
closed: sec schedule sealed
run 3: exit 1
participa close-due: abierta: secrecy of process 'abierta': the YAML says public but the process was secret when its voting began; a process's secrecy cannot change once voting has started (restore secrecy: secret)
