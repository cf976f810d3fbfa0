--TEST--
Permissions: a YAML assignment with a territory acts only inside it (moderating, answering, commitments, assemblies, paper ballots); site-wide ones everywhere
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/participants_test.inc';
$site = participants_test_site('participants_territory_scope_001', "  observador: { can: [react] }\n",
    "  - { participant: \"wp:obsz\", role: observador, territory: dt-aculco }\n");
$m = $site->moderation();
$pp = $site->participants();
$pp->upsert('wp:1', 'sm', ['ciudadano']);

echo "-- who holds what, site-wide\n";
$g = $pp->get('wp:modz');
echo json_encode([$g['roles'], $g['permissions'], $g['assignments']]), "\n";
echo json_encode($pp->get('wp:mod')['permissions']), "\n";

echo "-- moderating: a thread's territory is its subject's\n";
$threads = [
    'territory sm' => $site->thread('territory', 'sm'),
    'territory dt-aculco' => $site->thread('territory', 'dt-aculco'),
    'territory iztapalapa (above)' => $site->thread('territory', 'iztapalapa'),
    'territory dt-otra (beside)' => $site->thread('territory', 'dt-otra'),
    'territory coyoacan' => $site->thread('territory', 'coyoacan'),
    'process consulta-aculco' => $site->thread('process', 'consulta-aculco'),
    'process consulta-coyoacan' => $site->thread('process', 'consulta-coyoacan'),
    'post (no territory)' => $site->thread('post', '1'),
];
foreach ($threads as $label => $t) {
    $c = $t->post('wp:1', 'Un comentario para revisar');
    participants_try("hide in $label by wp:modz", fn() => $m->hide($c['id'], 'wp:modz', 'revisión'));
}
$ts = $threads['territory sm'];
$tc = $threads['territory coyoacan'];
participants_try('premoderate sm by wp:modz', fn() => $ts->setPremoderate(true, 'wp:modz', 'tema sensible'));
participants_try('premoderate coyoacan by wp:modz', fn() => $tc->setPremoderate(true, 'wp:modz', 'tema sensible'));
$tc->setPremoderate(true, 'wp:mod', 'tema sensible');
$held_s = $ts->post('wp:1', 'En espera en San Miguel');
$held_c = $tc->post('wp:1', 'En espera en Coyoacán');
echo "held: {$held_s['status']} {$held_c['status']}\n";
$sees = fn($t, $viewer, $id) => in_array($id, array_column($t->page(['viewer' => $viewer])['comments'], 'id'), true) ? 'sees' : 'does not see';
echo "wp:modz ", $sees($ts, 'wp:modz', $held_s['id']), " the held comment in sm; ", $sees($tc, 'wp:modz', $held_c['id']),
    " the one in coyoacan; wp:mod ", $sees($tc, 'wp:mod', $held_c['id']), " it\n";
participants_try('approve in sm by wp:modz', fn() => $m->approve($held_s['id'], 'wp:modz'));
participants_try('approve in coyoacan by wp:modz', fn() => $m->approve($held_c['id'], 'wp:modz'));
participants_try('delete in coyoacan by wp:modz', fn() => $tc->delete($held_c['id'], 'wp:modz'));
participants_try('delete in sm by wp:modz', fn() => $ts->delete($held_s['id'], 'wp:modz'));
echo "-- posting: inside its territory the scoped role replaces the default one; outside, the default applies\n";
foreach (['1', '0'] as $fast) {
    ini_set('participa.post_fast_path', $fast);
    foreach (['territory sm', 'territory coyoacan', 'post (no territory)'] as $label) {
        participants_try("post by wp:obsz in $label (fast path $fast)", fn() => $threads[$label]->post('wp:obsz', 'Hola'));
    }
}
echo "-- bans act site-wide: only a site-wide moderator bans\n";
participants_try('ban by wp:modz', fn() => $pp->ban('wp:1', 'wp:modz', 'spam'));
participants_try('moderation ban by wp:modz', fn() => $m->ban('wp:1', 'wp:modz', 'spam'));
participants_try('ban by wp:mod', fn() => $pp->ban('wp:2', 'wp:mod', 'spam'));

