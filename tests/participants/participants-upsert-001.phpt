--TEST--
Participa\Participants: upsert with YAML territories and roles, get with YAML assignments and the default role, ban/unban
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../thread/threads_test.inc';
$site = threads_test_site('participants_upsert_001');
$p = $site->participants();

var_dump($p->get('wp:nobody'));
$a = $p->upsert('wp:42', 'san-miguel-teotongo', ['ciudadano']);
echo json_encode($a), "\n";
// Roles given through the API are replaced by the next upsert; YAML assignments stay.
echo json_encode($p->upsert('wp:42', 'iztapalapa', ['observador', 'funcionario'])['roles']), "\n";
echo json_encode($p->get('wp:mod')), "\n";
echo json_encode($p->upsert('wp:mod', 'iztapalapa', ['ciudadano'])['roles']), "\n";

threads_test_refused('unknown territory', fn() => $p->upsert('wp:1', 'atlantida', []));
threads_test_refused('unknown role', fn() => $p->upsert('wp:1', 'iztapalapa', ['rey']));
threads_test_refused('role not a string', fn() => $p->upsert('wp:1', 'iztapalapa', [7]));
threads_test_refused('empty id', fn() => $p->upsert('', 'iztapalapa', []));

// Bans need the moderate permission and are logged.
threads_test_refused('ban by citizen', fn() => $p->ban('wp:42', 'wp:7', 'no me cae bien'));
$p->ban('wp:42', 'wp:mod', 'spam');
echo $p->get('wp:42')['status'], "\n";
threads_test_refused('banned posts', fn() => $site->thread('post', '1')->post('wp:42', 'hola'));
$p->unban('wp:42', 'wp:mod', 'revisado');
echo $p->get('wp:42')['status'], "\n";
// Banning someone never seen before creates their record.
$p->ban('wp:ghost', 'wp:mod', 'cuenta falsa');
echo json_encode($p->get('wp:ghost')), "\n";
foreach (array_reverse($site->moderation()->log(['participant' => 'wp:42'])['entries']) as $e) {
    echo $e['action'], ' by ', $e['moderator'], ': ', $e['reason'], "\n";
}
participa_test_drop('participants_upsert_001');
?>
--EXPECT--
NULL
{"id":"wp:42","territory":"san-miguel-teotongo","status":"active","roles":["ciudadano"],"permissions":["comment","react","flag"],"assignments":[],"known":true}
["funcionario","observador"]
{"id":"wp:mod","territory":null,"status":"active","roles":["moderador"],"permissions":["comment","moderate"],"assignments":[{"role":"moderador","territory":null,"body":null}],"known":false}
["ciudadano","moderador"]
unknown territory: Participa\InvalidArgumentException: El territorio no existe en la configuración.
unknown role: Participa\InvalidArgumentException: Un rol no existe en la configuración.
role not a string: TypeError: Participa\Participants::upsert(): Argument #3 ($roles) must be a list of role ids (strings)
empty id: Participa\InvalidArgumentException: El identificador del participante no es válido: está vacío.
ban by citizen: Participa\NotAllowedException: No tienes permiso para moderar.
banned
banned posts: Participa\NotAllowedException: Tu participación está suspendida por moderación.
active
{"id":"wp:ghost","territory":null,"status":"banned","roles":["ciudadano"],"permissions":["comment","react","flag"],"assignments":[],"known":true}
ban by wp:mod: spam
unban by wp:mod: revisado
