--TEST--
Participa\Template::render(): data is read in place: shared arrays (2^40 paths) cost nothing, a 100,000-key map is hashed, integer keys are found signed, cycles/objects/depth refused
--EXTENSIONS--
participa
--INI--
memory_limit=64M
--FILE--
<?php
use Participa\Template;

function attempt(callable $f) {
    try {
        return $f();
    } catch (Participa\InvalidArgumentException $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
}

// The same array referenced twice at each of 40 levels: 2^40 paths through 41 arrays. Converting it
// to a tree, as render() did, needs 2^40 nodes and never ends (or exhausts memory_limit).
$a = ['nombre' => 'hoja', 'l' => [1, 2]];
for ($i = 0; $i < 40; $i++) {
    $a = ['k' => $a, 'l' => [$a, $a]];
}
echo Template::render(str_repeat('{{#k}}', 40) . '{{nombre}}' . str_repeat('{{/k}}', 40) . "\n", $a);
echo Template::render(str_repeat('{{#l.1}}', 40) . '{{nombre}}: {{#l}}{{.}}{{/l}}' . str_repeat('{{/l.1}}', 40) . "\n", $a);
// Walking every path is refused by the step budget, with a message, not a hung worker.
echo attempt(fn() => Template::render(str_repeat('{{#l}}', 40) . 'x' . str_repeat('{{/l}}', 40), $a)), "\n";
echo memory_get_peak_usage() < 32 * 1024 * 1024 ? "memoria acotada\n" : "memoria: " . memory_get_peak_usage() . "\n";

// 100,000 keys, the one looked up inserted last, 20,000 times.
$m = [];
for ($i = 0; $i < 100000; $i++) $m["k$i"] = $i;
$out = Template::render(str_repeat('{{k99999}}', 20000), $m);
echo strlen($out), ' ', substr($out, 0, 10), "\n";

// Integer keys: signed, and a numeric name finds them (an array that is not a list is a map).
echo Template::render("{{-5}} {{5}} {{05}} {{#m}}{{-1}}{{/m}}\n", [-5 => 'menos cinco', 5 => 'cinco', '05' => 'cero cinco', 'm' => [-1 => 'x', 3 => 'y']]);
// References are followed; a hash-mode list is still a list.
$x = 'por referencia';
$list = [0 => 'a', 1 => 'b'];
unset($list[1]);
$list[1] = 'c';
echo Template::render("{{r}} {{#list}}[{{.}}]{{/list}} {{list.1}}\n", ['r' => &$x, 'list' => $list]);
// Floats print as PHP prints them.
echo Template::render("{{a}} {{b}} {{c}}\n", ['a' => 0.1 + 0.2, 'b' => 1e100, 'c' => -0.0]);

// Refused: a cycle made with a reference, more than 128 levels, objects anywhere (even unused), resources.
$c = ['n' => 1];
$c['self'] = &$c;
echo attempt(fn() => Template::render('{{n}}', $c)), "\n";
unset($c['self']);   // (PHP itself leaks a reference cycle at shutdown without the collector)
$deep = 'fondo';
for ($i = 0; $i < 127; $i++) $deep = [$deep];
echo attempt(fn() => Template::render('128 niveles', [$deep])), "\n";
echo attempt(fn() => Template::render('129 niveles', [[$deep]])), "\n";
echo attempt(fn() => Template::render('{{a}}', ['a' => 1, 'b' => [[new ArrayObject([])]]])), "\n";
echo attempt(fn() => Template::render('{{a}}', ['a' => STDIN])), "\n";
// The shared subtree is checked once, but its depth counts at every place it sits.
$s = 'x';
for ($i = 0; $i < 100; $i++) $s = [$s];
$t = $s;
for ($i = 0; $i < 30; $i++) $t = [$t];
echo attempt(fn() => strlen(Template::render('', ['a' => $s, 'b' => $t]))), "\n";
?>
--EXPECT--
hoja
hoja: 12
Participa\InvalidArgumentException: plantilla: la representación necesita más de 5000000 pasos (¿parcial recursivo o secciones anidadas sobre listas?)
memoria acotada
100000 9999999999
menos cinco cinco cero cinco x
por referencia [a][c] c
0.30000000000000004 1.0E+100 -0
Participa\InvalidArgumentException: Template::render(): los datos se contienen a sí mismos (una referencia circular)
128 niveles
Participa\InvalidArgumentException: Template::render(): datos anidados a más de 128 niveles
Participa\InvalidArgumentException: Template::render(): los datos solo pueden contener arreglos y valores escalares, no ArrayObject (convierta los objetos con toArray() antes)
Participa\InvalidArgumentException: Template::render(): los datos solo pueden contener arreglos y valores escalares, no resource (convierta los objetos con toArray() antes)
Participa\InvalidArgumentException: Template::render(): datos anidados a más de 128 niveles
