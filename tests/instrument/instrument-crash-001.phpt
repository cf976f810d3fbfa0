--TEST--
Participa\Instrument: a writer killed inside its transaction (its corroboration row written, waiting on the subject's row) leaves nothing; the report is a recount of what stayed
--EXTENSIONS--
participa
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_skip_without_db();
if (!function_exists('proc_open') || !function_exists('posix_kill')) echo "skip needs proc_open and posix\n";
?>
--FILE--
<?php
require __DIR__ . '/instrument_test.inc';
$site = instr_site('instr_crash_001');
$i = $site->instrument('apertura');
$i->submit('wp:ame', 'amecameca', instr_full());
$i->corroborate('wp:c1', 'amecameca', ['reglamento' => false]);
$before = json_encode($i->report());
$db = participa_test_admin('pt_instr_crash_001');
$count = fn() => $db->query('SELECT (SELECT COUNT(*) FROM participa_instrument_responses) + (SELECT COUNT(*) FROM participa_instrument_answers)')->fetch_row()[0];
$rows = $count();
// hold the subject's own row: a corroboration inserts its row, then reads that one in share mode and waits
$lock = participa_test_admin('pt_instr_crash_001');
$lock->query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');   // that row alone, no gaps
$selfId = (int) $db->query("SELECT id FROM participa_instrument_responses WHERE subject_id = 'amecameca' AND kind = 0")->fetch_row()[0];
$lock->begin_transaction();
$lock->query("SELECT * FROM participa_instrument_responses WHERE id = $selfId FOR UPDATE")->fetch_all();
$path = sys_get_temp_dir() . '/participa-test-instr_crash_001.yaml';
$script = participa_test_unique_path('instr_crash_001', '.php');
file_put_contents($script, '<?php $i = Participa\Site::open($argv[1])->instrument("apertura");
$i->corroborate("wp:killed", "amecameca", ["reglamento" => true, "portal" => 0, "datos" => "todos"]);
echo "not killed\n";');
$proc = proc_open(participa_test_php_command([$script, $path]), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$waits = fn() => (int) $db->query("SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p
    ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()")->fetch_row()[0];
// observe the server, not the clock: wait until the child's transaction waits on the lock
for ($waiting = false; !$waiting && proc_get_status($proc)['running']; usleep(50000)) {
    $waiting = $waits() > 0;
}
echo "writer waiting inside its transaction: ", $waiting ? 'yes' : 'no', "\n";
$written = (int) $db->query("SELECT t.trx_rows_modified FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p
    ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()")->fetch_row()[0];
echo "it has written its row: ", $written > 0 ? 'yes' : 'no', "\n";
posix_kill(proc_get_status($proc)['pid'], SIGKILL);
$out = stream_get_contents($pipes[1]);
proc_close($proc);
unlink($script);
echo "writer output: ", $out === '' ? '(none)' : $out, "\n";
$lock->commit();
// the server rolls the dead connection's transaction back: wait until no other transaction of this database is left
for (;;) {
    $left = (int) $db->query("SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p
        ON p.ID = t.trx_mysql_thread_id WHERE p.DB = DATABASE() AND t.trx_mysql_thread_id <> CONNECTION_ID()")->fetch_row()[0];
    if ($left === 0) break;
    usleep(50000);
}
echo "rows unchanged: ", var_export($count() === $rows, true), "\n";
echo "the killed citizen has no response: ", var_export($i->response('wp:killed', 'amecameca', ['as' => 'corroboration']), true), "\n";
echo "report unchanged: ", var_export(json_encode($i->report()) === $before, true), "\n";
$r = $i->corroborate('wp:killed', 'amecameca', ['reglamento' => true]);
echo "a new attempt: $r[status]; corroborations: ", $i->report()['responses']['corroboration']['submitted'], "\n";
participa_test_drop('instr_crash_001');
?>
--EXPECT--
writer waiting inside its transaction: yes
it has written its row: yes
writer output: (none)
rows unchanged: true
the killed citizen has no response: NULL
report unchanged: true
a new attempt: submitted; corroborations: 2
