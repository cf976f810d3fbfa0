--TEST--
Request::handle(): a comment posted from the thread's form is stored (phone number redacted) and the next render shows it
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
$site = threads_test_site('request_thread_post_001');
$t = $site->thread('commitment', 'PAL-07');
$host = fragments_host('h1');

// What the form says it posts is what the browser sends.
$html = $t->html($host, 'wp:42');
preg_match('/<form id="h1-comentar".*?<\/form>/s', $html, $form);
preg_match_all('/<input type="hidden" name="([^"]+)" value="([^"]*)">/', $form[0], $m);
$post = array_combine($m[1], $m[2]) + ['body' => "Hay un bache enorme.\r\nMi teléfono: 55 1234 5678"];
echo implode(',', array_keys($post)), "\n";

$r = new Participa\Request($site, $host);
$out = $r->handle($post, 'wp:42');
var_dump($out['ok'], $out['message'], $out['errors'], $out['draft']);
echo $out['redirect'], "\n";

$html = $t->html($host, 'wp:43');
echo str_contains($html, "<p>Hay un bache enorme.<br>\nMi teléfono: [dato personal oculto]</p>") ? "shown, redacted\n" : "NOT SHOWN\n";
echo str_contains($html, '5678') ? "phone leaked\n" : "no phone\n";
echo str_contains($html, 'Ana López') ? "author by name\n" : "no name\n";
$c = $t->page()['comments'][0];
echo $c['author'], ' ', $c['body'], "\n";

// A reply through its form, to the comment's anchor; a vote; both seen by the next render.
$out = $r->handle(fragments_post('thread.reply', ['parent' => (string)$c['id'], 'body' => 'Lo vi también',
    'participa_form' => 'responder-' . $c['id']]), 'wp:43');
echo $out['ok'] ? 'reply ok ' : 'reply refused ', $out['redirect'], "\n";
$out = $r->handle(fragments_post('thread.react', ['comment' => (string)$c['id'], 'reaction' => 'up']), 'wp:43');
echo $out['ok'] ? 'vote ok: ' : 'vote refused: ', $out['message'], "\n";
$html = $t->html($host, 'wp:43');
echo preg_match('/<button name="none" value="' . $c['id'] . '" aria-pressed="true">De acuerdo 1</', $html) ? "vote pressed, pressing again withdraws\n" : "vote not shown\n";
echo str_contains($html, 'Lo vi también') ? "reply shown\n" : "reply missing\n";
fragments_check($html);
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('request_thread_post_001'); ?>
--EXPECT--
participa_action,participa_form,participa_return,_wpnonce,subject_type,subject_id,body
bool(true)
string(26) "Tu comentario se publicó."
array(0) {
}
array(0) {
}
/consulta/?view=c1#h1-c1
shown, redacted
no phone
author by name
wp:42 Hay un bache enorme.
Mi teléfono: [dato personal oculto]
reply ok /consulta/?view=c2#h1-c2
vote ok: Tu voto quedó registrado.
vote pressed, pressing again withdraws
reply shown
html: 7 ids, all unique
html: raw ids none
html: 2 forms, all with the token
