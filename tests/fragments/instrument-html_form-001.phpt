--TEST--
Instrument::html() form: every item a labelled native control, the deadline in words, a refused submit keeps the draft with each error tied to its control, "Guardar borrador" saves without JavaScript, "Enviar" submits, then the answers are shown, not asked
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/instrument_fragments.inc';
$site = instr_site('ihtml_form_001');
$i = $site->instrument('apertura');
$host = fragments_host('h1');
$r = new Participa\Request($site, $host);

echo "-- the empty form\n";
$html = $i->html($host, 'wp:ame', ['subject' => 'amecameca']);
instr_html_check($html);
instr_labels_check($html);
instr_grep($html, '/<p class="participa-(sujeto|plazo)">.*<\/p>/');
instr_grep($html, '/<legend>1\..*<\/legend>/');
instr_grep($html, '/<input type="number"[^>]*>/');
instr_grep($html, '/<select [^>]*>/');
instr_grep($html, '/<textarea [^>]*>/');
instr_grep($html, '/<input type="text" id="h1-cuestionario-reglamento-evidencia"[^>]*>/');
instr_grep($html, '/<button [^>]*>[^<]*<\/button>/');

echo "-- Enviar with two items missing and no evidence: refused, nothing stored\n";
$post = instr_form_post($html, 'h1-cuestionario', ['answers[reglamento]' => 'yes', 'numbers[portal]' => '3',
    'answers[notas]' => "Dos líneas\r\nde nota"], ['participa_action' => 'instrument.submit']);
$out = $r->handle($post, 'wp:ame');
var_dump($out['ok']);
echo $out['message'], "\n", $out['redirect'], "\n";
var_dump($i->response('wp:ame', 'amecameca'));
$html = $i->html($host, 'wp:ame', ['subject' => 'amecameca']);
instr_html_check($html, 'refused');
instr_grep($html, '/<p id="h1-cuestionario-mensaje"[^>]*>.*<\/p>/');
instr_grep($html, '/<fieldset class="participa-opciones" aria-describedby="[^"]*">/');
instr_grep($html, '/<(select|input)[^>]*aria-invalid="true"[^>]*>/');
instr_grep($html, '/<p id="[^"]*-error" class="participa-error">.*<\/p>/');
echo "kept: ", str_contains($html, 'value="yes" checked required') ? 'the radio' : 'NOT the radio', ', ',
    str_contains($html, 'value="3" required') ? 'the number' : 'NOT the number', ', ',
    str_contains($html, ">Dos líneas\nde nota</textarea>") ? 'the text' : 'NOT the text', "\n";

echo "-- a number with a comma: refused by the form's rules, next to its control\n";
$out = $r->handle(instr_form_post($html, 'h1-cuestionario', ['numbers[portal]' => '3,5'], ['participa_action' => 'instrument.draft']), 'wp:ame');
echo $out['message'], ' / ', json_encode($out['errors'], JSON_UNESCAPED_UNICODE), "\n";
$html = $i->html($host, 'wp:ame', ['subject' => 'amecameca']);
instr_grep($html, '/<input type="number"[^>]*>/');
instr_grep($html, '/<p id="h1-cuestionario-portal-error"[^>]*>.*<\/p>/');

echo "-- Guardar borrador (the first button, as Enter presses it)\n";
$host2 = fragments_host('h1');
$html = $i->html($host2, 'wp:ame', ['subject' => 'amecameca']);
$r2 = new Participa\Request($site, $host2);
$out = $r2->handle(instr_form_post($html, 'h1-cuestionario', ['answers[reglamento]' => 'yes', 'answers[comite]' => 'partial',
    'numbers[portal]' => '3']), 'wp:ame');
var_dump($out['ok']);
echo $out['message'], ' ', $out['redirect'], "\n";
$resp = $i->response('wp:ame', 'amecameca');
echo $resp['status'], ': ', json_encode($resp['answers']), ', missing ', implode(' ', $resp['missing']), "\n";
$html = $i->html($host2, 'wp:ame', ['subject' => 'amecameca']);
echo preg_match('/<p class="participa-estado" role="status">Borrador guardado el \d+ de \w+ de \d{4}, \d\d:\d\d\. Falta 1 pregunta obligatoria\.<\/p>/u', $html) ? "draft saved, its date in words\n" : "no draft status\n";
echo "stored draft shown: ", str_contains($html, 'value="partial" checked required') && str_contains($html, 'value="3" required') ? 'yes' : 'NO', "\n";

