--TEST--
Commitments::history()/verify(): every change is a chained event; editing or deleting an event row in SQL is detected
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_history_001');
$c = $site->commitments();
$c->upsert(['id' => 'PAL-05', 'plan' => 'pal-2026', 'title' => 'Reforestación del Cerro de la Estrella', 'theme' => 'medio-ambiente'], 'wp:fun');
$c->upsert(['id' => 'PAL-05.1', 'plan' => 'pal-2026', 'parent' => 'PAL-05', 'title' => 'Plantar 5,000 árboles'], 'wp:fun');
$c->update('PAL-05.1', ['status' => 'en-proceso', 'progress' => 35], 'wp:fun', 'primera jornada');
$c->update('PAL-05.1', ['add_evidence' => ['url' => 'https://iztapalapa.gob.mx/jornada.pdf', 'description' => 'Minuta de la jornada']], 'wp:fun');

foreach ($c->history('PAL-05.1') as $e) {
    echo $e['seq'], ' ', $e['action'], ' ', $e['actor'], ' [', implode(',', array_keys($e['changes'])), '] ', $e['note'], "\n";
}
$h = $c->history('PAL-05.1')[1];
echo json_encode($h['changes'], JSON_UNESCAPED_UNICODE), "\n";
foreach ($c->history('PAL-05') as $e) {
    echo $e['seq'], ' ', $e['action'], ' ', json_encode($e['changes']), ' from ', $e['note'], "\n";
}
// the chain: each prev_hash is the previous event's hash
$all = [];
foreach (['PAL-05', 'PAL-05.1'] as $id) { foreach ($c->history($id) as $e) { $all[$e['seq']] = $e; } }
ksort($all);
$prev = str_repeat('0', 64); $linked = true;
foreach ($all as $e) { $linked = $linked && $e['prev_hash'] === $prev && preg_match('/^[0-9a-f]{64}$/', $e['hash']); $prev = $e['hash']; }
var_dump($linked);
print_r($c->verify());

// Someone edits event 3 in SQL (progress 35 -> 85): verify() names it.
$db = participa_test_admin('pt_cm_history_001');
$db->query("UPDATE participa_commitment_events SET changes = REPLACE(changes, '\"35.00\"', '\"85.00\"') WHERE seq = 3");
echo $db->affected_rows, " row edited\n";
$v = $c->verify();
var_dump($v['ok']);
print_r($v['first_bad']);
// Restore it, then delete the last event instead.
$db->query("UPDATE participa_commitment_events SET changes = REPLACE(changes, '\"85.00\"', '\"35.00\"') WHERE seq = 3");
var_dump($c->verify()['ok']);
$db->query("DELETE FROM participa_commitment_events ORDER BY seq DESC LIMIT 1");
$v = $c->verify();
var_dump($v['ok']);
echo $v['first_bad']['reason'], "\n";
$db->close();
participa_test_drop('cm_history_001');
?>
--EXPECT--
2 create wp:fun [id,plan,parent,title,status,progress,evidence,milestones] 
3 update wp:fun [status,progress] primera jornada
5 update wp:fun [evidence] 
{"status":["por-iniciar","en-proceso"],"progress":["0.00","35.00"]}
1 create {"id":[null,"PAL-05"],"plan":[null,"pal-2026"],"title":[null,"Reforestaci\u00f3n del Cerro de la Estrella"],"theme":[null,"medio-ambiente"],"status":[null,"por-iniciar"],"progress":[null,"0.00"],"evidence":[null,"[]"],"milestones":[null,"[]"]} from 
4 rollup {"progress":["0.00","35.00"]} from PAL-05.1
bool(true)
Array
(
    [ok] => 1
    [events] => 5
    [first_bad] => 
)
1 row edited
bool(false)
Array
(
    [seq] => 3
    [commitment] => PAL-05.1
    [reason] => el contenido del evento no coincide con su hash
)
bool(true)
bool(false)
la cabeza de la cadena (evento 5) no coincide con el último evento (4): se borraron eventos
