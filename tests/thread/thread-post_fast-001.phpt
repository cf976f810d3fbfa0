--TEST--
Thread::post(): the one-round-trip paths (the one-statement root, the participa_post_comment procedure) accept exactly what the full transaction accepts, and decline the rest to it
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db();
participa_test_skip_on_galera('one-statement roots (not used on Galera)'); ?>
--FILE--
<?php
require_once __DIR__ . '/../helpers/participa_test.php';

// Every scenario runs twice, on two fresh sites: once with the one-round-trip
// paths (participa.post_fast_path=1) and once with the client-side
// transaction only. The outcome (status, depth, refusal) must be the same;
// the first column says which path stored it: 'fast' is one prepared
// statement (plus, now and then, the fold of a thread's uncounted roots),
// 'full' is the transaction (three statements or more). The whole set runs
// under two YAMLs: with a rate limit every post that may go fast is a CALL of
// the procedure; without one, a root is the one-statement INSERT ... SELECT
// (schema 007) and a reply the procedure.
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
        return sprintf('%-5s %s depth %d%s%s', $trips <= 2 ? 'fast' : 'full', $c['status'], $c['depth'],
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
    // what readers see (stored counters plus roots not folded in yet), then
    // the stored counters alone once the thread is folded: both exact
    $seen = $t->page(['viewer' => 'wp:mod'])['counts'];
    $out['counters seen'] = "{$seen['published']} {$seen['held']} {$seen['roots']}";
    $unfolded = "FROM participa_comments c JOIN participa_threads t ON t.id = c.thread_id WHERE t.id = {$info['id']} AND c.counted_at_insert = 0 AND c.id > t.folded_upto";
    $pending = $db->query("SELECT COUNT(*) $unfolded")->fetch_row()[0];
    $out['counters seen'] .= " / roots not folded in yet $pending";
    $db->query("CALL participa_fold_thread_counts({$info['id']})");
    $counts = $db->query("SELECT published_count, held_count, rejected_count, root_count FROM participa_threads WHERE id = {$info['id']}")->fetch_row();
    $left = $db->query("SELECT COUNT(*) $unfolded")->fetch_row()[0];
    $replies = $db->query("SELECT reply_count FROM participa_comments WHERE id IN ({$root['id']}, {$reply['id']}) ORDER BY id")->fetch_all();
    $out['counters'] = implode(' ', $counts) . ' / replies ' . $replies[0][0] . ' ' . $replies[1][0] . " / unfolded $left";
    participa_test_drop($name);
    return $out;
}

foreach (['rate_limit: 3/h' => 'a', 'rate_limit: none' => 'b'] as $rate => $suffix) {
    echo "-- $rate\n";
    $y = str_replace('rate_limit: 3/h', $rate, $yaml);
    ini_set('participa.post_fast_path', '1');
    $fast = scenarios("thread_post_fast_001{$suffix}1", $y);
    ini_set('participa.post_fast_path', '0');
    $full = scenarios("thread_post_fast_001{$suffix}2", $y);
    foreach ($fast as $label => $o) {
        $strip = fn(string $x) => preg_replace('~ / roots not folded in yet \d+~', '', $x);
        $same = str_starts_with($label, 'counters') ? $strip($o) === $strip($full[$label])
            : substr($o, 6) === substr($full[$label], 6);
        printf("%-26s %s%s\n", $label, $o, $same ? '' : "\n    DIFFERS from the full path: " . $full[$label]);
    }
}
?>
--EXPECT--
-- rate_limit: 3/h
default role               fast  published depth 0 redacted telefono
reply                      fast  published depth 1
reply depth 2              fast  published depth 2
too deep                   full  Participa\InvalidArgumentException: Las respuestas se anidan hasta 2 niveles; responde al comentario de arriba.
unknown parent             full  Participa\NotFoundException: El comentario al que respondes no existe.
parent elsewhere           full  Participa\NotFoundException: El comentario al que respondes no está en este hilo.
parent held                full  Participa\NotFoundException: El comentario al que respondes no existe.
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
counters seen              10 3 8 / roots not folded in yet 0
counters                   10 3 0 8 / replies 1 1 / unfolded 0
-- rate_limit: none
default role               fast  published depth 0 redacted telefono
reply                      fast  published depth 1
reply depth 2              fast  published depth 2
too deep                   full  Participa\InvalidArgumentException: Las respuestas se anidan hasta 2 niveles; responde al comentario de arriba.
unknown parent             full  Participa\NotFoundException: El comentario al que respondes no existe.
parent elsewhere           full  Participa\NotFoundException: El comentario al que respondes no está en este hilo.
parent held                full  Participa\NotFoundException: El comentario al que respondes no existe.
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
rate 4                     fast  published depth 0
subject premoderated       full  held depth 0
thread premoderated        full  held depth 0
mentions                   full  published depth 0
counters seen              11 3 9 / roots not folded in yet 8
counters                   11 3 0 9 / replies 1 1 / unfolded 0