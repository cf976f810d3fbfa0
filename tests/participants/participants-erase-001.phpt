--TEST--
Participants::erase(): a person is erased or unlinked everywhere in one transaction (comments keep their place, counters stay true), except the records the law requires; Participants::export() before and after
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/participants_test.inc';
$name = 'participants_erase_001';
$site = participants_test_site($name);
$db = participa_test_admin('pt_' . $name);
$pp = $site->participants();
$m = $site->moderation();
$pp->upsert('wp:42', 'sm', ['ciudadano']);
$pp->upsert('wp:7', 'sm', ['ciudadano']);

// --- what wp:42 leaves behind
$t = $site->thread('territory', 'sm');
$c7 = $t->post('wp:7', 'Falta alumbrado en la calle 5');
$a = $t->post('wp:42', 'Yo vivo en la calle 5 y es cierto, llamen a @wp:7');
$t->edit($a['id'], 'wp:42', 'Yo vivo en la calle 5 y es cierto');
$d = $t->post('wp:7', 'Gracias @wp:42', ['parent' => $a['id']]);
$b = $t->post('wp:42', 'Otra respuesta', ['parent' => $c7['id']]);
$t->react($c7['id'], 'wp:42', 'up');
$t->react($c7['id'], 'wp:42', 'agree');
$t->react($c7['id'], 'wp:7', 'down');
$c8 = $t->post('wp:7', 'Control: un voto en contra');
$t->react($c8['id'], 'wp:1', 'down');
$t->flag($c7['id'], 'wp:42', 'Datos personales');
$held = $site->thread('assembly', 'acta-1')->post('wp:42', 'Un comentario que espera revisión');
$m->ban('wp:42', 'wp:mod', 'spam');
$m->unban('wp:42', 'wp:mod', 'revisado');
$site->process('consulta-publica')->cast('wp:42', 'si');
$site->process('consulta-secreta')->cast('wp:42', 'no', ['idempotency_key' => 'k-1']);
$closed = $site->process('consulta-cerrada');
$closed->cast('wp:42', 'si', ['idempotency_key' => 'k-2']);
$closed->cast('wp:7', 'no');
$closed->close();
$site->process('propuestas')->propose('wp:42', ['id' => 'ana-lopez', 'name' => 'Ana López']);
$site->commitments()->upsert(['id' => 'C-1', 'plan' => 'plan', 'title' => 'Alumbrado', 'territory' => 'sm'], 'wp:fun');
$site->commitments()->update('C-1', ['progress' => 30], 'wp:fun', 'avance');
$site->commitments()->recordAssembly(['territory' => 'sm', 'held_on' => '2026-03-14', 'place' => 'Explanada',
    'attendance' => 12, 'attendees' => ['wp:42', 'María Hernández'], 'agreements' => []], 'wp:enl');

