--TEST--
Participa\Process::close(): after close no physical trace links a voter row to a secret ballot: no shared InnoDB transaction id, rows in receipt order, no receipt left in the voters' files (issue 13, item 1)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_skip_without_db();
if (participa_test_server() !== null && extension_loaded('mysqli')) {
    $a = participa_test_admin();
    [$dir, $fpt] = $a->query("SELECT @@datadir, @@innodb_file_per_table")->fetch_row();
    if (!$fpt || !is_readable($dir) || !is_dir($dir)) echo "skip needs the server's data directory readable here (a local server) and innodb_file_per_table\n";
}
?>
--FILE--
<?php
// Reads the tables' .ibd files as the server wrote them (FLUSH TABLES ...
// FOR EXPORT writes every dirty page). In InnoDB's clustered index a
// record's primary key is followed by its 6-byte DB_TRX_ID: the transaction
// that last wrote it. A cast writes the voter row and the ballot in one
// transaction, so while voting is open the two carry the same id; close()
// must leave none in common. A read view held open from the start keeps
// purge from resetting the ids by itself (MariaDB resets DB_TRX_ID to 0
// once the history is purged), so the test sees the worst case.
require __DIR__ . '/process_test.inc';
$name = 'process-seal-001';
$dbname = 'pt_process_seal_001';
$site = pt_proc_site($name, <<<P
  - { id: sec, title: Secreta, kind: election, method: plurality, candidates: [a, b, c], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$db = participa_test_admin($dbname);
$snap = participa_test_admin($dbname);
$snap->query("START TRANSACTION WITH CONSISTENT SNAPSHOT");
$datadir = rtrim($db->query("SELECT @@datadir")->fetch_row()[0], '/');
$pp = $site->participants();
$p = $site->process('sec');
$pid = pt_process_db_id($db, 'sec');
$ids = [];
$receipts = [];
foreach (range(1, 40) as $i) {
    $who = sprintf('wp:%03d', $i);        // one length: 'wp:1' is no prefix of another id
    $ids[] = $who;
    $pp->upsert($who, 'norte', ['ciudadano']);
    $receipts[$who] = $p->cast($who, ['a', 'b', 'c'][$i % 3], ['idempotency_key' => "k$i"])['receipt'];
    if ($i % 4 === 0) {
        $p->cast($who, 'c', ['idempotency_key' => "k$i-change"]);   // changed in a keyed transaction of its own
    }
}

/** The table files as the server wrote them. */
function files(mysqli $db, string $dir, string $dbname): array
{
    $db->query("FLUSH TABLES participa_voters, participa_ballot_box, participa_cast_keys FOR EXPORT");
    $out = [];
    foreach (['participa_voters', 'participa_ballot_box', 'participa_cast_keys'] as $t) {
        $out[$t] = file_get_contents("$dir/$dbname/$t.ibd");
    }
    $db->query("UNLOCK TABLES");
    return $out;
}
/** For each occurrence of $key in $file: the 6 bytes that follow it (DB_TRX_ID), with the offset. */
function trx_after(string $file, string $key): array
{
    $found = [];
    for ($at = strpos($file, $key); $at !== false; $at = strpos($file, $key, $at + 1)) {
        $found[$at] = bin2hex(substr($file, $at + strlen($key), 6));
    }
    return $found;
}
function report(array $f, array $ids, array $receipts, int $pid): void
{
    $voterTrx = [];
    foreach ($ids as $who) {
        foreach (trx_after($f['participa_voters'], pack('J', $pid) . $who) as $trx) {
            if ($trx !== '000000000000') $voterTrx[$trx] = true;
        }
    }
    $boxTrx = [];
    $order = [];
    foreach ($receipts as $r) {
        foreach (trx_after($f['participa_ballot_box'], $r) as $at => $trx) {
            if ($trx !== '000000000000') $boxTrx[$trx] = true;
            $order[$at] = $r;
        }
    }
    ksort($order);
    $sorted = array_values($order);
    sort($sorted, SORT_STRING);
    $inVoterFiles = 0;
    foreach ($receipts as $r) {
        $inVoterFiles += substr_count($f['participa_voters'], $r) + substr_count($f['participa_cast_keys'], $r);
    }
    echo "  voter rows with a transaction id: ", count($voterTrx) > 0 ? 'some' : 'none', "\n";
    echo "  transaction ids shared by a voter row and a ballot: ", count(array_intersect_key($voterTrx, $boxTrx)) > 0 ? 'some' : 'none', "\n";
    echo "  ballots stored in receipt order: ", array_values($order) === $sorted ? 'yes' : 'no', "\n";
    echo "  receipts in the voters' and keys' files: ", $inVoterFiles > 0 ? 'some' : 'none', "\n";
}
echo "-- voting open\n";
report(files($db, $datadir, $dbname), $ids, $receipts, $pid);
$p->close('of:1');
echo "-- after close\n";
report(files($db, $datadir, $dbname), $ids, $receipts, $pid);
$info = $site->process('sec')->info();
echo "sealed: ", var_export($info['sealed'], true), "\n";
echo "ballots: ", $db->query("SELECT COUNT(*) FROM participa_ballot_box")->fetch_row()[0],
    ", receipt of wp:008 verifies: ", $p->verifyReceipt($receipts['wp:008'])['ballot'], "\n";
$snap->rollback();
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-seal-001'); ?>
--EXPECT--
-- voting open
  voter rows with a transaction id: some
  transaction ids shared by a voter row and a ballot: some
  ballots stored in receipt order: no
  receipts in the voters' and keys' files: some
-- after close
  voter rows with a transaction id: none
  transaction ids shared by a voter row and a ballot: none
  ballots stored in receipt order: yes
  receipts in the voters' and keys' files: none
sealed: true
ballots: 40, receipt of wp:008 verifies: c