echo "-- Enviar, complete\n";
$out = $r2->handle(instr_form_post($html, 'h1-cuestionario', ['answers[datos]' => 'algunos',
    'evidence[reglamento]' => 'https://amecameca.gob.mx/reglamento.pdf'], ['participa_action' => 'instrument.submit']), 'wp:ame');
var_dump($out['ok']);
echo $out['message'], "\n";
$resp = $i->response('wp:ame', 'amecameca');
echo $resp['status'], ': ', json_encode($resp['answers'], JSON_UNESCAPED_SLASHES), "\n";
$html = $i->html($host2, 'wp:ame', ['subject' => 'amecameca']);
instr_html_check($html, 'submitted');
echo substr_count($html, '<form '), " forms; ";
instr_grep($html, '/<p class="participa-estado"[^>]*>La respuesta de Amecameca se envió el [^<]*<\/p>/');
instr_grep($html, '/<dd>[^<]*(<a [^>]*>[^<]*<\/a>)?<\/dd>/');
echo "-- a second Enviar (a stale page): refused in Spanish\n";
$out = $r2->handle($post, 'wp:ame2');
echo $out['message'], "\n";
echo "-- a visitor\n";
$html = $i->html($host2, null, ['subject' => 'ayapango']);
instr_grep($html, '/<p class="participa-nota">Inicia sesión[^<]*<\/p>/');
$out = $r2->handle(instr_form_post($html, 'h1-cuestionario', ['answers[comite]' => 'yes']), null);
echo $out['message'], ' draft kept: ', $out['draft']['answers']['comite'], "\n";
echo "-- no subject: the subjects to choose from\n";
$html = $i->html($host2, 'wp:ame', []);
instr_grep($html, '/<li><a href="[^"]*">[^<]*<\/a>/');
echo "-- another municipality's liaison: told before filling anything in\n";
$html = $i->html($host2, 'wp:tol', ['subject' => 'ayapango']);
instr_grep($html, '/<p class="participa-aviso"[^>]*>.*<\/p>/');
echo substr_count($html, '<form'), " forms\n";
echo "-- English\n";
$html = $i->html(fragments_host('h1', ['lang' => 'en']), 'wp:aya', ['subject' => 'ayapango']);
instr_grep($html, '/<p class="participa-plazo">.*<\/p>/');
instr_grep($html, '/<button [^>]*>[^<]*<\/button>/');
participa_test_drop('ihtml_form_001');
?>
--EXPECTF--
-- the empty form
html: 16 ids, all unique, raw ids none, 1 forms, 3 aria references
9 controls labelled; 5 radios in 2 fieldsets with 2 legends
  <p class="participa-sujeto">Cuestionario de: Amecameca</p>
  <p class="participa-plazo">Fecha límite: 31 de diciembre de 2099, 23:59 (hora del sitio).</p>
  <legend>1. ¿Tiene reglamento de transparencia? <abbr title="obligatoria">*</abbr></legend>
  <input type="number" id="h1-cuestionario-portal" name="numbers[portal]" min="0" max="4" step="1" inputmode="numeric" value="" required aria-describedby="h1-cuestionario-portal-ayuda">
  <select id="h1-cuestionario-datos" name="answers[datos]" required>
  <textarea id="h1-cuestionario-notas" name="answers[notas]" rows="3" maxlength="2000">
  <input type="text" id="h1-cuestionario-reglamento-evidencia" name="evidence[reglamento]" maxlength="1000" value="" aria-describedby="h1-cuestionario-reglamento-evidencia-ayuda">
  <button type="submit" name="participa_action" value="instrument.draft" formnovalidate>Guardar borrador</button>
  <button type="submit" name="participa_action" value="instrument.submit">Enviar</button>
