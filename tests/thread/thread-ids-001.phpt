--TEST--
Thread/Moderation: every id follows the one id rule and every subject type the kind rule (no 'Assembly' past the premoderated 'assembly', no trailing space that PAD SPACE ignores, no invalid UTF-8 stored as '?'); reasons and filters reaching SQL are validated
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_ids_001', "  subjects:\n    assembly: { premoderate: true }");
$db = participa_test_admin('pt_thread_ids_001');
$mod = $site->moderation();
function lbl(string $s): string
{
    return strlen($s) > 40 ? '(' . strlen($s) . ' bytes)' : json_encode($s, JSON_INVALID_UTF8_SUBSTITUTE);
}

// Subject types: the kind rule. 'Assembly' used to open a second thread that
// the YAML's premoderated 'assembly' did not cover, so its comments went out
// unreviewed.
echo 'assembly: ', $site->thread('assembly', 'A-1')->post('wp:1', 'Hola asamblea')['status'], "\n";
foreach (['Assembly', 'ASSEMBLY', 'assembly ', ' assembly', 'asamblea-2', "assembly\0x", '', str_repeat('a', 65)] as $type) {
    threads_test_refused('type ' . lbl($type), fn() => $site->thread($type, 'A-1')->post('wp:1', 'Hola'));
}
// Subject ids: the id rule. 'A-1 ' is the same row as 'A-1' to MariaDB and
// "\xff" was stored as '?' by INSERT IGNORE (merging distinct subjects).
foreach (['A-1 ', ' A-1', "A-1\u{00A0}", "A\xff1", "A\n1", "A-1\u{200B}", '', str_repeat('x', 192)] as $id) {
    threads_test_refused('subject ' . lbl($id), fn() => $site->thread('post', $id));
}
echo 'threads stored: ', $db->query('SELECT COUNT(*) FROM participa_threads')->fetch_row()[0], "\n";
echo 'a 191-byte subject id: ', $site->thread('post', str_repeat('x', 191))->info()['subject_id'] === str_repeat('x', 191) ? 'ok' : 'wrong', "\n";

// Participant ids at every entry point.
$t = $site->thread('commitment', 'PAL-07');
$c = $t->post('wp:1', 'Un comentario');
$bad = ['wp:1 ', ' wp:1', "wp:1\t", "wp:\x001", "wp:\xc3", "wp:1\u{FEFF}", str_repeat('w', 192)];
foreach ($bad as $who) {
    $label = lbl($who);
    threads_test_refused("post $label", fn() => $t->post($who, 'Hola'));
    threads_test_refused("edit $label", fn() => $t->edit($c['id'], $who, 'Hola'));
    threads_test_refused("react $label", fn() => $t->react($c['id'], $who, 'up'));
    threads_test_refused("viewer $label", fn() => $t->page(['viewer' => $who]));
}
threads_test_refused('delete', fn() => $t->delete($c['id'], 'wp:1 '));
threads_test_refused('flag', fn() => $t->flag($c['id'], ' wp:2', 'spam'));
threads_test_refused('official', fn() => $t->markOfficial($c['id'], 'wp:fun '));
threads_test_refused('history viewer', fn() => $t->history($c['id'], 'wp:1 '));
threads_test_refused('replies viewer', fn() => $t->replies($c['id'], ['viewer' => "wp:\xff"]));
threads_test_refused('premoderate', fn() => $t->setPremoderate(true, 'wp:mod '));
echo 'comments stored: ', $db->query('SELECT COUNT(*) FROM participa_comments')->fetch_row()[0], "\n";

// A moderator whose role is in the database: 'wp:dbmod ' found those roles
// through PAD SPACE and acted as a moderator under another name.
$site->participants()->upsert('wp:dbmod', 'san-miguel-teotongo', ['moderador']);
$h = $t->post('wp:2', 'Eres un idiota');
threads_test_refused('approve as "wp:dbmod "', fn() => $mod->approve($h['id'], 'wp:dbmod '));
threads_test_refused('ban as "wp:dbmod "', fn() => $mod->ban('wp:2', 'wp:dbmod ', 'x'));
threads_test_refused('ban "wp:2 "', fn() => $mod->ban('wp:2 ', 'wp:dbmod', 'x'));
echo 'approve as wp:dbmod: ', $mod->approve($h['id'], 'wp:dbmod')['status'], "\n";

// The idempotency key reaches a unique key in SQL.
threads_test_refused('key invalid UTF-8', fn() => $t->post('wp:3', 'Hola', ['idempotency_key' => "k\xff"]));
threads_test_refused('key with a space at the end', fn() => $t->post('wp:3', 'Hola', ['idempotency_key' => 'k1 ']));
threads_test_refused('empty key', fn() => $t->post('wp:3', 'Hola', ['idempotency_key' => '']));
threads_test_refused('key of 192 bytes', fn() => $t->post('wp:3', 'Hola', ['idempotency_key' => str_repeat('k', 192)]));

