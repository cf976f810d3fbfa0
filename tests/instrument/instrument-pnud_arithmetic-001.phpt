--TEST--
Participa\Instrument: the PNUD arithmetic (8 of 10 on every specific criterion and full general points is a good practice; 100 % is emblematic), on the sample instrument
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/instrument_test.inc';
// examples/instruments-pnud.yaml's roles and instrument, on the test's database
$example = file_get_contents(__DIR__ . '/../../examples/instruments-pnud.yaml');
$body = substr($example, strpos($example, "\nroles:") + 1);
$site = instr_site('instr_pnud_001', $body);
$i = $site->instrument('pnud-buenas-practicas');
$specific = ['innovacion', 'ods', 'participacion-ciudadana', 'rendicion-de-cuentas', 'transparencia'];
$general = ['eficacia' => 8, 'integralidad' => 8, 'legitimidad' => 8, 'sostenibilidad' => 8, 'evidencia' => 6,
    'pertinencia' => 6, 'replicabilidad' => 6];
function card(array $specific, int $s, array $general, int $cut = 0): array
{
    $a = array_fill_keys($specific, $s);
    foreach ($general as $k => $max) {
        $a[$k] = $max - $cut;
    }
    return $a;
}
$subjects = array_column($i->definition()['subjects'], 'id');
[$bilbao, $chicago, $kaduna, $seul] = [$subjects[15], $subjects[28], $subjects[0], $subjects[11]];
$i->submit('wp:201', $kaduna, card($specific, 10, $general), ['as' => 'evaluation']);       // 50 + 50 = 100
$i->submit('wp:201', $bilbao, card($specific, 8, $general), ['as' => 'evaluation']);        // 40 + 50 = 90
$i->submit('wp:201', $chicago, card($specific, 6, $general), ['as' => 'evaluation']);       // 30 + 50 = 80, exactly
$seulCard = card($specific, 6, $general);
$seulCard['replicabilidad'] = 5;                                                             // 79: just under
$i->submit('wp:201', $seul, $seulCard, ['as' => 'evaluation']);
instr_try(fn() => $i->submit('wp:vecina', $kaduna, card($specific, 1, $general), ['as' => 'evaluation']));
instr_try(fn() => $i->submit('wp:201', $kaduna, card($specific, 1, $general)));

$r = $i->report();
echo "scored by $r[scored_by]; evaluated ", $r['responses']['evaluation']['subjects'], " of ", $r['responses']['subjects'], "\n";
foreach ($r['ranking'] as $x) {
    echo "$x[rank]. $x[name] ($x[group]): ", instr_fig($x['total']), ' = ', $x['share']['percent'], ' -> ', $x['level'] ?? 'not a good practice', "\n";
}
foreach ($r['thresholds'] as $t) {
    echo "$t[label]: $t[subjects] of 4 (", $t['share']['percent'], ")\n";
}
foreach ($r['groups'] as $g) {
    if ($g['responded']) {
        echo "$g[group]: ", implode(', ', array_map(fn($t) => "$t[label] $t[subjects]", $g['thresholds'])), "\n";
    }
}
$e = $r['subjects'][15]['evaluation'];
foreach ($e['dimensions'] as $d) {
    echo "Bilbao $d[id]: ", instr_fig($d['points']), ' of ', instr_fig($d['max']), "\n";
}
participa_test_drop('instr_pnud_001');
?>
--EXPECT--
NotAllowedException: Solo quien tiene el rol «Equipo evaluador del mapeo» puede responder sobre Eyes and Ears (Ojos y Oídos), Kaduna, Nigeria.
NotAllowedException: Este cuestionario no admite respuestas de tipo «self».
scored by evaluation; evaluated 4 of 41
1. Eyes and Ears (Ojos y Oídos), Kaduna, Nigeria (África): 100/1 (100) = 100.0 % -> Caso emblemático
2. Bilbao Abierto, Bilbao, País Vasco, España (Europa y Asia Central): 90/1 (90) = 90.0 % -> Buena práctica
3. Chicago Digital, Chicago, EUA (Las Américas): 80/1 (80) = 80.0 % -> Buena práctica
4. Mapa interactivo del Metro, Seúl, Corea del Sur (Asia y el Pacífico): 79/1 (79) = 79.0 % -> not a good practice
Buena práctica: 3 of 4 (75.0 %)
Caso emblemático: 1 of 4 (25.0 %)
África: Buena práctica 1, Caso emblemático 1
Asia y el Pacífico: Buena práctica 0, Caso emblemático 0
Europa y Asia Central: Buena práctica 1, Caso emblemático 0
Las Américas: Buena práctica 1, Caso emblemático 0
Bilbao especificos: 40/1 (40) of 50/1 (50)
Bilbao generales: 50/1 (50) of 50/1 (50)
