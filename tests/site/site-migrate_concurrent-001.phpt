--TEST--
Participa\Site::migrate(): two processes racing apply each migration exactly once
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$path = participa_test_config('site_migrate_concurrent_001', "territories:\n  - { id: t1, name: Uno }\n", true,
    participa_test_unique_path('site_migrate_concurrent_001'));
// Paths of this run only; the two children start together and race on
// their own, with no sleep to stagger them.
$script = participa_test_unique_path('site_migrate_concurrent_001', '.php');
file_put_contents($script, '<?php $s = Participa\Site::open($argv[1]);
echo json_encode($s->migrate()), "\n";');
$procs = [];
for ($i = 0; $i < 2; $i++) {
    $procs[] = proc_open(participa_test_php_command([$script, $path]), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$i]);
}
$applied = [];
foreach ($procs as $i => $p) {
    $out = stream_get_contents($pipes[$i][1]);
    $err = stream_get_contents($pipes[$i][2]);
    proc_close($p);
    $list = json_decode(trim($out), true);
    if (!is_array($list)) {
        echo "process $i failed: $out $err\n";
        continue;
    }
    $applied = array_merge($applied, $list);
}
$db = participa_test_admin('pt_site_migrate_concurrent_001');
$recorded = array_column($db->query("SELECT name FROM participa_migrations WHERE state = 'applied' ORDER BY version")->fetch_all(), 0);
sort($applied);
var_dump($applied === $recorded);
var_dump(count($applied) === count(array_unique($applied)));
echo count($recorded) > 0 ? "migrations recorded\n" : "none\n";
$db->close();
unlink($script);
unlink($path);
participa_test_drop('site_migrate_concurrent_001');
?>
--EXPECT--
bool(true)
bool(true)
migrations recorded
