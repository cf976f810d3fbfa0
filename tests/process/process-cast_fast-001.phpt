--TEST--
Participa\Process::cast(): the one-round-trip procedure (schema 011) stores exactly what the full transaction stores, the same rows, and declines everything else to it, whose refusal the resident reads
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';

// Every scenario runs twice, on two fresh sites: once with the procedure
// (participa.cast_fast_path=1) and once with the client-side transaction
// only. Outcomes (receipt length, version, flags, or the refusal) and the
// stored rows must be the same; the first column says which path the
// procedure's run took: 'fast' is one statement sent, 'full' the
// transaction (after the procedure declined, when it was tried).
$processes = <<<'P'
  - { id: norte, title: Norte, kind: poll, method: plurality, candidates: [a, b], territory: norte,
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: cambios, title: Cambios, kind: election, method: irv, candidates: [a, b, c], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: enlaces, title: Enlaces, kind: poll, method: approval, candidates: [a, b], roles: [enlace],
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: publica, title: Pública, kind: poll, method: plurality, candidates: [a, b], secrecy: public,
      results_visibility: live, phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: cuerpo, title: Cuerpo, kind: poll, method: plurality, candidates: [a, b], body: secretariado,
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: cerrada, title: Cerrada, kind: poll, method: plurality, candidates: [a, b],
      phases: { voting: [2020-01-01, 2099-12-31] } }
P;
$extra = <<<'E'
  - { participant: "wp:asig", role: ciudadano, territory: norte }
  - { participant: "wp:asig-sur", role: observador, territory: sur }
  - { participant: "wp:obs-yaml", role: observador }
  - { participant: "wp:mod", role: moderador }
E;

/** [statements sent, what the caller got] */
function outcome(callable $fn): array
{
    $e = Participa\Site::stats()['db_executes'];
    try {
        $r = $fn();
        $what = sprintf('ok receipt %d v%d%s%s', strlen($r['receipt']), $r['version'], $r['changed'] ? ' changed' : '',
            $r['replayed'] ? ' replayed' : '');
    } catch (Participa\Exception $x) {
        $what = get_class($x) . ': ' . $x->getMessage();
    }
    return [Participa\Site::stats()['db_executes'] - $e, $what];
}

