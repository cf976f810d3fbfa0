--TEST--
Participa\Template::render: escaping, sections, inverted, partials with indentation, cache reuse, errors
--EXTENSIONS--
participa
--FILE--
<?php
use Participa\Template;

// Escaped by default; triple and & are raw.
echo Template::render("{{t}}|{{{t}}}|{{& t}}\n", ['t' => "<a href=\"x\" title='y'>&</a>"]);

// Sections over lists and maps, dotted names, implicit iterator, inverted, numbers.
$tpl = "<ul lang=\"es\">\n{{#items}}\n  <li>{{nombre}} ({{votos}})</li>\n{{/items}}\n</ul>\n"
     . "{{#autor}}{{nombre}}, {{municipio.nombre}}{{/autor}}\n"
     . "{{#tags}}[{{.}}]{{/tags}}{{^vacio}} sin elementos{{/vacio}} {{pi}} {{sin.valor}}.\n";
$data = [
    'items' => [['nombre' => 'Parque', 'votos' => 12], ['nombre' => 'Bibliotéca & más', 'votos' => 0]],
    'autor' => ['nombre' => 'Ana', 'municipio' => ['nombre' => 'Oaxaca']],
    'tags' => ['a', 'b'],
    'vacio' => [],
    'pi' => 3.25,
];
echo Template::render($tpl, $data);
// Same source again: served from the cache, same result with other data.
echo Template::render($tpl, ['items' => [], 'tags' => [], 'vacio' => [1]]);

// Standalone partials are re-indented; missing partials are empty.
echo Template::render("<div>\n  {{>fila}}\n</div>{{>nada}}\n",
    ['filas' => [1, 2]], ['fila' => "{{#filas}}\n<p>{{.}}</p>\n{{/filas}}\n"]);

// Errors: bad template, bad partial, bad data, recursion.
$bad = [
    fn() => Template::render("<p>\n{{#a}}x{{/b}}", []),
    fn() => Template::render("{{#a}}\n\n  sin cerrar", []),
    fn() => Template::render("{{>p}}", [], ['p' => "{{nombre"]),
    fn() => Template::render("{{>p}}", [], ['p' => 5]),
    fn() => Template::render("{{x}}", ['x' => new stdClass]),
    fn() => Template::render("{{>p}}", [], ['p' => "{{>p}}"]),
];
foreach ($bad as $f) {
    try {
        $f();
        echo "rendered\n";
    } catch (Participa\InvalidArgumentException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;|<a href="x" title='y'>&</a>|<a href="x" title='y'>&</a>
<ul lang="es">
  <li>Parque (12)</li>
  <li>Bibliotéca &amp; más (0)</li>
</ul>
Ana, Oaxaca
[a][b] sin elementos 3.25 .
<ul lang="es">
</ul>

  .
<div>
  <p>1</p>
  <p>2</p>
</div>
Participa\InvalidArgumentException: plantilla: la etiqueta de cierre {{/b}} no corresponde a la sección {{#a}} (línea 2, columna 8)
Participa\InvalidArgumentException: plantilla: sección sin cerrar (línea 1, columna 1)
Participa\InvalidArgumentException: parcial "p": plantilla: etiqueta sin cerrar (línea 1, columna 1)
Participa\InvalidArgumentException: Template::render(): el parcial "p" debe ser una cadena, se recibió int
Participa\InvalidArgumentException: Template::render(): los datos solo pueden contener arreglos y valores escalares, no stdClass (convierta los objetos con toArray() antes)
Participa\InvalidArgumentException: plantilla: parciales anidados a más de 64 niveles (¿parcial recursivo?)
