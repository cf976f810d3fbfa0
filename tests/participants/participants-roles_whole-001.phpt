--TEST--
Permissions: a participant's stored roles are read whole (no 1 KB cut that turns 'moderadora_suplente' into 'moderador'; an id holding the separator is refused, not split; at most 64 roles)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/participants_test.inc';
// 17 roles of 58-59 characters sorted before 'moderadora_suplente': their
// comma-separated list is 1,014 bytes, so a 1 KB buffer keeps exactly
// 'moderadora_suplente' cut to 'moderador', the id of a role that moderates.
$fillers = [];
for ($i = 0; $i < 17; $i++) {
    $fillers[] = sprintf('f%02d', $i) . str_repeat('x', ($i < 11 ? 59 : 58) - 3);
}
$extra = '';
foreach ($fillers as $f) {
    $extra .= "  $f: { can: [react] }\n";
}
$extra .= "  moderadora_suplente: { can: [react] }\n";
$many = [];
for ($i = 0; $i < 65; $i++) {
    $many[] = sprintf('r%02d', $i);
    $extra .= sprintf("  r%02d: { can: [react] }\n", $i);
}
$site = participants_test_site('participants_roles_whole_001', $extra);
$pp = $site->participants();
$m = $site->moderation();
$t = $site->thread('post', '1');
$pp->upsert('wp:1', 'sm', ['ciudadano']);
$c = $t->post('wp:1', 'Un comentario');

$roles = array_merge($fillers, ['moderadora_suplente']);
echo strlen(implode(',', array_slice($roles, 0, 17))) + 1, " bytes before the last role\n";
$g = $pp->upsert('wp:long', 'sm', $roles);
echo count($g['roles']), " roles, ", in_array('moderador', $g['roles'], true) ? 'moderador among them' : 'no moderador', "; permissions ", json_encode($g['permissions']), "\n";
participants_try('hide by the long-roled participant', fn() => $m->hide($c['id'], 'wp:long', 'x'));
participants_try('ban by the long-roled participant', fn() => $pp->ban('wp:1', 'wp:long', 'x'));
participants_try('held view', function () use ($t) {
    $t->setPremoderate(true, 'wp:mod');
    $h = $t->post('wp:1', 'En espera');
    $ids = array_column($t->page(['viewer' => 'wp:long'])['comments'], 'id');
    echo in_array($h['id'], $ids, true) ? "wp:long sees a held comment\n" : "wp:long does not see the held comment\n";
});

// the largest list upsert() takes: 64 roles, all read back
$g = $pp->upsert('wp:many', 'sm', array_slice($many, 0, 64));
echo count($g['roles']), " of 64 roles read back\n";
participants_try('65 roles', fn() => $pp->upsert('wp:many', 'sm', $many));
participants_try('a role id with a NUL', fn() => $pp->upsert('wp:n', 'sm', ["moderador\0x"]));

// A stored id holding the separator (written behind participa's back) must
// not split into 'x' and 'moderador': the list is refused as unreadable.
$db = participa_test_admin('pt_participants_roles_whole_001');
$c2 = $t->post('wp:mod', 'Otro comentario');
$db->query("INSERT INTO participa_participants (id, status, created_at, updated_at) VALUES ('wp:comma', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
$db->query("INSERT INTO participa_participant_roles (participant_id, role, source, created_at) VALUES ('wp:comma', 'x,moderador', 'api', UTC_TIMESTAMP(6))");
foreach (['hide' => fn() => $m->hide($c2['id'], 'wp:comma', 'x'), 'get' => fn() => $pp->get('wp:comma'),
          'post' => fn() => $t->post('wp:comma', 'hola')] as $what => $fn) {
    try {
        $fn();
        echo "$what by wp:comma: accepted\n";
    } catch (Participa\Exception $e) {
        echo "$what by wp:comma: refused (", $e instanceof Participa\NotAllowedException ? 'not allowed' : 'unreadable roles', ")\n";
    }
}
echo $t->page()['counts']['hidden'], " hidden\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('participants_roles_whole_001'); ?>
--EXPECT--
1014 bytes before the last role
18 roles, no moderador; permissions ["react"]
hide by the long-roled participant: Participa\NotAllowedException: No tienes permiso para moderar.
ban by the long-roled participant: Participa\NotAllowedException: No tienes permiso para moderar.
wp:long does not see the held comment
held view: ok
64 of 64 roles read back
65 roles: Participa\InvalidArgumentException: Un participante puede tener a lo más 64 roles.
a role id with a NUL: Participa\InvalidArgumentException: Un rol no existe en la configuración.
hide by wp:comma: refused (unreadable roles)
get by wp:comma: refused (unreadable roles)
post by wp:comma: refused (unreadable roles)
0 hidden
