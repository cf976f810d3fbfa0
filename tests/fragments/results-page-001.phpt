--TEST--
TallyResult::html(): two results on one page keep their element ids apart (Host instance), headings follow the host's level, and a consensus names no raw voter id
--EXTENSIONS--
participa
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/results_test.inc';
$a = Participa\Tally::count('plurality', ['x', 'y', 'x']);
$b = Participa\Tally::count('approval', [['x', 'y'], ['y']]);
$page = $a->html(results_host('uno')) . $b->html(results_host('dos'));
var_dump(results_ids_unique($page));
echo results_svgs($page), "\n";
$h = new Participa\Host(['url' => '/?p=7&{params}', 'instance' => 'h4', 'heading' => 4]);
preg_match_all('/role="heading" aria-level="(\d)"/', $a->html($h), $lv);
echo 'niveles: ', implode(' ', $lv[1]), "\n";

$c = Participa\Tally::count('consensus', [
    ['stance' => 'agree', 'voter' => 'wp:7'],
    ['stance' => 'block', 'voter' => 'wp:42', 'reason' => 'El predio es de propiedad federal'],
    ['stance' => 'agree', 'voter' => 'wp:9'],
]);
$html = $c->html(results_host('cons'), ['title' => 'Huerto en el predio de la calle 3']);
preg_match('/<p class="participa-desenlace[^"]*">(.*?)<\/p>/s', $html, $o);
echo results_text($o[1]), "\n";
preg_match('/<ul class="participa-bloqueos">(.*?)<\/ul>/s', $html, $bl);
echo results_text($bl[1]), "\n";
foreach (results_table($html, 'Votos por postura (el porcentaje es del total de votos emitidos)') as $row) {
    echo implode(' | ', $row), "\n";
}
var_dump(str_contains($html, 'wp:42'));
// a name the caller gives is used
$html = $c->html(results_host('cons2'), ['names' => ['wp:42' => 'Rosa Martínez']]);
var_dump(str_contains(results_text($html), 'Rosa Martínez: El predio es de propiedad federal'));
?>
--EXPECT--
bool(true)
2 svg, all described
niveles: 4 5 5
Bloqueada: alguien se opuso con un bloqueo.
Una persona participante: El predio es de propiedad federal
Opción | Votos | Porcentaje
De acuerdo | 2 | 66.7 %
Abstención | 0 | 0.0 %
En desacuerdo | 0 | 0.0 %
Bloqueo | 1 | 33.3 %
bool(false)
bool(true)