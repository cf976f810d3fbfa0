--TEST--
Thread::html(): two threads on one page never share an element id, and neither shows a raw participant id
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/fragments_test.inc';
$site = threads_test_site('thread_html_instances_001', "  subjects:\n    commitment: { alignment: true }");
foreach (['PAL-07', 'PAL-08'] as $i => $subject) {
    $t = $site->thread('commitment', $subject);
    $a = $t->post('wp:42', "Comentario de $subject", ['alignment' => 'for']);
    $t->post('wp:43', 'Respuesta', ['parent' => $a['id']]);
    $t->post('wp:44', 'Otro');
}
// The same comment ids in both would collide without the instance prefix: the second
// thread's comments are 4..6, so render the first one twice too.
$page = '';
foreach ([['PAL-07', 'uno'], ['PAL-08', 'dos'], ['PAL-07', 'tres']] as [$subject, $instance]) {
    $page .= $site->thread('commitment', $subject)->html(fragments_host($instance), 'wp:43',
        ['view' => 'responder-1']);
}
fragments_check($page, 'page');
preg_match_all('/\sid="([^"]*)"/', $page, $m);
$prefixes = array_count_values(array_map(fn($id) => explode('-', $id)[0], $m[1]));
ksort($prefixes);
foreach ($prefixes as $p => $n) {
    echo "$p: $n\n";
}
preg_match_all('/(?:for|form|aria-labelledby|aria-describedby)="([^"]*)"/', $page, $refs);
$dangling = array_diff($refs[1], $m[1]);
echo "references to missing ids: ", $dangling ? implode(' ', $dangling) : 'none', "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('thread_html_instances_001'); ?>
--EXPECT--
page: 39 ids, all unique
page: raw ids none
page: 8 forms, all with the token
dos: 11
tres: 14
uno: 14
references to missing ids: none
