--TEST--
Instrument::html() corroborate and report: a citizen corroborates item by item beside the institution's answers through the form; the report shows the rates, per dimension bars with their figures in text and a table, the thresholds, the ranking table and the disagreements; the INFOEM rate (117 de 125, 93.6 %) and the PNUD thresholds (Buena práctica 80 %, Caso emblemático 100 %)
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/instrument_fragments.inc';
$site = instr_site('ihtml_corr_001');
$i = $site->instrument('apertura');
$i->submit('wp:ame', 'amecameca', instr_full());
$i->submit('wp:aya', 'ayapango', ['reglamento' => ['value' => true, 'evidence' => 'acta 3/2022'], 'comite' => 'yes',
    'portal' => 4, 'datos' => 'todos']);
$i->saveDraft('wp:tol', 'toluca', ['comite' => 'no']);
$host = fragments_host('h1');
$r = new Participa\Request($site, $host);

echo "-- before the institution answers\n";
$html = $i->html($host, 'wp:c1', ['view' => 'corroborate', 'subject' => 'toluca']);
instr_grep($html, '/<p class="participa-aviso"[^>]*>.*<\/p>/');
echo substr_count($html, '<form'), " forms\n";

echo "-- the corroboration form\n";
$html = $i->html($host, 'wp:c1', ['view' => 'corroborate', 'subject' => 'amecameca']);
instr_html_check($html);
instr_labels_check($html);
instr_grep($html, '/<p class="participa-institucion">.*<\/p>/');
instr_grep($html, '/<input type="radio" id="h1-corroboracion-reglamento-igual"[^>]*>/');
instr_grep($html, '/<button [^>]*>[^<]*<\/button>/');
echo "the free text is not asked: ", str_contains($html, 'answers[notas]') ? 'NO' : 'yes', "\n";

echo "-- nothing changed: refused (a corroboration needs one answer), kept\n";
$out = $r->handle(instr_form_post($html, 'h1-corroboracion'), 'wp:c1');
echo $out['message'], "\n";
echo "-- two items changed\n";
$out = $r->handle(instr_form_post($html, 'h1-corroboracion', ['answers[reglamento]' => 'no', 'numbers[portal]' => '1']), 'wp:c1');
var_dump($out['ok']);
echo $out['message'], ' ', $out['redirect'], "\n";
echo json_encode($i->response('wp:c1', 'amecameca', ['as' => 'corroboration'])['answers']), "\n";
$html = $i->html($host, 'wp:c1', ['view' => 'corroborate', 'subject' => 'amecameca']);
instr_grep($html, '/<p class="participa-estado"[^>]*>.*<\/p>/');
instr_grep($html, '/<dd>[^<]*<\/dd>/');
$out = $r->handle(instr_form_post($i->html($host, 'wp:c2', ['view' => 'corroborate', 'subject' => 'amecameca']), 'h1-corroboracion',
    ['answers[comite]' => 'yes']), 'wp:c1');
echo "twice: ", $out['message'], "\n";
$r->handle(instr_form_post($i->html($host, 'wp:c2', ['view' => 'corroborate', 'subject' => 'amecameca']), 'h1-corroboracion',
    ['answers[reglamento]' => 'no', 'answers[comite]' => 'yes']), 'wp:c2');

echo "-- the report\n";
$html = $i->html($host, null, ['view' => 'report']);
instr_html_check($html, 'report');
instr_grep($html, '/<li>[^<]*<\/li>/');
instr_grep($html, '/<svg class="participa-barras-cuestionario"[^>]*>/');
instr_grep($html, '/<text x="0" y="\d+" font-size="12" fill="currentColor">[^<]*<\/text>|<rect x="210"[^>]*>|<text x="\d+" y="\d+" font-size="12" fill="currentColor">[\d.]+ %<\/text>/');
instr_grep($html, '/<caption>[^<]*<\/caption>/');
echo substr_count($html, '<th scope="col">'), ' column headers, ', substr_count($html, '<th scope="row">'), " row headers\n";
instr_grep($html, '/<tr><t[dh][^\n]*<\/tr>/');
instr_grep($html, '/<span class="participa-umbral-texto">[^<]*<\/span>/');

