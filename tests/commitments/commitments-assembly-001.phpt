--TEST--
Commitments::recordAssembly()/assemblies(): agreements become commitments of the territory's local development agenda
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_assembly_001');
$c = $site->commitments();
$r = $c->recordAssembly([
    'territory' => 'san-miguel-teotongo', 'held_on' => '2026-03-14', 'place' => 'Explanada de la Parroquia de San Miguel',
    'attendance' => 42, 'attendees' => ['wp:enl', 'María Hernández', 'José Ramírez'],
    'agenda' => "1. Agua potable\n2. Alumbrado", 'minutes' => 'Se acordó por consenso...',
    'agreements' => ['Gestionar pipas de agua para la calle Lirios los martes', 'Reparar 12 luminarias en la avenida principal'],
], 'wp:enl');
echo "plan: {$r['plan']}; commitments: ", implode(', ', $r['commitments']), "\n";
$k = $c->get($r['commitments'][1]);
echo $k['title'], ' | ', $k['territory'], ' | ', $k['status'], ' | ', $k['start_date'], ' | ', $k['plan'], "\n";
$h = $c->history($r['commitments'][0]);
echo $h[0]['action'], ' by ', $h[0]['actor'], ': ', $h[0]['note'], "\n";
// followed up the same way
$k = $c->update($r['commitments'][1], ['status' => 'en-proceso', 'progress' => 50], 'wp:fun', '6 de 12 reparadas');
echo $k['status'], ' ', $k['progress'], "\n";

// Below the quorum (assemblies.min_attendance: 10): agreements recorded, no commitments.
$r2 = $c->recordAssembly(['territory' => 'san-miguel-teotongo', 'held_on' => '2026-04-11', 'place' => 'Casa de cultura',
    'attendance' => 6, 'agreements' => ['Convocar otra asamblea']], 'wp:fac');
var_dump($r2['plan'], $r2['commitments']);
// A territory without an agenda above it.
$r3 = $c->recordAssembly(['territory' => 'iztapalapa', 'held_on' => '2026-04-12', 'place' => 'Macroplaza',
    'attendance' => 300, 'agreements' => ['Pedir audiencia pública']], 'wp:fac');
var_dump($r3['plan']);

foreach ($c->assemblies('san-miguel-teotongo') as $a) {
    echo $a['held_on'], ' ', $a['place'], ' ', $a['attendance'], ' [', implode('; ', $a['attendees']), '] ',
        implode(' / ', array_map(fn($x) => $x['text'] . ' -> ' . ($x['commitment'] ?? 'sin compromiso'), $a['agreements'])), "\n";
}
echo count($c->assemblies()), " assemblies in all\n";
commitments_test_refused('citizen', fn() => $c->recordAssembly(['territory' => 'iztapalapa', 'held_on' => '2026-04-12', 'place' => 'x', 'attendance' => 3], 'wp:55'));
commitments_test_refused('unknown territory', fn() => $c->recordAssembly(['territory' => 'coyoacan', 'held_on' => '2026-04-12', 'place' => 'x', 'attendance' => 3], 'wp:enl'));
commitments_test_refused('bad date', fn() => $c->recordAssembly(['territory' => 'iztapalapa', 'held_on' => '12/04/2026', 'place' => 'x', 'attendance' => 3], 'wp:enl'));
commitments_test_refused('list longer than count', fn() => $c->recordAssembly(['territory' => 'iztapalapa', 'held_on' => '2026-04-12', 'place' => 'x', 'attendance' => 1, 'attendees' => ['a', 'b']], 'wp:enl'));
var_dump($c->verify()['ok']);
participa_test_drop('cm_assembly_001');
?>
--EXPECT--
plan: agenda-teotongo; commitments: acuerdo-1-1, acuerdo-1-2
Reparar 12 luminarias en la avenida principal | san-miguel-teotongo | por-iniciar | 2026-03-14 | agenda-teotongo
agreement by wp:enl: acuerdo de asamblea
en-proceso 50
NULL
array(0) {
}
NULL
2026-04-11 Casa de cultura 6 [] Convocar otra asamblea -> sin compromiso
2026-03-14 Explanada de la Parroquia de San Miguel 42 [wp:enl; María Hernández; José Ramírez] Gestionar pipas de agua para la calle Lirios los martes -> acuerdo-1-1 / Reparar 12 luminarias en la avenida principal -> acuerdo-1-2
3 assemblies in all
citizen: Participa\NotAllowedException: No tienes permiso para registrar asambleas.
unknown territory: Participa\InvalidArgumentException: territory: territorio desconocido
bad date: Participa\InvalidArgumentException: held_on: se esperaba la fecha de la asamblea AAAA-MM-DD
list longer than count: Participa\InvalidArgumentException: attendance (1) es menor que la lista de asistentes (2)
bool(true)
