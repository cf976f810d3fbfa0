--TEST--
Thread: what an attacker tries; held comments of others do not exist for writes, another thread's comment ids are not found anywhere, flags only on published comments, edits replace mentions, long YAML notes are stored cut on a character boundary, concurrent retries with one idempotency key store one comment
--EXTENSIONS--
participa
pcntl
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$names = [];
$rules = '';
for ($i = 0; $i < 20; $i++) {
    $names[] = $n = sprintf('regla_%02d_%s', $i, str_repeat('x', 52));
    $rules .= "    - { name: $n, pattern: 'secreto$i\\b', action: redact }\n";
}
$long = str_repeat('ñ', 1000);
$rules .= "    - { name: larga, pattern: 'prohibido', action: reject, message: \"$long\" }\n";
$yaml = str_replace(['rate_limit: 5/h', 'max_length: 120'], ['rate_limit: none', 'max_length: 400'], threads_test_yaml('', $rules));
$path = participa_test_config('thread_probe_001', $yaml);
$site = Participa\Site::open($path);
$site->migrate();
$db = participa_test_admin('pt_thread_probe_001');
$t = $site->thread('commitment', 'PAL-07');
$other = $site->thread('commitment', 'PAL-08');

// Another participant's held comment does not exist for them.
$held = $t->post('wp:1', 'Eres un idiota');
foreach ([
    'react' => fn() => $t->react($held['id'], 'wp:2', 'up'),
    'flag' => fn() => $t->flag($held['id'], 'wp:2', 'spam'),
    'official' => fn() => $t->markOfficial($held['id'], 'wp:fun'),
    'edit' => fn() => $t->edit($held['id'], 'wp:2', 'mío'),
    'delete' => fn() => $t->delete($held['id'], 'wp:2'),
    'reply' => fn() => $t->post('wp:2', 'respuesta', ['parent' => $held['id']]),
    'replies' => fn() => $t->replies($held['id'], ['viewer' => 'wp:2']),
] as $what => $fn) {
    threads_test_refused("$what on another's held comment", $fn);
}
threads_test_refused('its author reacts', fn() => $t->react($held['id'], 'wp:1', 'up'));
echo 'its author sees its replies list: ', count($t->replies($held['id'], ['viewer' => 'wp:1'])['comments']), "\n";
echo 'a moderator may delete it: ';
$t->delete($held['id'], 'wp:mod');
echo $db->query("SELECT status FROM participa_comments WHERE id = {$held['id']}")->fetch_row()[0], "\n";

// Another thread's comment id, through every method of this thread.
$x = $other->post('wp:3', 'En el otro hilo');
foreach ([
    'edit' => fn() => $t->edit($x['id'], 'wp:3', 'cambio'),
    'delete' => fn() => $t->delete($x['id'], 'wp:3'),
    'official' => fn() => $t->markOfficial($x['id'], 'wp:fun'),
    'history' => fn() => $t->history($x['id'], 'wp:3'),
    'react' => fn() => $t->react($x['id'], 'wp:4', 'up'),
    'flag' => fn() => $t->flag($x['id'], 'wp:4', 'spam'),
    'replies' => fn() => $t->replies($x['id']),
    'reply' => fn() => $t->post('wp:4', 'respuesta', ['parent' => $x['id']]),
] as $what => $fn) {
    threads_test_refused("$what with another thread's comment", $fn);
}
echo 'other thread untouched: ', json_encode($db->query("SELECT status, body, up_count, flag_count, official_answer FROM participa_comments WHERE id = {$x['id']}")->fetch_row()), "\n";

// Flags only on published comments.
$h = $t->post('wp:5', 'Para ocultar');
$site->moderation()->hide($h['id'], 'wp:mod', 'revisar');
threads_test_refused('flag a hidden comment', fn() => $t->flag($h['id'], 'wp:6', 'spam'));
$d = $t->post('wp:5', 'Para borrar');
$t->delete($d['id'], 'wp:5');
threads_test_refused('flag a deleted comment', fn() => $t->flag($d['id'], 'wp:6', 'spam'));
echo 'flag rows: ', $db->query('SELECT COUNT(*) FROM participa_flags')->fetch_row()[0], "\n";

// An edit replaces the mentions: a name edited out is no longer mentioned.
$m = $t->post('wp:7', 'Hola @wp:20 y @wp:21');
$e = $t->edit($m['id'], 'wp:7', 'Hola @wp:21 y @wp:22');
$stored = array_column($db->query("SELECT participant FROM participa_mentions WHERE comment_id = {$m['id']} ORDER BY participant")->fetch_all(), 0);
echo 'mentions after the edit: answer ', implode(',', $e['mentions']), ', stored ', implode(',', $stored), "\n";

// Notes longer than their columns: cut on a character boundary, never refused by the server.
$r = $t->post('wp:8', 'Esto está prohibido');
echo "long reject message: {$r['status']}, stored ", $db->query("SELECT CHAR_LENGTH(rule_message) FROM participa_comments WHERE id = {$r['id']}")->fetch_row()[0],
    ' characters, log reason ', $db->query("SELECT CHAR_LENGTH(reason), reason LIKE 'larga: ñ%ñ' FROM participa_moderation_log WHERE comment_id = {$r['id']}")->fetch_row()[0], " characters\n";
