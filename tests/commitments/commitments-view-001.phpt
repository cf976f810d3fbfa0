--TEST--
Commitments::view(): the commitment with its children, its deliberation thread and official answers; traffic light and OGP completion
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_view_001');
$c = $site->commitments();
$c->upsert(['id' => 'PAL-09', 'plan' => 'pal-2026', 'title' => 'Alumbrado público en colonias', 'start_date' => '2026-01-01', 'due_date' => '2026-12-31'], 'wp:fun');
$c->upsert(['id' => 'PAL-09.1', 'plan' => 'pal-2026', 'parent' => 'PAL-09', 'title' => 'Censo de luminarias'], 'wp:fun');
$t = $site->thread('commitment', 'PAL-09');
$q = $t->post('wp:101', '¿Cuándo van a reparar las luminarias de la calle Lirios?');
$t->post('wp:102', 'En mi calle siguen apagadas.');
$a = $t->post('wp:fun', 'Están programadas para la segunda quincena de abril.', ['parent' => $q['id']]);
$t->markOfficial($a['id'], 'wp:fun');
$v = $c->view('PAL-09', ['sort' => 'oldest']);
echo $v['title'], "\n", implode(',', array_column($v['children_list'], 'id')), "\n";
echo count($v['thread']['comments']), " comments at the root\n";
foreach ($v['official_answers'] as $o) { echo "official: ", $o['author'], ': ', $o['body'], "\n"; }
commitments_test_refused('view unknown', fn() => $c->view('PAL-00'));

// Traffic light and completion on given days (start 2026-01-01, due 2026-12-31; at risk when 15 points behind)
$c->upsert(['id' => 'PAL-10', 'plan' => 'pal-2026', 'title' => 'Luz', 'start_date' => '2026-01-01', 'due_date' => '2026-12-31'], 'wp:fun');
foreach ([['2026-02-01', 0], ['2026-07-01', 40], ['2026-07-01', 30], ['2027-01-05', 90], ['2027-01-05', 100]] as [$day, $p]) {
    $c->update('PAL-10', ['progress' => $p], 'wp:fun');
    $g = $c->get('PAL-10', $day);
    echo "$day at $p%: {$g['light']}, {$g['completion']}\n";
}
$c->update('PAL-10', ['add_evidence' => ['reference' => 'Acta de entrega-recepción 45/2026']], 'wp:fun');
$g = $c->get('PAL-10', '2027-01-05');
echo "with evidence: {$g['light']}, {$g['completion']} ({$g['completion_label']})\n";
$c->upsert(['id' => 'PAL-11', 'plan' => 'pal-2026', 'title' => 'Sin fecha'], 'wp:fun');
echo $c->get('PAL-11')['light'], "\n";
echo implode(',', array_column($c->list(['light' => 'done', 'as_of' => '2027-01-05']), 'id')), "\n";
participa_test_drop('cm_view_001');
?>
--EXPECT--
Alumbrado público en colonias
PAL-09.1
2 comments at the root
official: wp:fun: Están programadas para la segunda quincena de abril.
view unknown: Participa\NotFoundException: No existe el compromiso 'PAL-00'.
2026-02-01 at 0%: on_track, sin-evidencia
2026-07-01 at 40%: on_track, sin-evidencia
2026-07-01 at 30%: at_risk, sin-evidencia
2027-01-05 at 90%: late, sin-evidencia
2027-01-05 at 100%: done, sin-evidencia
with evidence: done, completo (Completo)
unscheduled
PAL-10
