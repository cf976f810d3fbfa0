--TEST--
Thread::history($id, $viewer): page()'s visibility; others' held comments do not exist, hidden and deleted ones are their place only, earlier versions that were never published are for the author and moderators
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_history_viewer_001');
$mod = $site->moderation();
$t = $site->thread('commitment', 'PAL-07');
$viewers = ['anonymous' => null, 'other' => 'wp:2', 'author' => 'wp:1', 'moderator' => 'wp:mod'];
$show = function (string $label, int $id) use ($t, $viewers) {
    echo "$label\n";
    foreach ($viewers as $who => $viewer) {
        try {
            $h = $t->history($id, $viewer);
            echo "  $who: ", implode(' | ', array_map(fn($v) => "v{$v['version']} {$v['status']} " . json_encode($v['body'], JSON_UNESCAPED_UNICODE), $h)), "\n";
        } catch (Participa\Exception $e) {
            echo "  $who: ", get_class($e), ': ', $e->getMessage(), "\n";
        }
    }
};

// Held by a rule: only its author and moderators see it, as in page().
$h = $t->post('wp:1', 'Eres un idiota');
$show('held when posted', $h['id']);
// Edited while held (v1 held), then approved: v1 was never public.
$t->edit($h['id'], 'wp:1', 'Perdón, retiro lo dicho');
$mod->approve($h['id'], 'wp:mod');
$show('edited while held, then approved', $h['id']);

// Published, then edited into a held text: the comment leaves the page for others.
$p = $t->post('wp:1', 'Buena propuesta');
$t->edit($p['id'], 'wp:1', 'Buena propuesta, idiota');
$show('published, then edited into a held text', $p['id']);
$mod->approve($p['id'], 'wp:mod');
$show('and approved', $p['id']);

// Hidden by a moderator: a placeholder for others, its texts for its author.
$mod->hide($p['id'], 'wp:mod', 'revisar');
$show('hidden', $p['id']);
// Rejected: page() shows it to no one.
$mod->reject($p['id'], 'wp:mod', 'insulto');
$show('rejected', $p['id']);

// Deleted: its texts are gone for everyone.
$d = $t->post('wp:1', 'Primera');
$t->edit($d['id'], 'wp:1', 'Segunda');
$t->delete($d['id'], 'wp:1');
$show('deleted', $d['id']);

// A comment of another thread, or none.
$o = $site->thread('commitment', 'PAL-08')->post('wp:1', 'En otro hilo');
threads_test_refused('another thread', fn() => $t->history($o['id'], 'wp:mod'));
threads_test_refused('unknown', fn() => $t->history(999999));
// No viewer is an anonymous reader; a banned moderator is one too.
$b = $t->post('wp:1', 'Eres un idiota otra vez');
$site->participants()->upsert('wp:bm', 'san-miguel-teotongo', ['moderador']);
echo 'moderator wp:bm: ', count($t->history($b['id'], 'wp:bm')), " version(s)\n";
$mod->ban('wp:bm', 'wp:mod', 'x');
threads_test_refused('banned moderator', fn() => $t->history($b['id'], 'wp:bm'));
participa_test_drop('thread_history_viewer_001');
?>
--EXPECT--
held when posted
  anonymous: Participa\NotFoundException: El comentario no existe en este hilo.
  other: Participa\NotFoundException: El comentario no existe en este hilo.
  author: v1 held "Eres un idiota"
  moderator: v1 held "Eres un idiota"
edited while held, then approved
  anonymous: v2 published "Perdón, retiro lo dicho"
  other: v2 published "Perdón, retiro lo dicho"
  author: v1 held "Eres un idiota" | v2 published "Perdón, retiro lo dicho"
  moderator: v1 held "Eres un idiota" | v2 published "Perdón, retiro lo dicho"
published, then edited into a held text
  anonymous: Participa\NotFoundException: El comentario no existe en este hilo.
  other: Participa\NotFoundException: El comentario no existe en este hilo.
  author: v1 published "Buena propuesta" | v2 held "Buena propuesta, idiota"
  moderator: v1 published "Buena propuesta" | v2 held "Buena propuesta, idiota"
and approved
  anonymous: v1 published "Buena propuesta" | v2 published "Buena propuesta, idiota"
  other: v1 published "Buena propuesta" | v2 published "Buena propuesta, idiota"
  author: v1 published "Buena propuesta" | v2 published "Buena propuesta, idiota"
  moderator: v1 published "Buena propuesta" | v2 published "Buena propuesta, idiota"
hidden
  anonymous: v2 hidden null
  other: v2 hidden null
  author: v1 published "Buena propuesta" | v2 hidden "Buena propuesta, idiota"
  moderator: v1 published "Buena propuesta" | v2 hidden "Buena propuesta, idiota"
rejected
  anonymous: Participa\NotFoundException: El comentario no existe en este hilo.
  other: Participa\NotFoundException: El comentario no existe en este hilo.
  author: Participa\NotFoundException: El comentario no existe en este hilo.
  moderator: Participa\NotFoundException: El comentario no existe en este hilo.
deleted
  anonymous: v2 deleted null
  other: v2 deleted null
  author: v2 deleted null
  moderator: v2 deleted null
another thread: Participa\NotFoundException: El comentario no existe en este hilo.
unknown: Participa\NotFoundException: El comentario no existe en este hilo.
moderator wp:bm: 1 version(s)
banned moderator: Participa\NotFoundException: El comentario no existe en este hilo.
