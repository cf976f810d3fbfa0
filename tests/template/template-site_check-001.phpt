--TEST--
site.templates: Site::check() and Site::open() refuse a folder that does not exist or is not a folder, at the key's position; a good one, relative to the YAML, passes
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$base = participa_test_unique_path('template_site_check_001', '');
mkdir($base);
mkdir("$base/plantillas");
file_put_contents("$base/archivo.html", "<p>x</p>\n");
$yaml = "$base/participa.yaml";
foreach (['plantillas' => 'relative, exists', "$base/plantillas" => 'absolute, exists', 'no-existe' => 'missing',
        'archivo.html' => 'a file', "\"\"" => 'empty'] as $value => $what) {
    file_put_contents($yaml, "site:\n  name: Prueba\n  templates: $value\ndatabase: {socket: /nonexistent.sock, name: p, user: u}\n");
    $problems = Participa\Site::check($yaml);
    echo "$what: ", $problems ? implode('; ', array_map(fn($p) => "{$p['line']}:{$p['column']}: " .
        str_replace($base, 'BASE', $p['message']), $problems)) : 'no problems', "\n";
    try {
        Participa\Site::open($yaml);
        echo "  opens\n";
    } catch (Participa\ConfigException $e) {
        echo "  open: ConfigException at {$e->getLine()}\n";
    }
}
unlink($yaml);
unlink("$base/archivo.html");
rmdir("$base/plantillas");
rmdir($base);
?>
--EXPECT--
relative, exists: no problems
  opens
absolute, exists: no problems
  opens
missing: 3:14: site.templates: cannot read the folder 'BASE/no-existe': No such file or directory
  open: ConfigException at 3
a file: 3:14: site.templates: cannot read the folder 'BASE/archivo.html': it is not a folder
  open: ConfigException at 3
empty: 3:14: site.templates must not be empty
  open: ConfigException at 3