echo "-- answering\n";
$a_s = $ts->post('wp:1', 'Pregunta en San Miguel');
$m->approve($a_s['id'], 'wp:mod');
$a_c = $threads['process consulta-coyoacan']->post('wp:1', 'Pregunta en Coyoacán');
participants_try('official answer in sm by wp:funz', fn() => $ts->markOfficial($a_s['id'], 'wp:funz'));
participants_try('official answer in consulta-coyoacan by wp:funz', fn() => $threads['process consulta-coyoacan']->markOfficial($a_c['id'], 'wp:funz'));
participants_try('official answer in consulta-coyoacan by wp:fun', fn() => $threads['process consulta-coyoacan']->markOfficial($a_c['id'], 'wp:fun'));

echo "-- commitments\n";
$c = $site->commitments();
$base = ['plan' => 'plan', 'title' => 'Compromiso', 'theme' => 'agua', 'agency' => 'obras'];
participants_try('create in sm by wp:funz', fn() => $c->upsert($base + ['id' => 'C-SM', 'territory' => 'sm'], 'wp:funz'));
participants_try('create in coyoacan by wp:funz', fn() => $c->upsert($base + ['id' => 'C-CO', 'territory' => 'coyoacan'], 'wp:funz'));
participants_try('create with no territory by wp:funz', fn() => $c->upsert($base + ['id' => 'C-NONE'], 'wp:funz'));
participants_try('create in coyoacan by wp:fun', fn() => $c->upsert($base + ['id' => 'C-CO', 'territory' => 'coyoacan'], 'wp:fun'));
participants_try('update in sm by wp:funz', fn() => $c->update('C-SM', ['progress' => 40], 'wp:funz'));
participants_try('status change in sm by wp:funz', fn() => $c->update('C-SM', ['status' => 'cumplido'], 'wp:funz'));
participants_try('move sm -> coyoacan by wp:funz', fn() => $c->update('C-SM', ['territory' => 'coyoacan'], 'wp:funz'));
participants_try('update in coyoacan by wp:funz', fn() => $c->update('C-CO', ['progress' => 40], 'wp:funz'));
participants_try('move coyoacan -> sm by wp:funz', fn() => $c->update('C-CO', ['territory' => 'sm'], 'wp:funz'));
participants_try('status change in coyoacan by wp:funz', fn() => $c->update('C-CO', ['status' => 'cumplido'], 'wp:funz'));
echo "C-SM in ", $c->get('C-SM')['territory'], ", C-CO in ", $c->get('C-CO')['territory'], "\n";
foreach (['C-SM', 'C-CO'] as $cid) {
    $k = $site->thread('commitment', $cid)->post('wp:1', 'Sobre el compromiso');
    participants_try("hide on commitment $cid by wp:modz", fn() => $m->hide($k['id'], 'wp:modz'));
}

echo "-- assemblies\n";
$as = ['held_on' => '2026-03-14', 'place' => 'Explanada', 'attendance' => 20, 'agreements' => ['Reparar luminarias']];
participants_try('record in sm by wp:enlz', function () use ($c, $as) { $GLOBALS['a_sm'] = $c->recordAssembly($as + ['territory' => 'sm'], 'wp:enlz'); });
participants_try('record in coyoacan by wp:enlz', fn() => $c->recordAssembly($as + ['territory' => 'coyoacan'], 'wp:enlz'));
$a_co = $c->recordAssembly($as + ['territory' => 'coyoacan'], 'wp:enl');
foreach (['sm' => $GLOBALS['a_sm']['id'], 'coyoacan' => $a_co['id']] as $where => $aid) {
    $k = $site->thread('assembly', (string) $aid)->post('wp:1', 'Sobre el acta');
    participants_try("approve on the assembly in $where by wp:modz", fn() => $m->approve($k['id'], 'wp:modz'));
}
// an assembly subject must be the assembly's id exactly: '0' . id is another subject, with no territory
$k = $site->thread('assembly', '0' . $GLOBALS['a_sm']['id'])->post('wp:1', 'Sobre otra cosa');
participants_try('approve on assembly 0' . $GLOBALS['a_sm']['id'] . ' by wp:modz', fn() => $m->approve($k['id'], 'wp:modz'));

echo "-- paper ballots\n";
participants_try('paper in consulta-aculco by wp:enlz',
    fn() => $site->process('consulta-aculco')->enterPaperBatch('wp:enlz', 'lote-1', 'asamblea', 'acta-1', ['si', 'no']));
