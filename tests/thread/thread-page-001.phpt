--TEST--
Thread::page()/replies(): keyset cursors (stable under inserts), nested replies, more replies, counts
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_page_001');
$t = $site->thread('project', 'p12');
$db = participa_test_admin('pt_thread_page_001');

// 7 roots, created a second apart (times set explicitly so the order is known).
$ids = [];
for ($i = 1; $i <= 7; $i++) {
    $ids[$i] = $t->post("wp:$i", "raíz $i")['id'];
    $db->query("UPDATE participa_comments SET created_at = '2026-01-01 10:00:0$i' WHERE id = {$ids[$i]}");
}
// Root 2: three replies (page_replies = 2 shows two, then "more"), one with a reply of its own.
$r = [];
for ($i = 1; $i <= 3; $i++) {
    $r[$i] = $t->post("wp:r$i", "respuesta $i", ['parent' => $ids[2]])['id'];
}
$rr = $t->post('wp:x', 'respuesta a la respuesta', ['parent' => $r[1]])['id'];

// Oldest first, pages of 3 by keyset cursor: every root exactly once.
$seen = [];
$cursor = null;
$pages = 0;
do {
    $p = $t->page(['limit' => 3, 'cursor' => $cursor]);
    foreach ($p['comments'] as $c) { $seen[] = array_search($c['id'], $ids); }
    $cursor = $p['next'];
    $pages++;
} while ($cursor !== null);
echo "oldest: ", implode(',', $seen), " in $pages pages\n";

// A root inserted while paging (newest sort) does not shift later pages.
$p1 = $t->page(['sort' => 'newest', 'limit' => 3]);
$t->post('wp:late', 'llegó tarde');
$p2 = $t->page(['sort' => 'newest', 'limit' => 3, 'cursor' => $p1['next']]);
echo "newest: ", implode(',', array_map(fn($c) => array_search($c['id'], $ids), array_merge($p1['comments'], $p2['comments']))), "\n";

// Nested replies and "more replies".
$page = $t->page(['limit' => 7]);
$root2 = array_values(array_filter($page['comments'], fn($c) => $c['id'] === $ids[2]))[0];
echo "root 2: reply_count={$root2['reply_count']} shown=", count($root2['replies']), " more_count={$root2['more_count']}\n";
echo "first reply has ", count($root2['replies'][0]['replies']), " reply\n";
$more = $t->replies($ids[2], ['cursor' => $root2['more']]);
echo "more: ", implode(',', array_map(fn($c) => array_search($c['id'], $r), $more['comments'])), " next=", var_export($more['next'], true), "\n";
$all = $t->replies($ids[2], ['limit' => 2]);
echo "replies page: ", implode(' ', threads_test_ids($all['comments'])) === "{$r[1]}(1) $rr(2) {$r[2]}(1)" ? 'nested ok' : 'wrong', ", next ", $all['next'] ? 'set' : 'null', "\n";
threads_test_refused('cursor of another node', fn() => $t->replies($ids[3], ['cursor' => $root2['more']]));
threads_test_refused('cursor of another sort', fn() => $t->page(['sort' => 'top', 'cursor' => $p1['next']]));
threads_test_refused('garbage cursor', fn() => $t->page(['cursor' => 'abc']));
threads_test_refused('bad sort', fn() => $t->page(['sort' => 'random']));
threads_test_refused('bad limit', fn() => $t->page(['limit' => 0]));

// Depth 0: roots only, replies behind "more".
$flat = $t->page(['depth' => 0, 'limit' => 7]);
echo "depth 0: ", array_sum(array_map(fn($c) => count($c['replies']), $flat['comments'])), " replies shown\n";

// Counts come with every page.
echo json_encode($page['counts']), "\n";
// replies(): the node with the viewer's facts, its replies, theirs
$e = Participa\Site::stats()['db_executes'];
$t->replies($ids[2], ['limit' => 2, 'viewer' => 'wp:1']);
echo "round trips of replies(): ", Participa\Site::stats()['db_executes'] - $e, "\n";
$db->close();
participa_test_drop('thread_page_001');
?>
--EXPECT--
oldest: 1,2,3,4,5,6,7 in 3 pages
newest: 7,6,5,4,3,2
root 2: reply_count=3 shown=2 more_count=1
first reply has 1 reply
more: 3 next=NULL
replies page: nested ok, next set
cursor of another node: Participa\InvalidArgumentException: Este cursor es de las respuestas de otro comentario; vuelve a la primera página.
cursor of another sort: Participa\InvalidArgumentException: Este cursor es de otro orden; vuelve a la primera página.
garbage cursor: Participa\InvalidArgumentException: El cursor de paginación no es válido: no tiene la longitud de un cursor.
bad sort: Participa\InvalidArgumentException: La opción 'sort' debe ser oldest, newest, top, discussed o controversial.
bad limit: Participa\InvalidArgumentException: La opción 'limit' debe estar entre 1 y 100.
depth 0: 0 replies shown
{"published":12,"held":0,"hidden":0,"deleted":0,"roots":8}
round trips of replies(): 3
