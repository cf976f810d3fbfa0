--TEST--
Participa\Process: consensus of a standing body; the facilitator has voice but no vote; a block needs a reason
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-consensus-001', <<<P
  - id: pal
    title: "Secretariado: Plan de Acción Local"
    kind: consensus
    method: consensus
    options: { block_requires_reason: true }
    body: secretariado
    phases: { voting: [2020-01-01, 2099-12-31] }
    results_visibility: live
P);
$p = $site->process('pal');
var_dump($p->info()['secrecy']);
pt_try(fn() => $p->cast('wp:99', 'agree'));                              // not a member
pt_try(fn() => $p->cast('st:1', 'block'));                               // block without a reason
pt_try(fn() => $p->cast('st:1', ['stance' => 'quizá']));
$f = $p->cast('st:facilitadora', ['stance' => 'block', 'reason' => 'Falta el diagnóstico']);
var_dump($f['voice_only']);
$p->cast('st:1', 'agree');                // a funcionario: membership gives the vote here
$p->cast('st:2', ['stance' => 'agree', 'reason' => 'De acuerdo']);
$p->cast('st:3', ['stance' => 'block', 'reason' => 'No se consultó a la colonia']);
$r = $p->tally();
echo $r->details['outcome'], "\n";
echo json_encode($r->details['counts']), "\n";
foreach ($r->details['blocks'] as $b) echo "block: {$b['voter']} ({$b['role']}): {$b['reason']}\n";
foreach ($r->details['voice_only'] as $v) echo "voice: {$v['voter']} ({$v['role']}): {$v['stance']} - {$v['reason']}\n";
$res = $p->results();
var_dump($res['ballots'], $res['final'], strlen($res['digest']));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-consensus-001'); ?>
--EXPECT--
string(6) "public"
Participa\NotAllowedException: Solo integrantes de secretariado participan en este proceso.
Participa\InvalidArgumentException: Boleta inválida: un bloqueo debe dar una razón
Participa\InvalidArgumentException: Boleta inválida: postura desconocida (se espera agree, abstain, disagree o block).
bool(true)
blocked
{"agree":2,"abstain":0,"disagree":0,"block":1}
block: st:3 (enlace): No se consultó a la colonia
voice: st:facilitadora (facilitador): block - Falta el diagnóstico
int(4)
bool(false)
int(64)
