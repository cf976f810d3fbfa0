--TEST--
Commitments::assemblyHtml() and Request commitments.assembly: an enlace records an assembly through the form (attendance, agenda, minutes, agreements); the record shows each agreement linked to the commitment that follows it up; refusals keep the draft; no form for a citizen
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db();
participa_test_skip_on_galera('contiguous AUTO_INCREMENT ids in the expected links and order'); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/commitments_fragments.inc';
$site = commitments_test_site('assembly_record_001');
$c = $site->commitments();
$names = ['wp:enl' => 'Enlace Martínez', 'wp:fun' => 'Dirección de Obras'];
$host = fragments_host('a1', ['names' => $names]);
$r = new Participa\Request($site, $host);
$post = fn(array $f) => $f + ['participa_action' => 'commitments.assembly', 'participa_form' => 'asamblea', '_wpnonce' => 'n0nce',
    'participa_return' => '/consulta/', 'territory' => 'san-miguel-teotongo'];

// The empty record, and the form for an enlace (record_assembly): the territory is the page's.
$html = $c->assemblyHtml($host, 'san-miguel-teotongo', 'wp:enl');
commitments_html_check($html);
has($html, 'nothing yet', '/<p class="participa-nota">Aún no hay asambleas registradas.<\/p>/u');
has($html, 'the form', '/<form class="participa-formulario" id="a1-asamblea" method="post" action="\/consulta\/">\s*<fieldset>\s*<legend>Registrar una asamblea<\/legend>/u');
has($html, 'territory hidden', '/<input type="hidden" name="territory" value="san-miguel-teotongo">/');
echo "fields: ", implode(', ', preg_match_all('/<label for="a1-asamblea-(\w+)">([^<]+)<\/label>/u', $html, $m) ? array_map(fn($a, $b) => "$a ($b)", $m[1], $m[2]) : []), "\n";

// Recorded through the form: a date as people write it, attendance with a thousands comma, lines.
$out = $r->handle($post(['held_on' => '14/03/2026', 'place' => 'Explanada de la Parroquia de San Miguel', 'attendance' => '1,042',
    'attendees' => "wp:enl\r\nMaría Hernández\r\n\r\nJosé Ramírez\r\n", 'agenda' => "1. Agua potable\r\n2. Alumbrado",
    'minutes' => "Se acordó por consenso.\r\n\r\nLa próxima asamblea será en abril.",
    'agreements' => "Gestionar pipas de agua para la calle Lirios los martes\r\nReparar 12 luminarias en la avenida principal\r\n"]), 'wp:enl');
var_dump($out['ok'], $out['message'], $out['redirect']);
$a = $c->assemblies('san-miguel-teotongo')[0];
echo "stored: {$a['held_on']}, {$a['attendance']}, [", implode('; ', $a['attendees']), "], ",
    implode(' / ', array_map(fn($x) => $x['text'] . ' -> ' . $x['commitment'], $a['agreements'])), "\n";
$c->update('acuerdo-1-2', ['status' => 'en-proceso', 'progress' => 50], 'wp:fun', '6 de 12 reparadas');

// The record, for a citizen: no form; each agreement linked to its follow-up with its status.
$html = $c->assemblyHtml(fragments_host('a2', ['names' => $names]), 'san-miguel-teotongo', 'wp:42');
commitments_html_check($html);
echo "codes shown: ", fragments_codes($html), "\n";
has($html, 'heading', '/id="a2-asambleas-titulo">Asambleas vecinales: San Miguel Teotongo<\/div>/u');
has($html, 'date in Spanish', '/id="a2-asamblea-1-titulo"><time datetime="2026-03-14">14 de marzo de 2026<\/time>, Explanada de la Parroquia de San Miguel<\/div>/u');
has($html, 'attendance', '/<dt>Asistencia<\/dt><dd>1,042 personas<\/dd>/');
has($html, 'attendees by name', '/<dt>Asistentes<\/dt><dd>Enlace Martínez, María Hernández, José Ramírez<\/dd>/u');
has($html, 'agenda and minutes', '/Orden del día<\/div>\s*<p>1. Agua potable<br>2. Alumbrado<\/p>.*Minuta<\/div>\s*<p>Se acordó por consenso.<\/p><p>La próxima asamblea será en abril.<\/p>/su');
has($html, 'agreement followed up', '/<p>Reparar 12 luminarias en la avenida principal<\/p>\s*<p class="participa-seguimiento">Seguimiento: <a href="\/consulta\/\?view=acuerdo-1-2">acuerdo-1-2: Reparar 12 luminarias en la avenida principal<\/a>, En proceso, <span class="participa-semaforo participa-semaforo-unscheduled"><span aria-hidden="true">○<\/span> Sin fecha de término<\/span>, Avance 50 %<\/p>/u');
has($html, 'recorded by', '/<dt>Registró<\/dt><dd>Enlace Martínez<\/dd>/u');
echo "form for a citizen: ", str_contains($html, 'commitments.assembly') ? 'SHOWN' : 'none', "\n";

