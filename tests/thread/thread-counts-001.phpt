--TEST--
Thread::page() counts: exact at every step when roots are stored outside the thread's counters (one-statement roots, schema 007), through moderation, deletion, replies and folds in any order
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db();
participa_test_skip_on_galera('one-statement roots (not used on Galera)'); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
// without a rate limit a published root takes the one-statement path
$yaml = str_replace('rate_limit: 5/h', 'rate_limit: none', threads_test_yaml());
$site = Participa\Site::open(participa_test_config('thread_counts_001', $yaml));
$site->migrate();
$t = $site->thread('commitment', 'PAL-07');
$tid = $t->info()['id'];
$mod = $site->moderation();
$db = participa_test_admin('pt_thread_counts_001');

// The oracle: a recount of the rows themselves.
function recount(mysqli $db, int $tid): string
{
    $r = $db->query("SELECT SUM(status = 'published'), SUM(status = 'held'), SUM(status = 'hidden'), "
        . "SUM(status = 'deleted'), SUM(depth = 0 AND public = 1) FROM participa_comments WHERE thread_id = $tid")->fetch_row();
    return implode(' ', array_map('intval', $r));
}
function seen(Participa\Thread $t): string
{
    $c = $t->page(['viewer' => 'wp:mod', 'limit' => 1])['counts'];
    return "{$c['published']} {$c['held']} {$c['hidden']} {$c['deleted']} {$c['roots']}";
}
function stored(mysqli $db, int $tid): string
{
    return implode(' ', $db->query("SELECT published_count, held_count, hidden_count, deleted_count, root_count "
        . "FROM participa_threads WHERE id = $tid")->fetch_row());
}

// a few steps by hand: the first roots are not in the stored counters
$a = $t->post('wp:1', 'Primera raíz');
$b = $t->post('wp:2', 'Segunda raíz');
printf("after 2 roots: seen %s | stored %s | rows %s\n", seen($t), stored($db, $tid), recount($db, $tid));
$mod->hide($a['id'], 'wp:mod', 'prueba');
printf("hide an unfolded root: seen %s | stored %s | rows %s\n", seen($t), stored($db, $tid), recount($db, $tid));
$t->delete($b['id'], 'wp:2');
printf("delete an unfolded root: seen %s | stored %s | rows %s\n", seen($t), stored($db, $tid), recount($db, $tid));
$db->query("CALL participa_fold_thread_counts($tid)");
printf("folded: seen %s | stored %s | rows %s\n", seen($t), stored($db, $tid), recount($db, $tid));
$mod->restore($a['id'], 'wp:mod', 'prueba');
printf("restore a folded root: seen %s | stored %s | rows %s\n", seen($t), stored($db, $tid), recount($db, $tid));

// then 400 random steps; after each one what readers see equals a recount
mt_srand(20261121);
$roots = [$a['id']];
$all = [$a['id']];
$bad = 0;
$kinds = [];
for ($step = 0; $step < 400; $step++) {
    $k = mt_rand(0, 9);
    try {
        if ($k <= 3) {
            $c = $t->post('wp:p' . mt_rand(1, 40), $k === 3 ? 'Eres un idiota' : "Raíz $step");
            $kind = $c['status'] === 'held' ? 'held root' : 'root';
            if ($c['status'] === 'published') {
                $roots[] = $c['id'];
            }
            $all[] = $c['id'];
        } elseif ($k === 4) {
            $c = $t->post('wp:p' . mt_rand(1, 40), "Respuesta $step", ['parent' => $roots[array_rand($roots)]]);
            $all[] = $c['id'];
            $kind = 'reply';
        } elseif ($k === 5) {
            $mod->hide($all[array_rand($all)], 'wp:mod', 'r');
            $kind = 'hide';
        } elseif ($k === 6) {
            $mod->restore($all[array_rand($all)], 'wp:mod', 'r');
            $kind = 'restore';
        } elseif ($k === 7) {
            $mod->approve($all[array_rand($all)], 'wp:mod', 'r');
            $kind = 'approve';
        } elseif ($k === 8) {
            $id = $all[array_rand($all)];
            $author = $db->query("SELECT author FROM participa_comments WHERE id = $id")->fetch_row()[0];
            $t->delete($id, $author);
            $kind = 'delete';
        } else {
            $db->query("CALL participa_fold_thread_counts($tid)");
            $kind = 'fold';
        }
    } catch (Participa\Exception $e) {
        $kind = 'refused';       // e.g. replying to a hidden root, restoring a published one
    }
    $kinds[$kind] = ($kinds[$kind] ?? 0) + 1;
    if (seen($t) !== recount($db, $tid)) {
        $bad++;
        printf("step %d (%s): seen %s, rows %s\n", $step, $kind, seen($t), recount($db, $tid));
    }
}
ksort($kinds);
foreach ($kinds as $kind => $n) {
    // every kind of step happened (the counts differ with the seed, not the outcome)
    echo "$kind: ", $n > 0 ? 'yes' : 'no', "\n";
}
echo "steps where the counts differed from a recount: $bad\n";
$db->query("CALL participa_fold_thread_counts($tid)");
printf("after a last fold the stored counters equal a recount: %s\n", stored($db, $tid) === recount($db, $tid) ? 'yes' : 'NO');
$unfolded = $db->query("SELECT COUNT(*) FROM participa_comments c JOIN participa_threads t ON t.id = c.thread_id "
    . "WHERE t.id = $tid AND c.counted_at_insert = 0 AND c.id > t.folded_upto")->fetch_row()[0];
echo "unfolded rows left: $unfolded\n";
participa_test_drop('thread_counts_001');
?>
--EXPECT--
after 2 roots: seen 2 0 0 0 2 | stored 0 0 0 0 0 | rows 2 0 0 0 2
hide an unfolded root: seen 1 0 1 0 2 | stored 0 0 0 0 0 | rows 1 0 1 0 2
delete an unfolded root: seen 0 0 1 1 2 | stored 0 0 0 0 0 | rows 0 0 1 1 2
folded: seen 0 0 1 1 2 | stored 0 0 1 1 2 | rows 0 0 1 1 2
restore a folded root: seen 1 0 0 1 2 | stored 1 0 0 1 2 | rows 1 0 0 1 2
approve: yes
delete: yes
fold: yes
held root: yes
hide: yes
refused: yes
reply: yes
restore: yes
root: yes
steps where the counts differed from a recount: 0
after a last fold the stored counters equal a recount: yes
unfolded rows left: 0