--TEST--
Thread::edit(): in a pre-moderated thread (YAML subject type or setPremoderate) an approved comment's new text goes back to the queue; elsewhere an edit the rules publish stays published
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_edit_premoderate_001', "  subjects:\n    assembly: { premoderate: true }");
$mod = $site->moderation();
$visible = function (Participa\Thread $t, int $id, ?string $viewer = null): string {
    foreach ($t->page(['viewer' => $viewer])['comments'] as $c) {
        if ($c['id'] === $id) { return 'shown "' . $c['body'] . '"'; }
    }
    return 'not shown';
};

// The subject type is pre-moderated in the YAML.
$a = $site->thread('assembly', '2026-03-14');
$c = $a->post('wp:1', 'Acta de la asamblea');
echo "posted: {$c['status']}\n";
echo 'approved: ', $mod->approve($c['id'], 'wp:mod', 'ok')['status'], "\n";
echo 'public before the edit: ', $visible($a, $c['id']), "\n";
$e = $a->edit($c['id'], 'wp:1', 'Acta cambiada después de la aprobación');
echo "edited: {$e['status']} / {$e['rule']} / {$e['message']}\n";
echo 'public after the edit: ', $visible($a, $c['id']), "\n";
echo 'its author: ', $visible($a, $c['id'], 'wp:1'), "\n";
echo 'queue: ', implode(',', array_column($mod->queue(['subject_type' => 'assembly'])['items'], 'id')) === (string) $c['id'] ? 'the edited comment' : 'wrong', "\n";
$last = $mod->log(['comment' => $c['id']])['entries'][0];
echo "log: {$last['action']} by {$last['moderator']} ({$last['reason']})\n";
echo 'approved again: ', $mod->approve($c['id'], 'wp:mod', 'ok')['status'], ', ', $visible($a, $c['id']), "\n";

// The thread is pre-moderated through the API after the comment was published.
$t = $site->thread('commitment', 'PAL-07');
$d = $t->post('wp:2', 'Publicado antes');
echo "before setPremoderate: {$d['status']}\n";
$t->setPremoderate(true, 'wp:mod', 'tema sensible');
echo 'edited after setPremoderate: ', $t->edit($d['id'], 'wp:2', 'Editado después')['status'], "\n";
echo 'a held comment stays held: ', $t->edit($d['id'], 'wp:2', 'Otra vez')['status'], "\n";
$t->setPremoderate(false, 'wp:mod');
$mod->approve($d['id'], 'wp:mod');

// Not pre-moderated: an edit the rules publish stays published.
echo 'not pre-moderated: ', $t->edit($d['id'], 'wp:2', 'Texto final')['status'], "\n";
participa_test_drop('thread_edit_premoderate_001');
?>
--EXPECT--
posted: held
approved: published
public before the edit: shown "Acta de la asamblea"
edited: held / premoderación / Tu comentario se publicará cuando lo revise una persona moderadora.
public after the edit: not shown
its author: shown "Acta cambiada después de la aprobación"
queue: the edited comment
log: hold by participa (premoderación)
approved again: published, shown "Acta cambiada después de la aprobación"
before setPremoderate: published
edited after setPremoderate: held
a held comment stays held: held
not pre-moderated: published
