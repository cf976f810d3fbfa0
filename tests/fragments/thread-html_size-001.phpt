--TEST--
Thread::html(): a page of 20 conversations with every form a citizen has is under 30 KB, with and without their default replies
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/fragments_test.inc';
// 25 roots of ordinary length (a page shows 20) by three authors, with positions; then the
// same with two replies each (the site's page_replies is 2), measured on its own.
$site = threads_test_site('thread_html_size_001', "  subjects:\n    commitment: { alignment: true }");
$admin = participa_test_admin('pt_thread_html_size_001');
$authors = ['wp:42', 'wp:44', 'wp:fun'];
foreach (['PAL-07' => 0, 'PAL-08' => 2] as $subject => $replies) {
    $t = $site->thread('commitment', $subject);
    for ($i = 1; $i <= 25; $i++) {
        $a = $t->post($authors[$i % 3], "Comentario número $i sobre el alumbrado de la colonia: faltan lámparas en la calle $i.",
            ['alignment' => ['for', 'neutral', 'against'][$i % 3]]);
        for ($j = 1; $j <= $replies; $j++) {
            $t->post($authors[($i + $j) % 3], "Respuesta $j al comentario $i: coincido.", ['parent' => $a['id']]);
        }
        // the rate limit (5/h) counts an author's posts of the last hour: age them
        $admin->query("UPDATE participa_comments SET created_at = created_at - INTERVAL 2 HOUR");
    }
    $html = $t->html(fragments_host('alumbrado'), 'wp:43', ['title' => 'Comentarios sobre el alumbrado']);
    echo "$subject: ", preg_match_all('/<li id="alumbrado-c\d+"/', $html), " comments, ",
        preg_match_all('/view=responder-/', $html), " reply links, ", preg_match_all('/<button name="(up|down)" value="\d+" aria-pressed="false">/', $html),
        " vote buttons, ", preg_match_all('/view=reportar-/', $html), " report links, ",
        str_contains($html, '>Ver más comentarios</a>') ? 'a link to the next page' : 'no next page', "\n";
    fragments_check($html, $subject);
    $size[$subject] = strlen($html);
}
// Both: 20 roots with every form, and the same with their default replies (60 comments).
echo "20 roots: ", $size['PAL-07'] < 30 * 1024 ? "under 30 KB\n" : "OVER 30 KB\n";
echo "20 roots with 2 replies each: ", $size['PAL-08'] < 30 * 1024 ? "under 30 KB\n" : "OVER 30 KB\n";
echo "sizes: {$size['PAL-07']} and {$size['PAL-08']} bytes\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('thread_html_size_001'); ?>
--EXPECTF--
PAL-07: 20 comments, 20 reply links, 40 vote buttons, 20 report links, a link to the next page
PAL-07: %d ids, all unique
PAL-07: raw ids none
PAL-07: 2 forms, all with the token
PAL-08: 60 comments, 60 reply links, 120 vote buttons, 60 report links, a link to the next page
PAL-08: %d ids, all unique
PAL-08: raw ids none
PAL-08: 2 forms, all with the token
20 roots: under 30 KB
20 roots with 2 replies each: under 30 KB
sizes: %d and %d bytes
