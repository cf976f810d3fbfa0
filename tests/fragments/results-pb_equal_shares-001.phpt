--TEST--
TallyResult::html(): Assen 2024 (Pabulib) counted with Equal Shares, explained per project: cost in pesos, supporters, funded or not and why, money used of the budget
--EXTENSIONS--
participa
--SKIPIF--
<?php
$dir = (getenv('PARTICIPA_SHARED_DIR') ?: __DIR__ . '/../../../shared') . '/data/pabulib';
if (!is_file("$dir/Netherlands_Assen_2024.pb")) die('skip shared/data/pabulib not found');
?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/results_test.inc';
$dir = (getenv('PARTICIPA_SHARED_DIR') ?: __DIR__ . '/../../../shared') . '/data/pabulib';
$pb = Participa\Pabulib::read("$dir/Netherlands_Assen_2024.pb");
$costs = array_map(fn($p) => $p['cost'], $pb['projects']);
$names = array_map(fn($p) => $p['name'], $pb['projects']);
$options = ['budget' => (int)$pb['meta']['budget'], 'projects' => $costs, 'completion' => 'add1'];
$r = Participa\Tally::count('pb_equal_shares', array_values(array_map(fn($v) => $v['vote'], $pb['votes'])), $options);
$html = $r->html(results_host('assen'), ['title' => $pb['meta']['description'], 'names' => $names, 'options' => $options]);

echo results_svgs($html), "\n";
$text = results_text($html);
preg_match('/Proyectos financiados (.*?) Cómo se repartió/', $text, $m);
echo "financiados: $m[1]\n";
preg_match('/<desc id="assen-[^"]+">(Se asignaron[^<]*)<\/desc>/', $html, $d);
echo $d[1], "\n";
preg_match('/<p>(El presupuesto de .*?)<\/p>/', $html, $e);
echo $e[1], "\n";
foreach (results_table($html, 'Cada proyecto: su costo, cuántas personas lo apoyaron, si se financia y por qué') as $row) {
    echo implode(' | ', $row), "\n";
}
// the city funded the same projects (the `selected` column of the file)
$city = array_keys(array_filter($pb['projects'], fn($p) => $p['selected'] === '1'));
sort($city);
$ours = $r->winners;
sort($ours);
var_dump(array_map('strval', $city) === array_map('strval', $ours));
// the budget bar: one segment per funded project, its width its share of 360 px
preg_match_all('/<rect x="([\d.]+)" y="5" width="([\d.]+)"/', $html, $seg);
printf("%d segmentos, %.1f px de 360\n", count($seg[1]), array_sum($seg[2]));
var_dump(results_raw_codes($html), results_ids_unique($html), str_contains($text, 'Presupuesto participativo por partes iguales (Equal Shares)'));
?>
--EXPECT--
2 svg, all described
financiados: PopUp Podium Jongerenplatform Go-Zero kroegentocht Muziekproductie studio Samen koken en eten In gesprek LGBTQ+ bijeenkomsten Snelheidsregeling Uitdelen Korans
Se asignaron $76,700 de $100,000 (76.7 %); sobran $23,300.
El presupuesto de $100,000 se reparte en partes iguales entre las 84 personas que votaron. Cada proyecto se paga solo con el dinero de quienes lo apoyaron, a partes iguales; en cada ronda se financia el proyecto que menos cuesta a cada persona que lo apoya, hasta que el dinero de sus simpatizantes ya no alcanza para ningún otro. Parte de cada persona: $1,190.48.
Proyecto | Costo | Apoyos | ¿Se financia? | Por qué
PopUp Podium | $7,200 | 43 | Sí | Financiado en la ronda 1: quienes lo apoyaron (43) pagaron hasta $167.44 cada quien de su parte del presupuesto.
Jongerenplatform | $21,000 | 42 | Sí | Financiado en la ronda 2: quienes lo apoyaron (42) pagaron hasta $500 cada quien de su parte del presupuesto.
Go-Zero kroegentocht | $10,000 | 24 | Sí | Financiado en la ronda 3: quienes lo apoyaron (24) pagaron hasta $416.67 cada quien de su parte del presupuesto.
Muziekproductie studio | $15,000 | 24 | Sí | Financiado en la ronda 4: quienes lo apoyaron (24) pagaron hasta $625 cada quien de su parte del presupuesto.
Samen koken en eten | $1,000 | 21 | Sí | Financiado en la ronda 5: quienes lo apoyaron (21) pagaron hasta $47.62 cada quien de su parte del presupuesto.
In gesprek | $5,000 | 14 | Sí | Financiado en la ronda 6: quienes lo apoyaron (14) pagaron hasta $363.36 cada quien de su parte del presupuesto.
LGBTQ+ bijeenkomsten | $5,000 | 13 | Sí | Financiado en la ronda 7: quienes lo apoyaron (13) pagaron hasta $425.10 cada quien de su parte del presupuesto.
Snelheidsregeling | $11,000 | 10 | Sí | Financiado en la ronda 8: quienes lo apoyaron (10) pagaron hasta $1,161.74 cada quien de su parte del presupuesto.
Uitdelen Korans | $1,500 | 9 | Sí | Financiado en la ronda 9: quienes lo apoyaron (9) pagaron hasta $214.29 cada quien de su parte del presupuesto.
Crossbaan in Peelo | $40,000 | 25 | No | Quienes lo apoyaron ya habían gastado parte de su dinero en otros proyectos financiados y lo que les quedaba no alcanzaba para pagarlo; tampoco cabía en lo que sobró del presupuesto ($23,300).
Scooter Night Ride | $40,000 | 23 | No | Quienes lo apoyaron ya habían gastado parte de su dinero en otros proyectos financiados y lo que les quedaba no alcanzaba para pagarlo; tampoco cabía en lo que sobró del presupuesto ($23,300).
Synthetische lichten | $50,000 | 19 | No | Aun juntando toda su parte ($2,033 cada quien), quienes lo apoyaron (19) reunían $38,627, menos que su costo.
RuBox | $12,000 | 10 | No | Quienes lo apoyaron ya habían gastado parte de su dinero en otros proyectos financiados y lo que les quedaba no alcanzaba para pagarlo.
Gedichtenroute | $30,000 | 8 | No | Aun juntando toda su parte ($2,033 cada quien), quienes lo apoyaron (8) reunían $16,264, menos que su costo.
bool(true)
9 segmentos, 276.1 px de 360
array(0) {
}
bool(true)
bool(true)