--TEST--
Participa\Site: a forked child never uses or closes its parent's database connection
--EXTENSIONS--
participa
pcntl
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$path = participa_test_config('site_fork_001', "territories:\n  - { id: t1, name: Uno }\n", true,
    participa_test_unique_path('site_fork_001'));
$site = Participa\Site::open($path);
$site->migrate();
$parentPid = Participa\Site::stats()['pid'];

// Child 1 uses the site: it must open its own connection, not share the parent's socket.
$pid = pcntl_fork();
if ($pid === 0) {
    $s = Participa\Site::open($path);
    $s->migrate();
    $stats = Participa\Site::stats();
    exit($stats['pid'] !== $parentPid && $stats['db_connects'] === 1 ? 0 : 3);
}
pcntl_waitpid($pid, $status);
echo "child 1 exit: ", pcntl_wexitstatus($status), "\n";

// Child 2 exits without touching the database; its shutdown must not close the parent's socket.
$pid = pcntl_fork();
if ($pid === 0) {
    exit(0);
}
pcntl_waitpid($pid, $status);
echo "child 2 exit: ", pcntl_wexitstatus($status), "\n";

// The parent's connection still works, and it is the same one.
$before = Participa\Site::stats()['db_connects'];
var_dump($site->migrate());
var_dump(Participa\Site::stats()['db_connects'] === $before);
participa_test_drop('site_fork_001');
unlink($path);
?>
--EXPECT--
child 1 exit: 0
child 2 exit: 0
array(0) {
}
bool(true)
