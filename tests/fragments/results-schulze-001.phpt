--TEST--
TallyResult::html(): Schulze on the Wikipedia example (45 voters): the pairwise matrix as a picture and as a table, every pair in words, no Condorcet winner
--EXTENSIONS--
participa
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/results_test.inc';
$groups = ['A>C>B>E>D' => 5, 'A>D>E>C>B' => 5, 'B>E>D>A>C' => 8, 'C>A>B>E>D' => 3, 'C>A>E>B>D' => 7,
    'C>B>A>D>E' => 2, 'D>C>E>B>A' => 7, 'E>B>A>D>C' => 8];
$ballots = [];
foreach ($groups as $b => $n) {
    $ballots = array_merge($ballots, array_fill(0, $n, $b));
}
$r = Participa\Tally::count('schulze', $ballots);
$names = ['A' => 'Alameda', 'B' => 'Bosque', 'C' => 'Cerro', 'D' => 'Delta', 'E' => 'Estación'];
$html = $r->html(results_host('pares'), ['names' => $names]);
echo results_svgs($html), "\n";
$text = results_text($html);
preg_match('/Opción ganadora (\S+)/', $text, $w);
echo 'gana: ', $w[1], "\n";
echo str_contains($text, 'Ninguna opción vence a todas las demás; el método Schulze') ? "sin ganador de Condorcet\n" : "?\n";
foreach (results_table($html, 'Comparación por pares: cuántas personas prefieren la opción de la fila sobre la de la columna') as $row) {
    echo implode(' | ', $row), "\n";
}
preg_match('/<desc id="pares-[^"]+">(Cada celda.*?)<\/desc>/', $html, $d);
echo $d[1], "\n";
preg_match_all('/<rect class="participa-par participa-par--(\w+)"/', $html, $cells);
echo 'celdas: ', json_encode(array_count_values($cells[1])), "\n";
var_dump(results_raw_codes($html), results_ids_unique($html));
?>
--EXPECT--
1 svg, all described
gana: Estación
sin ganador de Condorcet
Prefieren esta opción… | …sobre Estación | …sobre Alameda | …sobre Cerro | …sobre Bosque | …sobre Delta
Estación | — | 23 | 21 | 27 | 31
Alameda | 22 | — | 26 | 20 | 30
Cerro | 24 | 19 | — | 29 | 17
Bosque | 18 | 25 | 16 | — | 33
Delta | 14 | 15 | 28 | 12 | —
Cada celda dice cuántas personas prefieren la opción de la fila sobre la de la columna. Estación vence a Alameda: 23 contra 22. Cerro vence a Estación: 24 contra 21. Estación vence a Bosque: 27 contra 18. Estación vence a Delta: 31 contra 14. Alameda vence a Cerro: 26 contra 19. Bosque vence a Alameda: 25 contra 20. Alameda vence a Delta: 30 contra 15. Cerro vence a Bosque: 29 contra 16. Delta vence a Cerro: 28 contra 17. Bosque vence a Delta: 33 contra 12.
celdas: {"misma":5,"gana":10,"pierde":10}
array(0) {
}
bool(true)