--TEST--
Participa\Site::open(): a bad file throws ConfigException pointing at the YAML, with every problem
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$path = participa_test_yaml('site-open_error-001', <<<'YAML'
site:
  nmae: Typo
database:
  socket: /tmp/x.sock
  name: p
  user: p
roles:
  ciudadano: { can: [coment] }
YAML, participa_test_unique_path('site-open_error-001'));
try {
    Participa\Site::open($path);
} catch (Participa\ConfigException $e) {
    var_dump($e instanceof Participa\Exception, $e instanceof RuntimeException);
    echo basename($e->getFile()), ':', $e->getLine(), ':', $e->getColumn(), "\n";
    echo count($e->getProblems()), " problems\n";
    foreach ($e->getProblems() as $p) {
        echo basename($p['file']), ':', $p['line'], ':', $p['column'], "\n";
    }
    echo str_contains($e->getMessage(), "nmae") ? "names the key\n" : $e->getMessage();
}
try {
    Participa\Site::open('/nonexistent/participa.yaml');
} catch (Participa\ConfigException $e) {
    echo $e->getMessage(), "\n";
}
// check() reports the same problems and never throws
$problems = Participa\Site::check($path);
echo count($problems), " problems from check()\n";
var_dump(array_keys($problems[0]));
unlink($path);
?>
--EXPECTF--
bool(true)
bool(true)
participa-test-site-open_error-001-%s.yaml:2:3
%d problems
participa-test-site-open_error-001-%s.yaml:%d:%d
%A
names the key
/nonexistent/participa.yaml: cannot read the configuration file: No such file or directory
%d problems from check()
array(4) {
  [0]=>
  string(4) "file"
  [1]=>
  string(4) "line"
  [2]=>
  string(6) "column"
  [3]=>
  string(7) "message"
}
