--TEST--
Moderation::html() and Request::handle(): the queue with approve, reject, hide and ban forms, each one working
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/fragments_test.inc';
$site = threads_test_site('moderation_html_001');
$t = $site->thread('commitment', 'PAL-07');
$ids = [];
foreach (['wp:42' => 'Eres un idiota', 'wp:43' => 'Qué idiota', 'wp:44' => 'Idiota total'] as $who => $body) {
    $ids[$who] = $t->post($who, $body)['id'];   // held by the 'insultos' rule
}
$m = $site->moderation();
$host = fragments_host('cola');
$html = $m->html($host, 'wp:mod');
foreach (['Ana López', 'Beto Ruiz', 'Carla Díaz', 'Comentarios por revisar', 'Eres un idiota'] as $s) {
    echo str_contains($html, $s) ? "has: $s\n" : "MISSING: $s\n";
}
foreach (['approve', 'reject', 'hide', 'ban'] as $a) {
    echo "$a forms: ", substr_count($html, "value=\"moderation.$a\""), "\n";
}
echo "dates: ", preg_match_all('/<time datetime="\d{4}-\d\d-\d\d">\d{1,2} de [a-z]+ de \d{4}<\/time>/u', $html), "\n";
echo preg_match('/<label for="cola-suspender-' . $ids['wp:44'] . '-reason">Motivo de la suspensión<\/label>/u', $html) ? "ban reason labelled\n" : "no label\n";
preg_match_all('/\sid="([^"]*)"/', $html, $m1);
echo count($m1[1]) === count(array_unique($m1[1])) ? "ids unique\n" : "ids repeated\n";

$r = new Participa\Request($site, $host);
$post = fn($action, $fields) => ['participa_action' => $action, '_wpnonce' => 'n0nce', 'participa_return' => '/moderacion/'] + $fields;
$out = $r->handle($post('moderation.approve', ['comment' => (string)$ids['wp:42'], 'reason' => 'Contexto: cita textual']), 'wp:mod');
echo $out['ok'] ? 'approved: ' : 'refused: ', $out['message'], ' ', $out['redirect'], "\n";
$out = $r->handle($post('moderation.reject', ['comment' => (string)$ids['wp:43']]), 'wp:mod');
echo $out['ok'] ? 'rejected: ' : 'refused: ', $out['message'], "\n";
$out = $r->handle($post('moderation.ban', ['participant' => 'wp:44', 'reason' => '']), 'wp:mod');
echo $out['ok'] ? 'banned' : 'refused: ' . $out['errors']['reason'], "\n";
$out = $r->handle($post('moderation.ban', ['participant' => 'wp:44', 'reason' => 'Insultos repetidos']), 'wp:mod');
echo $out['ok'] ? 'banned: ' : 'refused: ', $out['message'], "\n";
$out = $r->handle($post('moderation.hide', ['comment' => (string)$ids['wp:42']]), 'wp:mod');
echo $out['ok'] ? 'hidden: ' : 'refused: ', $out['message'], "\n";
// a second approve of a comment no longer held: the conflict, in words
$out = $r->handle($post('moderation.reject', ['comment' => (string)$ids['wp:43']]), 'wp:mod');
echo $out['ok'] ? 'rejected twice' : 'refused: ' . $out['message'], "\n";
// a citizen cannot moderate, through the form or the fragment
$out = $r->handle($post('moderation.approve', ['comment' => (string)$ids['wp:44']]), 'wp:42');
echo $out['ok'] ? 'approved by a citizen' : 'refused: ' . $out['message'], "\n";
$html = $m->html($host, 'wp:42');
echo substr_count($html, '<form'), " forms for a citizen: ", str_contains($html, 'No tienes permiso para moderar.') ? 'told so' : '?', "\n";

echo "state: ", implode(', ', array_map(fn($c) => $c['status'], $t->page(['viewer' => 'wp:mod'])['comments'])), "\n";
echo "wp:44 banned: ", var_export($site->participants()->get('wp:44')['status'] ?? null, true), "\n";
$html = $m->html($host, 'wp:mod');
echo "queue now: ", substr_count($html, 'value="moderation.approve"'), " held\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('moderation_html_001'); ?>
--EXPECT--
has: Ana López
has: Beto Ruiz
has: Carla Díaz
has: Comentarios por revisar
has: Eres un idiota
approve forms: 3
reject forms: 3
hide forms: 3
ban forms: 3
dates: 3
ban reason labelled
ids unique
approved: Comentario aprobado. /moderacion/#cola
rejected: Comentario rechazado.
refused: El motivo no puede quedar en blanco.
banned: Participante suspendido.
hidden: Comentario ocultado.
refused: No se puede rechazar este comentario: está rechazado.
refused: No tienes permiso para moderar.
0 forms for a citizen: told so
state: hidden, held
wp:44 banned: 'banned'
queue now: 1 held
