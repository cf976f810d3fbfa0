--TEST--
Commitments::verify(): the stored rows must be what their history leaves; a commitment, evidence or milestone changed, added or removed in SQL is found, and so is an event rewritten with a recomputed chain
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_verify_state_001');
$c = $site->commitments();
$db = participa_test_admin('pt_cm_verify_state_001');
$c->upsert(['id' => 'PAL-01', 'plan' => 'pal-2026', 'title' => 'Padre', 'pillars' => ['transparencia']], 'wp:fun');
$c->upsert(['id' => 'PAL-01.1', 'plan' => 'pal-2026', 'parent' => 'PAL-01', 'title' => 'Hijo', 'weight' => 2,
    'milestones' => [['title' => 'Primero', 'due' => '2026-05-01', 'done' => false]]], 'wp:fun');
$c->update('PAL-01.1', ['status' => 'en-proceso', 'progress' => 35,
    'add_evidence' => ['url' => 'https://iztapalapa.gob.mx/acta.pdf', 'description' => "Acta\n\"firmada\""]], 'wp:fun');
$c->recordAssembly(['territory' => 'san-miguel-teotongo', 'held_on' => '2026-03-14', 'place' => 'Salón', 'attendance' => 12,
    'agreements' => ['Alumbrado en la calle 5']], 'wp:fac');
$c->import("id,plan,parent,title,progress\r\nIMP-1.1,pal-2026,IMP-1,Importado hijo,80\r\nIMP-1,pal-2026,,Importado,\r\n", 'csv');

function check(Participa\Commitments $c, string $label): void
{
    $v = $c->verify();
    echo str_pad($label, 34), $v['ok'] ? 'ok' : "{$v['first_bad']['commitment']}: {$v['first_bad']['reason']}", "\n";
}

check($c, 'untouched');
$cases = [
    'progress edited' => ["UPDATE participa_commitments SET progress = 100 WHERE id = 'PAL-01.1'",
                          "UPDATE participa_commitments SET progress = 35 WHERE id = 'PAL-01.1'"],
    'title edited' => ["UPDATE participa_commitments SET title = 'Otro' WHERE id = 'IMP-1'",
                       "UPDATE participa_commitments SET title = 'Importado' WHERE id = 'IMP-1'"],
    'rolled-up progress edited' => ["UPDATE participa_commitments SET progress = 99 WHERE id = 'PAL-01'",
                                    "UPDATE participa_commitments SET progress = 35 WHERE id = 'PAL-01'"],
    'evidence url edited' => ["UPDATE participa_commitment_evidence SET url = 'https://evil.example/' WHERE commitment_id = 'PAL-01.1'",
                              "UPDATE participa_commitment_evidence SET url = 'https://iztapalapa.gob.mx/acta.pdf' WHERE commitment_id = 'PAL-01.1'"],
    'milestone marked done' => ["UPDATE participa_commitment_milestones SET done = 1 WHERE commitment_id = 'PAL-01.1'",
                                "UPDATE participa_commitment_milestones SET done = 0 WHERE commitment_id = 'PAL-01.1'"],
    'evidence deleted' => ["CREATE TABLE ev_copy AS SELECT * FROM participa_commitment_evidence; DELETE FROM participa_commitment_evidence",
                           "INSERT INTO participa_commitment_evidence SELECT * FROM ev_copy; DROP TABLE ev_copy"],
    'commitment inserted' => ["INSERT INTO participa_commitments (id, plan_id, title, status, created_at, updated_at) VALUES ('X-1', 'pal-2026', 'Fantasma', 'por-iniciar', NOW(), NOW())",
                              "DELETE FROM participa_commitments WHERE id = 'X-1'"],
    'commitment deleted' => ["CREATE TABLE cm_copy AS SELECT * FROM participa_commitments WHERE id = 'IMP-1.1'; DELETE FROM participa_commitments WHERE id = 'IMP-1.1'",
                             "INSERT INTO participa_commitments SELECT * FROM cm_copy; DROP TABLE cm_copy"],
];
foreach ($cases as $label => [$tamper, $restore]) {
    $db->multi_query($tamper); while ($db->more_results()) { $db->next_result(); }
    check($c, $label);
    $db->multi_query($restore); while ($db->more_results()) { $db->next_result(); }
}
check($c, 'restored');

// A tamperer who rewrites an event (35 -> 85) AND recomputes every hash after it, so the chain holds:
// the event no longer matches the stored row, nor the next event's starting point.
function enc(array $e, string $prev): string
{
    $s = "participa-history-1\nseq:{$e['seq']}\n";
    foreach (['commitment' => 'commitment_id', 'action' => 'action', 'actor' => 'actor', 'at' => 'at', 'changes' => 'changes', 'note' => 'note'] as $k => $col) {
        $s .= "$k:" . strlen($e[$col]) . ":{$e[$col]}\n";
    }
    return $s . "prev:$prev\n";
}
$seq = (int)$db->query("SELECT seq FROM participa_commitment_events WHERE commitment_id = 'PAL-01.1' AND changes LIKE '%\"35.00\"%'")->fetch_row()[0];
$db->query("UPDATE participa_commitment_events SET changes = REPLACE(changes, '\"35.00\"', '\"85.00\"') WHERE seq = $seq");
$prev = str_repeat('0', 64);
foreach ($db->query("SELECT * FROM participa_commitment_events ORDER BY seq")->fetch_all(MYSQLI_ASSOC) as $e) {
    $hash = hash('sha256', enc($e, $prev));
    $db->query("UPDATE participa_commitment_events SET prev_hash = '$prev', hash = '$hash' WHERE seq = {$e['seq']}");
    $prev = $hash;
}
$db->query("UPDATE participa_commitment_chain SET hash = '$prev' WHERE id = 1");
check($c, 'event rewritten, chain recomputed');
participa_test_drop('cm_verify_state_001');
?>
--EXPECT--
untouched                         ok
progress edited                   PAL-01.1: el valor guardado de progress en 'PAL-01.1' no es el que deja su historia: se cambió fuera de participa
title edited                      IMP-1: el valor guardado de title en 'IMP-1' no es el que deja su historia: se cambió fuera de participa
rolled-up progress edited         PAL-01: el valor guardado de progress en 'PAL-01' no es el que deja su historia: se cambió fuera de participa
evidence url edited               PAL-01.1: las evidencias guardadas de 'PAL-01.1' no son las que deja su historia: se cambiaron fuera de participa
milestone marked done             PAL-01.1: los hitos guardados de 'PAL-01.1' no son los que deja su historia: se cambiaron fuera de participa
evidence deleted                  PAL-01.1: faltan evidencias o hitos de 'PAL-01.1' que su historia registra: se borraron fuera de participa
commitment inserted               X-1: el compromiso 'X-1' no tiene historia: se escribió fuera de participa
commitment deleted                IMP-1.1: el compromiso 'IMP-1.1' tiene historia pero ya no está guardado: se borró fuera de participa
restored                          ok
event rewritten, chain recomputed PAL-01.1: el valor guardado de progress en 'PAL-01.1' no es el que deja su historia: se cambió fuera de participa
