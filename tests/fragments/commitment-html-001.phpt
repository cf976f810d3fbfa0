--TEST--
Commitments::html(): a parent with two actions from real rows: objective, budget in pesos, verification, dates in Spanish, progress and its roll-up, the traffic light in words, milestones, evidence, official answer, last update, the thread; the form only for an official
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/commitments_fragments.inc';
$site = commitments_test_site('commitment_html_001');
$c = $site->commitments();
$c->upsert(['id' => 'PAL-09', 'plan' => 'pal-2026', 'title' => 'Alumbrado público en colonias',
    'objective' => "Reparar las luminarias de las calles con más reportes.\n\nCon la vigilancia de los comités\nvecinales.",
    'budget' => '987654.32', 'verification' => 'Actas de entrega-recepción firmadas por los comités',
    'theme' => 'presupuesto', 'pillars' => ['transparencia', 'rendicion'], 'agency' => 'obras', 'territory' => 'san-miguel-teotongo',
    'start_date' => '2020-02-01', 'due_date' => '2020-06-30',
    'milestones' => [['title' => 'Censo de luminarias', 'due' => '2020-03-01', 'done' => true], ['title' => 'Compra', 'due' => '2020-05-01', 'done' => false]]], 'wp:fun');
$c->upsert(['id' => 'PAL-09.1', 'plan' => 'pal-2026', 'parent' => 'PAL-09', 'title' => 'Censo de luminarias', 'weight' => 2,
    'start_date' => '2020-02-01', 'due_date' => '2099-01-31'], 'wp:fun');
$c->upsert(['id' => 'PAL-09.2', 'plan' => 'pal-2026', 'parent' => 'PAL-09', 'title' => 'Reparación', 'due_date' => '2020-01-31'], 'wp:fun');
$c->update('PAL-09.1', ['status' => 'en-proceso', 'progress' => 50, 'add_evidence' => ['url' => 'https://iztapalapa.gob.mx/acta-7.pdf',
    'description' => 'Acta del censo', 'date' => '2020-02-03']], 'wp:fun', 'primera jornada');
$c->update('PAL-09.2', ['progress' => 20], 'wp:fun');
$t = $site->thread('commitment', 'PAL-09');
$q = $t->post('wp:42', '¿Cuándo reparan la calle Lirios?');
$a = $t->post('wp:fun', "Están programadas para abril.\nGracias por avisar.", ['parent' => $q['id']]);
$t->markOfficial($a['id'], 'wp:fun');

$html = $c->html(fragments_host('c1', ['url' => 'https://ejemplo.mx/compromisos/?{params}', 'here' => 'https://ejemplo.mx/compromisos/?view=PAL-09']), 'PAL-09', 'wp:42');
commitments_html_check($html);
echo "codes shown: ", fragments_codes($html), "\n";
has($html, 'title, key', '/<p class="participa-clave">Compromiso PAL-09<\/p>\s*<div role="heading" aria-level="2" class="participa-titulo" id="c1-compromiso-titulo">Alumbrado público en colonias<\/div>/u');
has($html, 'status and light in words', '/Estado: <strong>Por iniciar<\/strong><\/span>\s*<span class="participa-semaforo participa-semaforo-late"><span aria-hidden="true">■<\/span> Semáforo: <strong>Con retraso<\/strong>/u');
// the roll-up: (50 x 2 + 20 x 1) / 3 = 40
has($html, 'labelled progress and its number', '/<label for="c1-compromiso-avance">Avance<\/label>\s*<progress id="c1-compromiso-avance" max="100" value="40.00">40 %<\/progress>\s*<span class="participa-cifra">40 %<\/span>/');
has($html, 'roll-up said', '/El avance de este compromiso se calcula de sus acciones: es el promedio de su avance, ponderado por el peso de cada una./u');
has($html, 'objective as paragraphs', '/<p>Reparar las luminarias de las calles con más reportes.<\/p><p>Con la vigilancia de los comités<br>vecinales.<\/p>/u');
has($html, 'budget in pesos', '/<dt>Presupuesto<\/dt><dd>\$987,654.32<\/dd>/');
has($html, 'dates in Spanish', '/<dt>Inicio<\/dt><dd><time datetime="2020-02-01">1 de febrero de 2020<\/time><\/dd>.*<dt>Fecha comprometida<\/dt><dd><time datetime="2020-06-30">30 de junio de 2020<\/time><\/dd>/su');
has($html, 'labels, not ids', '/<dd>Presupuesto y Hacienda Pública<\/dd>.*<dd>San Miguel Teotongo<\/dd>.*<dd>Transparencia, Rendición de cuentas<\/dd>/su');
has($html, 'verification', '/Medios de verificación<\/div>\s*<p>Actas de entrega-recepción firmadas por los comités<\/p>/u');
has($html, 'children with status', '/<a href="https:\/\/ejemplo.mx\/compromisos\/\?view=PAL-09.1">PAL-09.1: Censo de luminarias<\/a>: En proceso, <span class="participa-semaforo participa-semaforo-on_track"><span aria-hidden="true">●<\/span> En tiempo<\/span>, Avance 50 % \(Peso 2\)/u');
has($html, 'a late child', '/PAL-09.2: Reparación<\/a>: Por iniciar, <span class="participa-semaforo participa-semaforo-late"><span aria-hidden="true">■<\/span> Con retraso<\/span>, Avance 20 % \(Peso 1\)/u');
has($html, 'milestones in words', '/<span class="participa-hito-estado">Cumplido<\/span> <time datetime="2020-03-01">1 de marzo de 2020<\/time>: Censo de luminarias<\/li>\s*<li class="participa-hito participa-hito-overdue"><span class="participa-hito-estado">Vencido<\/span>/u');
has($html, 'official answer by name', '/<blockquote class="participa-oficial">\s*<p>Están programadas para abril.<br>Gracias por avisar.<\/p>\s*<footer>Dirección de Obras, <time datetime="[0-9T:Z-]+">\d+ de \w+ de 20\d\d, \d\d:\d\d<\/time><\/footer>/u');
has($html, 'last update', '/<p class="participa-actualizado">Última actualización: <time datetime="[0-9T:Z-]+">\d+ de \w+ de 20\d\d, \d\d:\d\d<\/time>, por Dirección de Obras: «El avance se recalculó con el de sus acciones.»<\/p>/u');
has($html, 'the thread fragment after the page', '/<\/article>\s*<section id="c1" class="participa-hilo"/');
echo "progress form for a citizen: ", str_contains($html, 'commitments.progress') ? 'SHOWN' : 'none', "\n";

