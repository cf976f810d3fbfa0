--TEST--
Participa\Process::close(): when the tables cannot be rewritten yet (a transaction holds them), the close stands, PHP warns, and the next call seals (issue 13, item 1)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db();
participa_test_skip_on_galera('a metadata lock wait (1205) for the seal; on Galera the seal (TOI) aborts the holder'); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-seal_retry-001', <<<P
  - { id: sec, title: Secreta, kind: election, method: plurality, candidates: [a, b], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
$p = $site->process('sec');
foreach ([1, 2, 3] as $i) {
    $pp->upsert("wp:$i", 'norte', ['ciudadano']);
    $p->cast("wp:$i", 'a');
}
$db = participa_test_admin('pt_process_seal_retry_001');
$q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
set_error_handler(function (int $no, string $msg) { echo "warning: $msg\n"; return true; });
// another connection's open transaction holds the voters table: the rebuild waits for it (2 s at most in a request)
$holder = participa_test_admin('pt_process_seal_retry_001');
$holder->begin_transaction();
$holder->query("SELECT COUNT(*) FROM participa_voters")->fetch_row();
$p->close();
echo "closed: ", $p->info()['state'], ", sealed: ", var_export($p->info()['sealed'], true), ", links: ",
    $q("SELECT COUNT(*) FROM participa_voters WHERE ballot_ref IS NOT NULL"), "\n";
// this object does not try again (a request waits once), and counting goes on
echo "ballots: ", $p->results()['ballots'], ", sealed: ", var_export($p->info()['sealed'], true), "\n";
$holder->commit();
// the next request seals it
echo "next request, sealed: ", var_export($site->process('sec')->info()['sealed'], true), ", stored: ",
    $q("SELECT sealed_at IS NOT NULL FROM participa_processes WHERE code = 'sec'"), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-seal_retry-001'); ?>
--EXPECT--
warning: Participa\Process::close(): participa: process 'sec' is closed and its ballots are unlinked, but the ballot tables could not be rewritten yet (database error 1205); run `participa close-due` with a database user allowed to ALTER the participa tables
closed: closed, sealed: false, links: 0
ballots: 3, sealed: false
next request, sealed: true, stored: 1
