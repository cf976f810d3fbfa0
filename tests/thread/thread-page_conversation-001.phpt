--TEST--
Thread::page() and replies() on a root holding a large conversation (more rows than the window reads: its replies are walked node by node) give exactly the tree the stored rows say: the first replies of each node, oldest first, ties by id, held ones only for their author and moderators; and the same as on a small root
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$yaml = <<<'YAML'
territories:
  - { id: iztapalapa, name: Iztapalapa }
roles:
  ciudadano: { can: [comment, react, flag] }
  moderador: { can: [moderate, comment] }
assignments:
  - { participant: "wp:mod", role: moderador }
threads:
  max_depth: 4
  max_length: 200
  rate_limit: none
  page_replies: 3
moderation:
  rules:
    - { name: retener, pattern: '(?i)\bretener\b', action: hold }
YAML;
$site = Participa\Site::open(participa_test_config('thread_page_conversation_001', $yaml));
$site->migrate();
$t = $site->thread('commitment', 'PAL-07');
$db = participa_test_admin('pt_thread_page_conversation_001');
mt_srand(17);

// Roots: S (small: the window reads its replies), L (large: 320 replies,
// over PT_THREAD_WINDOW_ROWS, so a page walks them), T (small).
$s = $t->post('wp:1', 'Raíz pequeña');
$l = $t->post('wp:2', 'Raíz con una conversación grande');
$tt = $t->post('wp:3', 'Otra raíz');
$nodes = [$s['id'] => 0, $l['id'] => 0, $tt['id'] => 0];
$open = [$s['id'], $l['id'], $tt['id']];
$host = $t->post('wp:4', 'La respuesta que todos responden', ['parent' => $l['id']])['id'];
$nodes[$host] = 1;
$open[] = $host;
$under = [$l['id'] => [$host]];
for ($k = 0; $k < 340; $k++) {
    // most replies go to the large root's first reply or below it; some held
    $r = mt_rand(0, 9);
    $parent = $r < 4 ? $host : ($r < 9 ? $open[mt_rand(3, count($open) - 1)] : $open[mt_rand(0, count($open) - 1)]);
    $author = 'wp:' . mt_rand(10, 14);
    $body = (mt_rand(0, 14) === 0 ? 'retener ' : '') . "Respuesta $k";
    $c = $t->post($author, $body, ['parent' => $parent]);
    $nodes[$c['id']] = $nodes[$parent] + 1;
    if ($nodes[$c['id']] < 4 && $c['status'] === 'published') {
        $open[] = $c['id'];
    }
}
// ties: some of the host's replies share one instant (order by id then)
$db->query("UPDATE participa_comments SET created_at = '2026-05-05 12:00:00.000000' WHERE parent_id = $host ORDER BY id LIMIT 12");
$held = (int) $db->query("SELECT COUNT(*) FROM participa_comments WHERE status = 'held'")->fetch_row()[0];
$large = (int) $db->query("SELECT COUNT(*) FROM participa_comments WHERE root_id = {$l['id']}")->fetch_row()[0];
printf("large root: %s rows below it; held: %s\n", $large > 200 ? 'more than 200' : "only $large", $held > 5 ? 'several' : $held);

// The model: the stored rows, each node's visible children oldest first.
$rows = [];
foreach ($db->query("SELECT id, parent_id, depth, author, status, public, created_at FROM participa_comments") as $r) {
    $rows[(int) $r['id']] = $r;
}
function children(array $rows, int $parent, ?string $viewer, bool $mod): array
{
    $out = [];
    foreach ($rows as $id => $r) {
        if ((int) $r['parent_id'] === $parent && ($r['public'] || ($r['status'] === 'held' && ($mod || $r['author'] === $viewer)))) {
            $out[] = $id;
        }
    }
    usort($out, fn($a, $b) => [$rows[$a]['created_at'], $a] <=> [$rows[$b]['created_at'], $b]);
    return $out;
}
// the expected nodes below $ids: first $k children of each, to absolute depth $maxDepth
function expect(array $rows, array $ids, int $k, int $maxDepth, ?string $viewer, bool $mod): array
{
    $out = [];
    foreach ($ids as $id) {
        $kids = (int) $rows[$id]['depth'] < $maxDepth ? array_slice(children($rows, $id, $viewer, $mod), 0, $k) : [];
        $out[] = [$id, expect($rows, $kids, $k, $maxDepth, $viewer, $mod)];
    }
    return $out;
}
function actual(array $comments): array
{
    return array_map(fn($c) => [$c['id'], actual($c['replies'])], $comments);
}
function size(array $tree): int
{
    return array_sum(array_map(fn($n) => 1 + size($n[1]), $tree));
}

