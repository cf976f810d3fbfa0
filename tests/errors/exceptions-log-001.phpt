--TEST--
Participa\DatabaseException, ConfigException: operational failures are written to PHP's error log with their details; refusals are not
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$log = sys_get_temp_dir() . '/participa-exceptions-log-' . getmypid() . '-' . uniqid() . '.log';
$dir = sys_get_temp_dir() . '/participa-nodb-' . getmypid() . '-' . uniqid();
$path = participa_test_yaml('exceptions-log-001',
    "site:\n  name: Prueba\ndatabase:\n  socket: $dir/mysqld.sock\n  name: participa\n  user: operador\n");

// under the CLI nothing is logged without an error_log file (the terminal
// is the log there): nothing may appear in this test's output
ini_set('log_errors', '1');
try {
    Participa\Site::open($path)->migrate();
} catch (Participa\DatabaseException $e) {
    echo "thrown, nothing printed\n";
}

ini_set('error_log', $log);
try {
    Participa\Site::open($path)->migrate();
} catch (Participa\DatabaseException $e) {
}
$bad = participa_test_yaml('exceptions-log-001-bad', "site:\n  nmae: Typo\ndatabase:\n  socket: $dir/x.sock\n  name: p\n  user: p\n");
try {
    Participa\Site::open($bad);
} catch (Participa\ConfigException $e) {
}
// a refusal made in PHP code is not participa's to log
try {
    throw new Participa\NotFoundException('no such thing');
} catch (Participa\Exception $e) {
}
$lines = file($log, FILE_IGNORE_NEW_LINES);
echo count($lines), " lines\n";
foreach ($lines as $line) {
    $line = preg_replace('/^\[[^\]]*\] /', '', $line);
    echo str_replace([$dir, sys_get_temp_dir()], ['DIR', 'TMP'], $line), "\n";
}
unlink($log);
unlink($path);
unlink($bad);
?>
--EXPECTF--
thrown, nothing printed
2 lines
participa: Participa\DatabaseException (2002, SQLSTATE HY000): cannot connect to MariaDB at socket DIR/mysqld.sock as user 'operador' to database 'participa': %s
participa: Participa\ConfigException: TMP/participa-test-exceptions-log-001-bad.yaml:2:3: %s
