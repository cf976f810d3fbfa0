--TEST--
Participa\Process::cast(): receipt, one ballot per participant, vote changes keep versions, idempotency key
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-cast-001', <<<P
  - { id: eleccion, title: Elección, kind: election, method: irv, territory: norte, vote_changes: true,
      candidates: [ana, beto, carla], phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$site->participants()->upsert('wp:1', 'norte-1', ['ciudadano']);
$p = $site->process('eleccion');
$r1 = $p->cast('wp:1', ['beto', 'ana']);
var_dump(strlen($r1['receipt']), $r1['version'], $r1['changed']);
var_dump($p->verifyReceipt($r1['receipt'])['ballot']);
// change: same receipt, version 2, old version kept
$r2 = $p->cast('wp:1', 'carla>ana=beto', ['idempotency_key' => 'req-7']);
var_dump($r2['receipt'] === $r1['receipt'], $r2['version'], $r2['changed']);
// the same request again: same answer, nothing written
$r3 = $p->cast('wp:1', 'carla>ana=beto', ['idempotency_key' => 'req-7']);
var_dump($r3['replayed'], $r3['version']);
var_dump($p->verifyReceipt($r1['receipt'])['ballot'], $p->verifyReceipt(str_repeat('a', 26)));
$db = participa_test_admin('pt_process_cast_001');
echo "voters: ", $db->query("SELECT COUNT(*) FROM participa_voters")->fetch_row()[0], "\n";
echo "box: ", $db->query("SELECT COUNT(*) FROM participa_ballot_box")->fetch_row()[0], "\n";
echo "versions: ", implode(' ', $db->query("SELECT CONCAT(version, '=', ballot) FROM participa_ballot_versions")->fetch_row()), "\n";
// one counted ballot per participant is a unique key, not an application check
try {
    $db->query("INSERT INTO participa_voters (process_id, participant_id, voted_at) SELECT process_id, participant_id, NOW() FROM participa_voters");
} catch (mysqli_sql_exception $e) {
    echo "duplicate refused: ", $e->getCode(), "\n";
}
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-cast-001'); ?>
--EXPECT--
int(26)
int(1)
bool(false)
string(8) "beto>ana"
bool(true)
int(2)
bool(true)
bool(true)
int(2)
string(14) "carla>ana=beto"
NULL
voters: 1
box: 1
versions: 1=beto>ana
duplicate refused: 1062
