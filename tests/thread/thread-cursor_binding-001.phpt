--TEST--
Thread::page()/replies(), Moderation::queue()/log(): a cursor is sealed with the site's key and bound to its thread, sort, node or filters; a foreign, edited or forged cursor is refused in Spanish
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$yaml = str_replace('rate_limit: 5/h', 'rate_limit: none', threads_test_yaml());
$site = Participa\Site::open(participa_test_config('thread_cursor_binding_001', $yaml));
$site->migrate();
$db = participa_test_admin('pt_thread_cursor_binding_001');
$mod = $site->moderation();
$a = $site->thread('commitment', 'PAL-07');
$b = $site->thread('commitment', 'PAL-08');
foreach ([$a, $b] as $t) {
    for ($i = 0; $i < 5; $i++) { $roots[] = $t->post("wp:$i", "Raíz $i"); }
}
$ra = $roots[0]['id'];
for ($i = 0; $i < 5; $i++) { $a->post("wp:r$i", "Respuesta $i", ['parent' => $ra]); }
$a->post('wp:r9', 'Respuesta en otra rama', ['parent' => $roots[1]['id']]);
$a->post('wp:r8', 'Otra', ['parent' => $roots[1]['id']]);
$a->post('wp:r7', 'Y otra', ['parent' => $roots[1]['id']]);

$p = $a->page(['limit' => 2]);
$next = $p['next'];
$more = $p['comments'][0]['more'];
echo 'cursor: ', strlen($next), ' characters, ', preg_match('/^[A-Za-z0-9_-]+$/', $next) ? 'base64url' : 'other', "\n";
echo 'key stored: ', $db->query("SELECT LENGTH(value), value REGEXP '^[0-9a-f]{64}$' FROM participa_secrets WHERE name = 'cursor_key'")->fetch_row() == ['64', '1'] ? 'yes' : 'no', "\n";
echo 'own thread: ', count($a->page(['limit' => 2, 'cursor' => $next])['comments']), " roots\n";
echo 'own node: ', count($a->replies($ra, ['cursor' => $more])['comments']), " replies\n";

// Another thread's cursor: the same position would page thread B from A's place.
threads_test_refused('page cursor of thread A in thread B', fn() => $b->page(['limit' => 2, 'cursor' => $next]));
threads_test_refused('replies cursor of A in B', fn() => $b->replies($roots[5]['id'], ['cursor' => $more]));
// Another node, another list, another sort of the same thread.
threads_test_refused('replies cursor of another node', fn() => $a->replies($roots[1]['id'], ['cursor' => $more]));
threads_test_refused('replies cursor as a page cursor', fn() => $a->page(['cursor' => $more]));
threads_test_refused('page cursor in replies()', fn() => $a->replies($ra, ['cursor' => $next]));
$top = $a->page(['sort' => 'top', 'limit' => 2])['next'];
threads_test_refused('top cursor with newest', fn() => $a->page(['sort' => 'newest', 'cursor' => $top]));
echo 'top cursor without a sort pages top: ', count($a->page(['cursor' => $top])['comments']), " roots\n";

// Edited: every single character changed somewhere in it is refused.
$alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
$accepted = 0;
for ($i = 0; $i < strlen($next); $i++) {
    $x = $next;
    $x[$i] = $alphabet[(strpos($alphabet, $x[$i]) + 1 + $i % 63) % 64];
    try { $a->page(['limit' => 2, 'cursor' => $x]); $accepted++; } catch (Participa\InvalidArgumentException $e) { $msg = $e->getMessage(); }
}
echo "edited cursors accepted: $accepted of ", strlen($next), "\n";
// Forged: the position of another comment with a made-up seal.
$raw = base64_decode(strtr($next, '-_', '+/'));
$forged = substr($raw, 0, 18) . pack('J', $roots[4]['id']) . substr($raw, 26);
threads_test_refused('forged position', fn() => $a->page(['cursor' => rtrim(strtr(base64_encode($forged), '+/', '-_'), '=')]));
// A version-1 cursor (47 characters, a checksum anyone can recompute).
threads_test_refused('version 1 cursor', fn() => $a->page(['cursor' => 'AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFQ']));
threads_test_refused('not a cursor', fn() => $a->page(['cursor' => str_repeat('!', 64)]));
threads_test_refused('cursor type', fn() => $a->page(['cursor' => 42]));

