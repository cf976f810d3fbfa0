--TEST--
Participa\Site: a long-running process (one request, as a CLI loop) that sees the database restart succeeds on its first call afterwards
--EXTENSIONS--
participa
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
if (!is_executable('/usr/sbin/mariadbd') && !is_executable('/usr/bin/mariadbd')) echo "skip mariadbd is not installed\n";
?>
--FILE--
<?php
// Its own private server, restarted under the running script: no new
// request, no new Site::open(), so nothing pings the connection in between.
require __DIR__ . '/../helpers/participa_test.php';
$dir = sys_get_temp_dir() . '/participa-restart2-' . getmypid() . '-' . uniqid();
$lib = PARTICIPA_REPO . '/scripts/lib/mariadb.sh';
function sh(string $lib, string $cmd): int {
    exec('bash -c ' . escapeshellarg("source $lib; $cmd") . ' 2>&1', $out, $rc);
    if ($rc !== 0) echo implode("\n", $out), "\n";
    return $rc;
}
// the private server never outlives the test, even when it fails midway
register_shutdown_function(function () use ($lib, $dir) {
    exec('bash -c ' . escapeshellarg("source $lib; pt_mariadb_stop $dir") . ' 2>&1');
    exec('rm -rf ' . escapeshellarg($dir));
});
sh($lib, "pt_mariadb_start $dir && pt_mariadb_sql $dir 'CREATE DATABASE participa'");
$path = participa_test_yaml('site-db_restart-002', <<<YAML
site:
  name: Reinicio
database:
  socket: $dir/mysqld.sock
  name: participa
  user: root
territories:
  - { id: centro, name: Centro }
roles:
  ciudadano: { can: [comment, vote] }
YAML);
$site = Participa\Site::open($path);
$site->migrate();
$people = $site->participants();
$people->upsert('wp:1', 'centro');
$before = Participa\Site::stats()['db_connects'];

for ($round = 1; $round <= 2; $round++) {
    sh($lib, "pt_mariadb_stop $dir && pt_mariadb_start $dir");
    // the very first call after the restart: a read
    $p = $people->get('wp:1');
    echo "round $round: read after restart: ", $p['territory'], "\n";
    sh($lib, "pt_mariadb_stop $dir && pt_mariadb_start $dir");
    // the very first call after the restart: a write (a transaction)
    $p = $people->upsert("wp:" . ($round + 1), 'centro');
    echo "round $round: write after restart: ", $p['id'], "\n";
}
$after = Participa\Site::stats()['db_connects'];
echo "reconnects: ", $after - $before, "\n";
var_dump(count($people->get('wp:3')) > 0);
?>
--EXPECT--
round 1: read after restart: centro
round 1: write after restart: wp:2
round 2: read after restart: centro
round 2: write after restart: wp:3
reconnects: 4
bool(true)