-- Enviar with two items missing and no evidence: refused, nothing stored
bool(false)
La respuesta a «reglamento» necesita evidencia (una liga o referencia).
/consulta/#h1-cuestionario
NULL
refused: 20 ids, all unique, raw ids none, 1 forms, 7 aria references
  <p id="h1-cuestionario-mensaje" class="participa-error" role="alert">La respuesta a «reglamento» necesita evidencia (una liga o referencia).</p>
  <fieldset class="participa-opciones" aria-describedby="h1-cuestionario-comite-error">
  <input type="text" id="h1-cuestionario-reglamento-evidencia" name="evidence[reglamento]" maxlength="1000" value="" aria-describedby="h1-cuestionario-reglamento-evidencia-ayuda h1-cuestionario-reglamento-evidencia-error" aria-invalid="true">
  <select id="h1-cuestionario-datos" name="answers[datos]" required aria-describedby="h1-cuestionario-datos-error" aria-invalid="true">
  <p id="h1-cuestionario-reglamento-evidencia-error" class="participa-error">Esta respuesta suma puntos: escribe la liga o referencia que la respalda.</p>
  <p id="h1-cuestionario-comite-error" class="participa-error">Falta esta respuesta.</p>
  <p id="h1-cuestionario-datos-error" class="participa-error">Falta esta respuesta.</p>
kept: the radio, the number, the text
-- a number with a comma: refused by the form's rules, next to its control
Revisa los datos marcados. / {"numbers[portal]":"Escribe un número entero, sin puntos ni comas."}
  <input type="number" id="h1-cuestionario-portal" name="numbers[portal]" min="0" max="4" step="1" inputmode="numeric" value="3,5" required aria-describedby="h1-cuestionario-portal-ayuda h1-cuestionario-portal-error" aria-invalid="true">
  <p id="h1-cuestionario-portal-error" class="participa-error">Escribe un número entero, sin puntos ni comas.</p>
-- Guardar borrador (the first button, as Enter presses it)
bool(true)
Se guardó el borrador. /consulta/#h1-cuestionario
draft: {"comite":{"value":"partial","evidence":null},"datos":{"value":null,"evidence":null},"notas":{"value":null,"evidence":null},"portal":{"value":3,"evidence":null},"reglamento":{"value":true,"evidence":null}}, missing datos
draft saved, its date in words
stored draft shown: yes
-- Enviar, complete
bool(true)
Se envió el cuestionario. Gracias.
submitted: {"comite":{"value":"partial","evidence":null},"datos":{"value":"algunos","evidence":null},"notas":{"value":null,"evidence":null},"portal":{"value":3,"evidence":null},"reglamento":{"value":true,"evidence":"https://amecameca.gob.mx/reglamento.pdf"}}
submitted: 4 ids, all unique, raw ids none, 0 forms, 1 aria references
0 forms;   <p class="participa-estado" role="status">La respuesta de Amecameca se envió el %s.</p>
  <dd>Sí · <a href="https://amecameca.gob.mx/reglamento.pdf">https://amecameca.gob.mx/reglamento.pdf</a></dd>
  <dd>En parte</dd>
  <dd>3</dd>
  <dd>algunos</dd>
  <dd>Sin respuesta</dd>
-- a second Enviar (a stale page): refused in Spanish
La respuesta de Amecameca ya se envió; no se puede cambiar.
-- a visitor
  <p class="participa-nota">Inicia sesión para responder.</p>
Inicia sesión para participar. draft kept: yes
-- no subject: the subjects to choose from
  <li><a href="/consulta/?view=amecameca">Amecameca</a>
  <li><a href="/consulta/?view=ayapango">Ayapango</a>
  <li><a href="/consulta/?view=toluca">Toluca</a>
  <li><a href="/consulta/?view=metepec">Metepec</a>
-- another municipality's liaison: told before filling anything in
  <p class="participa-aviso" role="status">Solo quien tiene el rol «Enlace municipal» en Ayapango puede dar su respuesta.</p>
0 forms
-- English
  <p class="participa-plazo">Deadline: December 31, 2099, 23:59 (the site&#39;s time).</p>
  <button type="submit" name="participa_action" value="instrument.draft" formnovalidate>Save draft</button>
  <button type="submit" name="participa_action" value="instrument.submit">Submit</button>
