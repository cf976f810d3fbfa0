--TEST--
Thread::page(['at' => id]): the page that starts at a comment, in every sort; a reply's is its parent's replies from it
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_page_at_001');
$admin = participa_test_admin('pt_thread_page_at_001');
$t = $site->thread('commitment', 'PAL-07');
$authors = ['wp:42', 'wp:44', 'wp:fun', 'wp:43'];
$ids = [];
for ($i = 1; $i <= 12; $i++) {
    $c = $t->post($authors[$i % 4], "Raíz $i");
    $ids[$i] = $c['id'];
    $admin->query("UPDATE participa_comments SET created_at = created_at - INTERVAL 2 HOUR");
}
// votes and replies so that top, discussed and controversial order differently from time
foreach ([3 => ['up', 'up', 'down'], 7 => ['up', 'up', 'up'], 9 => ['down', 'up', 'down']] as $i => $votes) {
    foreach ($votes as $k => $v) {
        $t->react($ids[$i], ['wp:42', 'wp:44', 'wp:43'][$k], $v);
    }
}
for ($j = 1; $j <= 5; $j++) {
    $replies[$j] = $t->post($authors[$j % 4], "Respuesta $j a la raíz 4", ['parent' => $ids[4]])['id'];
    $admin->query("UPDATE participa_comments SET created_at = created_at - INTERVAL 2 HOUR");
}
$name = fn(array $c): string => $c['body'];

foreach (['oldest', 'newest', 'top', 'discussed', 'controversial'] as $sort) {
    $all = array_map($name, $t->page(['sort' => $sort, 'limit' => 100, 'replies' => 0])['comments']);
    $ok = true;
    foreach ($ids as $i => $id) {
        $from = array_map($name, $t->page(['sort' => $sort, 'at' => $id, 'limit' => 3, 'replies' => 0])['comments']);
        $ok = $ok && $from === array_slice($all, array_search("Raíz $i", $all), 3);
    }
    echo "$sort: ", $ok ? 'every page starts at its comment, then the order of the sort' : 'WRONG', "\n";
}
// a reply: its parent's replies from it, oldest first (what replies() pages)
$p = $t->page(['at' => $replies[4], 'sort' => 'newest']);
echo implode(' | ', array_map($name, $p['comments'])), ' (parent ', $p['comments'][0]['parent_id'] === $ids[4] ? 'raíz 4' : '?', ")\n";
$p = $t->page(['at' => $replies[2], 'limit' => 2]);
echo implode(' | ', array_map($name, $p['comments'])), "; next: ", $p['next'] ? 'replies() goes on' : 'none', "\n";
echo implode(' | ', array_map($name, $t->replies($ids[4], ['cursor' => $p['next']])['comments'])), "\n";
// 'at' wins over a cursor; an unknown, another thread's or an unseen comment is the start
$first = $t->page(['limit' => 2]);
echo $name($t->page(['at' => $ids[9], 'cursor' => $first['next']])['comments'][0]), "\n";
$other = $site->thread('commitment', 'PAL-08')->post('wp:42', 'Otro tema')['id'];
$held = $t->post('wp:43', 'Eres un idiota.')['id'];
foreach (['unknown' => 999999, 'another thread' => $other, "another's held" => $held] as $label => $id) {
    echo "$label: ", $name($t->page(['at' => $id])['comments'][0]), "\n";
}
echo "own held: ", $name($t->page(['at' => $held, 'viewer' => 'wp:43', 'sort' => 'newest'])['comments'][0]), "\n";
threads_test_refused('at -1', fn() => $t->page(['at' => -1]));
threads_test_refused("at 'x'", fn() => $t->page(['at' => 'x']));
echo "replies() ignores 'at': ", $name($t->replies($ids[4], ['at' => $replies[3]])['comments'][0]), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('thread_page_at_001'); ?>
--EXPECT--
oldest: every page starts at its comment, then the order of the sort
newest: every page starts at its comment, then the order of the sort
top: every page starts at its comment, then the order of the sort
discussed: every page starts at its comment, then the order of the sort
controversial: every page starts at its comment, then the order of the sort
Respuesta 4 a la raíz 4 | Respuesta 5 a la raíz 4 (parent raíz 4)
Respuesta 2 a la raíz 4 | Respuesta 3 a la raíz 4; next: replies() goes on
Respuesta 4 a la raíz 4 | Respuesta 5 a la raíz 4
Raíz 9
unknown: Raíz 1
another thread: Raíz 1
another's held: Raíz 1
own held: Eres un idiota.
at -1: Participa\NotFoundException: El comentario no existe en este hilo.
at 'x': TypeError: La opción 'at' debe ser un número entero (se recibió string).
replies() ignores 'at': Respuesta 1 a la raíz 4