$views = ['anonymous' => [null, false], 'an author of held replies' => ['wp:12', false], 'a moderator' => ['wp:mod', true]];
$compared = $equal = 0;
$sizes = [];
foreach ($views as $label => [$viewer, $mod]) {
    foreach ([[3, 4], [1, 4], [5, 2], [2, 3], [3, 1]] as [$k, $depth]) {
        foreach (['oldest', 'newest', 'discussed'] as $sort) {
            $page = $t->page(['sort' => $sort, 'viewer' => $viewer, 'replies' => $k, 'depth' => $depth]);
            $roots = array_column($page['comments'], 'id');
            $want = expect($rows, $roots, $k, $depth, $viewer, $mod);
            $compared++;
            if (actual($page['comments']) === $want) {
                $equal++;
            } else {
                echo "page $sort k=$k depth=$depth for $label differs\n";
            }
            $sizes[$label] = max($sizes[$label] ?? 0, size($want));
        }
        // replies(): the host's replies after the ones a page shows, and their own
        $first = $t->page(['viewer' => $viewer, 'replies' => $k, 'depth' => $depth]);
        foreach ($first['comments'] as $root) {
            foreach (array_merge([$root], $root['replies']) as $node) {
                if (!$node['more']) {
                    continue;
                }
                $more = $t->replies($node['id'], ['cursor' => $node['more'], 'viewer' => $viewer, 'replies' => $k,
                    'depth' => $depth, 'limit' => 20]);
                $kids = children($rows, $node['id'], $viewer, $mod);
                $after = array_slice($kids, array_search(end($node['replies'])['id'] ?? 0, $kids, true) + 1, 20);
                if (!$node['replies']) {
                    $after = array_slice($kids, 0, 20);
                }
                $want = expect($rows, $after, $k, min(4, (int) $rows[$node['id']]['depth'] + $depth), $viewer, $mod);
                $compared++;
                if (actual($more['comments']) === $want) {
                    $equal++;
                } else {
                    echo "replies of {$node['id']} k=$k depth=$depth for $label differ\n";
                }
            }
        }
    }
}
echo "compared $compared pages and reply lists: ", $compared === $equal ? 'all equal' : ($compared - $equal) . ' differ', "\n";
foreach ($sizes as $label => $n) {
    echo "largest page for $label: $n comments\n";
}
// held replies show for their author and moderators only
$seen = fn($viewer) => substr_count(json_encode($t->page(['viewer' => $viewer, 'replies' => 100, 'depth' => 4])), '"status":"held"');
printf("held on the page: anonymous %d, another participant %d, their author %s, a moderator %s\n",
    $seen(null), $seen('wp:99'), $seen('wp:12') > 0 ? 'some' : 'none', $seen('wp:mod') >= $seen('wp:12') ? 'at least as many' : 'fewer');
$db->close();
participa_test_drop('thread_page_conversation_001');
?>
--EXPECT--
large root: more than 200 rows below it; held: several
compared 72 pages and reply lists: all equal
largest page for anonymous: 29 comments
largest page for an author of held replies: 20 comments
largest page for a moderator: 20 comments
held on the page: anonymous 0, another participant 0, their author some, a moderator at least as many