echo "-- at the seeds' scale: 117 of 125 municipalities\n";
$t = "territories:\n  - { id: edomex, name: Estado de México, kind: estado }\n";
$a = '';
for ($k = 1; $k <= 125; $k++) {
    $t .= "  - { id: m$k, name: Municipio $k, kind: municipio, parent: edomex }\n";
    $a .= "  - { participant: \"wp:m$k\", role: enlace, territory: m$k }\n";
}
$big = instr_site('ihtml_corr_001b', $t . <<<Y
roles:
  enlace: { can: [comment] }
assignments:
$a
instruments:
  - id: infoem
    title: Condiciones de apertura institucional
    about: territory
    level: municipio
    respondents:
      self: { role: enlace, opens: 2020-01-01 }
    dimensions:
      - { id: normatividad, title: Normatividad, items: [{ id: r1, text: "Reactivo 1", scale: yes_no }] }
Y);
$b = $big->instrument('infoem');
for ($k = 1; $k <= 117; $k++) {
    $b->submit("wp:m$k", "m$k", ['r1' => $k % 3 !== 0]);
}
$html = $b->html($host, null, ['view' => 'report']);
instr_grep($html, '/<li>[^<]*<\/li>/');
echo substr_count($html, '<tr><td>'), " ranked\n";

echo "-- the PNUD thresholds\n";
$pnud = instr_site('ihtml_corr_001c', <<<Y
roles:
  evaluador: { can: [comment] }
assignments:
  - { participant: "wp:eva", role: evaluador }
instruments:
  - id: pnud
    title: Mapeo de buenas prácticas
    about: practice
    respondents:
      evaluation: { role: evaluador }
    thresholds: [{ at: 80, label: Buena práctica }, { at: 100, label: Caso emblemático }]
    dimensions:
      - id: especificos
        title: Criterios específicos
        items:
          - { id: e1, text: Innovación, scale: numeric, min: 0, max: 10, points: 10 }
          - { id: e2, text: Transparencia, scale: numeric, min: 0, max: 10, points: 10 }
      - id: generales
        title: Criterios generales
        items:
          - { id: g1, text: Eficacia, scale: numeric, min: 0, max: 8, points: 8 }
    subjects:
      - { id: p1, name: "Presupuesto participativo", region: América Latina }
      - { id: p2, name: "Cabildo abierto", region: América Latina }
      - { id: p3, name: "Mapa de obras", region: África }
Y);
$p = $pnud->instrument('pnud');
$hp = fragments_host('h2');
$rp = new Participa\Request($pnud, $hp);
$form = $p->html($hp, 'wp:eva', ['subject' => 'p1', 'as' => 'evaluation']);
instr_grep($form, '/<input type="hidden" name="as" value="evaluation">/');
foreach (['p1' => [10, 10, 8], 'p2' => [8, 8, 8], 'p3' => [5, 8, 8]] as $s => [$x, $y, $z]) {
    $form = $p->html($hp, 'wp:eva', ['subject' => $s, 'as' => 'evaluation']);
    $out = $rp->handle(instr_form_post($form, 'h2-cuestionario', ['numbers[e1]' => (string) $x, 'numbers[e2]' => (string) $y,
        'numbers[g1]' => (string) $z], ['participa_action' => 'instrument.submit']), 'wp:eva');
    echo "$s: ", $out['message'], "\n";
}
$html = $p->html($hp, null, ['view' => 'report']);
instr_html_check($html, 'pnud');
instr_grep($html, '/<li>[^<]*<\/li>/');
instr_grep($html, '/<span class="participa-umbral-texto">[^<]*<\/span>/');
instr_grep($html, '/<tr><td>[^\n]*<\/tr>/');
participa_test_drop('ihtml_corr_001');
participa_test_drop('ihtml_corr_001b');
participa_test_drop('ihtml_corr_001c');
?>
--EXPECTF--
-- before the institution answers
  <p class="participa-aviso" role="status">Toluca todavía no envía su respuesta: aún no hay qué corroborar.</p>