// Reasons reach the log's VARCHAR(1000).
threads_test_refused('reason invalid UTF-8', fn() => $mod->hide($c['id'], 'wp:mod', "mal\xff"));
threads_test_refused('reason of 1001 characters', fn() => $mod->hide($c['id'], 'wp:mod', str_repeat('ñ', 1001)));
threads_test_refused('reason with a control character', fn() => $mod->ban('wp:9', 'wp:mod', "a\x07b"));
threads_test_refused('premoderate reason', fn() => $t->setPremoderate(true, 'wp:mod', "\xc0\xaf"));
echo 'a reason of 1000 characters: ', $mod->hide($c['id'], 'wp:mod', str_repeat('ñ', 1000))['status'], "\n";
echo 'log reasons: ', $db->query("SELECT COUNT(*) FROM participa_moderation_log WHERE reason LIKE '%?%'")->fetch_row()[0], " with '?'\n";

// Filters of the queue and the log.
threads_test_refused('queue subject_type', fn() => $mod->queue(['subject_type' => 'Commitment']));
threads_test_refused('queue subject_id', fn() => $mod->queue(['subject_id' => "PAL-07\xff"]));
threads_test_refused('queue subject_id with a NUL', fn() => $mod->queue(['subject_id' => "PAL-07\0junk"]));
threads_test_refused('log moderator', fn() => $mod->log(['moderator' => 'wp:mod ']));
threads_test_refused('log participant', fn() => $mod->log(['participant' => '']));
threads_test_refused('log comment', fn() => $mod->log(['comment' => -1]));

