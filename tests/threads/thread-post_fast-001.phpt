--TEST--
Thread::post(): the one-round-trip path (participa_post_comment) accepts exactly what the full transaction accepts, and declines the rest to it
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require_once __DIR__ . '/../helpers/participa_test.php';

// Every scenario runs twice, on two fresh sites: once with the procedure
// (participa.post_fast_path=1) and once with the client-side transaction
// only. The outcome (status, depth, refusal) must be the same; the first
// column says which path stored it: 1 prepared statement (the CALL) or more.
$yaml = <<<'YAML'
territories:
  - { id: iztapalapa, name: Iztapalapa }
roles:
  ciudadano:   { can: [comment, react, flag] }
  observador:  { can: [react] }
  funcionario: { can: [comment, answer] }
  moderador:   { can: [moderate, comment] }
assignments:
  - { participant: "wp:mod", role: moderador }
  - { participant: "wp:obs-yaml", role: observador }
threads:
  max_depth: 2
  rate_limit: 3/h
  subjects:
    assembly: { premoderate: true }
moderation:
  rules:
    - { name: telefono, preset: telefono_mx, action: redact }
    - { name: insultos, pattern: '(?i)\bidiota\b', action: hold }
YAML;

function outcome(callable $fn): string
{
    $e = Participa\Site::stats()['db_executes'];
    try {
        $c = $fn();
        $trips = Participa\Site::stats()['db_executes'] - $e;
        return sprintf('%-5s %s depth %d%s%s', $trips === 1 ? 'fast' : 'full', $c['status'], $c['depth'],
            $c['redactions'] ? ' redacted ' . implode(',', $c['redactions']) : '', $c['replayed'] ? ' replayed' : '');
    } catch (Participa\Exception $x) {
        return 'full  ' . get_class($x) . ': ' . $x->getMessage();
    }
}

function scenarios(string $name, string $yaml): array
{
    $site = Participa\Site::open(participa_test_config($name, $yaml));
    $site->migrate();
    $db = participa_test_admin("pt_$name");
    $t = $site->thread('commitment', 'PAL-07');
    $other = $site->thread('commitment', 'PAL-08');
    $site->participants()->upsert('wp:obs-db', 'iztapalapa', ['observador']);
    $site->participants()->upsert('wp:both', 'iztapalapa', ['observador', 'funcionario']);
    // a role the YAML no longer defines grants nothing, and does not count as a role
    $db->query("INSERT INTO participa_participant_roles (participant_id, role, created_at) VALUES ('wp:old', 'antiguo', NOW())");
    $out = [];
    $root = null;
    $run = function (string $label, callable $fn) use (&$out) { $out[$label] = outcome($fn); };
    $run('default role', function () use ($t, &$root) { return $root = $t->post('wp:1', 'Hola, llamen al 55 1234 5678.'); });
    $run('reply', function () use ($t, $root, &$reply) { return $reply = $t->post('wp:2', 'Respuesta', ['parent' => $root['id']]); });
    $run('reply depth 2', function () use ($t, &$reply, &$deep) { return $deep = $t->post('wp:2', 'Más', ['parent' => $reply['id']]); });
    $run('too deep', fn() => $t->post('wp:2', 'Demasiado', ['parent' => $deep['id']]));
    $run('unknown parent', fn() => $t->post('wp:2', 'x', ['parent' => 99999999]));
    $elsewhere = $other->post('wp:3', 'En otro hilo');
    $run('parent elsewhere', fn() => $t->post('wp:2', 'x', ['parent' => $elsewhere['id']]));
    $held = $t->post('wp:3', 'Eres un idiota');
    $run('parent held', fn() => $t->post('wp:2', 'x', ['parent' => $held['id']]));
    $run('held by rule', fn() => $t->post('wp:4', 'otro idiota'));
    $run('db role without comment', fn() => $t->post('wp:obs-db', 'x'));
    $run('db roles, one may', fn() => $t->post('wp:both', 'x'));
    $run('yaml role without comment', fn() => $t->post('wp:obs-yaml', 'x'));
    $run('yaml moderator', fn() => $t->post('wp:mod', 'x'));
    $run('dropped role only', fn() => $t->post('wp:old', 'x'));
    $site->moderation()->ban('wp:5', 'wp:mod', 'spam');
    $run('banned', fn() => $t->post('wp:5', 'x'));
    $run('idempotent first', fn() => $t->post('wp:6', 'uno', ['idempotency_key' => 'k1']));
    $run('idempotent again', fn() => $t->post('wp:6', 'uno', ['idempotency_key' => 'k1']));
    $run('rate 2', fn() => $t->post('wp:6', 'dos'));
    $run('rate 3', fn() => $t->post('wp:6', 'tres'));
    $run('rate 4', fn() => $t->post('wp:6', 'cuatro'));
    $run('subject premoderated', fn() => $site->thread('assembly', 'A-1')->post('wp:7', 'x'));
    $t->setPremoderate(true, 'wp:mod', 'revisión');
    $run('thread premoderated', fn() => $t->post('wp:8', 'x'));
    $t->setPremoderate(false, 'wp:mod');
    $run('mentions', fn() => $t->post('wp:8', 'hola @wp:1'));
    $info = $t->info();
    $counts = $db->query("SELECT published_count, held_count, rejected_count, root_count FROM participa_threads WHERE id = {$info['id']}")->fetch_row();
    $replies = $db->query("SELECT reply_count FROM participa_comments WHERE id IN ({$root['id']}, {$reply['id']}) ORDER BY id")->fetch_all();
    $out['counters'] = implode(' ', $counts) . ' / replies ' . $replies[0][0] . ' ' . $replies[1][0];
    participa_test_drop($name);
    return $out;
}

ini_set('participa.post_fast_path', '1');
$fast = scenarios('thread_post_fast_001a', $yaml);
ini_set('participa.post_fast_path', '0');
$full = scenarios('thread_post_fast_001b', $yaml);
foreach ($fast as $label => $o) {
    $same = substr($o, 6) === substr($full[$label], 6) || $label === 'counters' && $o === $full[$label];
    printf("%-26s %s%s\n", $label, $o, $same ? '' : "\n    DIFFERS from the full path: " . $full[$label]);
}
?>
--EXPECT--
default role               fast  published depth 0 redacted telefono
reply                      fast  published depth 1
reply depth 2              fast  published depth 2
too deep                   full  Participa\InvalidArgumentException: Las respuestas se anidan hasta 2 niveles; responde al comentario de arriba.
unknown parent             full  Participa\NotFoundException: El comentario al que respondes no existe.
parent elsewhere           full  Participa\NotFoundException: El comentario al que respondes no está en este hilo.
parent held                full  Participa\NotAllowedException: No se puede responder a este comentario.
held by rule               full  held depth 0
db role without comment    full  Participa\NotAllowedException: No tienes permiso para comentar.
db roles, one may          fast  published depth 0
yaml role without comment  full  Participa\NotAllowedException: No tienes permiso para comentar.
yaml moderator             fast  published depth 0
dropped role only          fast  published depth 0
banned                     full  Participa\NotAllowedException: Tu participación está suspendida por moderación.
idempotent first           fast  published depth 0
idempotent again           full  published depth 0 replayed
rate 2                     fast  published depth 0
rate 3                     fast  published depth 0
rate 4                     full  Participa\NotAllowedException: Llegaste al límite de 3 comentarios por hora; intenta de nuevo más tarde.
subject premoderated       full  held depth 0
thread premoderated        full  held depth 0
mentions                   full  published depth 0
counters                   10 3 0 8 / replies 1 1
