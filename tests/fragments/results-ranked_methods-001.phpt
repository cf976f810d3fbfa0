--TEST--
TallyResult::html(): Borda points, score totals and means, approval shares of ballots, majority-judgment grade profiles: bars or stacks with their tables
--EXTENSIONS--
participa
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/results_test.inc';
$names = ['parque' => 'Parque lineal', 'mercado' => 'Mercado techado', 'biblio' => 'Biblioteca'];
$rank = array_merge(array_fill(0, 12, 'parque>mercado>biblio'), array_fill(0, 9, 'mercado>biblio>parque'),
    array_fill(0, 7, 'biblio>mercado>parque'), array_fill(0, 2, 'parque>biblio>mercado'));
$html = Participa\Tally::count('borda', $rank)->html(results_host('borda'), ['names' => $names]);
echo results_svgs($html), "\n";
foreach (results_table($html, 'Puntos Borda por opción (cada boleta da más puntos a las opciones que pone más arriba)') as $row) {
    echo implode(' | ', $row), "\n";
}
echo 'suma: ', results_pct_sum(results_table($html, 'Puntos Borda por opción (cada boleta da más puntos a las opciones que pone más arriba)'), 2), " %\n";

$scores = [['parque' => 9, 'mercado' => 4], ['mercado' => 10, 'biblio' => 7], ['parque' => 6, 'biblio' => 8],
    ['parque' => 10, 'mercado' => 2, 'biblio' => 5]];
$html = Participa\Tally::count('score', $scores)->html(results_host('puntos'), ['names' => $names]);
echo results_svgs($html), "\n";
foreach (results_table($html, 'Puntos totales por opción') as $row) {
    echo implode(' | ', $row), "\n";
}

$appr = [['parque', 'biblio'], ['mercado'], ['parque'], ['parque', 'mercado', 'biblio'], ['biblio']];
$html = Participa\Tally::count('approval', $appr)->html(results_host('aprob'), ['names' => $names]);
echo results_svgs($html), "\n";
foreach (results_table($html, 'Aprobaciones por opción (el porcentaje es de las boletas que aprobaron cada opción)') as $row) {
    echo implode(' | ', $row), "\n";
}

$grades = [['parque' => 4, 'mercado' => 2, 'biblio' => 3], ['parque' => 3, 'mercado' => 4, 'biblio' => 1],
    ['parque' => 2, 'mercado' => 3, 'biblio' => 4], ['parque' => 4, 'mercado' => 0, 'biblio' => 2],
    ['parque' => 1, 'mercado' => 3, 'biblio' => 3]];
$html = Participa\Tally::count('majority_judgment', $grades, ['max' => 4])->html(results_host('jm'), ['names' => $names]);
echo results_svgs($html), "\n";
foreach (results_table($html, 'Cuántas personas dieron cada calificación a cada opción') as $row) {
    echo implode(' | ', $row), "\n";
}
preg_match('/<desc id="jm-[^"]+">(.*?)<\/desc>/', $html, $d);
echo $d[1], "\n";
preg_match_all('/<rect x="([\d.]+)" y="42" width="([\d.]+)" height="18"/', $html, $seg);
printf("primera fila: %d tramos, %.1f px de 340\n", count($seg[1]), array_sum($seg[2]));
var_dump(results_raw_codes($html), str_contains(results_text($html), 'Opción ganadora Parque lineal'));
?>
--EXPECT--
1 svg, all described
Opción | Puntos | Porcentaje de los puntos | Resultado
Mercado techado | 37 | 41.1 % | Gana
Parque lineal | 28 | 31.1 % | 
Biblioteca | 25 | 27.8 % | 
suma: 100.0 %
1 svg, all described
Opción | Puntos | Promedio | Boletas que la calificaron | Resultado
Parque lineal | 25 | 8.33 | 3 | Gana
Biblioteca | 20 | 6.67 | 3 | 
Mercado techado | 16 | 5.33 | 3 | 
1 svg, all described
Opción | Aprobaciones | Porcentaje de las boletas | Resultado
Parque lineal | 3 | 60.0 % | Gana
Biblioteca | 3 | 60.0 % | 
Mercado techado | 2 | 40.0 % | 
1 svg, all described
Opción | Mediana | Calificación 4 | Calificación 3 | Calificación 2 | Calificación 1 | Calificación 0
Parque lineal | 3 | 2 | 1 | 1 | 1 | 0
Biblioteca | 3 | 1 | 2 | 1 | 1 | 0
Mercado techado | 3 | 1 | 2 | 1 | 0 | 1
Parque lineal: mediana 3; Biblioteca: mediana 3; Mercado techado: mediana 3.
primera fila: 4 tramos, 340.0 px de 340
array(0) {
}
bool(true)