// Comment ids that cannot exist.
threads_test_refused('edit -1', fn() => $t->edit(-1, 'wp:1', 'x'));
threads_test_refused('react 0', fn() => $t->react(0, 'wp:1', 'up'));
threads_test_refused('replies PHP_INT_MIN', fn() => $t->replies(PHP_INT_MIN));
threads_test_refused('history -5', fn() => $t->history(-5));
threads_test_refused('approve -5', fn() => $mod->approve(-5, 'wp:mod'));
threads_test_refused('reply to -3', fn() => $t->post('wp:1', 'x', ['parent' => -3]));
$db->close();
participa_test_drop('thread_ids_001');
?>
--EXPECT--
assembly: held
type "Assembly": Participa\InvalidArgumentException: El tipo de tema no es válido: debe empezar con una letra minúscula (a-z).
type "ASSEMBLY": Participa\InvalidArgumentException: El tipo de tema no es válido: debe empezar con una letra minúscula (a-z).
type "assembly ": Participa\InvalidArgumentException: El tipo de tema no es válido: solo admite letras minúsculas, dígitos y guion bajo.
type " assembly": Participa\InvalidArgumentException: El tipo de tema no es válido: debe empezar con una letra minúscula (a-z).
type "asamblea-2": Participa\InvalidArgumentException: El tipo de tema no es válido: solo admite letras minúsculas, dígitos y guion bajo.
type "assembly\u0000x": Participa\InvalidArgumentException: El tipo de tema no es válido: solo admite letras minúsculas, dígitos y guion bajo.
type "": Participa\InvalidArgumentException: El tipo de tema no es válido: está vacío.
type (65 bytes): Participa\InvalidArgumentException: El tipo de tema no es válido: tiene más de 64 caracteres.
subject "A-1 ": Participa\InvalidArgumentException: El identificador del tema no es válido: termina con un espacio.
subject " A-1": Participa\InvalidArgumentException: El identificador del tema no es válido: empieza con un espacio.
subject "A-1\u00a0": Participa\InvalidArgumentException: El identificador del tema no es válido: termina con un espacio.
subject "A\ufffd1": Participa\InvalidArgumentException: El identificador del tema no es válido: no es UTF-8 válido o contiene caracteres de control.
subject "A\n1": Participa\InvalidArgumentException: El identificador del tema no es válido: contiene un carácter de control.
subject "A-1\u200b": Participa\InvalidArgumentException: El identificador del tema no es válido: termina con un espacio.
subject "": Participa\InvalidArgumentException: El identificador del tema no es válido: está vacío.
subject (192 bytes): Participa\InvalidArgumentException: El identificador del tema no es válido: tiene más de 191 bytes.
threads stored: 1
a 191-byte subject id: ok
post "wp:1 ": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
edit "wp:1 ": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
react "wp:1 ": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
viewer "wp:1 ": Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: termina con un espacio.
post " wp:1": Participa\InvalidArgumentException: El identificador del participante no es válido: empieza con un espacio.
edit " wp:1": Participa\InvalidArgumentException: El identificador del participante no es válido: empieza con un espacio.
react " wp:1": Participa\InvalidArgumentException: El identificador del participante no es válido: empieza con un espacio.
viewer " wp:1": Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: empieza con un espacio.
post "wp:1\t": Participa\InvalidArgumentException: El identificador del participante no es válido: contiene un carácter de control.
edit "wp:1\t": Participa\InvalidArgumentException: El identificador del participante no es válido: contiene un carácter de control.
react "wp:1\t": Participa\InvalidArgumentException: El identificador del participante no es válido: contiene un carácter de control.
viewer "wp:1\t": Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: contiene un carácter de control.
post "wp:\u00001": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
edit "wp:\u00001": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
react "wp:\u00001": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
viewer "wp:\u00001": Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: no es UTF-8 válido o contiene caracteres de control.
post "wp:\ufffd": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
edit "wp:\ufffd": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
react "wp:\ufffd": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
viewer "wp:\ufffd": Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: no es UTF-8 válido o contiene caracteres de control.
post "wp:1\ufeff": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
edit "wp:1\ufeff": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
react "wp:1\ufeff": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
viewer "wp:1\ufeff": Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: termina con un espacio.
post (192 bytes): Participa\InvalidArgumentException: El identificador del participante no es válido: tiene más de 191 bytes.
edit (192 bytes): Participa\InvalidArgumentException: El identificador del participante no es válido: tiene más de 191 bytes.
react (192 bytes): Participa\InvalidArgumentException: El identificador del participante no es válido: tiene más de 191 bytes.
viewer (192 bytes): Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: tiene más de 191 bytes.
delete: Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
flag: Participa\InvalidArgumentException: El identificador del participante no es válido: empieza con un espacio.
official: Participa\InvalidArgumentException: El identificador de la persona funcionaria no es válido: termina con un espacio.
history viewer: Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: termina con un espacio.
replies viewer: Participa\InvalidArgumentException: El identificador de quien lee ('viewer') no es válido: no es UTF-8 válido o contiene caracteres de control.
premoderate: Participa\InvalidArgumentException: El identificador de la persona moderadora no es válido: termina con un espacio.
comments stored: 2
approve as "wp:dbmod ": Participa\InvalidArgumentException: El identificador de la persona moderadora no es válido: termina con un espacio.
ban as "wp:dbmod ": Participa\InvalidArgumentException: El identificador de la persona moderadora no es válido: termina con un espacio.
ban "wp:2 ": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
approve as wp:dbmod: published
key invalid UTF-8: Participa\InvalidArgumentException: El valor de 'idempotency_key' no es válido: no es UTF-8 válido o contiene caracteres de control.
key with a space at the end: Participa\InvalidArgumentException: El valor de 'idempotency_key' no es válido: termina con un espacio.
empty key: Participa\InvalidArgumentException: El valor de 'idempotency_key' no es válido: está vacío.
key of 192 bytes: Participa\InvalidArgumentException: El valor de 'idempotency_key' no es válido: tiene más de 191 bytes.
reason invalid UTF-8: Participa\InvalidArgumentException: El motivo no es UTF-8 válido o contiene caracteres de control.
reason of 1001 characters: Participa\InvalidArgumentException: El motivo tiene 1001 caracteres; el máximo es 1000.
reason with a control character: Participa\InvalidArgumentException: El motivo no es UTF-8 válido o contiene caracteres de control.
premoderate reason: Participa\InvalidArgumentException: El motivo no es UTF-8 válido o contiene caracteres de control.
a reason of 1000 characters: hidden
log reasons: 0 with '?'
queue subject_type: Participa\InvalidArgumentException: El filtro 'subject_type' no es válido: debe empezar con una letra minúscula (a-z).
queue subject_id: Participa\InvalidArgumentException: El filtro 'subject_id' no es válido: no es UTF-8 válido o contiene caracteres de control.
queue subject_id with a NUL: Participa\InvalidArgumentException: El filtro 'subject_id' no es válido: no es UTF-8 válido o contiene caracteres de control.
log moderator: Participa\InvalidArgumentException: El filtro 'moderator' no es válido: termina con un espacio.
log participant: Participa\InvalidArgumentException: El filtro 'participant' no es válido: está vacío.
log comment: Participa\InvalidArgumentException: El filtro 'comment' debe ser el número de un comentario.
edit -1: Participa\NotFoundException: El comentario no existe en este hilo.
react 0: Participa\NotFoundException: El comentario no existe en este hilo.
replies PHP_INT_MIN: Participa\NotFoundException: El comentario no existe en este hilo.
history -5: Participa\NotFoundException: El comentario no existe en este hilo.
approve -5: Participa\NotFoundException: El comentario no existe.
reply to -3: Participa\NotFoundException: El comentario al que respondes no existe.