--TEST--
Participa\Site::open() and ::check(): the configuration is read through PHP's streams, so open_basedir applies
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
// A child PHP runs with open_basedir set to one directory; a configuration
// outside it must not be read (before, participa opened it with fopen()).
$base = sys_get_temp_dir() . '/participa-basedir-' . getmypid() . '-' . uniqid();
$allowed = "$base/allowed";
mkdir($allowed, 0700, true);
$yaml = "site:\n  name: Secreta\ndatabase:\n  socket: /run/mysqld/mysqld.sock\n  name: p\n  user: p\n";
file_put_contents("$base/outside.yaml", $yaml);
file_put_contents("$allowed/inside.yaml", $yaml);
file_put_contents("$allowed/child.php", '<?php
foreach ([$argv[1], $argv[2]] as $path) {
    try {
        $site = Participa\Site::open($path);
        echo basename($path), ": opened, ", $site->info()["name"], "\n";
    } catch (Participa\ConfigException $e) {
        $p = $e->getProblems();
        echo basename($path), ": ", count($p), " problem: ", $p[0]["message"], "\n";
    }
    $p = Participa\Site::check($path);
    echo basename($path), ", check: ", $p ? $p[0]["message"] : "OK", "\n";
}
');
$cmd = participa_test_php_command(['-d', "open_basedir=$allowed", "$allowed/child.php", "$base/outside.yaml", "$allowed/inside.yaml"]);
$proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
echo proc_close($proc) === 0 ? "exit 0\n" : "exit non-zero: $err\n";
echo str_contains($err, 'Warning') ? "warnings: $err\n" : "no warnings\n";
foreach (["$allowed/child.php", "$allowed/inside.yaml", "$base/outside.yaml"] as $f) {
    unlink($f);
}
rmdir($allowed);
rmdir($base);
?>
--EXPECT--
outside.yaml: 1 problem: cannot read the configuration: open_basedir does not allow this file
outside.yaml, check: cannot read the configuration: open_basedir does not allow this file
inside.yaml: opened, Secreta
inside.yaml, check: OK
exit 0
no warnings
