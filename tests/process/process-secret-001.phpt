--TEST--
Participa\Process: after close, no SQL query can join a participant to a secret ballot; the receipt still verifies
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-secret-001', <<<P
  - { id: secreta, title: Secreta, kind: election, method: plurality, candidates: [a, b, c], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
$p = $site->process('secreta');
$receipts = [];
foreach (range(1, 30) as $i) {
    $pp->upsert("wp:$i", 'norte', ['ciudadano']);
    $receipts[$i] = $p->cast("wp:$i", ['a', 'b', 'c'][$i % 3], ['idempotency_key' => "k$i"])['receipt'];
    usleep(2000);
}
$p->cast('wp:5', 'c');   // a change while voting is open
$db = participa_test_admin('pt_process_secret_001');
$q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
// while the vote may still change, the voter's own receipt is the link
echo "linked while open: ", $q("SELECT COUNT(*) FROM participa_voters v JOIN participa_ballot_box b ON b.receipt = v.ballot_ref"), "\n";
$p->close();
echo "-- after close\n";
echo "via ballot_ref: ", $q("SELECT COUNT(*) FROM participa_voters v JOIN participa_ballot_box b ON b.receipt = v.ballot_ref"), "\n";
echo "via idempotency keys: ", $q("SELECT COUNT(*) FROM participa_cast_keys k JOIN participa_ballot_box b ON b.receipt = k.receipt"), "\n";
echo "via versions: ", $q("SELECT COUNT(*) FROM participa_ballot_versions x JOIN participa_voters v ON v.ballot_ref = x.receipt"), "\n";
// no column of the box names a participant or a time, and the key is random (no insertion order)
$cols = array_column($db->query("SELECT COLUMN_NAME, DATA_TYPE, EXTRA FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('participa_ballot_box', 'participa_ballot_versions')")->fetch_all(), 1, 0);
echo "time columns: ", count(array_filter($cols, fn($t) => in_array($t, ['datetime', 'timestamp', 'date']))), "\n";
echo "auto increment: ", $q("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
    AND TABLE_NAME IN ('participa_ballot_box', 'participa_ballot_versions') AND EXTRA LIKE '%auto_increment%'"), "\n";
echo "voter column filled: ", $q("SELECT COUNT(*) FROM participa_ballot_box WHERE voter IS NOT NULL"), "\n";
// the physical (primary key) order of the box does not follow the order of voting
$boxOrder = array_column($db->query("SELECT receipt FROM participa_ballot_box ORDER BY receipt")->fetch_all(), 0);
$castOrder = array_values($receipts);
echo "box order is the cast order: ", $boxOrder === $castOrder ? 'yes' : 'no', "\n";
// any remaining shared column? try every equal-named pair
$shared = $db->query("SELECT a.COLUMN_NAME FROM information_schema.COLUMNS a JOIN information_schema.COLUMNS b
    ON a.COLUMN_NAME = b.COLUMN_NAME AND a.TABLE_SCHEMA = b.TABLE_SCHEMA
    WHERE a.TABLE_SCHEMA = DATABASE() AND a.TABLE_NAME = 'participa_voters' AND b.TABLE_NAME = 'participa_ballot_box'")->fetch_all();
echo "columns in common: ", implode(',', array_column($shared, 0)), "\n";
foreach (array_column($shared, 0) as $col) {
    if ($col === 'process_id') continue;
    echo "join on $col: ", $q("SELECT COUNT(*) FROM participa_voters v JOIN participa_ballot_box b USING ($col)"), "\n";
}
// the voter can still check their ballot, and a retried request no longer reveals the receipt
echo "receipt 5: ", $p->verifyReceipt($receipts[5])['ballot'], "\n";
pt_try(fn() => $p->cast('wp:7', 'a', ['idempotency_key' => 'k7']));
echo "voters ", $q("SELECT COUNT(*) FROM participa_voters"), ", ballots ", $q("SELECT COUNT(*) FROM participa_ballot_box"), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-secret-001'); ?>
--EXPECT--
linked while open: 30
-- after close
via ballot_ref: 0
via idempotency keys: 0
via versions: 0
time columns: 0
auto increment: 0
voter column filled: 0
box order is the cast order: no
columns in common: process_id
receipt 5: c
Participa\NotAllowedException: La votación de este proceso ya cerró.
voters 30, ballots 30
