--TEST--
Participa\Process::enterPaperBatch(): the mismatch report shows both readings of each differing ballot and who entered each, also when the first person corrects and for stance reasons
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-paper-002', <<<P
  - { id: asamblea, title: Asamblea, kind: consultation, method: plurality, candidates: [si, no, nulo],
      channels: [web, paper], secrecy: public, results_visibility: live, phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: acuerdo, title: Acuerdo, kind: consensus, method: consensus, secrecy: public, channels: [paper],
      results_visibility: live, phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
$pp->upsert('enlace:1', 'norte', ['enlace']);
$pp->upsert('enlace:2', 'sur', ['enlace']);
$p = $site->process('asamblea');
function report(array $r): void
{
    echo "{$r['status']} (entry {$r['entry']}, first by ", $r['first_by'] ?? '-', ", second by ", $r['second_by'] ?? '-', ")\n";
    foreach ($r['mismatches'] as $m) {
        echo "  boleta {$m['position']}: {$m['first_by']} leyó ", json_encode($m['first']), ", {$m['second_by']} leyó ",
            json_encode($m['second']), "; this ", json_encode($m['this']), " other ", json_encode($m['other']),
            isset($m['first_reason']) || isset($m['second_reason'])
                ? "; razones " . json_encode($m['first_reason']) . " / " . json_encode($m['second_reason']) : "", "\n";
    }
}
report($p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea-1', 'acta-1', ['si', 'no', 'si', 'nulo']));
report($p->enterPaperBatch('enlace:2', 'lote-1', 'asamblea-1', 'acta-1', ['si', 'si', 'si', 'no', 'si']));
// the first person finds their own error and corrects entry 1: compared with the second person's reading
report($p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea-1', 'acta-1', ['si', 'si', 'si', 'nulo', 'si']));
// the second person re-reads the tally sheet: both entries now agree
report($p->enterPaperBatch('enlace:2', 'lote-1', 'asamblea-1', 'acta-1', ['si', 'si', 'si', 'nulo', 'si']));
echo "counted: ", $p->results()['ballots'], "\n";

$a = $site->process('acuerdo');
report($a->enterPaperBatch('enlace:1', 'lote-a', 'asamblea-2', 'acta-2', ['agree', ['stance' => 'block', 'reason' => 'Falta consulta']]));
report($a->enterPaperBatch('enlace:2', 'lote-a', 'asamblea-2', 'acta-2', ['agree', ['stance' => 'block', 'reason' => 'Falta la consulta']]));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-paper-002'); ?>
--EXPECT--
pending (entry 1, first by enlace:1, second by -)
mismatch (entry 2, first by enlace:1, second by enlace:2)
  boleta 2: enlace:1 leyó "no", enlace:2 leyó "si"; this "si" other "no"
  boleta 4: enlace:1 leyó "nulo", enlace:2 leyó "no"; this "no" other "nulo"
  boleta 5: enlace:1 leyó null, enlace:2 leyó "si"; this "si" other null
mismatch (entry 1, first by enlace:1, second by enlace:2)
  boleta 4: enlace:1 leyó "nulo", enlace:2 leyó "no"; this "nulo" other "no"
counted (entry 2, first by enlace:1, second by enlace:2)
counted: 5
pending (entry 1, first by enlace:1, second by -)
mismatch (entry 2, first by enlace:1, second by enlace:2)
  boleta 2: enlace:1 leyó "block", enlace:2 leyó "block"; this "block" other "block"; razones "Falta consulta" / "Falta la consulta"