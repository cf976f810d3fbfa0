--TEST--
Thread::delete(): the comment keeps its place (its replies stay attached) but its text, every earlier version, its mentions, stance and rule notes are erased from the tables, whoever deletes it
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_delete_erase_001', "  subjects:\n    process: { alignment: true }");
$db = participa_test_admin('pt_thread_delete_erase_001');
$t = $site->thread('process', 'presupuesto-2026');

// Every place the text of a comment could remain.
$traces = function (int $id, string $word) use ($db): string {
    $w = $db->real_escape_string($word);
    $q = fn(string $sql) => (int) $db->query($sql)->fetch_row()[0];
    return sprintf('row body %s, alignment %s, rule %s; versions %d; mentions %d; text elsewhere %d',
        json_encode($db->query("SELECT body FROM participa_comments WHERE id = $id")->fetch_row()[0]),
        json_encode($db->query("SELECT alignment FROM participa_comments WHERE id = $id")->fetch_row()[0]),
        json_encode($db->query("SELECT rule FROM participa_comments WHERE id = $id")->fetch_row()[0]),
        $q("SELECT COUNT(*) FROM participa_comment_versions WHERE comment_id = $id"),
        $q("SELECT COUNT(*) FROM participa_mentions WHERE comment_id = $id"),
        $q("SELECT (SELECT COUNT(*) FROM participa_comments WHERE body LIKE '%$w%' OR rule_message LIKE '%$w%')"
            . " + (SELECT COUNT(*) FROM participa_comment_versions WHERE body LIKE '%$w%')"
            . " + (SELECT COUNT(*) FROM participa_moderation_log WHERE reason LIKE '%$w%')"));
};

// A comment with a redaction, a mention and a stance, edited into a held text and approved.
$c = $t->post('wp:1', 'Mi vecina @wp:7 y yo (Xochimilco) llamamos al 55 1234 5678', ['alignment' => 'against']);
$t->edit($c['id'], 'wp:1', 'Segunda versión para @wp:8: Xochimilco no, idiota');
$site->moderation()->approve($c['id'], 'wp:mod');
$reply = $t->post('wp:2', 'Una respuesta que se queda', ['parent' => $c['id']]);
$t->react($c['id'], 'wp:3', 'up');
echo 'before: ', $traces($c['id'], 'Xochimilco'), "\n";
$t->delete($c['id'], 'wp:1');
echo 'after:  ', $traces($c['id'], 'Xochimilco'), "\n";

// Its place: status, author for moderators, counters, the reply under it.
$row = $db->query("SELECT status, author, up_count, reply_count FROM participa_comments WHERE id = {$c['id']}")->fetch_assoc();
echo 'row: ', json_encode($row), "\n";
echo 'reply parent: ', $db->query("SELECT parent_id FROM participa_comments WHERE id = {$reply['id']}")->fetch_row()[0] == $c['id'] ? 'kept' : 'lost', "\n";
foreach (['anonymous' => null, 'author' => 'wp:1', 'moderator' => 'wp:mod'] as $who => $viewer) {
    $node = $t->page(['viewer' => $viewer])['comments'][0];
    echo "$who: {$node['status']} body=", json_encode($node['body']), " notice={$node['notice']} reply=\"{$node['replies'][0]['body']}\"\n";
    echo "  history: ", json_encode(array_map(fn($v) => [$v['version'], $v['body']], $t->history($c['id'], $viewer))), "\n";
}
threads_test_refused('deleted twice', fn() => $t->delete($c['id'], 'wp:1'));
threads_test_refused('edited after', fn() => $t->edit($c['id'], 'wp:1', 'vuelvo'));

// A moderator's deletion erases as well; the log says who, not what.
$m = $t->post('wp:4', 'Texto con Tlalpan que un moderador borra');
$t->edit($m['id'], 'wp:4', 'Tlalpan otra vez');
$t->delete($m['id'], 'wp:mod');
echo 'moderator: ', $traces($m['id'], 'Tlalpan'), "\n";
echo 'log: ', json_encode(array_map(fn($e) => [$e['action'], $e['moderator'], $e['reason']], $site->moderation()->log(['comment' => $m['id']])['entries'])), "\n";

// A retry of the original post (same idempotency key) still finds the deleted comment, it does not post again.
$k = $t->post('wp:5', 'Con Coyoacán', ['idempotency_key' => 'req-1']);
$t->delete($k['id'], 'wp:5');
$again = $t->post('wp:5', 'Con Coyoacán', ['idempotency_key' => 'req-1']);
echo 'retry: ', $again['id'] === $k['id'] ? 'the same comment' : 'a new comment', ", {$again['status']}, replayed ", json_encode($again['replayed']), ', body ', json_encode($again['body']), "\n";
echo 'retry traces: ', $traces($k['id'], 'Coyoacán'), "\n";
$db->close();
participa_test_drop('thread_delete_erase_001');
?>
--EXPECT--
before: row body "Segunda versi\u00f3n para @wp:8: Xochimilco no, idiota", alignment "against", rule "insultos"; versions 1; mentions 1; text elsewhere 2
after:  row body "", alignment null, rule null; versions 0; mentions 0; text elsewhere 0
row: {"status":"deleted","author":"wp:1","up_count":"1","reply_count":"1"}
reply parent: kept
anonymous: deleted body=null notice=comentario eliminado reply="Una respuesta que se queda"
  history: [[2,null]]
author: deleted body=null notice=comentario eliminado reply="Una respuesta que se queda"
  history: [[2,null]]
moderator: deleted body=null notice=comentario eliminado reply="Una respuesta que se queda"
  history: [[2,null]]
deleted twice: Participa\ConflictException: El comentario ya estaba eliminado.
edited after: Participa\NotAllowedException: Este comentario ya no se puede editar.
moderator: row body "", alignment null, rule null; versions 0; mentions 0; text elsewhere 0
log: [["delete","wp:mod","eliminado por moderaci\u00f3n"]]
retry: the same comment, deleted, replayed true, body null
retry traces: row body "", alignment null, rule null; versions 0; mentions 0; text elsewhere 0