--TEST--
Thread::page(): held comments only for author and moderators, every sort, top by cursor, the viewer's reactions
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_page_002');
$t = $site->thread('commitment', 'PAL-07');

$a = $t->post('wp:a', 'Propuesta A');
$b = $t->post('wp:b', 'Propuesta B');
$c = $t->post('wp:c', 'Propuesta C');
$held = $t->post('wp:h', 'Eres un idiota', ['parent' => $a['id']]);
$reply = $t->post('wp:d', 'Respuesta visible', ['parent' => $a['id']]);
echo "held reply: {$held['status']}\n";

// Held comments: visible to their author and to moderators only.
$show = function (?string $viewer) use ($t, $held) {
    $page = $t->page(['viewer' => $viewer]);
    $found = false;
    foreach ($page['comments'] as $root) {
        foreach ($root['replies'] as $r) {
            if ($r['id'] === $held['id']) { $found = $r['body']; }
        }
    }
    echo ($viewer ?? 'anonymous'), ': ', $found === false ? 'not shown' : "shown \"$found\"", "\n";
};
$show(null);
$show('wp:x');
$show('wp:h');
$show('wp:mod');

// Votes: B gets 5 up, C 3 up 3 down, A 1 down; A is the most discussed.
foreach (['v1', 'v2', 'v3', 'v4', 'v5'] as $v) { $t->react($b['id'], "wp:$v", 'up'); }
foreach (['v1', 'v2', 'v3'] as $v) { $t->react($c['id'], "wp:$v", 'up'); }
foreach (['v4', 'v5', 'v6'] as $v) { $t->react($c['id'], "wp:$v", 'down'); }
$t->react($a['id'], 'wp:v1', 'down');
$name = [$a['id'] => 'A', $b['id'] => 'B', $c['id'] => 'C'];
foreach (['oldest', 'newest', 'top', 'discussed', 'controversial'] as $sort) {
    $page = $t->page(['sort' => $sort, 'depth' => 0]);
    echo str_pad($sort, 14), implode('', array_map(fn($x) => $name[$x['id']], $page['comments'])), "\n";
}
// Top pages by cursor over the stored Wilson score.
$p1 = $t->page(['sort' => 'top', 'limit' => 1, 'depth' => 0]);
$p2 = $t->page(['sort' => 'top', 'limit' => 2, 'depth' => 0, 'cursor' => $p1['next']]);
echo 'top by cursor: ', $name[$p1['comments'][0]['id']], implode('', array_map(fn($x) => $name[$x['id']], $p2['comments'])), ' next=', var_export($p2['next'], true), "\n";

// The viewer's own reactions come with the page.
$t->react($c['id'], 'wp:v1', 'agree');
$page = $t->page(['viewer' => 'wp:v1', 'depth' => 0]);
foreach ($page['comments'] as $x) {
    echo $name[$x['id']], ': vote=', $x['viewer_vote'], ' stance=', var_export($x['viewer_stance'], true), "\n";
}
participa_test_drop('thread_page_002');
?>
--EXPECT--
held reply: held
anonymous: not shown
wp:x: not shown
wp:h: shown "Eres un idiota"
wp:mod: shown "Eres un idiota"
oldest        ABC
newest        CBA
top           BCA
discussed     ACB
controversial CBA
top by cursor: BCA next=NULL
A: vote=down stance=NULL
B: vote=up stance=NULL
C: vote=up stance='agree'
