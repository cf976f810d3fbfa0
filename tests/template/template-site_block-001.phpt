--TEST--
site.templates: a site's thread.html inheriting from the built-in one ({{<participa/thread}}) replaces one block (the footer, then the heading) and nothing else
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/../fragments/fragments_test.inc';
$site = threads_test_site('template_site_block_001');
$t = $site->thread('commitment', 'PAL-07');
$a = $t->post('wp:42', 'Falta iluminación en la calle 5.');
$t->post('wp:43', 'Coincido', ['parent' => $a['id']]);

$yaml = participa_test_unique_path('template_site_block_001');
$dir = substr($yaml, 0, -5) . '-plantillas';
mkdir($dir);
file_put_contents($yaml, str_replace("site:\n", "site:\n  templates: $dir\n",
    file_get_contents(sys_get_temp_dir() . '/participa-test-template_site_block_001.yaml')));
$own = fn() => Participa\Site::open($yaml)->thread('commitment', 'PAL-07');
$builtin = $t->html(fragments_host('b'), 'wp:44');

// One block: a footer the built-in template leaves empty.
$footer = "<p class=\"municipio-pie\">Aviso de privacidad: <a href=\"/privacidad/\">consúltalo</a>.</p>\n";
file_put_contents("$dir/thread.html", "{{! Hilo del municipio: el de participa con un pie propio. }}\n{{<participa/thread}}\n{{\$pie}}\n"
    . $footer . "{{/pie}}\n{{/participa/thread}}\n");
$html = $own()->html(fragments_host('b'), 'wp:44');
echo "footer added: ", substr_count($html, 'class="municipio-pie"'), "\n";
echo "everything else the same bytes: ", str_replace($footer, '', $html) === $builtin ? 'yes' : 'no', "\n";
echo "just before </section>: ", str_contains($html, $footer . "</section>") ? 'yes' : 'no', "\n";

// Another block, written with the view's own data, in the parent's context; two overrides at once.
file_put_contents("$dir/thread.html", "{{<participa/thread}}{{\$encabezado}}<h3 class=\"municipio-titulo\" id=\"{{title_id}}\">"
    . "{{title}} ({{host.lang}})</h3>\n{{/encabezado}}{{\$pie}}$footer{{/pie}}{{/participa/thread}}\n");
$html = $own()->html(fragments_host('b'), 'wp:44', ['title' => 'Comentarios sobre <PAL-07>']);
echo "heading replaced: ", preg_match('~<h3 class="municipio-titulo" id="b-titulo">Comentarios sobre &lt;PAL-07&gt; \(es\)</h3>~', $html),
    ", built-in heading left: ", substr_count($html, 'class="participa-titulo"'), ", footer: ", substr_count($html, 'municipio-pie'), "\n";
echo "still labelled by it: ", str_contains($html, 'aria-labelledby="b-titulo"') ? 'yes' : 'no', "\n";
echo "comments and forms as built in: ", substr_count($html, '<li id="b-c') === substr_count($builtin, '<li id="b-c') && substr_count($builtin, '<li id="b-c') === 2
    && substr_count($html, '<form ') === substr_count($builtin, '<form ') ? 'yes' : 'no', "\n";
fragments_check($html);

// A block may not put its text inside a tag: refused when the site's template compiles, with its position.
file_put_contents("$dir/thread.html", "{{<participa/thread}}\n<p class=\"{{\$pie}}x{{/pie}}\">\n{{/participa/thread}}\n");
try {
    $own()->html(fragments_host('b'));
    echo "block in an attribute: rendered\n";
} catch (Participa\Exception $e) {
    echo "block in an attribute: ", get_class($e), ": ", $e->getMessage(), "\n";
}
unlink("$dir/thread.html");
rmdir($dir);
unlink($yaml);
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('template_site_block_001'); ?>
--EXPECTF--
footer added: 1
everything else the same bytes: yes
just before </section>: yes
heading replaced: 1, built-in heading left: 0, footer: 1
still labelled by it: yes
comments and forms as built in: yes
html: %d ids, all unique
html: raw ids none
html: %d forms, all with the token
block in an attribute: Participa\InvalidArgumentException: plantilla "thread": plantilla: {{$pie}} (herencia) solo puede ir entre elementos HTML (línea 2, columna 11)