function scenarios(string $name, string $processes, string $extra): array
{
    $yaml = pt_proc_yaml($processes, '') . '';
    // the assignments above join the helper's own
    $yaml = str_replace("assignments:\n", "assignments:\n$extra\n", $yaml);
    $yaml = str_replace("  moderador: { can: [moderate] }\n", "  moderador: { can: [moderate] }\n  observador: { can: [comment] }\n", $yaml);
    $site = Participa\Site::open(participa_test_config($name, $yaml));
    $site->migrate();
    $db = participa_test_admin("pt_$name");
    $pp = $site->participants();
    $pp->upsert('wp:1', 'norte-1', []);
    $pp->upsert('wp:sur', 'sur', []);
    $pp->upsert('wp:ban', 'norte', []);
    $pp->upsert('wp:obs', 'norte', ['observador']);
    $pp->upsert('wp:obs-cit', 'norte', ['observador', 'ciudadano']);
    $pp->upsert('wp:asig', 'norte-1', []);
    $pp->upsert('wp:asig-sur', 'norte', []);
    $pp->upsert('wp:obs-yaml', 'norte', []);
    $pp->upsert('wp:enl', 'sur', ['enlace']);
    $pp->upsert('wp:key', 'norte', []);
    $pp->upsert('wp:ch', 'sur', []);
    $pp->upsert('wp:late', 'norte', []);
    $db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES ('wp:viejo', 'colonia-vieja', 'active', NOW(), NOW())");
    $db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES ('wp:old', 'norte', 'active', NOW(), NOW())");
    $db->query("INSERT INTO participa_participant_roles (participant_id, role, created_at) VALUES ('wp:old', 'antiguo', NOW())");
    $site->moderation()->ban('wp:ban', 'wp:mod', 'spam');
    $norte = $site->process('norte');
    $out = [];
    // the first cast under a territory tree writes the tree's copy, then casts
    $pp->upsert('wp:warm', 'norte-1', []);
    $e = Participa\Site::stats()['db_executes'];
    $norte->cast('wp:warm', 'a');
    $out['first cast'] = [0, 'statements ' . (Participa\Site::stats()['db_executes'] - $e)];
    $run = function (string $label, callable $fn) use (&$out) { $out[$label] = outcome($fn); };
    $run('resident, default role', fn() => $norte->cast('wp:1', 'a'));
    $run('resident again', fn() => $norte->cast('wp:1', 'b'));
    $run('lives outside', fn() => $norte->cast('wp:sur', 'a'));
    $run('no participant row', fn() => $norte->cast('wp:nadie', 'a'));
    $run('territory gone from the YAML', fn() => $norte->cast('wp:viejo', 'a'));
    $run('banned', fn() => $norte->cast('wp:ban', 'a'));
    $run('stored role without vote', fn() => $norte->cast('wp:obs', 'a'));
    // stricter than the rule: a role that votes beside one that does not is the full path's
    $run('stored roles, one votes', fn() => $norte->cast('wp:obs-cit', 'a'));
    $run('dropped role only', fn() => $norte->cast('wp:old', 'a'));
    $run('assignment in the territory', fn() => $norte->cast('wp:asig', 'a'));
    $run('assignment elsewhere only', fn() => $norte->cast('wp:asig-sur', 'a'));
    $run('yaml role without vote', fn() => $norte->cast('wp:obs-yaml', 'a'));
    $run('key, first', fn() => $norte->cast('wp:key', 'b', ['idempotency_key' => 'k1']));
    $run('key, again', fn() => $norte->cast('wp:key', 'b', ['idempotency_key' => 'k1']));
    $cambios = $site->process('cambios');
    $run('changes: first', fn() => $cambios->cast('wp:ch', 'a>b', ['idempotency_key' => 'c1']));
    $run('changes: second', fn() => $cambios->cast('wp:ch', 'c>a', ['idempotency_key' => 'c2']));
    $run('changes: second again', fn() => $cambios->cast('wp:ch', 'c>a', ['idempotency_key' => 'c2']));
    $enlaces = $site->process('enlaces');
    $run('roles: [enlace], a citizen', fn() => $enlaces->cast('wp:1', ['a']));
    $run('roles: [enlace], an enlace', fn() => $enlaces->cast('wp:enl', ['a', 'b']));
    $run('public process', fn() => $site->process('publica')->cast('wp:1', 'b'));
    $cuerpo = $site->process('cuerpo');
    $run('body: member', fn() => $cuerpo->cast('st:2', 'a'));
    $run('body: member without the vote permission', fn() => $cuerpo->cast('st:1', 'a'));
    $run('body: member with voice only', fn() => $cuerpo->cast('st:facilitadora', 'a'));
    $run('body: not a member', fn() => $cuerpo->cast('wp:1', 'a'));
    // closed behind this object's back: the procedure's own guard
    $cerrada = $site->process('cerrada');
    $db->query("UPDATE participa_processes SET closed_at = UTC_TIMESTAMP(6), closed_how = 'call' WHERE code = 'cerrada'");
    $run('closed meanwhile', fn() => $cerrada->cast('wp:1', 'a'));
    // the rows: one voter row and one box row per stored ballot, alike on both paths
    $rows = [];
    foreach ($db->query("SELECT p.code, v.participant_id, v.ballot_ref IS NOT NULL, (v.ballot_ref = b.receipt)
            FROM participa_voters v JOIN participa_processes p ON p.id = v.process_id
            LEFT JOIN participa_ballot_box b ON b.process_id = v.process_id AND b.receipt = v.ballot_ref
            ORDER BY p.code, v.participant_id")->fetch_all() as $r) {
        $rows[] = "voter {$r[0]} {$r[1]} ref " . ($r[2] ? 'kept' : 'none') . ($r[3] ? ' = its box row' : '');
    }
    foreach ($db->query("SELECT p.code, b.ballot, IFNULL(b.role, '-'), IFNULL(b.reason, '-'), IFNULL(b.voter, '-'),
            b.channel, b.version, LENGTH(b.receipt) FROM participa_ballot_box b JOIN participa_processes p ON p.id = b.process_id
            ORDER BY p.code, b.ballot, b.voter")->fetch_all() as $r) {
        $rows[] = "box " . implode(' ', $r);
    }
    foreach ($db->query("SELECT p.code, k.participant_id, k.idem_key, k.version, (k.receipt = b.receipt)
            FROM participa_cast_keys k JOIN participa_processes p ON p.id = k.process_id
            LEFT JOIN participa_ballot_box b ON b.process_id = k.process_id AND b.receipt = k.receipt
            ORDER BY p.code, k.idem_key")->fetch_all() as $r) {
        $rows[] = "key {$r[0]} {$r[1]} {$r[2]} v{$r[3]}" . ($r[4] ? ' = its box row' : '');
    }
    $out['rows'] = [0, implode("\n", $rows)];
    $out['territory copies'] = [0, implode(' ', $db->query("SELECT COUNT(*) FROM participa_territory_marks GROUP BY tree")->fetch_all(MYSQLI_NUM)[0] ?? ['none'])];
    // a new territory in the YAML: a new numbering, a new copy, the old one untouched
    $tree2 = participa_test_unique_path($name);
    $site2 = Participa\Site::open(participa_test_config($name, str_replace("      - { id: sur, name: Zona Sur }",
        "      - { id: sur, name: Zona Sur }\n      - { id: oriente, name: Zona Oriente }", $yaml), false, $tree2));
    $pp->upsert('wp:new-tree', 'norte-1', []);
    $run('after the tree changed (writes its copy)', fn() => $site2->process('norte')->cast('wp:new-tree', 'a'));
    $run('after the tree changed, outside', fn() => $site2->process('norte')->cast('wp:sur', 'a'));
    $out['territory copies'][1] .= ' / then ' . (implode(' ', array_column($db->query("SELECT COUNT(*) FROM participa_territory_marks GROUP BY tree ORDER BY 1")->fetch_all(), 0)) ?: 'none');
    // a schema without the procedure: casts take the full path
    $db->query("DROP PROCEDURE participa_cast_ballot");
    $run('without the procedure', fn() => $norte->cast('wp:late', 'a'));
    participa_test_drop($name);
    unlink($tree2);
    return $out;
}

// A YAML where every role votes: the stored roles cannot change the answer
// and the procedure does not read them.
function every_role_votes(string $name): array
{
    $site = Participa\Site::open(participa_test_config($name, <<<'Y'
territories:
  - { id: municipio, name: Municipio, children: [ { id: norte, name: Norte }, { id: sur, name: Sur } ] }
roles:
  ciudadano: { can: [comment, vote] }
  enlace: { can: [vote, enter_paper_ballots] }
processes:
  - { id: norte, title: Norte, kind: poll, method: plurality, candidates: [a, b], territory: norte,
      phases: { voting: [2020-01-01, 2099-12-31] } }
Y));
    $site->migrate();
    $db = participa_test_admin("pt_$name");
    $pp = $site->participants();
    foreach (['wp:1' => 'norte', 'wp:2' => 'sur', 'wp:3' => 'norte', 'wp:4' => 'norte'] as $id => $t) {
        $pp->upsert($id, $t, $id === 'wp:4' ? ['enlace'] : []);
    }
    $db->query("UPDATE participa_participants SET status = 'banned' WHERE id = 'wp:3'");
    $norte = $site->process('norte');
    $norte->cast('wp:4', 'a');      // writes the tree's copy
    $out = [];
    $run = function (string $label, callable $fn) use (&$out) { $out["every role votes: $label"] = outcome($fn); };
    $run('resident', fn() => $norte->cast('wp:1', 'a'));
    $run('resident again', fn() => $norte->cast('wp:1', 'a'));
    $run('lives outside', fn() => $norte->cast('wp:2', 'a'));
    $run('banned', fn() => $norte->cast('wp:3', 'a'));
    $run('no participant row', fn() => $norte->cast('wp:5', 'a'));
    participa_test_drop($name);
    return $out;
}

ini_set('participa.cast_fast_path', '1');
$fast = scenarios('process_cast_fast_001a', $processes, $extra) + every_role_votes('process_cast_fast_001c');
ini_set('participa.cast_fast_path', '0');
$full = scenarios('process_cast_fast_001b', $processes, $extra) + every_role_votes('process_cast_fast_001d');
foreach ($fast as $label => [$n, $o]) {
    [$nFull, $oFull] = $full[$label];
    if ($label === 'first cast') {
        echo "-- the first cast: $o with the procedure (full path: $oFull)\n";
    } elseif ($label === 'rows') {
        echo "-- rows: ", $o === $oFull ? "the same on both paths" : "DIFFER; the full path's:\n$oFull", "\n$o\n";
    } elseif ($label === 'territory copies') {
        echo "-- territory copy rows: $o (full path: $oFull)\n";
    } else {
        printf("%-42s %-4s %s%s\n", $label, $n < $nFull ? 'fast' : 'full', $o, $o === $oFull ? '' : "   DIFFERS from the full path: $oFull");
    }
}
?>
--EXPECT--
-- the first cast: statements 6 with the procedure (full path: statements 6)
resident, default role                     fast ok receipt 26 v1
resident again                             full Participa\ConflictException: Ya emitiste tu voto en este proceso y no se puede cambiar.
lives outside                              full Participa\NotAllowedException: Este proceso es solo para quienes viven en Zona Norte.
no participant row                         full Participa\NotAllowedException: Para votar en este proceso necesitas registrar tu territorio (colonia o manzana).
territory gone from the YAML               full Participa\NotAllowedException: Para votar en este proceso necesitas registrar tu territorio (colonia o manzana).
banned                                     full Participa\NotAllowedException: Tu cuenta está suspendida; no puedes votar.
stored role without vote                   full Participa\NotAllowedException: Tu rol no tiene voto en este proceso.
stored roles, one votes                    full ok receipt 26 v1
dropped role only                          fast ok receipt 26 v1
assignment in the territory                fast ok receipt 26 v1
assignment elsewhere only                  fast ok receipt 26 v1
yaml role without vote                     full Participa\NotAllowedException: Tu rol no tiene voto en este proceso.
key, first                                 fast ok receipt 26 v1
key, again                                 full ok receipt 26 v1 replayed
changes: first                             fast ok receipt 26 v1
changes: second                            full ok receipt 26 v2 changed
changes: second again                      full ok receipt 26 v2 replayed
roles: [enlace], a citizen                 full Participa\NotAllowedException: Tu rol no tiene voto en este proceso.
roles: [enlace], an enlace                 fast ok receipt 26 v1
public process                             fast ok receipt 26 v1
body: member                               fast ok receipt 26 v1
body: member without the vote permission   fast ok receipt 26 v1
body: member with voice only               full Participa\NotAllowedException: Tu rol no tiene voto en este proceso.
body: not a member                         full Participa\NotAllowedException: Solo integrantes de secretariado participan en este proceso.
closed meanwhile                           full Participa\NotAllowedException: La votación de este proceso ya cerró.
-- rows: the same on both paths
voter cambios wp:ch ref kept = its box row
voter cuerpo st:1 ref none
voter cuerpo st:2 ref none
voter enlaces wp:enl ref none
voter norte wp:1 ref none
voter norte wp:asig ref none
voter norte wp:asig-sur ref none
voter norte wp:key ref none
voter norte wp:obs-cit ref none
voter norte wp:old ref none
voter norte wp:warm ref none
voter publica wp:1 ref none
box cambios c>a - - - web 2 26
box cuerpo a - - - web 1 26
box cuerpo a - - - web 1 26
box enlaces a,b - - - web 1 26
box norte a - - - web 1 26
box norte a - - - web 1 26
box norte a - - - web 1 26
box norte a - - - web 1 26
box norte a - - - web 1 26
box norte a - - - web 1 26
box norte b - - - web 1 26
box publica b - - wp:1 web 1 26
key cambios wp:ch c1 v1 = its box row
key cambios wp:ch c2 v2 = its box row
key norte wp:key k1 v1 = its box row
-- territory copy rows: 5 / then 5 6 (full path: none / then none)
after the tree changed (writes its copy)   full ok receipt 26 v1
after the tree changed, outside            full Participa\NotAllowedException: Este proceso es solo para quienes viven en Zona Norte.
without the procedure                      full ok receipt 26 v1
every role votes: resident                 fast ok receipt 26 v1
every role votes: resident again           full Participa\ConflictException: Ya emitiste tu voto en este proceso y no se puede cambiar.
every role votes: lives outside            full Participa\NotAllowedException: Este proceso es solo para quienes viven en Norte.
every role votes: banned                   full Participa\NotAllowedException: Tu cuenta está suspendida; no puedes votar.
every role votes: no participant row       full Participa\NotAllowedException: Para votar en este proceso necesitas registrar tu territorio (colonia o manzana).