0 forms
-- the corroboration form
html: 17 ids, all unique, raw ids none, 1 forms, 3 aria references
10 controls labelled; 7 radios in 2 fieldsets with 2 legends
  <p class="participa-institucion">Respuesta de Amecameca: Sí · <a href="https://municipio.gob.mx/reglamento.pdf">https://municipio.gob.mx/reglamento.pdf</a></p>
  <p class="participa-institucion">Respuesta de Amecameca: En parte</p>
  <p class="participa-institucion">Respuesta de Amecameca: 3</p>
  <p class="participa-institucion">Respuesta de Amecameca: algunos</p>
  <input type="radio" id="h1-corroboracion-reglamento-igual" name="answers[reglamento]" value="" checked>
  <button type="submit" name="participa_action" value="instrument.corroborate">Enviar corroboración</button>
the free text is not asked: yes
-- nothing changed: refused (a corroboration needs one answer), kept
La corroboración necesita al menos una respuesta.
-- two items changed
bool(true)
Gracias: tu corroboración quedó registrada. /consulta/#h1-corroboracion
{"portal":{"value":1,"evidence":null},"reglamento":{"value":false,"evidence":null}}
  <p class="participa-estado" role="status">Enviaste tu corroboración sobre Amecameca el %s. Gracias.</p>
  <dd>No</dd>
  <dd>Coincide con su respuesta</dd>
  <dd>1</dd>
  <dd>Coincide con su respuesta</dd>
twice: Ya enviaste tu respuesta sobre Amecameca; solo se admite una.
-- the report
report: 5 ids, all unique, raw ids none, 0 forms, 3 aria references
  <li>Autoevaluación: respondieron 2 de 4 (50.0 %). 1 borradores sin enviar.</li>
  <li>Corroboración ciudadana: 2 respuestas sobre 1 de 4 (25.0 %).</li>
  <svg class="participa-barras-cuestionario" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 620 192" width="100%" role="img" aria-labelledby="h1-dimensiones-titulo h1-dimensiones-desc">
  <text x="0" y="35" font-size="12" fill="currentColor">Autoevaluación</text>
  <rect x="210" y="22" width="275.0" height="16" class="participa-barra-propia" stroke="#1f4e79" stroke-width="1">
  <text x="491" y="35" font-size="12" fill="currentColor">83.3 %</text>
  <text x="0" y="57" font-size="12" fill="currentColor">Propia, en los 1 corroborados</text>
  <rect x="210" y="44" width="220.0" height="16" class="participa-barra-corroborados" stroke="#1f4e79" stroke-width="1">
  <text x="436" y="57" font-size="12" fill="currentColor">66.7 %</text>
  <text x="0" y="79" font-size="12" fill="currentColor">Corroboración ciudadana</text>
  <rect x="210" y="66" width="165.0" height="16" class="participa-barra-ciudadania" stroke="#1f4e79" stroke-width="1" fill="url(#h1-rayas)">
  <text x="381" y="79" font-size="12" fill="currentColor">50.0 %</text>
  <text x="0" y="131" font-size="12" fill="currentColor">Autoevaluación</text>
  <rect x="210" y="118" width="254.4" height="16" class="participa-barra-propia" stroke="#1f4e79" stroke-width="1">
  <text x="470" y="131" font-size="12" fill="currentColor">77.1 %</text>
  <text x="0" y="153" font-size="12" fill="currentColor">Propia, en los 1 corroborados</text>
  <rect x="210" y="140" width="178.8" height="16" class="participa-barra-corroborados" stroke="#1f4e79" stroke-width="1">
  <text x="394" y="153" font-size="12" fill="currentColor">54.2 %</text>
  <text x="0" y="175" font-size="12" fill="currentColor">Corroboración ciudadana</text>
  <rect x="210" y="162" width="137.5" height="16" class="participa-barra-ciudadania" stroke="#1f4e79" stroke-width="1" fill="url(#h1-rayas)">
  <text x="353" y="175" font-size="12" fill="currentColor">41.7 %</text>
  <caption>Puntaje por dimensión, en porcentaje del máximo</caption>
  <caption>Clasificación por puntaje total</caption>
  <caption>Respuestas y niveles por grupo</caption>
  <caption>Preguntas en que la corroboración ciudadana difiere de la respuesta propia</caption>