// The moderation lists: bound to the list and its filters.
for ($i = 0; $i < 3; $i++) { $a->post("wp:h$i", "Eres un idiota $i"); $b->post("wp:g$i", "Idiota $i"); }
$q = $mod->queue(['limit' => 2]);
echo 'queue next page: ', count($mod->queue(['limit' => 2, 'cursor' => $q['next']])['items']), " items\n";
threads_test_refused('queue cursor with another status', fn() => $mod->queue(['status' => 'hidden', 'cursor' => $q['next']]));
threads_test_refused('queue cursor with another subject', fn() => $mod->queue(['subject_id' => 'PAL-07', 'cursor' => $q['next']]));
$l = $mod->log(['limit' => 2]);
threads_test_refused('log cursor in the queue', fn() => $mod->queue(['cursor' => $l['next']]));
threads_test_refused('queue cursor in the log', fn() => $mod->log(['cursor' => $q['next']]));
threads_test_refused('log cursor with another moderator', fn() => $mod->log(['moderator' => 'participa', 'cursor' => $l['next']]));
threads_test_refused('page cursor in the queue', fn() => $mod->queue(['cursor' => $next]));
threads_test_refused('queue cursor in a page', fn() => $a->page(['cursor' => $q['next']]));
echo 'log next page: ', count($mod->log(['limit' => 2, 'cursor' => $l['next']])['entries']), " entries\n";

// Rotating the key (deleting it) retires every cursor given out; a new one is made.
$db->query("DELETE FROM participa_secrets WHERE name = 'cursor_key'");
threads_test_refused('after rotation', fn() => $a->page(['limit' => 2, 'cursor' => $next]));
$fresh = $a->page(['limit' => 2])['next'];
echo 'new cursor differs: ', $fresh !== $next ? 'yes' : 'no', ', works: ', count($a->page(['limit' => 2, 'cursor' => $fresh])['comments']), " roots\n";
// A worker that has never read a page (the first call is replies()) uses the same key.
$db->query("DELETE FROM participa_secrets WHERE name = 'cursor_key'");
$m2 = $a->replies($ra, ['limit' => 2])['next'];
echo 'replies made the key: ', $db->query("SELECT COUNT(*) FROM participa_secrets")->fetch_row()[0], ', and its cursor works: ', count($a->replies($ra, ['limit' => 2, 'cursor' => $m2])['comments']), " replies\n";
$db->close();
participa_test_drop('thread_cursor_binding_001');
?>
--EXPECT--
cursor: 64 characters, base64url
key stored: yes
own thread: 2 roots
own node: 3 replies
page cursor of thread A in thread B: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
replies cursor of A in B: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
replies cursor of another node: Participa\InvalidArgumentException: Este cursor es de las respuestas de otro comentario; vuelve a la primera página.
replies cursor as a page cursor: Participa\InvalidArgumentException: Este cursor es de una lista de respuestas, no de la página del hilo.
page cursor in replies(): Participa\InvalidArgumentException: Este cursor es de las respuestas de otro comentario; vuelve a la primera página.
top cursor with newest: Participa\InvalidArgumentException: Este cursor es de otro orden; vuelve a la primera página.
top cursor without a sort pages top: 3 roots
edited cursors accepted: 0 of 64
forged position: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
version 1 cursor: Participa\InvalidArgumentException: El cursor de paginación no es válido: no tiene la longitud de un cursor.
not a cursor: Participa\InvalidArgumentException: El cursor de paginación no es válido: contiene un carácter que no es de un cursor.
cursor type: TypeError: La opción 'cursor' debe ser una cadena (se recibió int).
queue next page: 2 items
queue cursor with another status: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
queue cursor with another subject: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
log cursor in the queue: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
queue cursor in the log: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
log cursor with another moderator: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
page cursor in the queue: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
queue cursor in a page: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
log next page: 2 entries
after rotation: Participa\InvalidArgumentException: El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.
new cursor differs: yes, works: 2 roots
replies made the key: 1, and its cursor works: 2 replies