echo 'the author is told the whole message: ', mb_strlen_or_count($r['message']), " characters\n";
$body = 'Todos: ' . implode(' ', array_map(fn($i) => "secreto$i", range(0, 19)));
$red = $t->post('wp:8', $body);
echo 'twenty redact rules: ', count($red['redactions']), ' names in the answer, ',
    $db->query("SELECT CHAR_LENGTH(redactions) <= 1000 FROM participa_comments WHERE id = {$red['id']}")->fetch_row()[0] ? 'fits' : 'too long',
    ', every stored name whole: ', count(array_diff(explode(',', $db->query("SELECT redactions FROM participa_comments WHERE id = {$red['id']}")->fetch_row()[0]), $names)) === 0 ? 'yes' : 'no', "\n";

// Concurrent retries with one idempotency key: one comment, every answer the same.
$codes = threads_test_race(6, function (int $w) use ($path) {
    $th = Participa\Site::open($path)->thread('commitment', 'PAL-07');
    $th->info();
    return $th;
}, function (int $w, Participa\Thread $th) {
    try {
        $c = $th->post('wp:9', 'Una sola vez', ['idempotency_key' => 'uuid-1']);
        return $c['id'] % 200;
    } catch (Throwable $e) {
        fwrite(STDERR, "worker $w: " . $e->getMessage() . "\n");
        return 255;
    }
});
// (a mysqli connection a forked worker inherits is closed by its exit)
$db = participa_test_admin('pt_thread_probe_001');
$stored = $db->query("SELECT id FROM participa_comments WHERE author = 'wp:9'")->fetch_all();
echo 'idempotent race: ', count($stored), ' stored, answers ', count(array_unique($codes)) === 1 && $codes[0] === $stored[0][0] % 200 ? 'all the stored one' : json_encode($codes), "\n";

// A body of characters that show nothing is empty, whatever they are.
foreach (["\u{00A0}\u{00A0}", "\u{200B}\u{200B}\u{200B}", "\u{FEFF}", "\u{3000} \u{2003}\n\u{2060}"] as $blank) {
    threads_test_refused('blank ' . json_encode($blank), fn() => $t->post('wp:10', $blank));
}
$ok = $t->post('wp:10', "\u{00A0}sí\u{00A0}");
threads_test_refused('edited into blanks', fn() => $t->edit($ok['id'], 'wp:10', "\u{2007}\u{2007}"));

function mb_strlen_or_count(string $s): int { return preg_match_all('/./su', $s); }
$db->close();
participa_test_drop('thread_probe_001');
?>
--EXPECT--
react on another's held comment: Participa\NotFoundException: El comentario no existe en este hilo.
flag on another's held comment: Participa\NotFoundException: El comentario no existe en este hilo.
official on another's held comment: Participa\NotFoundException: El comentario no existe en este hilo.
edit on another's held comment: Participa\NotFoundException: El comentario no existe en este hilo.
delete on another's held comment: Participa\NotFoundException: El comentario no existe en este hilo.
reply on another's held comment: Participa\NotFoundException: El comentario al que respondes no existe.
replies on another's held comment: Participa\NotFoundException: El comentario no existe en este hilo.
its author reacts: Participa\NotAllowedException: Este comentario no está publicado.
its author sees its replies list: 0
a moderator may delete it: deleted
edit with another thread's comment: Participa\NotFoundException: El comentario no existe en este hilo.
delete with another thread's comment: Participa\NotFoundException: El comentario no existe en este hilo.
official with another thread's comment: Participa\NotFoundException: El comentario no existe en este hilo.
history with another thread's comment: Participa\NotFoundException: El comentario no existe en este hilo.
react with another thread's comment: Participa\NotFoundException: El comentario no existe en este hilo.
flag with another thread's comment: Participa\NotFoundException: El comentario no existe en este hilo.
replies with another thread's comment: Participa\NotFoundException: El comentario no existe en este hilo.
reply with another thread's comment: Participa\NotFoundException: El comentario al que respondes no está en este hilo.
other thread untouched: ["published","En el otro hilo","0","0","0"]
flag a hidden comment: Participa\NotAllowedException: Este comentario no está publicado.
flag a deleted comment: Participa\NotAllowedException: Este comentario no está publicado.
flag rows: 0
mentions after the edit: answer wp:21,wp:22, stored wp:21,wp:22
long reject message: rejected, stored 1000 characters, log reason 1000 characters
the author is told the whole message: 1000 characters
twenty redact rules: 16 names in the answer, fits, every stored name whole: yes
idempotent race: 1 stored, answers all the stored one
blank "\u00a0\u00a0": Participa\InvalidArgumentException: El comentario está vacío.
blank "\u200b\u200b\u200b": Participa\InvalidArgumentException: El comentario está vacío.
blank "\ufeff": Participa\InvalidArgumentException: El comentario está vacío.
blank "\u3000 \u2003\n\u2060": Participa\InvalidArgumentException: El comentario está vacío.
edited into blanks: Participa\InvalidArgumentException: El comentario está vacío.
