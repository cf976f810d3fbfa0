--TEST--
Request::handle(): a refused post keeps the citizen's draft and shows the error next to the field
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db();
participa_test_skip_on_galera('contiguous AUTO_INCREMENT ids in the expected links'); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/fragments_test.inc';
$site = threads_test_site('request_thread_refusal_001');
$t = $site->thread('commitment', 'PAL-07');
$a = $t->post('wp:42', 'Primero');
$host = fragments_host('h1');
$r = new Participa\Request($site, $host);

// A moderation rule rejects the text: the refusal is the rule's message, the draft stays.
$out = $r->handle(fragments_post('thread.reply', ['parent' => (string)$a['id'], 'body' => "Compra ya <b>barato</b>",
    'participa_form' => 'responder-' . $a['id']]), 'wp:43');
var_dump($out['ok'], $out['message'], $out['errors'], $out['draft']['body'], $out['redirect']);

// The same request renders the thread with that form open, the error tied to the field.
$html = $t->html($host, 'wp:43');
$id = 'h1-responder-' . $a['id'];
echo preg_match('/<p id="' . $id . '-mensaje" class="participa-error" role="alert">No se permite publicidad.<\/p>/', $html) ? "message at the form\n" : "no message\n";
// (inside the votes' form, its fields name their own form, which follows the list)
echo preg_match('/<textarea id="' . $id . '-body" form="' . $id . '-envio" name="body" rows="4" required autofocus aria-invalid="true" aria-describedby="' . $id . '-body-error">Compra ya &lt;b&gt;barato&lt;\/b&gt;<\/textarea>/', $html)
    && preg_match('/<form id="' . $id . '-envio" class="participa-form" method="post" action="\/consulta\/"><input type="hidden" name="participa_action" value="thread.reply">/', $html)
    ? "draft kept, escaped\n" : "draft lost\n";
echo preg_match('/<p id="' . $id . '-body-error" class="participa-error">No se permite publicidad.<\/p>/', $html) ? "error next to the field\n" : "no field error\n";
fragments_check($html);
echo "stored: ", count($t->page(['viewer' => 'wp:mod'])['comments'][0]['replies']), " visible replies\n";

// After a redirect the host hands the outcome back (from its session): the same form opens.
$html = $t->html(fragments_host('h1'), 'wp:43', ['outcome' => $out]);
echo str_contains($html, 'Compra ya &lt;b&gt;barato') ? "draft kept after the redirect\n" : "draft lost after the redirect\n";

// A blank comment: the field's own message; a text too long for the site (max_length 120).
$out = $r->handle(fragments_post('thread.post', ['body' => " \r\n ", 'participa_form' => 'comentar']), 'wp:43');
echo $out['message'], ' / ', $out['errors']['body'], ' / ', $out['redirect'], "\n";
$out = $r->handle(fragments_post('thread.post', ['body' => str_repeat('a', 130), 'participa_form' => 'comentar']), 'wp:43');
echo $out['ok'] ? 'accepted' : $out['errors']['body'], ' / ', strlen($out['draft']['body']), " bytes kept\n";
$html = $t->html($host, 'wp:43');
echo preg_match('/aria-describedby="h1-comentar-body-error">a{130}<\/textarea>/', $html) ? "root form keeps it\n" : "root form lost it\n";

// Nobody signed in, an unknown action, a comment of another thread, a return address elsewhere.
$out = $r->handle(fragments_post('thread.post', ['body' => 'Hola']), null);
echo $out['message'], "\n";
$out = $r->handle(['participa_action' => 'thread.vanish'], 'wp:43');
echo $out['message'], "\n";
$other = $site->thread('commitment', 'PAL-08')->post('wp:42', 'Otro tema');
$out = $r->handle(fragments_post('thread.react', ['comment' => (string)$other['id'], 'reaction' => 'up']), 'wp:43');
echo $out['ok'] ? 'accepted' : $out['message'], "\n";
$out = $r->handle(fragments_post('thread.post', ['body' => 'Hola', 'participa_return' => 'https://evil.example/']), 'wp:44');
echo $out['redirect'], "\n";
$out = $r->handle(fragments_post('thread.post', ['body' => 'Hola', 'participa_return' => '//evil.example/']), 'wp:44');
echo $out['redirect'], "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('request_thread_refusal_001'); ?>
--EXPECT--
bool(false)
string(25) "No se permite publicidad."
array(1) {
  ["body"]=>
  string(25) "No se permite publicidad."
}
string(23) "Compra ya <b>barato</b>"
string(42) "/consulta/?view=responder-1#h1-responder-1"
message at the form
draft kept, escaped
error next to the field
html: 11 ids, all unique
html: raw ids none
html: 3 forms, all with the token
stored: 0 visible replies
draft kept after the redirect
Revisa los datos marcados. / El comentario no puede quedar en blanco. / /consulta/#h1-comentar
El comentario tiene 130 caracteres; el máximo es 120. / 130 bytes kept
root form keeps it
Inicia sesión para participar.
Los datos enviados no son válidos. Revísalos e inténtalo de nuevo.
El comentario no existe en este hilo.
/consulta/?view=c4#h1-c4
/consulta/?view=c5#h1-c5
