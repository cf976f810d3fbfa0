--TEST--
site.templates: `participa check FILE` prints FILE:LINE:COL for a folder that does not exist or is not a folder, and OK for a good one
--EXTENSIONS--
participa
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
if (!is_executable(PARTICIPA_REPO . '/out/participa')) echo "skip out/participa is not built\n";
// run-tests -m traces children: valgrind would report libphp's own embed start-up in the CLI binary
elseif (getenv('USE_ZEND_ALLOC') === '0') echo "skip the CLI binary is not checked under valgrind\n";
?>
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$base = participa_test_unique_path('template_site_check_cli_001', '');
mkdir($base);
mkdir("$base/plantillas");
file_put_contents("$base/archivo.html", "<p>x</p>\n");
$yaml = "$base/participa.yaml";
foreach (['plantillas', 'no-existe', 'archivo.html'] as $value) {
    file_put_contents($yaml, "site:\n  name: Prueba\n  templates: $value\ndatabase: {socket: /nonexistent.sock, name: p, user: u}\n");
    exec(escapeshellarg(PARTICIPA_REPO . '/out/participa') . ' check ' . escapeshellarg($yaml) . ' 2>&1', $out, $rc);
    echo "$value: exit $rc\n  ", str_replace($base, 'BASE', implode("\n  ", $out)), "\n";
    $out = [];
}
unlink($yaml);
unlink("$base/archivo.html");
rmdir("$base/plantillas");
rmdir($base);
?>
--EXPECT--
plantillas: exit 0
  BASE/participa.yaml: OK
no-existe: exit 1
  BASE/participa.yaml:3:14: site.templates: cannot read the folder 'BASE/no-existe': No such file or directory
  1 problem(s) in BASE/participa.yaml
archivo.html: exit 1
  BASE/participa.yaml:3:14: site.templates: cannot read the folder 'BASE/archivo.html': it is not a folder
  1 problem(s) in BASE/participa.yaml