participants_try('paper in consulta-coyoacan by wp:enlz',
    fn() => $site->process('consulta-coyoacan')->enterPaperBatch('wp:enlz', 'lote-1', 'asamblea', 'acta-1', ['si', 'no']));
participants_try('paper in consulta-publica (no territory) by wp:enlz',
    fn() => $site->process('consulta-publica')->enterPaperBatch('wp:enlz', 'lote-1', 'asamblea', 'acta-1', ['si']));
participants_try('paper in consulta-coyoacan by wp:enl',
    fn() => $site->process('consulta-coyoacan')->enterPaperBatch('wp:enl', 'lote-1', 'asamblea', 'acta-1', ['si', 'no']));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('participants_territory_scope_001'); ?>
--EXPECT--
-- who holds what, site-wide
[["ciudadano"],["comment","react","flag","vote","propose"],[{"role":"moderador","territory":"dt-aculco","body":null}]]
["comment","moderate"]
-- moderating: a thread's territory is its subject's
hide in territory sm by wp:modz: ok
hide in territory dt-aculco by wp:modz: ok
hide in territory iztapalapa (above) by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
hide in territory dt-otra (beside) by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
hide in territory coyoacan by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
hide in process consulta-aculco by wp:modz: ok
hide in process consulta-coyoacan by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
hide in post (no territory) by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
premoderate sm by wp:modz: ok
premoderate coyoacan by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
held: held held
wp:modz sees the held comment in sm; does not see the one in coyoacan; wp:mod sees it
approve in sm by wp:modz: ok
approve in coyoacan by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
delete in coyoacan by wp:modz: Participa\NotFoundException: El comentario no existe en este hilo.
delete in sm by wp:modz: ok
-- posting: inside its territory the scoped role replaces the default one; outside, the default applies
post by wp:obsz in territory sm (fast path 1): Participa\NotAllowedException: No tienes permiso para comentar.
post by wp:obsz in territory coyoacan (fast path 1): ok
post by wp:obsz in post (no territory) (fast path 1): ok
post by wp:obsz in territory sm (fast path 0): Participa\NotAllowedException: No tienes permiso para comentar.
post by wp:obsz in territory coyoacan (fast path 0): ok
post by wp:obsz in post (no territory) (fast path 0): ok
-- bans act site-wide: only a site-wide moderator bans
ban by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
moderation ban by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
ban by wp:mod: ok
-- answering
official answer in sm by wp:funz: ok
official answer in consulta-coyoacan by wp:funz: Participa\NotAllowedException: No tienes permiso para dar respuestas oficiales.
official answer in consulta-coyoacan by wp:fun: ok
-- commitments
create in sm by wp:funz: ok
create in coyoacan by wp:funz: Participa\NotAllowedException: No tienes permiso para modificar compromisos.
create with no territory by wp:funz: Participa\NotAllowedException: No tienes permiso para modificar compromisos.
create in coyoacan by wp:fun: ok
update in sm by wp:funz: ok
status change in sm by wp:funz: ok
move sm -> coyoacan by wp:funz: Participa\NotAllowedException: No tienes permiso para modificar compromisos.
update in coyoacan by wp:funz: Participa\NotAllowedException: No tienes permiso para modificar compromisos.
move coyoacan -> sm by wp:funz: Participa\NotAllowedException: No tienes permiso para modificar compromisos.
status change in coyoacan by wp:funz: Participa\NotAllowedException: Tu rol no permite pasar un compromiso del estado «Por iniciar» al estado «Cumplido».
C-SM in sm, C-CO in coyoacan
hide on commitment C-SM by wp:modz: ok
hide on commitment C-CO by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
-- assemblies
record in sm by wp:enlz: ok
record in coyoacan by wp:enlz: Participa\NotAllowedException: No tienes permiso para registrar asambleas.
approve on the assembly in sm by wp:modz: ok
approve on the assembly in coyoacan by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
approve on assembly 01 by wp:modz: Participa\NotAllowedException: No tienes permiso para moderar.
-- paper ballots
paper in consulta-aculco by wp:enlz: ok
paper in consulta-coyoacan by wp:enlz: Participa\NotAllowedException: No tienes permiso para capturar boletas en papel.
paper in consulta-publica (no territory) by wp:enlz: Participa\NotAllowedException: No tienes permiso para capturar boletas en papel.
paper in consulta-coyoacan by wp:enl: ok
