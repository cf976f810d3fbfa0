--TEST--
Thread::edit()/history()/delete()/markOfficial(): versions, edit window, author only, deleted keeps its place, official answers
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_edit_001');
$t = $site->thread('commitment', 'PAL-07');
$db = participa_test_admin('pt_thread_edit_001');

$c = $t->post('wp:1', 'Primera versión');
$e = $t->edit($c['id'], 'wp:1', 'Segunda versión, llamen al 55 1234 5678');
echo $e['status'], ' v', $e['version'], ': ', $e['body'], ' [', implode(',', $e['redactions']), "]\n";
echo $e['edited_at'] !== null ? "edited_at set\n" : "edited_at missing\n";
$t->edit($c['id'], 'wp:1', 'Tercera versión');
foreach ($t->history($c['id']) as $v) {
    echo 'v', $v['version'], ' ', $v['status'], ': ', $v['body'], $v['replaced_at'] === null ? ' (current)' : '', "\n";
}

// Only the author, only within the window, never into a rejected text.
threads_test_refused('other participant', fn() => $t->edit($c['id'], 'wp:2', 'mío'));
threads_test_refused('rejected text', fn() => $t->edit($c['id'], 'wp:1', 'compra ya'));
threads_test_refused('too long', fn() => $t->edit($c['id'], 'wp:1', str_repeat('x', 121)));
$db->query("UPDATE participa_comments SET created_at = created_at - INTERVAL 16 MINUTE WHERE id = {$c['id']}");
threads_test_refused('after the window', fn() => $t->edit($c['id'], 'wp:1', 'tarde'));
threads_test_refused('unknown comment', fn() => $t->edit(999999, 'wp:1', 'x'));

// An edit that trips a hold rule sends a published comment back to the queue.
$d = $t->post('wp:3', 'Todo bien');
echo $t->edit($d['id'], 'wp:3', 'Eres un idiota')['status'], "\n";

// Deleting keeps the place in the tree so replies stay readable.
$root = $t->post('wp:4', 'Comentario que se borrará');
$reply = $t->post('wp:5', 'Respuesta que debe seguir visible', ['parent' => $root['id']]);
threads_test_refused('delete by another', fn() => $t->delete($root['id'], 'wp:5'));
$t->delete($root['id'], 'wp:4');
threads_test_refused('delete twice', fn() => $t->delete($root['id'], 'wp:4'));
foreach ($t->page()['comments'] as $x) {
    if ($x['id'] === $root['id']) {
        echo $x['status'], ' notice="', $x['notice'], '" body=', var_export($x['body'], true), ' author=', var_export($x['author'], true), "\n";
        echo '  reply: ', $x['replies'][0]['body'], "\n";
    }
}
// A moderator may delete too; the log records it.
$m = $t->post('wp:6', 'otro');
$t->delete($m['id'], 'wp:mod');
echo $site->moderation()->log(['comment' => $m['id']])['entries'][0]['action'], "\n";

// Official answers: only with the 'answer' permission.
threads_test_refused('official by citizen', fn() => $t->markOfficial($reply['id'], 'wp:1'));
$t->markOfficial($reply['id'], 'wp:fun');
$o = $t->page()['comments'];
foreach ($o as $x) {
    foreach ($x['replies'] as $y) {
        if ($y['id'] === $reply['id']) { echo 'official=', var_export($y['official'], true), ' by ', $y['official_by'], "\n"; }
    }
}
$db->close();
participa_test_drop('thread_edit_001');
?>
--EXPECT--
published v2: Segunda versión, llamen al [dato personal oculto] [telefono]
edited_at set
v1 published: Primera versión
v2 published: Segunda versión, llamen al [dato personal oculto]
v3 published: Tercera versión (current)
other participant: Participa\NotAllowedException: Solo quien escribió el comentario puede editarlo.
rejected text: Participa\NotAllowedException: No se permite publicidad.
too long: Participa\InvalidArgumentException: El comentario tiene 121 caracteres; el máximo es 120.
after the window: Participa\NotAllowedException: El plazo para editar este comentario terminó (15 minutos después de publicarlo).
unknown comment: Participa\NotFoundException: El comentario 999999 no existe.
held
delete by another: Participa\NotAllowedException: Solo quien escribió el comentario puede eliminarlo.
delete twice: Participa\ConflictException: El comentario ya estaba eliminado.
deleted notice="comentario eliminado" body=NULL author=NULL
  reply: Respuesta que debe seguir visible
delete
official by citizen: Participa\NotAllowedException: No tienes permiso para dar respuestas oficiales.
official=true by wp:fun
