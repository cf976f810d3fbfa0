--TEST--
Thread::html(): real comments with names, dates, states, paragraphs and the forms a citizen may use
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/fragments_test.inc';
$site = threads_test_site('thread_html_001', "  subjects:\n    commitment: { alignment: true }");
$t = $site->thread('commitment', 'PAL-07');
$a = $t->post('wp:42', "Falta iluminación en la calle 5.\nLlamen al 55 1234 5678.\n\nGracias.", ['alignment' => 'against']);
$b = $t->post('wp:43', 'Coincido', ['parent' => $a['id']]);
$t->edit($b['id'], 'wp:43', 'Coincido, y también en la 6');
$held = $t->post('wp:43', 'Eres un idiota');            // held by a rule: only its author and moderators see it
$off = $t->post('wp:fun', 'La obra empieza en marzo.');
$t->markOfficial($off['id'], 'wp:fun');
$gone = $t->post('wp:44', 'Me equivoqué');
$t->delete($gone['id'], 'wp:44');

$html = $t->html(fragments_host('pal07', [], $calls), 'wp:43', ['title' => 'Comentarios sobre PAL-07']);
echo "names callable called $calls time(s)\n";
foreach (['Ana López', 'Beto Ruiz', 'Dirección de Obras', 'Comentarios sobre PAL-07', 'En contra', '[dato personal oculto]',
        'Comentario eliminado', 'Comentarios publicados: 3. Conversaciones: 3.'] as $s) {
    echo str_contains($html, $s) ? "has: $s\n" : "MISSING: $s\n";
}
echo "phone shown: ", str_contains($html, '1234') ? 'yes' : 'no', "\n";
echo "dates like 1 de ...: ", preg_match_all('/<time datetime="\d{4}-\d\d-\d\d">\d{1,2} de [a-z]+ de \d{4}<\/time>/u', $html), "\n";
echo "paragraphs: ", str_contains($html, "<p>Falta iluminación en la calle 5.<br>\nLlamen al [dato personal oculto].</p>\n<p>Gracias.</p>") ? 'kept' : 'LOST', "\n";
echo "editado: ", substr_count($html, '(editado)'), "\n";
echo "En revisión: ", substr_count($html, 'En revisión'), " (own held comment)\n";
echo "official: ", preg_match('/id="pal07-c' . $off['id'] . '" class="participa-oficial"/', $html), "\n";
echo "reply links: ", preg_match_all('/view=responder-\d+"/', $html), ", edit links: ", preg_match_all('/view=editar-\d+#/', $html),
    ", delete links: ", preg_match_all('/view=eliminar-\d+#/', $html), ", report links: ", preg_match_all('/view=reportar-\d+"/', $html), "\n";
echo "vote buttons: ", preg_match_all('/<button name="(up|down)" value="\d+" aria-pressed="false">(De acuerdo|En desacuerdo) \d+<\/button>/', $html),
    ", in the votes' form: ", preg_match('/<form id="pal07-votos" class="participa-votos" method="post" action="\/consulta\/"><input type="hidden" name="participa_action" value="thread.react">.*<ol class="participa-comentarios">.*<\/ol>\n<\/form>/s', $html), "\n";
echo "stance form: ", str_contains($html, 'value="thread.stance"') && str_contains($html, '<legend>Tu postura</legend>') ? 'yes' : 'no', "\n";
fragments_check($html);

// Another reader does not see the held comment; nobody signed in gets no form at all.
$html = $t->html(fragments_host('pal07'), 'wp:44');
echo "held for another: ", str_contains($html, 'idiota') ? 'shown' : 'hidden', "\n";
$html = $t->html(fragments_host('pal07'));
echo "anonymous: ", substr_count($html, '<form'), " forms, ", str_contains($html, 'Inicia sesión para comentar.') ? 'asked to sign in' : '?', "\n";

// The official may answer: one button per published comment not yet official.
$html = $t->html(fragments_host('pal07'), 'wp:fun');
echo "answer buttons: ", preg_match_all('/form="pal07-oficial"/', $html), "\n";

// The reply form opens in place (the host's 'view' parameter), with a label and a cancel link.
$html = $t->html(fragments_host('pal07'), 'wp:44', ['view' => 'responder-' . $a['id']]);
// (its fields in place, inside the votes' form; its own form, with the hidden fields, after the list)
echo preg_match('/<div id="pal07-responder-' . $a['id'] . '" class="participa-form">/', $html)
    && preg_match('/<textarea id="pal07-responder-' . $a['id'] . '-body" form="pal07-responder-' . $a['id'] . '-envio" name="body" rows="4" required autofocus>/', $html)
    && preg_match('/<\/ol>\n<\/form>.*<form id="pal07-responder-' . $a['id'] . '-envio" class="participa-form" method="post" action="\/consulta\/">/s', $html)
    ? "reply form open\n" : "no reply form\n";
echo preg_match('/<label for="pal07-responder-' . $a['id'] . '-body">Tu respuesta<\/label>/', $html) ? "labelled\n" : "unlabelled\n";
echo str_contains($html, '<a href="/consulta/?view=c' . $a['id'] . '#pal07-c' . $a['id'] . '">Cancelar</a>') ? "cancel link\n" : "no cancel link\n";
fragments_check($html, 'open form');
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('thread_html_001'); ?>
--EXPECT--
names callable called 1 time(s)
has: Ana López
has: Beto Ruiz
has: Dirección de Obras
has: Comentarios sobre PAL-07
has: En contra
has: [dato personal oculto]
has: Comentario eliminado
has: Comentarios publicados: 3. Conversaciones: 3.
phone shown: no
dates like 1 de ...: 4
paragraphs: kept
editado: 1
En revisión: 1 (own held comment)
official: 1
reply links: 3, edit links: 2, delete links: 2, report links: 2
vote buttons: 6, in the votes' form: 1
stance form: yes
html: 13 ids, all unique
html: raw ids none
html: 2 forms, all with the token
held for another: hidden
anonymous: 0 forms, asked to sign in
answer buttons: 2
reply form open
labelled
cancel link
open form: 15 ids, all unique
open form: raw ids none
open form: 3 forms, all with the token
