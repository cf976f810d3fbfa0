--TEST--
Participa\Template::render(): bounded work: a one-line 1 MB template compiles (linearly), the output cap holds inside one indented partial, nesting, name, source, step and partial limits answer with a message
--EXTENSIONS--
participa
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

// One line of 1,000,000 bytes of tags (quadratic before: ~40 s; now a few milliseconds).
$line = str_repeat('{{#a}}x{{/a}}', 76924);
echo strlen($line), ' -> ', strlen(Template::render($line, ['a' => true])), "\n";
$attrs = str_repeat('<a href="?p={{n}}" title="{{n}}">{{n}}</a>', 25000);
echo strlen($attrs), ' -> ', strlen(Template::render($attrs, ['n' => 7])), "\n";

// A standalone partial indented by 1 MB repeats the indentation on each of its 40 lines: 40 MB from one op.
echo attempt(fn() => strlen(Template::render(str_repeat(' ', 1000000) . "{{>p}}\n", [], ['p' => str_repeat("x\n", 40)]))), "\n";
// ...and a partial including itself indented piles the indentation up: bounded by the same cap.
echo attempt(fn() => strlen(Template::render("{{>p}}", [], ['p' => str_repeat(' ', 1000000) . "{{>p}}\n"]))), "\n";
// A 4 MB string of quotes escapes to 24 MB.
echo attempt(fn() => strlen(Template::render('{{q}}', ['q' => str_repeat('"', 4 << 20)]))), "\n";
// Three nested loops with nothing inside over 2,000 items are 8e9 iterations.
echo attempt(fn() => Template::render('{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}{{/l}}', ['l' => range(1, 2000)])), "\n";
// Limits of the source itself.
echo attempt(fn() => Template::render(str_repeat('{{#a}}', 101) . str_repeat('{{/a}}', 101), [])), "\n";
echo attempt(fn() => Template::render('{{' . str_repeat('n', 257) . '}}', [])), "\n";
echo attempt(fn() => Template::render(str_repeat('x', 2 * 1024 * 1024 + 1), [])), "\n";
echo attempt(fn() => Template::render('{{>p}}', [], ['p' => 'x{{>p}}'])), "\n";
echo attempt(fn() => Template::render('{{>p}}', ['a' => 1], ['p' => str_repeat('{{#a}}', 20) . '{{>p}}' . str_repeat('{{/a}}', 20)])), "\n";
?>
--EXPECT--
1000012 -> 76924
1050000 -> 750000
Participa\InvalidArgumentException: plantilla: la salida supera 16777216 bytes
Participa\InvalidArgumentException: plantilla: la salida supera 16777216 bytes
Participa\InvalidArgumentException: plantilla: la salida supera 16777216 bytes
Participa\InvalidArgumentException: plantilla: la representación necesita más de 5000000 pasos (¿parcial recursivo o secciones anidadas sobre listas?)
Participa\InvalidArgumentException: plantilla: más de 100 secciones abiertas a la vez (línea 1, columna 601)
Participa\InvalidArgumentException: plantilla: nombre de etiqueta de más de 256 bytes (línea 1, columna 1)
Participa\InvalidArgumentException: plantilla: el código fuente supera 2097152 bytes
Participa\InvalidArgumentException: plantilla: parciales anidados a más de 64 niveles (¿parcial recursivo?)
Participa\InvalidArgumentException: plantilla: más de 1024 secciones abiertas a la vez al representar
