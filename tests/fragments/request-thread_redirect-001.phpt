--TEST--
Request::handle(): after a post without JavaScript the redirect leads to a page that shows the comment (the last of a long thread, a reply past the replies shown, a refused reply's form)
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/fragments_test.inc';
$site = threads_test_site('request_thread_redirect_001');
$admin = participa_test_admin('pt_request_thread_redirect_001');
$t = $site->thread('commitment', 'PAL-07');
// 25 roots, oldest first (a page shows 20); the first has two replies (a page shows two per comment)
$authors = ['wp:42', 'wp:44', 'wp:fun'];
for ($i = 1; $i <= 25; $i++) {
    $root = $t->post($authors[$i % 3], "Comentario $i sobre el alumbrado.");
    $first ??= $root['id'];
    $admin->query("UPDATE participa_comments SET created_at = created_at - INTERVAL 2 HOUR");
}
$t->post('wp:44', 'Primera respuesta.', ['parent' => $first]);
$t->post('wp:fun', 'Segunda respuesta.', ['parent' => $first]);
$admin->query("UPDATE participa_comments SET created_at = created_at - INTERVAL 2 HOUR");

// The host's page (view parameter named "vista"), what it does with the redirect: GET it.
$host = fragments_host('hilo', ['params' => ['view' => 'vista', 'cursor' => 'desde']]);
$request = new Participa\Request($site, $host);
function follow(Participa\Thread $t, Participa\Host $host, array $out, string $viewer, ?array $outcome = null): string
{
    parse_str((string) parse_url($out['redirect'], PHP_URL_QUERY), $get);
    return $t->html($host, $viewer, ['view' => $get['vista'] ?? null, 'cursor' => $get['desde'] ?? null]
        + ($outcome ? ['outcome' => $outcome] : []));
}
function shows(string $html, string $text, string $anchor): string
{
    return (str_contains($html, $text) ? 'shows the text' : 'DOES NOT SHOW the text') . ', '
        . (str_contains($html, 'id="' . $anchor . '"') ? 'its anchor is on it' : 'its anchor IS NOT on it');
}

// 1. A new root comment: the 26th, on no page the host renders first.
$out = $request->handle(fragments_post('thread.post', ['body' => 'Mi comentario nuevo, sin JavaScript.']), 'wp:43');
$id = $t->page(['sort' => 'newest', 'limit' => 1])['comments'][0]['id'];
echo $out['ok'] ? 'posted: ' : 'refused: ', str_replace((string) $id, 'N', $out['redirect']), "\n";
echo 'first page: ', shows($t->html($host, 'wp:43'), 'Mi comentario nuevo', "hilo-c$id"), "\n";
$html = follow($t, $host, $out, 'wp:43');
echo 'after the redirect: ', shows($html, 'Mi comentario nuevo', "hilo-c$id"), "\n";
echo str_contains($html, '>Ver los comentarios desde el principio</a>') ? "a link to the first comments\n" : "no way back\n";
echo preg_match('/<form id="hilo-comentar"/', $html) ? "the comment form too\n" : "no comment form\n";
fragments_check($html, 'view');

// 2. A third reply to the first comment: the page shows two replies per comment.
$out = $request->handle(fragments_post('thread.reply', ['parent' => (string) $first, 'body' => 'Tercera respuesta, la mía.',
    'participa_form' => "responder-$first"]), 'wp:43');
$rid = $t->replies($first)['comments'][2]['id'];
echo $out['ok'] ? 'replied: ' : 'refused: ', str_replace((string) $rid, 'R', $out['redirect']), "\n";
echo 'first page: ', shows($t->html($host, 'wp:43'), 'Tercera respuesta', "hilo-c$rid"), "\n";
$html = follow($t, $host, $out, 'wp:43');
echo 'after the redirect: ', shows($html, 'Tercera respuesta', "hilo-c$rid"), "\n";
echo str_contains($html, "vista=c$first#hilo-c$first\">Volver a la conversación</a>") ? "back: the comment answered, in context\n" : "no way back\n";
echo 'the way back: ', shows($t->html($host, 'wp:43', ['view' => "c$first"]), 'Comentario 1 sobre', "hilo-c$first"), "\n";

// 3. A refused reply (a moderation rule) to the 25th comment, not on the first page: its form
// opens again, with the draft, where the redirect leads (the host keeps the outcome).
$last = $t->page(['sort' => 'newest', 'limit' => 2])['comments'][1]['id'];
$out = $request->handle(fragments_post('thread.reply', ['parent' => (string) $last, 'body' => 'Compra ya en mi tienda',
    'participa_form' => "responder-$last"]), 'wp:43');
echo $out['ok'] ? 'accepted: ' : 'refused: ', str_replace((string) $last, 'L', $out['redirect']), "\n";
$html = follow($t, $host, $out, 'wp:43', $out);
echo preg_match('/<textarea id="hilo-responder-' . $last . '-body"[^>]*>Compra ya en mi tienda<\/textarea>/', $html)
    ? "the reply form is open with the draft\n" : "THE FORM IS NOT THERE\n";
// A host that shows the refusal in the same request (no redirect, no view): the same page.
$html = $t->html($host, 'wp:43');
echo preg_match('/>Compra ya en mi tienda<\/textarea>/', $html) ? "same request: the form is open with the draft\n"
    : "same request: THE FORM IS NOT THERE\n";

// 4. A link to a comment the viewer cannot see (another's held comment) shows the first page.
$held = $t->post('wp:42', 'Eres un idiota.');
echo $held['status'], ': ', str_contains($t->html($host, 'wp:43', ['view' => 'c' . $held['id']]), 'Comentario 1 sobre')
    ? "the first page\n" : "not the first page\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('request_thread_redirect_001'); ?>
--EXPECT--
posted: /consulta/?vista=cN#hilo-cN
first page: DOES NOT SHOW the text, its anchor IS NOT on it
after the redirect: shows the text, its anchor is on it
a link to the first comments
the comment form too
view: 6 ids, all unique
view: raw ids none
view: 2 forms, all with the token
replied: /consulta/?vista=cR#hilo-cR
first page: DOES NOT SHOW the text, its anchor IS NOT on it
after the redirect: shows the text, its anchor is on it
back: the comment answered, in context
the way back: shows the text, its anchor is on it
refused: /consulta/?vista=responder-L#hilo-responder-L
the reply form is open with the draft
same request: the form is open with the draft
held: the first page
