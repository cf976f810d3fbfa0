--TEST--
TallyResult::html(): STV (Scottish WIGM) on the Wikipedia food election: quota, the surplus and its transfer value, exclusions, who was elected at each stage
--EXTENSIONS--
participa
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/results_test.inc';
$r = Participa\Tally::count('stv', [
    ['weight' => 4, 'ballot' => 'naranjas'], ['weight' => 2, 'ballot' => 'peras>naranjas'],
    ['weight' => 8, 'ballot' => 'chocolate>fresas'], ['weight' => 4, 'ballot' => 'chocolate>hamburguesas'],
    ['weight' => 1, 'ballot' => 'fresas'], ['weight' => 1, 'ballot' => 'hamburguesas'],
], ['seats' => 3]);
$names = ['naranjas' => 'Naranjas', 'peras' => 'Peras', 'chocolate' => 'Chocolate', 'fresas' => 'Fresas',
    'hamburguesas' => 'Hamburguesas'];
$html = $r->html(results_host('comida'), ['names' => $names]);
echo results_svgs($html), "\n";
$text = results_text($html);
preg_match('/Opciones electas (.*?) Etapas del conteo/', $text, $w);
echo 'electas: ', $w[1], "\n";
preg_match('/Cuota para resultar electa: [^.]*\./', $text, $q);
echo $q[0], "\n";
foreach (results_table($html, 'Votos de cada opción en cada etapa') as $row) {
    echo implode(' | ', $row), "\n";
}
preg_match_all('/<li><strong>(Etapa \d+)\.<\/strong>(.*?)<\/li>\s*(?=<li><strong>|<\/ol>)/s', $html, $steps, PREG_SET_ORDER);
foreach ($steps as $s) {
    echo $s[1], ': ', results_text($s[2]), "\n";
}
var_dump(results_raw_codes($html), results_ids_unique($html), str_contains($text, 'Lugares a elegir 3'),
    str_contains($text, 'Votos contados 20'));
?>
--EXPECT--
1 svg, all described
electas: Chocolate Naranjas Fresas
Cuota para resultar electa: 6 votos.
Opción | Etapa 1 | Etapa 2 | Etapa 3 | Etapa 4 | Etapa 5
Chocolate | 12 electa | 6 (−6) reparte su excedente | 6 | 6 | 6
Naranjas | 4 | 4 | 6 (+2) electa | 6 | 6
Fresas | 1 | 5 (+4) | 5 | 5 | 5 electa
Hamburguesas | 1 | 3 (+2) | 3 | — excluida | —
Peras | 2 | 2 | — excluida | — | —
Boletas agotadas (sin más preferencias) | 0 | 0 | 0 | 3 (+3) | —
Etapa 1: Se cuentan las primeras preferencias. La cuota para resultar electa es de 6 votos. Resulta electa: Chocolate.
Etapa 2: Chocolate superó la cuota por 6 votos: ese excedente pasa a las siguientes preferencias de sus boletas, cada una a un valor de 0.5. Chocolate: −6 Fresas: +4 Hamburguesas: +2
Etapa 3: Se excluye a Peras, la opción con menos votos; sus 2 votos pasan a las siguientes preferencias. Resulta electa: Naranjas. Naranjas: +2
Etapa 4: Se excluye a Hamburguesas, la opción con menos votos; sus 3 votos pasan a las siguientes preferencias. Boletas agotadas: +3
Etapa 5: Quedan tantas opciones en carrera como lugares por llenar. Resulta electa: Fresas.
array(0) {
}
bool(true)
bool(true)
bool(true)