--TEST--
Thread::page(): a reply under a reply the page does not show is left out, not promoted to a root (it took a root's place and moved the next cursor)
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_page_004');
$t = $site->thread('commitment', 'PAL-07');

// page_replies is 2: A shows r1 and r2; r3 waits behind "more replies",
// and so does x, r3's only reply, which is among the first replies of its
// own parent and so is read with the page.
$a = $t->post('wp:a', 'Propuesta A');
$b = $t->post('wp:b', 'Propuesta B');
$r1 = $t->post('wp:r1', 'Respuesta 1', ['parent' => $a['id']]);
$r2 = $t->post('wp:r2', 'Respuesta 2', ['parent' => $a['id']]);
$r3 = $t->post('wp:r3', 'Respuesta 3', ['parent' => $a['id']]);
$x = $t->post('wp:x', 'Respuesta a la 3', ['parent' => $r3['id']]);
$name = [$a['id'] => 'A', $b['id'] => 'B', $r1['id'] => 'r1', $r2['id'] => 'r2', $r3['id'] => 'r3', $x['id'] => 'x'];

function shape(array $nodes, array $name): string
{
    $out = [];
    foreach ($nodes as $n) {
        $s = $name[$n['id']];
        if ($n['more_count']) {
            $s .= "+{$n['more_count']}";
        }
        if ($n['replies']) {
            $s .= '(' . shape($n['replies'], $name) . ')';
        }
        $out[] = $s;
    }
    return implode(' ', $out);
}

foreach (['newest', 'oldest'] as $sort) {
    $page = $t->page(['sort' => $sort]);
    echo str_pad($sort, 7), shape($page['comments'], $name), ' next=', var_export($page['next'], true), "\n";
}
$p1 = $t->page(['sort' => 'newest', 'limit' => 1]);
$p2 = $t->page(['sort' => 'newest', 'limit' => 1, 'cursor' => $p1['next']]);
echo 'newest by one: ', shape($p1['comments'], $name), ' then ', shape($p2['comments'], $name),
    ' next=', var_export($p2['next'], true), "\n";
$p = $t->page(['sort' => 'oldest', 'limit' => 2]);
echo 'oldest limit 2: ', shape($p['comments'], $name), ' next=', var_export($p['next'], true), "\n";

// "More replies" of A brings r3 with x under it.
$more = $t->replies($a['id'], ['cursor' => $t->page()['comments'][0]['more']]);
echo 'more of A: ', shape($more['comments'], $name), "\n";
participa_test_drop('thread_page_004');
?>
--EXPECT--
newest B A+1(r1 r2) next=NULL
oldest A+1(r1 r2) B next=NULL
newest by one: B then A+1(r1 r2) next=NULL
oldest limit 2: A+1(r1 r2) B next=NULL
more of A: r3(x)
