--TEST--
Thread::post(): permission by role (default role for unknown participants), bans, rate limit per participant
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_post_error_002');
$t = $site->thread('commitment', 'PAL-07');

// An unknown participant gets the default role (ciudadano) and may comment.
echo $t->post('wp:new', 'Hola')['status'], "\n";
// A participant whose only role cannot comment.
$site->participants()->upsert('wp:obs', 'san-miguel-teotongo', ['observador']);
threads_test_refused('no permission', fn() => $t->post('wp:obs', 'Hola'));

// Banned participants cannot post (nor react or flag).
$c = $t->post('wp:bad', 'antes del bloqueo');
$site->moderation()->ban('wp:bad', 'wp:mod', 'spam repetido');
threads_test_refused('banned post', fn() => $t->post('wp:bad', 'después'));
threads_test_refused('banned react', fn() => $t->react($c['id'], 'wp:bad', 'up'));
threads_test_refused('banned flag', fn() => $t->flag($c['id'], 'wp:bad', 'x'));
$site->moderation()->unban('wp:bad', 'wp:mod', 'apelación aceptada');
echo 'after unban: ', $t->post('wp:bad', 'de vuelta')['status'], "\n";

// Rate limit 5/h: the sixth comment within the hour is refused; rejected
// comments count too (a spammer cannot probe the rules for free).
$t->post('wp:fast', 'compra ya');
for ($i = 2; $i <= 5; $i++) {
    $t->post('wp:fast', "comentario $i");
}
threads_test_refused('rate limit', fn() => $t->post('wp:fast', 'sexto'));
echo 'others unaffected: ', $t->post('wp:slow', 'uno')['status'], "\n";
// Comments older than the window no longer count.
$db = participa_test_admin('pt_thread_post_error_002');
$db->query("UPDATE participa_comments SET created_at = created_at - INTERVAL 2 HOUR WHERE author = 'wp:fast'");
echo 'an hour later: ', $t->post('wp:fast', 'sexto')['status'], "\n";

// Refused posts wrote nothing.
echo $db->query("SELECT COUNT(*) FROM participa_comments WHERE author IN ('wp:obs')")->fetch_row()[0], " rows for wp:obs\n";
$db->close();
participa_test_drop('thread_post_error_002');
?>
--EXPECT--
published
no permission: Participa\NotAllowedException: No tienes permiso para comentar.
banned post: Participa\NotAllowedException: Tu participación está suspendida por moderación.
banned react: Participa\NotAllowedException: Tu participación está suspendida por moderación.
banned flag: Participa\NotAllowedException: Tu participación está suspendida por moderación.
after unban: published
rate limit: Participa\NotAllowedException: Llegaste al límite de 5 comentarios por hora; intenta de nuevo más tarde.
others unaffected: published
an hour later: published
0 rows for wp:obs
