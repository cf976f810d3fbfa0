--TEST--
Thread::page()/replies(): each node's time for people: created_iso (UTC, for <time datetime>) and created_text in the site's timezone and language, daylight saving included
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$sitePath = participa_test_config('thread_page_003', threads_test_yaml());
$site = Participa\Site::open($sitePath);
$site->migrate();
$t = $site->thread('commitment', 'PAL-07');
$a = $t->post('wp:a', 'Raíz de marzo');
$b = $t->post('wp:b', 'Respuesta de julio', ['parent' => $a['id']]);
$c = $t->post('wp:c', 'Raíz de 2021');
$admin = participa_test_admin('pt_thread_page_003');
// times chosen around Mexico's daylight saving (abolished in 2022, kept at the US border)
$admin->query("UPDATE participa_comments SET created_at = '2026-03-01 18:05:00.123456' WHERE id = {$a['id']}");
$admin->query("UPDATE participa_comments SET created_at = '2026-07-01 18:05:00' WHERE id = {$b['id']}");
$admin->query("UPDATE participa_comments SET created_at = '2021-07-01 18:05:09.999999' WHERE id = {$c['id']}");

function show(string $label, array $nodes): void
{
    foreach ($nodes as $n) {
        printf("%s #%s: %s | %s\n", $label, $n['body'], $n['created_iso'], $n['created_text']);
        show($label, $n['replies']);
    }
}
$show = 'show';
$show('es_MX, America/Mexico_City', $t->page()['comments']);

// The same thread through an English site in Tijuana.
// (a file of its own: no fixed path that a parallel run could share)
$path = tempnam(sys_get_temp_dir(), 'participa-test-thread_page_003-en-');
file_put_contents($path, str_replace("site:\n", "site:\n  locale: en\n  timezone: America/Tijuana\n",
    file_get_contents($sitePath)));
$en = Participa\Site::open($path)->thread('commitment', 'PAL-07');
$show('en, America/Tijuana', $en->page()['comments']);
$show('replies()', $en->replies($a['id'])['comments']);

// what the template makes of it
$html = Participa\Template::render(file_get_contents(__DIR__ . '/../../templates/comment.html'),
    $t->page()['comments'][1]);
preg_match('~<time[^>]*>[^<]*</time>~', $html, $m);
echo $m[0], "\n";
@unlink($path);
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('thread_page_003'); ?>
--EXPECT--
es_MX, America/Mexico_City #Raíz de 2021: 2021-07-01T18:05:09.999Z | 1 de julio de 2021, 13:05
es_MX, America/Mexico_City #Raíz de marzo: 2026-03-01T18:05:00.123Z | 1 de marzo de 2026, 12:05
es_MX, America/Mexico_City #Respuesta de julio: 2026-07-01T18:05:00.000Z | 1 de julio de 2026, 12:05
en, America/Tijuana #Raíz de 2021: 2021-07-01T18:05:09.999Z | July 1, 2021, 11:05
en, America/Tijuana #Raíz de marzo: 2026-03-01T18:05:00.123Z | March 1, 2026, 10:05
en, America/Tijuana #Respuesta de julio: 2026-07-01T18:05:00.000Z | July 1, 2026, 11:05
replies() #Respuesta de julio: 2026-07-01T18:05:00.000Z | July 1, 2026, 11:05
<time datetime="2026-03-01T18:05:00.123Z">1 de marzo de 2026, 12:05</time>
