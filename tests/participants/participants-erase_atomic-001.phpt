--TEST--
Participants::erase() is one transaction: a failure late in it leaves everything as it was; export() of an unknown id lists every section, empty
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/participants_test.inc';
$name = 'participants_erase_atomic_001';
$site = participants_test_site($name);
$db = participa_test_admin('pt_' . $name);
$pp = $site->participants();
$pp->upsert('wp:42', 'sm', ['ciudadano']);
$t = $site->thread('post', '1');
$c = $t->post('wp:7', 'Hola');
$mine = $t->post('wp:42', 'Mi comentario');
$t->react($c['id'], 'wp:42', 'up');
$before = json_encode($pp->export('wp:42'));

// the attendance update runs after comments, reactions and votes: make it fail
$db->query("RENAME TABLE participa_assembly_attendance TO participa_assembly_attendance_away");
try {
    $pp->erase('wp:42');
    echo "erase: accepted\n";
} catch (Participa\Exception $e) {
    echo "erase: refused (", $e instanceof Participa\DatabaseException ? 'database' : get_class($e), ")\n";
}
$db->query("RENAME TABLE participa_assembly_attendance_away TO participa_assembly_attendance");
echo "nothing changed: ", json_encode(json_encode($pp->export('wp:42')) === $before), "\n";
echo "their comment: ", $db->query("SELECT CONCAT(author, ' ', status, ' ', body) FROM participa_comments WHERE id = {$mine['id']}")->fetch_row()[0], "\n";
echo "up votes on the other: ", $db->query("SELECT up_count FROM participa_comments WHERE id = {$c['id']}")->fetch_row()[0], "\n";
$r = $pp->erase('wp:42');
echo "then: ", $r['comments'], " comment, ", $r['reactions'], " reaction\n";

$e = $pp->export('wp:nadie');
echo $e['id'], ": ", implode(' ', array_map(fn($k, $v) => $k . '=' . count($v), array_keys($e['tables']), $e['tables'])), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('participants_erase_atomic_001'); ?>
--EXPECT--
erase: refused (database)
nothing changed: true
their comment: wp:42 published Mi comentario
up votes on the other: 1
then: 1 comment, 1 reaction
wp:nadie: participant=0 roles=0 comments=0 comment_versions=0 reactions=0 flags=0 mentions=0 official_answers=0 moderation_log=0 votes=0 cast_keys=0 public_ballots=0 proposals=0 withdrawals=0 paper_batches=0 commitment_events=0 commitment_evidence=0 assemblies_recorded=0 assembly_attendance=0
