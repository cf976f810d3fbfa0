--TEST--
Participa\Host: the contract is checked, callables are called once per render, links follow the host's URL scheme
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
foreach ([['bogus' => 1], ['heading' => 9], ['instance' => '9a'], ['lang' => 'fr'], ['url' => 'javascript:x'],
        ['params' => ['pagina' => 'p']], ['url' => 42], ['names' => 'not_a_function'], ['token' => 'x']] as $bad) {
    try {
        new Participa\Host($bad);
        echo "accepted\n";
    } catch (Participa\InvalidArgumentException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$site = threads_test_site('request_host_001');
$t = $site->thread('commitment', 'PAL-07');
$a = $t->post('wp:42', 'Uno');
for ($i = 0; $i < 3; $i++) {
    $t->post('wp:43', "Respuesta $i", ['parent' => $a['id']]);
}
$t->post('wp:44', 'Dos');

// WordPress's plain permalinks: "/?p=12&{params}" with its own parameter names; the url by a callable.
$urlCalls = 0;
$host = new Participa\Host([
    'url' => function () use (&$urlCalls) { $urlCalls++; return '/?p=12&{params}'; },
    'params' => ['cursor' => 'pcursor', 'replies' => 'prespuestas', 'view' => 'pvista'],
    'here' => 'https://muni.example/?p=12', 'post_url' => 'https://muni.example/wp-admin/admin-post.php',
    'names' => ['wp:42' => 'Ana', 'wp:43' => 'Beto'], 'heading' => 3, 'instance' => 'wp-hilo',
]);
$html = $t->html($host, 'wp:44');
echo "url callable: $urlCalls call\n";
preg_match_all('/href="([^"]+)"/', $html, $m);
echo preg_replace('/pcursor=[A-Za-z0-9_-]+/', 'pcursor=CURSOR', implode("\n", array_unique($m[1]))), "\n";
echo preg_match('/action="https:\/\/muni.example\/wp-admin\/admin-post.php"/', $html) ? "forms post to the host's handler\n" : "?\n";
echo preg_match('/name="participa_return" value="https:\/\/muni.example\/\?p=12"/', $html) ? "and come back here\n" : "?\n";
echo str_contains($html, 'aria-level="3"') ? "heading level 3\n" : "?\n";
echo str_contains($html, 'Participante') ? "an unknown name is neutral\n" : "?\n";
echo str_contains($html, 'token') || str_contains($html, '_wpnonce') ? "a token field\n" : "no token field without a token\n";

// The replies page of a comment, reached by its "Ver más respuestas" link.
$html = $t->html($host, null, ['replies' => $a['id'], 'cursor' => $t->page()['comments'][0]['more']]);
echo preg_match_all('/<li id="wp-hilo-c\d+"/', $html), " more replies, ", str_contains($html, 'Volver a la conversación') ? 'a way back' : 'no way back', "\n";

// A names callable that throws: the exception is the host's, not swallowed.
$host = new Participa\Host(['names' => function (array $ids) { throw new RuntimeException('directorio caído'); }]);
try {
    $t->html($host);
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$host = new Participa\Host(['names' => fn(array $ids) => 'no']);
try {
    $t->html($host);
} catch (Participa\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

// Without participa.templates_dir pointing at the templates, the error names the file.
echo ini_get('participa.templates_dir') !== '' ? "templates_dir set\n" : "templates_dir empty\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('request_host_001'); ?>
--EXPECT--
Participa\InvalidArgumentException: Host: unknown key 'bogus'
Participa\InvalidArgumentException: Host: 'heading' must be an integer from 1 to 6
Participa\InvalidArgumentException: Host: 'instance' must be a letter then up to 63 letters, digits, '-' or '_'
Participa\InvalidArgumentException: Host: 'lang' must be "es" or "en"
Participa\InvalidArgumentException: Host: 'url' must be an absolute http(s) URL, a path or a query
Participa\InvalidArgumentException: Host: unknown key 'pagina' in 'params'
Participa\InvalidArgumentException: Host: 'url' must be a string or a callable
Participa\InvalidArgumentException: Host: 'names' must be a string or a callable
Participa\InvalidArgumentException: Host: 'token' must be an array
url callable: 1 call
/?p=12&amp;pvista=responder-1
/?p=12&amp;pvista=reportar-1
/?p=12&amp;pvista=responder-2
/?p=12&amp;pvista=reportar-2
/?p=12&amp;pvista=responder-3
/?p=12&amp;pvista=reportar-3
/?p=12&amp;prespuestas=1&amp;pcursor=CURSOR#wp-hilo
/?p=12&amp;pvista=responder-5
/?p=12&amp;pvista=editar-5#wp-hilo-c5
/?p=12&amp;pvista=eliminar-5#wp-hilo-c5
forms post to the host's handler
and come back here
heading level 3
an unknown name is neutral
no token field without a token
1 more replies, a way back
RuntimeException: directorio caído
Participa\InvalidArgumentException: Host: the 'names' callable must return an array
templates_dir set
