--TEST--
Commitments::list(['full' => false]) and view()'s children_list on commitments that have evidence and milestones: the lists are null (not read), counted in completion, and nothing crashes
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_list_full_001');
$c = $site->commitments();
$c->upsert(['id' => 'PAL-20', 'plan' => 'pal-2026', 'title' => 'Padre'], 'wp:fun');
$c->upsert(['id' => 'PAL-20.1', 'plan' => 'pal-2026', 'parent' => 'PAL-20', 'title' => 'Con listas',
    'evidence' => [['url' => 'https://example.org/a.pdf', 'description' => 'Acta']],
    'milestones' => [['title' => 'Hito', 'due' => '2026-05-01', 'done' => true]]], 'wp:fun');
$c->update('PAL-20.1', ['progress' => 100, 'add_evidence' => ['reference' => 'Oficio 7/2026']], 'wp:fun');
$c->upsert(['id' => 'PAL-20.2', 'plan' => 'pal-2026', 'parent' => 'PAL-20', 'title' => 'Sin listas'], 'wp:fun');
$show = function (string $label, array $rows) {
    foreach ($rows as $r) {
        printf("%s %s: evidence %s, milestones %s, completion %s\n", $label, $r['id'],
            json_encode($r['evidence']), json_encode($r['milestones']), $r['completion']);
    }
};
$show('list full', $c->list(['parent' => 'PAL-20']));
$show('list brief', $c->list(['parent' => 'PAL-20', 'full' => false]));
$show('view children', $c->view('PAL-20')['children_list']);
participa_test_drop('cm_list_full_001');
?>
--EXPECT--
list full PAL-20.1: evidence [{"url":"https:\/\/example.org\/a.pdf","reference":null,"description":"Acta","date":null,"added_by":"wp:fun"},{"url":null,"reference":"Oficio 7\/2026","description":null,"date":null,"added_by":"wp:fun"}], milestones [{"title":"Hito","due":"2026-05-01","done":true}], completion completo
list full PAL-20.2: evidence [], milestones [], completion sin-evidencia
list brief PAL-20.1: evidence null, milestones null, completion completo
list brief PAL-20.2: evidence [], milestones [], completion sin-evidencia
view children PAL-20.1: evidence null, milestones null, completion completo
view children PAL-20.2: evidence [], milestones [], completion sin-evidencia
