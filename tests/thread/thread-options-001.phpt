--TEST--
Thread/Moderation options: values passed by reference are read through the reference; wrong types and values are refused with Spanish messages
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_options_001', "  subjects:\n    process: { alignment: true }");
$mod = $site->moderation();
$t = $site->thread('process', 'P-1');
$root = $t->post('wp:1', 'Raíz');
$t->post('wp:2', 'Otra raíz');

// References: what a template engine or a loop with & hands over.
$parent = $root['id'];
$al = 'for';
$key = 'req-7';
$opts = ['parent' => &$parent, 'alignment' => &$al, 'idempotency_key' => &$key];
$r = $t->post('wp:3', 'Respuesta', $opts);
echo "post by reference: parent {$r['parent_id']} = {$root['id']}, alignment {$r['alignment']}\n";
echo 'retry by reference: ', $t->post('wp:3', 'Respuesta', $opts)['replayed'] ? 'replayed' : 'posted twice', "\n";
$limit = 1; $sort = 'newest'; $viewer = 'wp:1'; $depth = 0; $replies = 1;
$p = $t->page(['limit' => &$limit, 'sort' => &$sort, 'viewer' => &$viewer, 'depth' => &$depth, 'replies' => &$replies]);
echo 'page by reference: ', count($p['comments']), ' root, next ', $p['next'] === null ? 'none' : 'given', "\n";
$cursor = $p['next'];
echo 'cursor by reference: ', count($t->page(['limit' => &$limit, 'cursor' => &$cursor])['comments']), " root\n";
$l = 1;
echo 'replies by reference: ', count($t->replies($root['id'], ['limit' => &$l])['comments']), " reply\n";
$held = $t->post('wp:4', 'Eres un idiota');
$st = 'held'; $lim = 5; $ty = 'process';
echo 'queue by reference: ', count($mod->queue(['status' => &$st, 'limit' => &$lim, 'subject_type' => &$ty])['items']), " item\n";
$cid = $held['id']; $who = 'participa';
echo 'log by reference: ', count($mod->log(['comment' => &$cid, 'moderator' => &$who])['entries']), " entry\n";
$null = null;
echo 'a reference to null is no option: ', $t->post('wp:5', 'Sin padre', ['parent' => &$null])['parent_id'] === null ? 'a root' : 'a reply', "\n";

// Types: TypeError, in Spanish.
threads_test_refused('parent as a string', fn() => $t->post('wp:1', 'x', ['parent' => (string) $root['id']]));
threads_test_refused('limit as a float', fn() => $t->page(['limit' => 2.0]));
threads_test_refused('sort as an array', fn() => $t->page(['sort' => ['top']]));
$arr = ['top'];
threads_test_refused('sort as a reference to an array', fn() => $t->page(['sort' => &$arr]));
threads_test_refused('viewer as an int', fn() => $t->page(['viewer' => 42]));
threads_test_refused('queue limit as a string', fn() => $mod->queue(['limit' => '10']));
threads_test_refused('log comment as a bool', fn() => $mod->log(['comment' => true]));
// Values: Participa\InvalidArgumentException, in Spanish.
threads_test_refused('limit 0', fn() => $t->page(['limit' => 0]));
threads_test_refused('limit PHP_INT_MAX', fn() => $t->page(['limit' => PHP_INT_MAX]));
threads_test_refused('depth -1', fn() => $t->page(['depth' => -1]));
threads_test_refused('depth 3 (max_depth 2)', fn() => $t->page(['depth' => 3]));
threads_test_refused('replies 101', fn() => $t->page(['replies' => 101]));
threads_test_refused('replies limit PHP_INT_MIN', fn() => $t->replies($root['id'], ['limit' => PHP_INT_MIN]));
threads_test_refused('sort random', fn() => $t->page(['sort' => 'random']));
threads_test_refused('replies sorted by top', fn() => $t->replies($root['id'], ['sort' => 'top']));
threads_test_refused('alignment maybe', fn() => $t->post('wp:1', 'x', ['alignment' => 'maybe']));
threads_test_refused('queue limit 201', fn() => $mod->queue(['limit' => 201]));
threads_test_refused('queue status all', fn() => $mod->queue(['status' => 'all']));
participa_test_drop('thread_options_001');
?>
--EXPECT--
post by reference: parent 1 = 1, alignment for
retry by reference: replayed
page by reference: 1 root, next given
cursor by reference: 1 root
replies by reference: 1 reply
queue by reference: 1 item
log by reference: 1 entry
a reference to null is no option: a root
parent as a string: TypeError: La opción 'parent' debe ser un número entero (se recibió string).
limit as a float: TypeError: La opción 'limit' debe ser un número entero (se recibió float).
sort as an array: TypeError: La opción 'sort' debe ser una cadena (se recibió array).
sort as a reference to an array: TypeError: La opción 'sort' debe ser una cadena (se recibió array).
viewer as an int: TypeError: La opción 'viewer' debe ser una cadena (se recibió int).
queue limit as a string: TypeError: El filtro 'limit' debe ser un número entero (se recibió string).
log comment as a bool: TypeError: El filtro 'comment' debe ser un número entero (se recibió bool).
limit 0: Participa\InvalidArgumentException: La opción 'limit' debe estar entre 1 y 100.
limit PHP_INT_MAX: Participa\InvalidArgumentException: La opción 'limit' debe estar entre 1 y 100.
depth -1: Participa\InvalidArgumentException: La opción 'depth' debe estar entre 0 y 2.
depth 3 (max_depth 2): Participa\InvalidArgumentException: La opción 'depth' debe estar entre 0 y 2.
replies 101: Participa\InvalidArgumentException: La opción 'replies' debe estar entre 0 y 100.
replies limit PHP_INT_MIN: Participa\InvalidArgumentException: La opción 'limit' debe estar entre 1 y 100.
sort random: Participa\InvalidArgumentException: La opción 'sort' debe ser oldest, newest, top, discussed o controversial.
replies sorted by top: Participa\InvalidArgumentException: Las respuestas siempre van en orden 'oldest' (de la más antigua a la más reciente).
alignment maybe: Participa\InvalidArgumentException: La postura debe ser 'for' (a favor), 'neutral' o 'against' (en contra).
queue limit 201: Participa\InvalidArgumentException: El filtro 'limit' debe estar entre 1 y 200.
queue status all: Participa\InvalidArgumentException: El filtro 'status' debe ser held, hidden, flagged o rejected.
