--TEST--
Participa\Process::enterPaperBatch(): double entry by two people; mismatches ballot by ballot; counted once
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-paper-001', <<<P
  - { id: asamblea, title: Asamblea, kind: consultation, method: plurality, candidates: [si, no],
      channels: [web, paper], secrecy: public, results_visibility: live, phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: solo-web, title: Web, kind: poll, method: plurality, candidates: [a, b], phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
$pp->upsert('enlace:1', 'norte', ['enlace']);
$pp->upsert('enlace:2', 'sur', ['enlace']);
$pp->upsert('wp:1', 'norte', ['ciudadano']);
$p = $site->process('asamblea');
$sheet = ['si', 'si', 'no', 'si', 'no'];
pt_try(fn() => $p->enterPaperBatch('wp:1', 'lote-1', 'asamblea-teotongo', 'acta-17', $sheet));
pt_try(fn() => $site->process('solo-web')->enterPaperBatch('enlace:1', 'lote-1', 'a', 'b', ['a']));
pt_try(fn() => $p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea-teotongo', 'acta-17', ['si', 'quizá']));
$r = $p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea-teotongo', 'acta-17', $sheet);
echo $r['status'], " entry ", $r['entry'], "\n";
pt_try(fn() => $p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea-teotongo', 'acta-17', $sheet));   // same person twice
echo "ballots before the batch counts: ", $p->results()['ballots'], "\n";
// the second person misreads two ballots
$r = $p->enterPaperBatch('enlace:2', 'lote-1', 'asamblea-teotongo', 'acta-17', ['si', 'no', 'no', 'si', 'si']);
echo $r['status'], ": ", json_encode($r['mismatches']), "\n";
echo "ballots after a mismatch: ", $p->results()['ballots'], "\n";
// they check the tally sheet again and re-enter
$r = $p->enterPaperBatch('enlace:2', 'lote-1', 'asamblea-teotongo', 'acta-17', $sheet);
echo $r['status'], "\n";
pt_try(fn() => $p->enterPaperBatch('enlace:2', 'lote-1', 'asamblea-teotongo', 'acta-17', $sheet));
// a batch whose second entry has a different length and tally sheet
$p->enterPaperBatch('enlace:1', 'lote-2', 'asamblea-teotongo', 'acta-18', ['no']);
$r = $p->enterPaperBatch('enlace:2', 'lote-2', 'asamblea-teotongo', 'acta-81', ['no', 'si']);
echo $r['status'], " header ", var_export($r['header_mismatch'], true), " count ", var_export($r['count_mismatch'], true),
    " ", json_encode($r['mismatches']), "\n";
$p->cast('wp:1', 'no');
$res = $p->results();
echo "counted: {$res['ballots']} ({$res['web']} web, {$res['paper']} paper), winner ", $res['winners'][0], "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-paper-001'); ?>
--EXPECT--
Participa\NotAllowedException: No tienes permiso para capturar boletas en papel.
Participa\NotAllowedException: Este proceso no recibe boletas en papel.
Participa\InvalidArgumentException: Boleta 2 del lote: Boleta inválida: candidato desconocido 'quizá'
pending entry 1
Participa\NotAllowedException: La segunda captura del lote lote-1 debe hacerla otra persona.
ballots before the batch counts: 0
mismatch: [{"position":2,"this":"no","other":"si","first":"si","first_by":"enlace:1","second":"no","second_by":"enlace:2"},{"position":5,"this":"si","other":"no","first":"no","first_by":"enlace:1","second":"si","second_by":"enlace:2"}]
ballots after a mismatch: 0
counted
Participa\ConflictException: El lote lote-1 ya fue contado; no se puede capturar de nuevo.
mismatch header true count true [{"position":2,"this":"si","other":null,"first":null,"first_by":"enlace:1","second":"si","second_by":"enlace:2"}]
counted: 6 (1 web, 5 paper), winner si
