--TEST--
TallyResult::html(): instant-runoff round by round: who was eliminated, where the ballots went, the winner's majority, the round table and the last round as bars
--EXTENSIONS--
participa
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/results_test.inc';
// 100 ranked ballots for a neighbourhood committee (groups of identical ballots, expanded)
$groups = ['ana>beto>caro' => 31, 'beto>caro>ana' => 27, 'caro>beto>ana' => 14, 'dora>caro>beto' => 16,
    'dora>ana' => 7, 'caro' => 5];
$ballots = [];
foreach ($groups as $b => $n) {
    $ballots = array_merge($ballots, array_fill(0, $n, $b));
}
$r = Participa\Tally::count('irv', $ballots);
$names = ['ana' => 'Ana Pérez', 'beto' => 'Beto Ruiz', 'caro' => 'Carolina Díaz', 'dora' => 'Dora Luna'];
$html = $r->html(results_host('comite'), ['title' => 'Comité vecinal', 'names' => $names]);
echo results_svgs($html), "\n";
foreach (results_table($html, 'Votos de cada opción en cada ronda') as $row) {
    echo implode(' | ', $row), "\n";
}
preg_match_all('/<li><strong>(Ronda \d+)\.<\/strong>(.*?)<\/li>\s*(?=<li><strong>|<\/ol>)/s', $html, $steps, PREG_SET_ORDER);
foreach ($steps as $s) {
    echo $s[1], ': ', results_text($s[2]), "\n";
}
preg_match('/<line x1="([\d.]+)"/', $html, $line);
echo 'línea de la mitad en x = ', $line[1], "\n";
var_dump(results_raw_codes($html), results_ids_unique($html), str_contains(results_text($html), 'Opción ganadora Beto Ruiz'));
?>
--EXPECT--
1 svg, all described
Opción | Ronda 1 | Ronda 2 | Ronda 3
Beto Ruiz | 27 | 41 (+14) | 57 (+16) gana
Ana Pérez | 31 | 31 | 38 (+7)
Dora Luna | 23 | 23 eliminada | —
Carolina Díaz | 19 eliminada | — | —
Boletas agotadas (sin más preferencias) | 0 | 5 (+5) | 5
Ronda 1: Ninguna opción tiene más de la mitad de los 100 votos en juego. Se elimina a Carolina Díaz, la que tiene menos (19 votos); sus boletas pasan a la siguiente opción marcada. Beto Ruiz: +14 Boletas agotadas: +5
Ronda 2: Ninguna opción tiene más de la mitad de los 95 votos en juego. Se elimina a Dora Luna, la que tiene menos (23 votos); sus boletas pasan a la siguiente opción marcada. Beto Ruiz: +16 Ana Pérez: +7
Ronda 3: Beto Ruiz obtiene 57 de 95 votos en juego (60.0 %), más de la mitad: gana.
línea de la mitad en x = 183.3
array(0) {
}
bool(true)
bool(true)