function sections(array $e): string
{
    $out = [];
    foreach ($e['tables'] as $k => $rows) {
        if ($rows) {
            $out[] = "$k " . count($rows);
        }
    }
    return implode(', ', $out);
}
/** page()'s counts against a recount of the rows (page() adds what schema 007 has not folded yet). */
function recount(mysqli $db, Participa\Thread $t): string
{
    $id = $t->info()['id'];
    $r = $db->query("SELECT SUM(status = 'published'), SUM(status = 'held'), SUM(status = 'hidden'), SUM(status = 'deleted'),
        SUM(parent_id = 0 AND public = 1) FROM participa_comments WHERE thread_id = $id")->fetch_row();
    $c = $t->page()['counts'];
    $p = [$c['published'], $c['held'], $c['hidden'], $c['deleted'], $c['roots']];
    return implode(',', $p) . ($p == array_map('intval', $r) ? ' = recount' : ' != recount ' . implode(',', $r));
}

echo "-- export before\n";
$e = $pp->export('wp:42');
echo sections($e), "\n";
echo json_encode($e['yaml_assignments']), "\n";
echo "comment: ", $e['tables']['comments'][0]['body'], " (v", $e['tables']['comments'][0]['version'], "); earlier: ",
    $e['tables']['comment_versions'][0]['body'], "\n";
foreach ($e['tables']['votes'] as $v) {
    echo "voted in {$v['process']} (secret {$v['secret']}, closed {$v['closed']}): ", implode(',', array_keys($v)), "\n";
}
echo "public ballot: ", $e['tables']['public_ballots'][0]['process'], ' ', $e['tables']['public_ballots'][0]['ballot'], "\n";
echo "nothing of a secret ballot: ", json_encode(preg_match('/receipt|ballot_ref|"version"/', json_encode([$e['tables']['votes'], $e['tables']['cast_keys']]))), "\n";

echo "-- erase\n";
$r = $pp->erase('wp:42');
$pseudonym = $r['pseudonym'];
echo preg_match('/^borrado:[a-z2-9]{26}$/', $pseudonym) ? "pseudonym ok" : "pseudonym $pseudonym", "\n";
unset($r['pseudonym']);
echo json_encode($r), "\n";

echo "-- after\n";
var_dump($pp->get('wp:42'));
echo "export: ", sections($pp->export('wp:42')), "\n";
$left = [];
foreach ([
    'participa_participants' => 'id', 'participa_participant_roles' => 'participant_id', 'participa_comments' => 'author',
    'participa_reactions' => 'participant', 'participa_flags' => 'participant', 'participa_mentions' => 'participant',
    'participa_ballot_box' => 'voter', 'participa_process_options' => 'proposed_by', 'participa_assembly_attendance' => 'name',
    'participa_voters' => 'participant_id', 'participa_cast_keys' => 'participant_id',
] as $table => $col) {
    $n = $db->query("SELECT COUNT(*) FROM $table WHERE $col = 'wp:42'")->fetch_row()[0];
    $left[] = "$table.$col $n";
}
echo implode("\n", $left), "\n";
echo "log rows about them, kept and unlinked: ", $db->query("SELECT COUNT(*) FROM participa_moderation_log WHERE participant = '$pseudonym'")->fetch_row()[0], "\n";
echo "comments: ", json_encode($db->query("SELECT status, body, alignment, idempotency_key IS NULL FROM participa_comments WHERE author = '$pseudonym' ORDER BY id")->fetch_all()), "\n";
echo "versions left: ", $db->query("SELECT COUNT(*) FROM participa_comment_versions v JOIN participa_comments c ON c.id = v.comment_id WHERE c.author = '$pseudonym'")->fetch_row()[0], "\n";
echo "the comment they reacted to (up, down, agree, flags, replies): ", json_encode($db->query("SELECT up_count, down_count, agree_count, flag_count, reply_count FROM participa_comments WHERE id = {$c7['id']}")->fetch_row()), "\n";
echo "its scores are those of one down vote: ", json_encode($db->query("SELECT a.wilson = b.wilson AND a.controversial = b.controversial FROM participa_comments a, participa_comments b WHERE a.id = {$c7['id']} AND b.id = {$c8['id']}")->fetch_row()[0]), "\n";
echo "thread counts: ", recount($db, $t), "\n";
echo "assembly thread counts: ", recount($db, $site->thread('assembly', 'acta-1')), "\n";
$page = $t->page();
foreach ($page['comments'] as $n) {
    echo "  ", $n['id'] === $a['id'] ? 'A' : ($n['id'] === $c8['id'] ? 'C8' : 'C7'), ": ", $n['status'], " body ", json_encode($n['body']), " replies ",
        implode(',', array_map(fn($x) => $x['id'] === $d['id'] ? 'D(' . $x['status'] . ')' : 'B(' . $x['status'] . ')', $n['replies'])), "\n";
}
echo "page counts: ", json_encode($page['counts']), "\n";
echo "closed secret process: voters ", $db->query("SELECT COUNT(*) FROM participa_voters v JOIN participa_processes p ON p.id = v.process_id WHERE p.code = 'consulta-cerrada'")->fetch_row()[0],
    ", of them the pseudonym ", $db->query("SELECT COUNT(*) FROM participa_voters WHERE participant_id = '$pseudonym'")->fetch_row()[0], "\n";
echo "public results still count the ballot: ", $site->process('consulta-publica')->results()['ballots'], "\n";
echo "the proposal stays: ", $site->process('propuestas')->options()[0]['id'] ?? 'none', "\n";
// While the process is open, the voter row stays: the same id cannot vote again.
participants_try('wp:42 votes again in the open secret process', fn() => $site->process('consulta-secreta')->cast('wp:42', 'si'));
echo "secret ballots: ", $db->query("SELECT COUNT(*) FROM participa_ballot_box b JOIN participa_processes p ON p.id = b.process_id WHERE p.code = 'consulta-secreta'")->fetch_row()[0], "\n";

echo "-- a second erase finds nothing more\n";
$r2 = $pp->erase('wp:42');
unset($r2['pseudonym']);
echo json_encode($r2), "\n";
echo "-- ids follow the id rule\n";
participants_try('erase "wp:7 "', fn() => $pp->erase('wp:7 '));
participants_try('export ""', fn() => $pp->export(''));
participants_try('erase with a NUL', fn() => $pp->erase("wp:7\0"));
echo "-- acts done with a permission over others stay\n";
$r = $pp->erase('wp:mod');
echo "wp:mod: ", json_encode($r['kept']), "; log rows still naming wp:mod: ",
    $db->query("SELECT COUNT(*) FROM participa_moderation_log WHERE moderator = 'wp:mod'")->fetch_row()[0], "\n";
$r = $pp->erase('wp:fun');
echo "wp:fun: ", json_encode($r['kept']), "; the history chain verifies: ", json_encode($site->commitments()->verify()['ok']), "\n";
$r = $pp->erase('wp:enl');
echo "wp:enl: ", json_encode($r['kept']), "\n";
echo "wp:7 untouched: ", $pp->get('wp:7')['status'], ", ", $db->query("SELECT COUNT(*) FROM participa_comments WHERE author = 'wp:7'")->fetch_row()[0], " comments\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('participants_erase_001'); ?>
--EXPECT--
-- export before
participant 1, roles 1, comments 3, comment_versions 1, reactions 1, flags 1, mentions 1, moderation_log 3, votes 3, cast_keys 2, public_ballots 1, proposals 1, assembly_attendance 1
[]
comment: Yo vivo en la calle 5 y es cierto (v2); earlier: Yo vivo en la calle 5 y es cierto, llamen a @wp:7
voted in consulta-cerrada (secret 1, closed 1): process,secret,closed,voted_at
voted in consulta-publica (secret 0, closed 0): process,secret,closed,voted_at
voted in consulta-secreta (secret 1, closed 0): process,secret,closed,voted_at
public ballot: consulta-publica si
nothing of a secret ballot: 0
-- erase
pseudonym ok
{"id":"wp:42","participant":1,"roles":1,"comments":3,"comment_versions":1,"reactions":1,"flags":1,"mentions":1,"moderation_log":3,"voters":1,"cast_keys":1,"ballots":1,"proposals":1,"attendance":1,"kept":{"voters_open":2,"cast_keys_open":1,"official_acts":0,"commitment_history":0,"yaml_assignments":0}}
-- after
NULL
export: votes 2, cast_keys 1
participa_participants.id 0
participa_participant_roles.participant_id 0
participa_comments.author 0
participa_reactions.participant 0
participa_flags.participant 0
participa_mentions.participant 0
participa_ballot_box.voter 0
participa_process_options.proposed_by 0
participa_assembly_attendance.name 0
participa_voters.participant_id 2
participa_cast_keys.participant_id 1
log rows about them, kept and unlinked: 3
comments: [["deleted","",null,"1"],["deleted","",null,"1"],["deleted","",null,"1"]]
versions left: 0
the comment they reacted to (up, down, agree, flags, replies): ["0","1","0","0","1"]
its scores are those of one down vote: "1"
thread counts: 3,0,0,2,3 = recount
assembly thread counts: 0,0,0,1,1 = recount
  C7: published body "Falta alumbrado en la calle 5" replies B(deleted)
  A: deleted body null replies D(published)
  C8: published body "Control: un voto en contra" replies 
page counts: {"published":3,"held":0,"hidden":0,"deleted":2,"roots":3}
closed secret process: voters 2, of them the pseudonym 1
public results still count the ballot: 1
the proposal stays: ana-lopez
wp:42 votes again in the open secret process: Participa\ConflictException: Ya emitiste tu voto en este proceso y no se puede cambiar.
secret ballots: 1
-- a second erase finds nothing more
{"id":"wp:42","participant":0,"roles":0,"comments":0,"comment_versions":0,"reactions":0,"flags":0,"mentions":0,"moderation_log":0,"voters":0,"cast_keys":0,"ballots":0,"proposals":0,"attendance":0,"kept":{"voters_open":2,"cast_keys_open":1,"official_acts":0,"commitment_history":0,"yaml_assignments":0}}
-- ids follow the id rule
erase "wp:7 ": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
export "": Participa\InvalidArgumentException: El identificador del participante no es válido: está vacío.
erase with a NUL: Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
-- acts done with a permission over others stay
wp:mod: {"voters_open":0,"cast_keys_open":0,"official_acts":2,"commitment_history":0,"yaml_assignments":1}; log rows still naming wp:mod: 2
wp:fun: {"voters_open":0,"cast_keys_open":0,"official_acts":0,"commitment_history":2,"yaml_assignments":1}; the history chain verifies: true
wp:enl: {"voters_open":0,"cast_keys_open":0,"official_acts":1,"commitment_history":0,"yaml_assignments":1}
wp:7 untouched: active, 3 comments
