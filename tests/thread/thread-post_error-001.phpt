--TEST--
Thread::post(): refuses bad input (length, empty, invalid UTF-8, control characters, alignment, parent, depth)
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_post_error_001', "  subjects:\n    process: { alignment: true }");
$t = $site->thread('process', 'pp-2026');
$post = $site->thread('post', '123');

// Bad input: refused with Spanish messages, never mangled.
threads_test_refused('too long', fn() => $t->post('wp:1', str_repeat('ñ', 121)));
echo 'at the limit: ', $t->post('wp:1', str_repeat('ñ', 120))['status'], "\n";
threads_test_refused('empty', fn() => $t->post('wp:1', " \n\t "));
threads_test_refused('invalid utf-8', fn() => $t->post('wp:1', "hola \xC3\x28 mundo"));
threads_test_refused('overlong utf-8', fn() => $t->post('wp:1', "\xC0\xAF"));
threads_test_refused('control char', fn() => $t->post('wp:1', "hola\x07"));
threads_test_refused('bad alignment', fn() => $t->post('wp:1', 'hola', ['alignment' => 'maybe']));
threads_test_refused('alignment not enabled', fn() => $post->post('wp:1', 'hola', ['alignment' => 'for']));
threads_test_refused('alignment type', fn() => $t->post('wp:1', 'hola', ['alignment' => 3]));
threads_test_refused('empty participant', fn() => $t->post('', 'hola'));
threads_test_refused('unknown parent', fn() => $t->post('wp:1', 'hola', ['parent' => 999999]));
$elsewhere = $post->post('wp:1', 'en otro hilo');
threads_test_refused('parent in another thread', fn() => $t->post('wp:1', 'hola', ['parent' => $elsewhere['id']]));

// Depth: roots are depth 0, max_depth 2.
$a = $t->post('wp:2', 'raíz');
$b = $t->post('wp:2', 'nivel 1', ['parent' => $a['id']]);
$c = $t->post('wp:2', 'nivel 2', ['parent' => $b['id']]);
echo "depths {$a['depth']} {$b['depth']} {$c['depth']}\n";
threads_test_refused('too deep', fn() => $t->post('wp:2', 'nivel 3', ['parent' => $c['id']]));

$db = participa_test_admin('pt_thread_post_error_001');
echo $db->query("SELECT COUNT(*) FROM participa_comments")->fetch_row()[0], " comments stored\n";
$db->close();
participa_test_drop('thread_post_error_001');
?>
--EXPECT--
too long: Participa\InvalidArgumentException: El comentario tiene 121 caracteres; el máximo es 120.
at the limit: published
empty: Participa\InvalidArgumentException: El comentario está vacío.
invalid utf-8: Participa\InvalidArgumentException: El texto no es UTF-8 válido (byte 5).
overlong utf-8: Participa\InvalidArgumentException: El texto no es UTF-8 válido (byte 0).
control char: Participa\InvalidArgumentException: El texto contiene un carácter de control no permitido (byte 4).
bad alignment: Participa\InvalidArgumentException: La postura debe ser 'for' (a favor), 'neutral' o 'against' (en contra).
alignment not enabled: Participa\InvalidArgumentException: Este tema no admite postura (a favor, neutral o en contra).
alignment type: TypeError: La opción 'alignment' debe ser una cadena (se recibió int).
empty participant: Participa\InvalidArgumentException: El identificador del participante no es válido: está vacío.
unknown parent: Participa\NotFoundException: El comentario al que respondes no existe.
parent in another thread: Participa\NotFoundException: El comentario al que respondes no está en este hilo.
depths 0 1 2
too deep: Participa\InvalidArgumentException: Las respuestas se anidan hasta 2 niveles; responde al comentario de arriba.
5 comments stored