// Refused: a date that does not exist, more names than people; every field says why, the draft stays.
$out = $r->handle($post(['held_on' => '2026-02-30', 'place' => 'Casa de cultura', 'attendance' => '2', 'attendees' => "Ana\nBeto\nCarla",
    'agreements' => 'Convocar otra asamblea']), 'wp:enl');
var_dump($out['ok']);
foreach ($out['errors'] as $f => $e) { echo "  $f: $e\n"; }
$html = $c->assemblyHtml($host, 'san-miguel-teotongo', 'wp:enl');
commitments_html_check($html);
has($html, 'date kept as typed', '/<input id="a1-asamblea-held_on" name="held_on" type="text" value="2026-02-30" aria-describedby="a1-asamblea-held_on-ayuda a1-asamblea-held_on-error" aria-invalid="true" required >/');
has($html, 'names kept', '/<textarea id="a1-asamblea-attendees" name="attendees" rows="4" aria-describedby="a1-asamblea-attendees-ayuda a1-asamblea-attendees-error" aria-invalid="true" >Ana\nBeto\nCarla<\/textarea>/');
echo count($c->assemblies()), " assembly stored\n";

// Required fields, a citizen, below the quorum (no commitments: said in words).
$out = $r->handle($post(['held_on' => '', 'place' => '', 'attendance' => '']), 'wp:enl');
foreach ($out['errors'] as $f => $e) { echo "  $f: $e\n"; }
$out = $r->handle($post(['held_on' => '2026-04-11', 'place' => 'Casa de cultura', 'attendance' => '30']), 'wp:42');
echo "citizen: ", $out['ok'] ? 'accepted' : $out['message'], "\n";
$out = $r->handle($post(['held_on' => '2026-04-11', 'place' => 'Casa de cultura', 'attendance' => '6', 'agreements' => 'Convocar otra asamblea']), 'wp:enl');
echo "below quorum: ", $out['ok'] ? 'recorded' : $out['message'], ", ", $out['redirect'], "\n";
$html = $c->assemblyHtml($host, 'san-miguel-teotongo');
has($html, 'quorum said', '/Sin compromiso de seguimiento<\/p>\s*<\/li>\s*<\/ol>\s*<p class="participa-nota">Sin el quórum de la asamblea, sus acuerdos no se volvieron compromisos.<\/p>/u');
echo "newest first: ", preg_match('/id="a1-asamblea-2".*id="a1-asamblea-1"/s', $html) ? 'yes' : 'no', "\n";

// Every territory: an official chooses where it was held.
$html = $c->assemblyHtml(fragments_host('a3'), null, 'wp:enl');
echo "territory choice: ", implode(' | ', preg_match_all('/<option value="([^"]+)" >([^<]+)<\/option>/u', $html, $o) ? $o[2] : []), "\n";
commitments_test_refused('unknown territory', fn() => $c->assemblyHtml($host, 'coyoacan'));
var_dump($c->verify()['ok']);
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('assembly_record_001'); ?>
--EXPECT--
html: 15 ids, all unique
html: raw ids none
html: 1 forms, all with the token
html: 5 described-by ids checked
nothing yet: yes
the form: yes
territory hidden: yes
fields: held_on (Fecha de la asamblea), place (Lugar), attendance (Número de asistentes), attendees (Lista de asistentes), agenda (Orden del día), minutes (Minuta), agreements (Acuerdos)
bool(true)
string(25) "Se registró la asamblea."
string(24) "/consulta/#a1-asamblea-1"
stored: 2026-03-14, 1042, [wp:enl; María Hernández; José Ramírez], Gestionar pipas de agua para la calle Lirios los martes -> acuerdo-1-1 / Reparar 12 luminarias en la avenida principal -> acuerdo-1-2
html: 4 ids, all unique
html: raw ids none
html: 0 forms, all with the token
html: 0 described-by ids checked
codes shown: none
heading: yes
date in Spanish: yes
attendance: yes
attendees by name: yes
agenda and minutes: yes
agreement followed up: yes
recorded by: yes
form for a citizen: none
bool(false)
  held_on: Escribe la fecha como AAAA-MM-DD (por ejemplo, 2026-03-14).
  attendees: La lista de asistentes tiene más nombres que la asistencia.
html: 20 ids, all unique
html: raw ids none
html: 1 forms, all with the token
html: 7 described-by ids checked
date kept as typed: yes
names kept: yes
1 assembly stored
  held_on: La fecha no puede quedar en blanco.
  place: El lugar no puede quedar en blanco.
  attendance: La asistencia no puede quedar en blanco.
citizen: No tienes permiso para registrar asambleas.
below quorum: recorded, /consulta/#a1-asamblea-2
quorum said: yes
newest first: yes
territory choice: Alcaldía Iztapalapa | – Dirección Territorial Teotongo-Acahualtepec | – – San Miguel Teotongo
unknown territory: Participa\InvalidArgumentException: territorio desconocido 'coyoacan'
bool(true)