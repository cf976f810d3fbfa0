--TEST--
TallyResult::html(): plurality as bars with counts and percentages adding up to 100.0 %, names instead of ids, the preliminary banner while voting is open
--EXTENSIONS--
participa
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/results_test.inc';

// 1,000 ballots of a neighbourhood poll: 333 / 333 / 334 would round to 99.9 % or 100.1 % one by one
$ballots = array_merge(array_fill(0, 333, 'luz'), array_fill(0, 333, 'huerto'), array_fill(0, 327, 'cancha'),
    array_fill(0, 7, ''));
$r = Participa\Tally::count('plurality', $ballots);
$names = ['luz' => 'Luminarias en la calle 5', 'huerto' => 'Huerto en Buenavista', 'cancha' => 'Cancha de usos múltiples'];
$html = $r->html(results_host(), ['title' => 'Consulta de obras 2026', 'names' => $names]);

echo results_svgs($html), "\n";
foreach (results_table($html, 'Votos por opción (el porcentaje es de los votos válidos, sin contar los votos en blanco)') as $row) {
    echo implode(' | ', $row), "\n";
}
$rows = results_table($html, 'Votos por opción (el porcentaje es de los votos válidos, sin contar los votos en blanco)');
echo 'suma: ', results_pct_sum($rows, 2), " %\n";
preg_match_all('/<rect x="0" y="[\d.]+" width="([\d.]+)"/', $html, $w);
echo 'barras: ', implode(', ', $w[1]), "\n";
preg_match('/<desc id="[^"]+">(.*?)<\/desc>/', $html, $d);
echo html_entity_decode($d[1]), "\n";
$text = results_text($html);
var_dump(str_contains($text, 'Consulta de obras 2026'), str_contains($text, 'Opción ganadora Luminarias en la calle 5'),
    str_contains($text, 'Boletas contadas 1,000'), str_contains($text, 'En blanco 7'),
    str_contains($text, 'Resultados preliminares'), results_raw_codes($html), results_ids_unique($html));
// luz and huerto tie at 333: the seat goes by the order of the options, said in words
preg_match('/<ul class="participa-desempates">(.*?)<\/ul>/s', $html, $t);
echo results_text($t[1]), "\n";

// while voting is open: a banner, and no "ganadora" yet
$open = $r->html(results_host('abierta'), ['names' => $names, 'state' => 'voting']);
preg_match('/<p class="participa-preliminar" role="status">(.*?)<\/p>/s', $open, $b);
echo results_text($b[1]), "\n";
var_dump(str_contains(results_text($open), 'Opción que va a la cabeza Luminarias'), str_contains($open, 'Opción ganadora'));
?>
--EXPECT--
1 svg, all described
Opción | Votos | Porcentaje | Resultado
Luminarias en la calle 5 | 333 | 33.5 % | Gana
Huerto en Buenavista | 333 | 33.5 % | 
Cancha de usos múltiples | 327 | 33.0 % | 
suma: 100.0 %
barras: 220, 220, 216
Luminarias en la calle 5: 333 (33.5 %) — Gana; Huerto en Buenavista: 333 (33.5 %); Cancha de usos múltiples: 327 (33.0 %).
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
array(0) {
}
bool(true)
Empate entre Luminarias en la calle 5 y Huerto en Buenavista por el último lugar ganador: se resolvió por el orden en que se presentan las opciones. Se quedó con el lugar: Luminarias en la calle 5.
Resultados preliminares. La votación sigue abierta: estos números pueden cambiar hasta el cierre.
bool(true)
bool(false)
