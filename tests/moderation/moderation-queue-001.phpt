--TEST--
Participa\Moderation: queue with filters and paging, approve/reject/hide/restore, flags auto-hide, the log
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../thread/threads_test.inc';
$site = threads_test_site('moderation_queue_001');
$t = $site->thread('commitment', 'PAL-07');
$t2 = $site->thread('process', 'pp-2026');
$mod = $site->moderation();

$h1 = $t->post('wp:1', 'idiota uno');
$h2 = $t2->post('wp:2', 'idiota dos');
$h3 = $t->post('wp:3', 'idiota tres');
$ok = $t->post('wp:4', 'Comentario normal');

// Queue: held comments oldest first, with subject, paging and a subject filter.
$q = $mod->queue(['limit' => 2]);
echo count($q['items']), ' items, first by ', $q['items'][0]['author'], ' on ', $q['items'][0]['subject_type'], ':', $q['items'][0]['subject_id'], ', rule ', $q['items'][0]['rule'], "\n";
$q2 = $mod->queue(['limit' => 2, 'cursor' => $q['next']]);
echo 'page 2: ', implode(',', array_column($q2['items'], 'author')), ' next=', var_export($q2['next'], true), "\n";
echo 'process only: ', implode(',', array_column($mod->queue(['subject_type' => 'process'])['items'], 'author')), "\n";

// Actions need the 'moderate' permission.
threads_test_refused('citizen approves', fn() => $mod->approve($h1['id'], 'wp:9', 'yo'));
$a = $mod->approve($h1['id'], 'wp:mod', 'contexto aceptable');
echo "approved: {$a['status']}\n";
$r = $mod->reject($h2['id'], 'wp:mod', 'insulto');
echo "rejected: {$r['status']}\n";
threads_test_refused('approve twice', fn() => $mod->approve($h1['id'], 'wp:mod', 'otra vez'));
threads_test_refused('restore published', fn() => $mod->restore($ok['id'], 'wp:mod', 'x'));
$h = $mod->hide($ok['id'], 'wp:mod', 'revisar');
echo "hidden: {$h['status']}\n";
echo 'public view: ', var_export($t->page(['depth' => 0])['comments'][1]['body'], true), ' / ', $t->page(['depth' => 0])['comments'][1]['notice'], "\n";
echo "restored: ", $mod->restore($ok['id'], 'wp:mod', 'estaba bien')['status'], "\n";
echo "rejected -> restored: ", $mod->restore($h2['id'], 'wp:mod', 'apelación')['status'], "\n";
echo 'queue now: ', implode(',', array_column($mod->queue()['items'], 'author')), "\n";
echo 'counts: ', json_encode($t->page()['counts']), "\n";

// Flags: after auto_hide_after_flags (2) a comment is hidden pending review.
$f = $t->post('wp:5', 'Comentario polémico');
print_r($t->flag($f['id'], 'wp:6', 'ofensivo'));
echo json_encode($t->flag($f['id'], 'wp:6', 'otra vez')), "\n";
echo 'flagged queue: ', implode(',', array_column($mod->queue(['status' => 'flagged'])['items'], 'author')), "\n";
echo json_encode($t->flag($f['id'], 'wp:7', 'spam')), "\n";
echo 'hidden queue: ', implode(',', array_column($mod->queue(['status' => 'hidden'])['items'], 'author')), "\n";
threads_test_refused('flag without permission', fn() => $t->flag($ok['id'], 'wp:fun', 'x'));
threads_test_refused('flag without reason', fn() => $t->flag($ok['id'], 'wp:6', ''));
$mod->approve($f['id'], 'wp:mod', 'reportes sin fundamento');
$after = array_values(array_filter($t->page(['depth' => 0])['comments'], fn($x) => $x['id'] === $f['id']))[0];
echo "after approval: {$after['status']} flags={$after['flags']}\n";
echo json_encode($t->flag($f['id'], 'wp:6', 'de nuevo')), "\n";

// The log: every action with moderator, time and reason, newest first.
$log = $mod->log();
foreach (array_reverse($log['entries']) as $e) {
    echo str_pad($e['action'], 10), str_pad($e['moderator'], 10), str_pad((string) $e['participant'], 6), $e['reason'],
        preg_match('/^\d{4}-\d\d-\d\d /', $e['created_at']) ? '' : ' (no time)', "\n";
}
echo 'by wp:mod: ', count($mod->log(['moderator' => 'wp:mod'])['entries']), "\n";
$l1 = $mod->log(['limit' => 3]);
$l2 = $mod->log(['limit' => 100, 'cursor' => $l1['next']]);
echo 'paged log: ', count($l1['entries']) + count($l2['entries']) === count($log['entries']) ? 'complete' : 'incomplete', "\n";
threads_test_refused('bad status filter', fn() => $mod->queue(['status' => 'all']));
participa_test_drop('moderation_queue_001');
?>
--EXPECT--
2 items, first by wp:1 on commitment:PAL-07, rule insultos
page 2: wp:3 next=NULL
process only: wp:2
citizen approves: Participa\NotAllowedException: No tienes permiso para moderar.
approved: published
rejected: rejected
approve twice: Participa\ConflictException: No se puede aprobar este comentario: está publicado.
restore published: Participa\ConflictException: No se puede restaurar este comentario: está publicado.
hidden: hidden
public view: NULL / comentario oculto mientras se revisa
restored: published
rejected -> restored: published
queue now: wp:3
counts: {"published":2,"held":1,"hidden":0,"deleted":0,"roots":2}
Array
(
    [flagged] => 1
    [already_flagged] => 
    [hidden] => 
)
{"flagged":false,"already_flagged":true,"hidden":false}
flagged queue: wp:5
{"flagged":true,"already_flagged":false,"hidden":true}
hidden queue: wp:5
flag without permission: Participa\NotAllowedException: No tienes permiso para reportar comentarios.
flag without reason: Participa\InvalidArgumentException: Indica el motivo del reporte (hasta 1000 bytes).
after approval: published flags=0
{"flagged":true,"already_flagged":false,"hidden":false}
hold      participa wp:1  insultos: rule 'insultos' matched
hold      participa wp:2  insultos: rule 'insultos' matched
hold      participa wp:3  insultos: rule 'insultos' matched
approve   wp:mod    wp:1  contexto aceptable
reject    wp:mod    wp:2  insulto
hide      wp:mod    wp:4  revisar
restore   wp:mod    wp:4  estaba bien
restore   wp:mod    wp:2  apelación
auto_hide participa wp:5  2 reportes
approve   wp:mod    wp:5  reportes sin fundamento
by wp:mod: 6
paged log: complete
bad status filter: Participa\InvalidArgumentException: El filtro 'status' debe ser held, hidden, flagged o rejected.
