--TEST--
Participa\Template::render(): HTML contexts: escaping covers & < > " ' and `, tags where escaping cannot protect are refused with line and column, URL attribute values from data lose unsafe schemes
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

echo Template::render("<p title=\"{{v}}\" data-x='{{v}}'>{{v}}</p>\n", ['v' => "<a href=\"x\" title='y' alt=`z`>&amp;</a>"]);

// URL attributes: the value written (entities decoded) must be relative or http(s)/mailto/tel.
$links = '<a href="{{u}}">enlace</a> <img src="{{u}}" alt=""> <a href="?cursor={{u}}">más</a>' . "\n";
foreach (['https://example.org/acta.pdf?a=1&b=2', '/ruta#x', 'mailto:contraloria@example.org', 'javascript:alert(1)',
          " \tJaVa\nScRiPt:alert(1)", 'data:text/html,<script>alert(1)</script>', 'vbscript:x'] as $u) {
    echo Template::render($links, ['u' => $u]);
}
echo Template::render('<a href="{{scheme}}:{{rest}}">x</a> <img srcset="a.png 1x, {{u}} 2x">' . "\n",
    ['scheme' => 'javascript', 'rest' => 'alert(1)', 'u' => 'javascript:alert(1)']);

// Refused when the template compiles, with the position of the tag.
foreach ([
    '<a href={{u}}>x</a>',
    '<div {{attrs}}>',
    '<p onclick="go(\'{{u}}\')">',
    '<p style="width: {{u}}%">',
    "<script>\nvar u = '{{u}}';\n</script>",
    '<!-- {{u}} -->',
    '<p title="{{{u}}}">',
    '<p title="{{>p}}">',
    '<li {{#a}}class="{{/a}}x">',
] as $tpl) {
    echo attempt(fn() => Template::render($tpl, ['u' => 'x'], ['p' => 'x'])), "\n";
}
// A partial must end between elements.
echo attempt(fn() => Template::render('<p>{{>p}}</p>', [], ['p' => '<a title="'])), "\n";
// Optional attributes and raw HTML between elements stay possible.
echo Template::render("<a href=\"#\"{{#d}} download{{/d}}{{#t}} title=\"{{t}}\"{{/t}}>{{{html}}}</a>\n",
    ['d' => true, 't' => 'Título', 'html' => '<b>negritas</b>']);
?>
--EXPECT--
<p title="&lt;a href=&quot;x&quot; title=&#39;y&#39; alt=&#96;z&#96;&gt;&amp;amp;&lt;/a&gt;" data-x='&lt;a href=&quot;x&quot; title=&#39;y&#39; alt=&#96;z&#96;&gt;&amp;amp;&lt;/a&gt;'>&lt;a href=&quot;x&quot; title=&#39;y&#39; alt=&#96;z&#96;&gt;&amp;amp;&lt;/a&gt;</p>
<a href="https://example.org/acta.pdf?a=1&amp;b=2">enlace</a> <img src="https://example.org/acta.pdf?a=1&amp;b=2" alt=""> <a href="?cursor=https://example.org/acta.pdf?a=1&amp;b=2">más</a>
<a href="/ruta#x">enlace</a> <img src="/ruta#x" alt=""> <a href="?cursor=/ruta#x">más</a>
<a href="mailto:contraloria@example.org">enlace</a> <img src="mailto:contraloria@example.org" alt=""> <a href="?cursor=mailto:contraloria@example.org">más</a>
<a href="about:invalid#url-no-permitida">enlace</a> <img src="about:invalid#url-no-permitida" alt=""> <a href="?cursor=javascript:alert(1)">más</a>
<a href="about:invalid#url-no-permitida">enlace</a> <img src="about:invalid#url-no-permitida" alt=""> <a href="?cursor= 	JaVa
ScRiPt:alert(1)">más</a>
<a href="about:invalid#url-no-permitida">enlace</a> <img src="about:invalid#url-no-permitida" alt=""> <a href="?cursor=data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">más</a>
<a href="about:invalid#url-no-permitida">enlace</a> <img src="about:invalid#url-no-permitida" alt=""> <a href="?cursor=vbscript:x">más</a>
<a href="about:invalid#url-no-permitida">x</a> <img srcset="about:invalid#url-no-permitida">
Participa\InvalidArgumentException: plantilla: {{u}} dentro de una etiqueta HTML fuera de un valor de atributo entre comillas (línea 1, columna 9)
Participa\InvalidArgumentException: plantilla: {{attrs}} dentro de una etiqueta HTML fuera de un valor de atributo entre comillas (línea 1, columna 6)
Participa\InvalidArgumentException: plantilla: {{u}} en el atributo onclick de <p>: el escape HTML no protege JavaScript, CSS ni HTML anidado (línea 1, columna 17)
Participa\InvalidArgumentException: plantilla: {{u}} en el atributo style de <p>: el escape HTML no protege JavaScript, CSS ni HTML anidado (línea 1, columna 18)
Participa\InvalidArgumentException: plantilla: {{u}} dentro de <script>: el escape HTML no protege JavaScript ni CSS (línea 2, columna 10)
Participa\InvalidArgumentException: plantilla: {{u}} dentro de un comentario HTML (línea 1, columna 6)
Participa\InvalidArgumentException: plantilla: {{{u}}} sin escapar solo puede ir entre elementos HTML, no en un atributo ni en <textarea>, <title> u otro texto especial (línea 1, columna 11)
Participa\InvalidArgumentException: plantilla: el parcial {{>p}} solo puede ir entre elementos HTML (línea 1, columna 11)
Participa\InvalidArgumentException: plantilla: la sección {{#a}} termina en otro contexto HTML que en el que empieza (p. ej. abre dentro de un atributo o una etiqueta y cierra fuera); ábrala y ciérrela en el mismo lugar (línea 1, columna 18)
Participa\InvalidArgumentException: plantilla: el parcial {{>p}} termina dentro de una etiqueta, un comentario o un texto especial de HTML
<a href="#" download title="Título"><b>negritas</b></a>
