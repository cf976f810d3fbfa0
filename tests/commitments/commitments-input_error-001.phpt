--TEST--
Commitments: every id through the one id rule at every entry point, options by reference, hostile numbers, dates and sizes refused in Spanish before any SQL
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_input_error_001');
$c = $site->commitments();
$c->upsert(['id' => 'P', 'plan' => 'pal-2026', 'title' => 'Padre'], 'wp:fun');
$c->upsert(['id' => 'P.1', 'plan' => 'pal-2026', 'parent' => 'P', 'title' => 'Hijo'], 'wp:fun');
$r = fn(string $label, callable $f) => commitments_test_refused($label, $f);

echo "-- ids\n";
$r('get trailing space', fn() => $c->get('P.1 '));
$r('get invalid UTF-8', fn() => $c->get("P\xff"));
$r('get ñ', fn() => $c->get('Pñ'));
$r('view NUL', fn() => $c->view("P\0"));
$r('history tab', fn() => $c->history("P\t"));
$r('children nbsp', fn() => $c->children("P\u{00A0}"));
$r('update id', fn() => $c->update(' P', ['title' => 'x'], 'wp:fun'));
$r('update by', fn() => $c->update('P', ['title' => 'x'], 'wp:fun '));
$r('upsert by', fn() => $c->upsert(['id' => 'Q', 'plan' => 'pal-2026', 'title' => 'x'], "wp:\x01fun"));
$r('upsert parent', fn() => $c->upsert(['id' => 'Q', 'plan' => 'pal-2026', 'title' => 'x', 'parent' => 'P '], 'wp:fun'));
$r('upsert theme', fn() => $c->upsert(['id' => 'Q', 'plan' => 'pal-2026', 'title' => 'x', 'theme' => "presupuesto\n"], 'wp:fun'));
$r('list plan', fn() => $c->list(['plan' => 'pal-2026 ']));
$r('list territory', fn() => $c->list(['territory' => "\u{200B}iztapalapa"]));
$r('summary plan', fn() => $c->summary('theme', ['plan' => "pal\x7f"]));
$r('export plan', fn() => $c->export('csv', "pal-2026\n"));
$r('import by', fn() => $c->import("id\r\n", 'csv', true, ' root'));
$r('assemblies territory', fn() => $c->assemblies(' iztapalapa'));
$r('recordAssembly by', fn() => $c->recordAssembly(['territory' => 'iztapalapa'], 'wp:fac '));
$r('evidence added_by', fn() => $c->update('P.1', ['evidence' => [['reference' => 'a', 'added_by' => 'wp:1 ']]], 'wp:fun'));

echo "-- options by reference, unknown options\n";
$plan = 'pal-2026'; $limit = 1; $roots = true; $done = true; $id = 'REF';
echo count($c->list(['plan' => &$plan])), ' ', count($c->list(['plan' => &$plan, 'limit' => &$limit])), ' ',
    count($c->list(['roots' => &$roots])), ' ', $c->summary('theme', ['plan' => &$plan])['total'], "\n";
$ms = [['title' => 'Hito', 'done' => &$done]];
var_dump($c->update('P.1', ['milestones' => $ms], 'wp:fun')['milestones'][0]['done']);
echo $c->upsert(['id' => &$id, 'plan' => &$plan, 'title' => 'Por referencia'], 'wp:fun')['id'], "\n";
$r('list unknown', fn() => $c->list(['planes' => 'x']));
$r('list light', fn() => $c->list(['light' => 'verde']));
$r('list limit', fn() => $c->list(['limit' => '10']));
$r('list roots', fn() => $c->list(['roots' => 'sí']));
$r('summary unknown', fn() => $c->summary('theme', ['plans' => 'x']));
$r('export unknown', fn() => $c->export('csv', 'pal-2026', ['bon' => true]));
$r('assembly unknown', fn() => $c->recordAssembly(['territory' => 'iztapalapa', 'held_on' => '2026-03-01', 'place' => 'x', 'attendance' => 1, 'acuerdos' => []], 'wp:fac'));

