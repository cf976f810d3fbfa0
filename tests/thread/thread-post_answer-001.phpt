--TEST--
Thread::post(): the answer of a fresh post is the stored comment (compared with the same comment read back), round trips per post
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_post_answer_001', "  subjects:\n    process: { alignment: true }");
$t = $site->thread('process', 'pp-2026');

// post() answers a fresh comment without reading it back; an idempotent
// replay reads the stored row. Both must agree on every key but 'replayed'.
$n = 0;
function same(Participa\Thread $t, string $label, string $who, string $body, array $opts = []): array
{
    global $n;
    $opts['idempotency_key'] = 'k' . (++$n);
    $a = $t->post($who, $body, $opts);
    $b = $t->post($who, $body, $opts);
    $diff = [];
    foreach (array_unique(array_merge(array_keys($a), array_keys($b))) as $k) {
        if ($k !== 'replayed' && (!array_key_exists($k, $a) || !array_key_exists($k, $b) || $a[$k] !== $b[$k])) {
            $diff[] = $k;
        }
    }
    printf("%-10s %-9s replayed %s/%s, keys %d, %s\n", $label, $a['status'], var_export($a['replayed'], true),
        var_export($b['replayed'], true), count($a), $diff ? 'DIFFERENT: ' . implode(',', $diff) : 'same');
    return $a;
}

$root = same($t, 'root', 'wp:1', 'La luminaria de la calle 5 sigue apagada.');
$reply = same($t, 'reply', 'wp:2', "Llamen al 55 1234 5678 o a vecinos@example.com, @wp:1 y @wp:3", ['parent' => $root['id'], 'alignment' => 'for']);
$deep = same($t, 'deeper', 'wp:3', 'Ya llamé.', ['parent' => $reply['id'], 'alignment' => 'neutral']);
same($t, 'held', 'wp:4', 'Eres un idiota.');
same($t, 'rejected', 'wp:5', 'Compra ya nuestras lámparas.');
$t->setPremoderate(true, 'wp:mod', 'revisión');
same($t, 'premod', 'wp:6', 'Pregunta sobre el presupuesto.', ['alignment' => 'against']);
$t->setPremoderate(false, 'wp:mod');

var_dump($reply['root_id'] === $root['id'], $deep['root_id'] === $root['id'], $deep['depth'], $reply['mentions'],
    $reply['redactions'], $reply['body']);
var_dump(preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/', $root['created_at']) === 1);

// the stored counters and mentions are those of the comments posted
$db = participa_test_admin('pt_thread_post_answer_001');
var_dump($db->query("SELECT published_count, held_count, rejected_count, root_count FROM participa_threads WHERE id = "
    . $t->info()['id'])->fetch_row());
var_dump($db->query("SELECT reply_count FROM participa_comments WHERE id IN ({$root['id']}, {$reply['id']}) ORDER BY id")->fetch_all());
var_dump($db->query("SELECT participant FROM participa_mentions WHERE comment_id = {$reply['id']} ORDER BY participant")->fetch_all());
var_dump($db->query("SELECT action, participant FROM participa_moderation_log WHERE action IN ('hold', 'reject') ORDER BY id")->fetch_all());

// round trips: a post the rules publish, without mentions, is one CALL of
// participa_post_comment (schema 006); a post with mentions takes the full
// transaction, whose START TRANSACTION and COMMIT are plain queries that
// db_executes does not count (facts, INSERT, counters, reply count, mentions)
$e = Participa\Site::stats()['db_executes'];
$t->post('wp:7', 'Sin menciones ni respuesta.');
echo "prepared statements per root post: ", Participa\Site::stats()['db_executes'] - $e, "\n";
$e = Participa\Site::stats()['db_executes'];
$t->post('wp:7', 'Respuesta sin menciones.', ['parent' => $root['id']]);
echo "prepared statements per reply: ", Participa\Site::stats()['db_executes'] - $e, "\n";
$e = Participa\Site::stats()['db_executes'];
$t->post('wp:7', 'Respuesta con @wp:1 y @wp:2 y @wp:3.', ['parent' => $root['id']]);
echo "prepared statements per reply with 3 mentions: ", Participa\Site::stats()['db_executes'] - $e, "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('thread_post_answer_001'); ?>
--EXPECT--
root       published replayed false/true, keys 33, same
reply      published replayed false/true, keys 33, same
deeper     published replayed false/true, keys 33, same
held       held      replayed false/true, keys 33, same
rejected   rejected  replayed false/true, keys 33, same
premod     held      replayed false/true, keys 33, same
bool(true)
bool(true)
int(2)
array(2) {
  [0]=>
  string(4) "wp:1"
  [1]=>
  string(4) "wp:3"
}
array(2) {
  [0]=>
  string(8) "telefono"
  [1]=>
  string(6) "correo"
}
string(74) "Llamen al [dato personal oculto] o a [dato personal oculto], @wp:1 y @wp:3"
bool(true)
array(4) {
  [0]=>
  string(1) "3"
  [1]=>
  string(1) "2"
  [2]=>
  string(1) "1"
  [3]=>
  string(1) "1"
}
array(2) {
  [0]=>
  array(1) {
    [0]=>
    string(1) "1"
  }
  [1]=>
  array(1) {
    [0]=>
    string(1) "1"
  }
}
array(2) {
  [0]=>
  array(1) {
    [0]=>
    string(4) "wp:1"
  }
  [1]=>
  array(1) {
    [0]=>
    string(4) "wp:3"
  }
}
array(3) {
  [0]=>
  array(2) {
    [0]=>
    string(4) "hold"
    [1]=>
    string(4) "wp:4"
  }
  [1]=>
  array(2) {
    [0]=>
    string(6) "reject"
    [1]=>
    string(4) "wp:5"
  }
  [2]=>
  array(2) {
    [0]=>
    string(4) "hold"
    [1]=>
    string(4) "wp:6"
  }
}
prepared statements per root post: 1
prepared statements per reply: 1
prepared statements per reply with 3 mentions: 5
