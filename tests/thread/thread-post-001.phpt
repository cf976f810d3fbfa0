--TEST--
Thread::post(): publishes, redacts phone/e-mail/CURP, returns mentions, replies, idempotency keys
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_post_001', "  subjects:\n    process: { alignment: true }");
$t = $site->thread('process', 'pp-2026');
var_dump($t->info()['alignment'], $site->thread('process', 'pp-2026')->info()['id'] === $t->info()['id']);

// Redaction of a phone number, an e-mail address and a CURP; @mentions returned.
$c = $t->post('wp:1', "Llámenme al 55 1234 5678 o escriban a ana.lopez@example.com.\r\nMi CURP es GOLA800101HDFRPN09. Gracias @wp:2 y @wp:3.",
    ['alignment' => 'against']);
echo $c['status'], "\n", $c['body'], "\n";
echo implode(',', $c['redactions']), "\n", implode(',', $c['mentions']), "\n";
var_dump($c['alignment'], $c['depth'], $c['parent_id'], $c['message'], $c['replayed']);
echo preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/', $c['created_at']) ? "utc time\n" : "bad time\n";

// Nothing of the original personal data reached the database.
$db = participa_test_admin('pt_thread_post_001');
echo $db->query("SELECT COUNT(*) FROM participa_comments WHERE body LIKE '%1234%' OR body LIKE '%example%' OR body LIKE '%GOLA%'")->fetch_row()[0], " rows with personal data\n";
echo $db->query("SELECT GROUP_CONCAT(participant ORDER BY participant) FROM participa_mentions")->fetch_row()[0], "\n";

// A reply; the parent's reply count follows.
$r = $t->post('wp:2', 'De acuerdo', ['parent' => $c['id']]);
echo $r['depth'], ' ', $r['parent_id'] === $c['id'] ? 'parent ok' : 'parent wrong', ' ', $r['root_id'] === $c['id'] ? 'root ok' : 'root wrong', "\n";

// Idempotency: a retry with the same key returns the stored comment, no second row.
$a = $t->post('wp:4', 'Propongo luminarias', ['idempotency_key' => 'k-1']);
$b = $t->post('wp:4', 'Propongo luminarias', ['idempotency_key' => 'k-1']);
var_dump($a['id'] === $b['id'], $a['replayed'], $b['replayed']);
echo $db->query("SELECT COUNT(*) FROM participa_comments WHERE author = 'wp:4'")->fetch_row()[0], " row\n";
// The same key from another participant is another comment.
$other = $t->post('wp:5', 'Yo también', ['idempotency_key' => 'k-1']);
var_dump($other['id'] !== $a['id']);

$counts = $db->query("SELECT published_count, root_count FROM participa_threads")->fetch_row();
echo "published=$counts[0] roots=$counts[1]\n";
$db->close();
participa_test_drop('thread_post_001');
?>
--EXPECT--
bool(true)
bool(true)
published
Llámenme al [dato personal oculto] o escriban a [dato personal oculto].
Mi CURP es [dato personal oculto]. Gracias @wp:2 y @wp:3.
telefono,correo,curp
wp:2,wp:3
string(7) "against"
int(0)
NULL
NULL
bool(false)
utc time
0 rows with personal data
wp:2,wp:3
1 parent ok root ok
bool(true)
bool(false)
bool(true)
1 row
bool(true)
published=4 roots=3
