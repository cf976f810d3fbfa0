--TEST--
Participa\Site::check(): moderation rules that backtrack catastrophically, do too much work or match everything are reported at their pattern
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$path = tempnam(sys_get_temp_dir(), 'participa-rules-');
file_put_contents($path, <<<'YAML'
site:
  name: Reglas
database:
  socket: /run/mysqld/mysqld.sock
  name: p
  user: p
moderation:
  rules:
    - { name: teléfono, preset: telefono_mx, action: redact }
    - { name: nido, pattern: '(a+)+b', action: hold }
    - { name: palabras, pattern: '(\w+\s?)*!', action: reject }
    - { name: cuadratica, pattern: '\w+\d', action: hold }
    - { name: todo, pattern: 'idiota|', action: hold }
    - { name: bien, pattern: '(?i)\b(?:idiota|imbécil)\b', action: hold }
YAML);
foreach (Participa\Site::check($path) as $p) {
    echo "{$p['line']}:{$p['column']}: ", preg_replace("/^(moderation rule '[^']*'(: the pattern [a-z ]+| matches any comment)).*/", '$1', $p['message']), "\n";
}
// Site::open() does not probe: such a rule is bounded at run time (the
// comment is held), so a site keeps working while the admin fixes it.
$site = Participa\Site::open($path);
echo $site->info()['name'], " opens\n";
unlink($path);
?>
--EXPECT--
10:30: moderation rule 'nido': the pattern backtracks catastrophically
11:34: moderation rule 'palabras': the pattern backtracks catastrophically
12:36: moderation rule 'cuadratica': the pattern does too much work
13:30: moderation rule 'todo' matches any comment
Reglas opens
