--TEST--
Request::handle(): report, edit, delete, official answer and withdrawing a vote, each from the form the thread draws
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/fragments_test.inc';
$site = threads_test_site('request_thread_actions_001');
$t = $site->thread('commitment', 'PAL-07');
$a = $t->post('wp:42', 'La luminaria de la esquina está rota');
$host = fragments_host('h');
$r = new Participa\Request($site, $host);

/** The fields of the form with id $id in $html, as a browser would post them (fragments_form()). */
function form_post(string $html, string $id, array $typed = [], array $button = []): array
{
    return fragments_form($html, $id, $typed, $button);
}

// Report: the link opens the form, whose select offers the reasons.
$html = $t->html($host, 'wp:43', ['view' => "reportar-{$a['id']}"]);
echo preg_match('/<label for="h-reportar-' . $a['id'] . '-reason">Motivo del reporte<\/label>\n<select id="h-reportar-' . $a['id']
    . '-reason" form="h-reportar-' . $a['id'] . '-envio" name="reason" autofocus>/', $html) ? "report form, inside the votes' form\n" : "no report form\n";
$out = $r->handle(form_post($html, "h-reportar-{$a['id']}"), 'wp:43');
echo $out['ok'] ? 'reported: ' : 'refused: ', $out['message'], "\n";
echo "flags: ", $t->page(['viewer' => 'wp:mod'])['comments'][0]['flags'], "\n";

// Edit one's own comment within the window; the page then says "editado".
$html = $t->html($host, 'wp:42', ['view' => "editar-{$a['id']}"]);
$out = $r->handle(form_post($html, "h-editar-{$a['id']}", ['body' => 'La luminaria de la esquina de la calle 5 está rota']), 'wp:42');
echo $out['ok'] ? 'edited: ' : 'refused: ', $out['message'], "\n";
$html = $t->html($host, 'wp:43');
echo str_contains($html, 'calle 5 está rota') && str_contains($html, '(editado)') ? "edit shown\n" : "edit not shown\n";
// Someone else cannot edit it, even with a hand-made post.
$out = $r->handle(form_post($t->html($host, 'wp:42', ['view' => "editar-{$a['id']}"]), "h-editar-{$a['id']}", ['body' => 'x']), 'wp:43');
echo $out['ok'] ? 'edited by another' : 'refused: ' . $out['message'], "\n";

// Official answer by the one who may answer.
$out = $r->handle(form_post($t->html($host, 'wp:fun'), 'h-oficial', ['comment' => (string)$a['id']]), 'wp:fun');
echo $out['ok'] ? 'marked: ' : 'refused: ', $out['message'], "\n";
echo str_contains($t->html($host, 'wp:43'), 'participa-oficial') ? "shown as official\n" : "not official\n";

// A vote (the button's name is its reaction, its value the comment), then the same button again withdraws it.
$html = $t->html($host, 'wp:43');
echo preg_match('/<button name="up" value="' . $a['id'] . '" aria-pressed="false">De acuerdo 0<\/button>/', $html) ? "up not pressed\n" : "?\n";
$out = $r->handle(form_post($html, 'h-votos', [], ['up' => (string)$a['id']]), 'wp:43');
echo $out['ok'] ? 'voted: ' : 'refused: ', $out['message'], "\n";
$html = $t->html($host, 'wp:43');
echo preg_match('/<button name="none" value="' . $a['id'] . '" aria-pressed="true">De acuerdo 1<\/button>/', $html) ? "up pressed\n" : "up not pressed\n";
$out = $r->handle(form_post($html, 'h-votos', [], ['none' => (string)$a['id']]), 'wp:43');
echo $out['ok'] ? 'withdrawn, ' : 'refused, ', $t->page()['comments'][0]['up'], " votes up\n";

// Delete: the link asks first; the confirmation form deletes; its place stays.
$html = $t->html($host, 'wp:42', ['view' => "eliminar-{$a['id']}"]);
echo str_contains($html, '¿Eliminar tu comentario?') ? "asks first\n" : "does not ask\n";
$out = $r->handle(form_post($html, "h-eliminar-{$a['id']}"), 'wp:42');
echo $out['ok'] ? 'deleted: ' : 'refused: ', $out['message'], "\n";
echo str_contains($t->html($host, 'wp:43'), 'Comentario eliminado') ? "its place stays\n" : "gone\n";

// The same outcome in English for an English host.
$en = fragments_host('h', ['lang' => 'en']);
$out = (new Participa\Request($site, $en))->handle(fragments_post('thread.post', ['body' => '']), 'wp:43');
echo $out['message'], ' / ', $out['errors']['body'], "\n";
$t->post('wp:44', 'Otra luminaria rota');
$html = $t->html($en, 'wp:43');
echo str_contains($html, 'Comment deleted') && str_contains($html, 'Post comment') && str_contains($html, '>Agree 0</button>')
    && !str_contains($html, 'Comentario') && !str_contains($html, 'De acuerdo') ? "English page\n" : "mixed page\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('request_thread_actions_001'); ?>
--EXPECT--
report form, inside the votes' form
reported: Gracias. Moderación revisará el comentario.
flags: 1
edited: Comentario editado.
edit shown
refused: Solo quien escribió el comentario puede editarlo.
marked: Marcado como respuesta oficial.
shown as official
up not pressed
voted: Tu voto quedó registrado.
up pressed
withdrawn, 0 votes up
asks first
deleted: Comentario eliminado.
its place stays
Please check the marked fields. / The comment cannot be left blank.
English page