// An action's page: its parent as a link, the last update's note; the official's form with the progress field.
$html = $c->html(fragments_host('c2'), 'PAL-09.1', 'wp:fun');
commitments_html_check($html);
has($html, 'parent linked', '/<p class="participa-padre">Forma parte de: <a href="\/consulta\/\?view=PAL-09">PAL-09: Alumbrado público en colonias<\/a> \(Por iniciar, Con retraso, Avance 40 %\)<\/p>/u');
has($html, 'evidence with its date and who', '/<li><a href="https:\/\/iztapalapa.gob.mx\/acta-7.pdf" rel="noopener">Acta del censo<\/a>, <time datetime="2020-02-03">3 de febrero de 2020<\/time>. Agregada por Dirección de Obras<\/li>/u');
has($html, 'last update note', '/por Dirección de Obras: «primera jornada»<\/p>/u');
has($html, 'progress form', '/<form class="participa-formulario" id="c2-avance" method="post" action="\/consulta\/">/');
has($html, 'labelled progress field', '/<label for="c2-avance-progress">Avance \(de 0 a 100\)<\/label>\s*<span class="participa-ayuda" id="c2-avance-progress-ayuda">[^<]+<\/span>\s*<input id="c2-avance-progress" name="progress" type="number" value="50" inputmode="decimal" min="0" max="100" step="0.01" aria-describedby="c2-avance-progress-ayuda" >/u');
has($html, 'hidden fields', '/name="participa_action" value="commitments.progress">.*name="_wpnonce" value="n0nce">.*name="commitment" value="PAL-09.1">/s');
// the parent's form: no progress field (it follows its actions), a note and evidence
$html = $c->html(fragments_host('c3'), 'PAL-09', 'wp:fun');
echo "parent form fields: ", implode(', ', preg_match_all('/<(?:input|textarea) id="c3-avance-(\w+)"/', $html, $f) ? $f[1] : []), "\n";

// English: the same page for an English host.
$html = $c->html(fragments_host('c4', ['lang' => 'en']), 'PAL-09');
has($html, 'English', '/Status: <strong>Por iniciar<\/strong>.*Traffic light: <strong>Late<\/strong>/su');
has($html, 'English dates and pesos', '/<time datetime="2020-02-01">February 1, 2020<\/time>.*<dd>\$987,654.32<\/dd>/s');
commitments_test_refused('unknown', fn() => $c->html(fragments_host('c5'), 'PAL-00'));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('commitment_html_001'); ?>
--EXPECT--
html: 10 ids, all unique
html: raw ids none
html: 2 forms, all with the token
html: 0 described-by ids checked
codes shown: none
title, key: yes
status and light in words: yes
labelled progress and its number: yes
roll-up said: yes
objective as paragraphs: yes
budget in pesos: yes
dates in Spanish: yes
labels, not ids: yes
verification: yes
children with status: yes
a late child: yes
milestones in words: yes
official answer by name: yes
last update: yes
the thread fragment after the page: yes
progress form for a citizen: none
html: 16 ids, all unique
html: raw ids none
html: 3 forms, all with the token
html: 3 described-by ids checked
parent linked: yes
evidence with its date and who: yes
last update note: yes
progress form: yes
labelled progress field: yes
hidden fields: yes
parent form fields: note, evidence_url, evidence_description
English: yes
English dates and pesos: yes
unknown: Participa\NotFoundException: No existe el compromiso 'PAL-00'.