21 column headers, 9 row headers
  <tr><th scope="col">Dimensión</th><th scope="col">Autoevaluación</th><th scope="col">Corroborados</th><th scope="col">Autoevaluación (Corroborados)</th><th scope="col">Corroboración ciudadana</th></tr>
  <tr><th scope="row">Normatividad</th><td>83.3 %</td><td>1</td><td>66.7 %</td><td>50.0 %</td></tr>
  <tr><th scope="row">TIC&#39;s</th><td>77.1 %</td><td>1</td><td>54.2 %</td><td>41.7 %</td></tr>
  <tr><th scope="col">Posición</th><th scope="col">Nombre</th><th scope="col">Grupo</th><th scope="col">Puntaje</th><th scope="col">Porcentaje</th><th scope="col">Nivel</th></tr>
  <tr><td>1</td><th scope="row">Ayapango</th><td>Región I Amecameca</td><td>15 de 15</td><td>100.0 %</td><td>Consolidada</td></tr>
  <tr><td>2</td><th scope="row">Amecameca</th><td>Región I Amecameca</td><td>8.5 de 15</td><td>56.7 %</td><td>Básica</td></tr>
  <tr><th scope="col">Grupo</th><th scope="col">Respondieron</th><th scope="col">Promedio</th><th scope="col">Básica</th><th scope="col">Consolidada</th></tr>
  <tr><th scope="row">Región I Amecameca</th><td>2 de 2 (100.0 %)</td><td>78.3 %</td><td>2</td><td>1</td></tr>
  <tr><th scope="row">Región XIII Toluca</th><td>0 de 2 (0.0 %)</td><td>—</td><td>0</td><td>0</td></tr>
  <tr><th scope="col">Nombre</th><th scope="col">Pregunta</th><th scope="col">Respuesta propia (puntos)</th><th scope="col">Corroboración (puntos, promedio)</th><th scope="col">Coinciden</th></tr>
  <tr><th scope="row">Amecameca</th><td>¿Tiene reglamento de transparencia?</td><td>1</td><td>0</td><td>0 de 2</td></tr>
  <tr><th scope="row">Amecameca</th><td>¿Opera su comité?</td><td>1</td><td>2</td><td>0 de 1</td></tr>
  <tr><th scope="row">Amecameca</th><td>Secciones del portal al día (0 a 4)</td><td>4.5</td><td>1.5</td><td>0 de 1</td></tr>
  <span class="participa-umbral-texto">Básica (50 % o más): 2 de 2 (100.0 %)</span>
  <span class="participa-umbral-texto">Consolidada (80 % o más): 1 de 2 (50.0 %)</span>
-- at the seeds' scale: 117 of 125 municipalities
  <li>Autoevaluación: respondieron 117 de 125 (93.6 %).</li>
117 ranked
-- the PNUD thresholds
  <input type="hidden" name="as" value="evaluation">
p1: Se envió el cuestionario. Gracias.
p2: Se envió el cuestionario. Gracias.
p3: Se envió el cuestionario. Gracias.
pnud: 5 ids, all unique, raw ids none, 0 forms, 3 aria references
  <li>Evaluación: 3 evaluaciones sobre 3 de 3 (100.0 %).</li>
  <span class="participa-umbral-texto">Buena práctica (80 % o más): 2 de 3 (66.7 %)</span>
  <span class="participa-umbral-texto">Caso emblemático (100 % o más): 1 de 3 (33.3 %)</span>
  <tr><td>1</td><th scope="row">Presupuesto participativo</th><td>América Latina</td><td>28 de 28</td><td>100.0 %</td><td>Caso emblemático</td></tr>
  <tr><td>2</td><th scope="row">Cabildo abierto</th><td>América Latina</td><td>24 de 28</td><td>85.7 %</td><td>Buena práctica</td></tr>
  <tr><td>3</td><th scope="row">Mapa de obras</th><td>África</td><td>21 de 28</td><td>75.0 %</td><td>—</td></tr>
