--TEST--
site.templates: a site's own file replaces one built-in template (here the comment partial thread.html uses), file by file, the rest stays built-in
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/../fragments/fragments_test.inc';
$site = threads_test_site('template_site_override_001');
$t = $site->thread('commitment', 'PAL-07');
$a = $t->post('wp:42', "Falta iluminación en la calle 5.\nGracias.");
$t->post('wp:43', 'Coincido', ['parent' => $a['id']]);
$t->post('wp:44', 'Y en la 6');

// The same site with its own folder, named relative to its YAML file.
$yaml = participa_test_unique_path('template_site_override_001');
$dir = substr($yaml, 0, -5) . '-plantillas';
mkdir($dir);
file_put_contents($dir . '/thread-comment.html',
    "<li id=\"{{id}}\" class=\"municipio-comentario\">{{author}}: {{#paragraphs}}{{#lines}}{{text}} {{/lines}}{{/paragraphs}}"
    . "{{#replies.0}}<ol>{{/replies.0}}{{#replies}}{{>thread-comment}}{{/replies}}{{#replies.0}}</ol>{{/replies.0}}</li>\n");
file_put_contents($yaml, str_replace("site:\n", "site:\n  templates: " . basename($dir) . "\n",
    file_get_contents(sys_get_temp_dir() . '/participa-test-template_site_override_001.yaml')));
$own = Participa\Site::open($yaml);

$builtin = $t->html(fragments_host('a'));
$html = $own->thread('commitment', 'PAL-07')->html(fragments_host('a'));
echo "built-in comments: ", preg_match_all('/<li id="a-c\d+">/', $builtin), ", site's: ", substr_count($builtin, 'municipio-comentario'), "\n";
echo "with the folder, built-in comments: ", preg_match_all('/<li id="a-c\d+">/', $html), ", site's: ",
    substr_count($html, 'class="municipio-comentario"'), "\n";
echo "the site's partial, recursive, names resolved: ",
    preg_match('~<li id="a-c\d+" class="municipio-comentario">Ana López: Falta iluminación en la calle 5\. Gracias\. <ol><li id="a-c\d+" class="municipio-comentario">Beto Ruiz: Coincido </li>~u', $html), "\n";
echo "thread.html still the built-in one: ", str_contains($html, '<section id="a" class="participa-hilo"') ? 'yes' : 'no', "\n";
// Everything but the comments is the same bytes.
$strip = fn($h) => preg_replace('~<(ol class="participa-comentarios"|li id="a-c).*</(ol|li)>\n~s', '', $h);
echo "the rest unchanged: ", $strip($html) === $strip($builtin) ? 'yes' : 'no', "\n";

// A file the site has but cannot read (here a folder of that name) is an error naming it, not a silent fallback.
unlink($dir . '/thread-comment.html');
mkdir($dir . '/thread-comment.html');
try {
    $own->thread('commitment', 'PAL-07')->html(fragments_host('a'));
    echo "unreadable: rendered\n";
} catch (Participa\Exception $e) {
    echo "unreadable: ", get_class($e), str_contains($e->getMessage(), basename($dir) . '/thread-comment.html') ? ' (names the file)' : '', "\n";
}
rmdir($dir . '/thread-comment.html');
rmdir($dir);
unlink($yaml);
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('template_site_override_001'); ?>
--EXPECT--
built-in comments: 3, site's: 0
with the folder, built-in comments: 0, site's: 3
the site's partial, recursive, names resolved: 1
thread.html still the built-in one: yes
the rest unchanged: yes
unreadable: Participa\RuntimeException (names the file)