echo "-- numbers, dates, sizes\n";
foreach (['progress' => [NAN, INF, -1, 100.01, '1e2', ' 5', 1e300], 'budget' => [1e20, PHP_INT_MAX, -5, '1,000', '1.005'],
          'weight' => [0, -1, 1e7, 0.0001], 'due_date' => ['2026-02-30', '1899-12-31', '2026-1-1', "2026-01-01\0"]] as $field => $values) {
    foreach ($values as $v) {
        $r("$field " . var_export($v, true), fn() => $c->update('P.1', [$field => $v], 'wp:fun'));
    }
}
echo "budget max: ", $c->update('P.1', ['budget' => '9999999999999.99'], 'wp:fun')['budget'], "; -0.0 progress: ",
    $c->update('P.1', ['progress' => -0.0], 'wp:fun')['progress'], "\n";
$r('title 501 bytes', fn() => $c->update('P.1', ['title' => str_repeat('a', 501)], 'wp:fun'));
$r('note invalid UTF-8', fn() => $c->update('P.1', ['title' => 'x'], 'wp:fun', "\xC3"));
$r('note 20001 bytes', fn() => $c->update('P.1', ['title' => 'x'], 'wp:fun', str_repeat('n', 20001)));
$r('501 milestones', fn() => $c->update('P.1', ['milestones' => array_fill(0, 501, ['title' => 'a'])], 'wp:fun'));
$r('501 evidence', fn() => $c->update('P.1', ['evidence' => array_fill(0, 501, ['reference' => 'a'])], 'wp:fun'));
echo count($c->update('P.1', ['evidence' => array_fill(0, 500, ['reference' => 'a'])], 'wp:fun')['evidence']), " evidence items\n";
$r('the 501st by add_evidence', fn() => $c->update('P.1', ['add_evidence' => ['reference' => 'b']], 'wp:fun'));
$r('milestone done 1', fn() => $c->update('P.1', ['milestones' => [['title' => 'a', 'done' => 1]]], 'wp:fun'));
$r('milestone extra key', fn() => $c->update('P.1', ['milestones' => [['title' => 'a', 'hecho' => true]]], 'wp:fun'));
$r('evidence extra key', fn() => $c->update('P.1', ['evidence' => [['url' => 'https://a.mx', 'fecha' => '2026-01-01']]], 'wp:fun'));
$r('pillars 1 MB', fn() => $c->update('P.1', ['pillars' => array_fill(0, 100000, 'transparencia')], 'wp:fun'));
$asm = ['territory' => 'san-miguel-teotongo', 'held_on' => '2026-03-14', 'place' => 'Casa', 'attendance' => 12];
$r('agreement 20001 bytes', fn() => $c->recordAssembly($asm + ['agreements' => [str_repeat('a', 20001)]], 'wp:fac'));
$r('501 agreements', fn() => $c->recordAssembly($asm + ['agreements' => array_fill(0, 501, 'a')], 'wp:fac'));
$r('place invalid UTF-8', fn() => $c->recordAssembly(['place' => "Casa\xff"] + $asm, 'wp:fac'));
$r('attendees not a list', fn() => $c->recordAssembly($asm + ['attendees' => 'Ana'], 'wp:fac'));
$r('held_on Feb 30', fn() => $c->recordAssembly(['held_on' => '2026-02-30'] + $asm, 'wp:fac'));
$att = 12;
echo "attendance by reference: ", count($c->recordAssembly(['attendance' => &$att] + $asm, 'wp:fac')['commitments']), " commitments\n";
echo "chain ok: ", var_export($c->verify()['ok'], true), "\n";
participa_test_drop('cm_input_error_001');
?>
--EXPECT--
-- ids
get trailing space: Participa\InvalidArgumentException: El identificador del compromiso no es válido: termina con un espacio.
get invalid UTF-8: Participa\InvalidArgumentException: El identificador del compromiso no es válido: no es UTF-8 válido o contiene caracteres de control.
get ñ: Participa\InvalidArgumentException: El identificador del compromiso no es válido: se admiten de 1 a 64 caracteres (letras, dígitos, '_', '.', ':' y '-', empezando con letra o dígito).
view NUL: Participa\InvalidArgumentException: El identificador del compromiso no es válido: no es UTF-8 válido o contiene caracteres de control.
history tab: Participa\InvalidArgumentException: El identificador del compromiso no es válido: contiene un carácter de control.
children nbsp: Participa\InvalidArgumentException: El identificador del compromiso no es válido: termina con un espacio.
update id: Participa\InvalidArgumentException: El identificador del compromiso no es válido: empieza con un espacio.
update by: Participa\InvalidArgumentException: El identificador del participante (by) no es válido: termina con un espacio.
upsert by: Participa\InvalidArgumentException: El identificador del participante (by) no es válido: no es UTF-8 válido o contiene caracteres de control.
upsert parent: Participa\InvalidArgumentException: parent no es válido: termina con un espacio.
upsert theme: Participa\InvalidArgumentException: theme: el texto no es UTF-8 válido o tiene caracteres de control
list plan: Participa\InvalidArgumentException: plan no es válido: termina con un espacio.
list territory: Participa\InvalidArgumentException: territory no es válido: empieza con un espacio.
summary plan: Participa\InvalidArgumentException: plan no es válido: no es UTF-8 válido o contiene caracteres de control.
export plan: Participa\InvalidArgumentException: El plan no es válido: contiene un carácter de control.
import by: Participa\InvalidArgumentException: El identificador del participante (by) no es válido: empieza con un espacio.
assemblies territory: Participa\InvalidArgumentException: El territorio no es válido: empieza con un espacio.
recordAssembly by: Participa\InvalidArgumentException: El identificador del participante (by) no es válido: termina con un espacio.
evidence added_by: Participa\InvalidArgumentException: evidence.added_by no es válido: termina con un espacio.
-- options by reference, unknown options
2 1 1 1
bool(true)
REF
list unknown: Participa\InvalidArgumentException: list(): opción desconocida 'planes'
list light: Participa\InvalidArgumentException: light: se esperaba on_track, at_risk, late, done, closed o unscheduled
list limit: Participa\InvalidArgumentException: limit: se esperaba un entero de 1 a 100000
list roots: Participa\InvalidArgumentException: roots: se esperaba true o false
summary unknown: Participa\InvalidArgumentException: summary(): opción desconocida 'plans'
export unknown: Participa\InvalidArgumentException: export(): opción desconocida 'bon'
assembly unknown: Participa\InvalidArgumentException: recordAssembly(): opción desconocida 'acuerdos'
-- numbers, dates, sizes
progress NAN: Participa\InvalidArgumentException: progress: se esperaba texto o número
progress INF: Participa\InvalidArgumentException: progress: se esperaba texto o número
progress -1: Participa\InvalidArgumentException: progress: se esperaba un porcentaje de 0 a 100 (hasta dos decimales), se recibió '-1'
progress 100.01: Participa\InvalidArgumentException: progress: se esperaba un porcentaje de 0 a 100 (hasta dos decimales), se recibió '100.01'
progress '1e2': Participa\InvalidArgumentException: progress: se esperaba un porcentaje de 0 a 100 (hasta dos decimales), se recibió '1e2'
progress ' 5': Participa\InvalidArgumentException: progress: se esperaba un porcentaje de 0 a 100 (hasta dos decimales), se recibió ' 5'
progress 1.0E+300: Participa\InvalidArgumentException: progress: se esperaba un porcentaje de 0 a 100 (hasta dos decimales), se recibió '1.0000000000000001e+300'
budget 1.0E+20: Participa\InvalidArgumentException: budget: se esperaba un monto en pesos (hasta 13 dígitos y dos decimales), se recibió '1.0e+20'
budget 9223372036854775807: Participa\InvalidArgumentException: budget: se esperaba un monto en pesos (hasta 13 dígitos y dos decimales), se recibió '9223372036854775807'
budget -5: Participa\InvalidArgumentException: budget: se esperaba un monto en pesos (hasta 13 dígitos y dos decimales), se recibió '-5'
budget '1,000': Participa\InvalidArgumentException: budget: se esperaba un monto en pesos (hasta 13 dígitos y dos decimales), se recibió '1,000'
budget '1.005': Participa\InvalidArgumentException: budget: se esperaba un monto en pesos (hasta 13 dígitos y dos decimales), se recibió '1.005'
weight 0: Participa\InvalidArgumentException: weight: se esperaba un número mayor que 0 (hasta tres decimales), se recibió '0'
weight -1: Participa\InvalidArgumentException: weight: se esperaba un número mayor que 0 (hasta tres decimales), se recibió '-1'
weight 10000000.0: Participa\InvalidArgumentException: weight: se esperaba un número mayor que 0 (hasta tres decimales), se recibió '10000000'
weight 0.0001: Participa\InvalidArgumentException: weight: se esperaba un número mayor que 0 (hasta tres decimales), se recibió '0.0001'
due_date '2026-02-30': Participa\InvalidArgumentException: due_date: se esperaba una fecha AAAA-MM-DD válida, se recibió '2026-02-30'
due_date '1899-12-31': Participa\InvalidArgumentException: due_date: se esperaba una fecha AAAA-MM-DD válida, se recibió '1899-12-31'
due_date '2026-1-1': Participa\InvalidArgumentException: due_date: se esperaba una fecha AAAA-MM-DD válida, se recibió '2026-1-1'
due_date '2026-01-01' . "\0" . '': Participa\InvalidArgumentException: due_date: no debe contener el carácter NUL
budget max: 9999999999999.99; -0.0 progress: 0
title 501 bytes: Participa\InvalidArgumentException: title: admite como máximo 500 bytes
note invalid UTF-8: Participa\InvalidArgumentException: note: el texto no es UTF-8 válido o tiene caracteres de control
note 20001 bytes: Participa\InvalidArgumentException: note: admite como máximo 20000 bytes
501 milestones: Participa\InvalidArgumentException: milestones: se admiten como máximo 500 hitos
501 evidence: Participa\InvalidArgumentException: evidence: se admiten como máximo 500 evidencias
500 evidence items
the 501st by add_evidence: Participa\InvalidArgumentException: Un compromiso admite como máximo 500 evidencias.
milestone done 1: Participa\InvalidArgumentException: milestones: done del elemento 1 debe ser true o false
milestone extra key: Participa\InvalidArgumentException: milestones: el elemento 1 tiene la clave desconocida 'hecho'
evidence extra key: Participa\InvalidArgumentException: evidence: el elemento 1 tiene la clave desconocida 'fecha'
pillars 1 MB: Participa\InvalidArgumentException: pillars: demasiado largo
agreement 20001 bytes: Participa\InvalidArgumentException: agreements: se esperaba una lista de textos UTF-8 no vacíos de hasta 20000 bytes
501 agreements: Participa\InvalidArgumentException: agreements: se admiten como máximo 500 elementos
place invalid UTF-8: Participa\InvalidArgumentException: place: el texto no es UTF-8 válido o tiene caracteres de control
attendees not a list: Participa\InvalidArgumentException: attendees: se esperaba una lista de textos
held_on Feb 30: Participa\InvalidArgumentException: held_on: se esperaba la fecha de la asamblea AAAA-MM-DD
attendance by reference: 0 commitments
chain ok: true
