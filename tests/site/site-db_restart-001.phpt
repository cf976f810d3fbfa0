--TEST--
Participa\Site: a stopped database raises DatabaseException; after a restart the next call succeeds
--EXTENSIONS--
participa
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
if (!is_executable('/usr/sbin/mariadbd') && !is_executable('/usr/bin/mariadbd')) echo "skip mariadbd is not installed\n";
// run-tests -m traces children: the two servers this test starts would run
// under valgrind too, and take longer than run-tests waits on a busy machine.
elseif (getenv('USE_ZEND_ALLOC') === '0') echo "skip starts MariaDB servers, which valgrind would trace\n";
?>
--FILE--
<?php
// Starts its own private server (stopping the suite's shared one would break
// the tests running beside this one).
require __DIR__ . '/../helpers/participa_test.php';
$dir = sys_get_temp_dir() . '/participa-restart-' . getmypid() . '-' . bin2hex(random_bytes(6));
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
$path = participa_test_yaml('site-db_restart-001', "site:\n  name: Reinicio\ndatabase:\n  socket: $dir/mysqld.sock\n  name: participa\n  user: root\n",
    participa_test_unique_path('site-db_restart-001'));
$site = Participa\Site::open($path);
echo "migrated: ", count($site->migrate()) > 0 ? "yes" : "no", "\n";

sh($lib, "pt_mariadb_stop $dir");
try {
    // Same request: the connection is known good, so the failure shows up on use.
    $site->migrate();
    echo "no exception\n";
} catch (Participa\DatabaseException $e) {
    echo "DatabaseException ", $e->getCode() > 0 ? "with errno" : "without errno", "\n";
}
try {
    Participa\Site::open($path)->migrate();
    echo "no exception\n";
} catch (Participa\DatabaseException $e) {
    echo "DatabaseException again: ", $e->getCode() > 0 ? "with errno" : "without errno", "\n";
}

sh($lib, "pt_mariadb_start $dir");
var_dump(Participa\Site::open($path)->migrate());
unlink($path);
?>
--EXPECT--
migrated: yes
DatabaseException with errno
DatabaseException again: with errno
array(0) {
}
