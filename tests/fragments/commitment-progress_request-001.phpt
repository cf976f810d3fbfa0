--TEST--
Request::handle() commitments.progress: an official updates progress with a note and evidence through the form; a refusal keeps the draft with the message next to the field; a citizen and a parent are refused in words
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/commitments_fragments.inc';
$site = commitments_test_site('commitment_progress_request_001');
$c = $site->commitments();
$c->upsert(['id' => 'PAL-07', 'plan' => 'pal-2026', 'title' => 'Contraloría social de obras'], 'wp:fun');
$c->upsert(['id' => 'PAL-07.1', 'plan' => 'pal-2026', 'parent' => 'PAL-07', 'title' => 'Comités instalados', 'due_date' => '2099-12-31'], 'wp:fun');
$host = fragments_host('h1');
$r = new Participa\Request($site, $host);
$post = fn(array $f) => $f + ['participa_action' => 'commitments.progress', 'participa_form' => 'avance', '_wpnonce' => 'n0nce',
    'participa_return' => '/consulta/?view=PAL-07.1', 'commitment' => 'PAL-07.1'];

// The official: 45,5 (a comma, as people write it), a note, an evidence address.
$out = $r->handle($post(['progress' => '45,5', 'note' => "Se instalaron 9 de 20 comités.\r\n",
    'evidence_url' => 'https://iztapalapa.gob.mx/actas/comites.pdf', 'evidence_description' => 'Actas de instalación']), 'wp:fun');
var_dump($out['ok'], $out['message'], $out['redirect']);
$g = $c->get('PAL-07.1');
echo "progress {$g['progress']}, parent ", $c->get('PAL-07')['progress'], ", evidence: {$g['evidence'][0]['url']} ({$g['evidence'][0]['description']}, by {$g['evidence'][0]['added_by']}, dated ",
    preg_match('/^\d{4}-\d\d-\d\d$/', $g['evidence'][0]['date']) ? 'today' : 'NOT', ")\n";
$h = $c->history('PAL-07.1');
echo "history: ", end($h)['action'], ' by ', end($h)['actor'], ': ', end($h)['note'], "\n";
$html = $c->html($host, 'PAL-07.1', 'wp:fun');
echo str_contains($html, '<span class="participa-cifra">45.5 %</span>') ? "the page shows 45.5 %\n" : "page not updated\n";

// Refused by the form's rules: every field says why, the draft stays as typed.
$out = $r->handle($post(['progress' => 'ciento', 'evidence_url' => 'javascript:alert(1)', 'note' => 'borrador']), 'wp:fun');
var_dump($out['ok']);
echo $out['message'], "\n";
foreach ($out['errors'] as $f => $e) { echo "  $f: $e\n"; }
echo "  draft: {$out['draft']['progress']} / {$out['draft']['note']}\n";
echo "  stored progress still ", $c->get('PAL-07.1')['progress'], "\n";
// The same request renders the page with the refused form: messages tied to their fields.
$html = $c->html($host, 'PAL-07.1', 'wp:fun');
commitments_html_check($html);
has($html, 'message above the form', '/<p class="participa-mensaje participa-mensaje-error" id="h1-avance-mensaje" role="status">Revisa los datos marcados.<\/p>/u');
has($html, 'progress error tied', '/<span class="participa-error" id="h1-avance-progress-error">Escribe el avance como un número de 0 a 100, con dos decimales como máximo.<\/span>\s*<input id="h1-avance-progress" name="progress" type="number" value="ciento" [^>]*aria-describedby="h1-avance-progress-ayuda h1-avance-progress-error" aria-invalid="true" >/u');
has($html, 'address error tied', '/id="h1-avance-evidence_url-error">Escribe la dirección completa de la evidencia, empezando con https:\/\/ o http:\/\/.<\/span>/u');
has($html, 'note kept', '/<textarea id="h1-avance-note" name="note" rows="4" [^>]*>borrador<\/textarea>/');
// After a redirect the host hands the outcome back through its contract.
$html = $c->html(fragments_host('h1', ['outcome' => $out]), 'PAL-07.1', 'wp:fun');
echo str_contains($html, 'value="ciento"') ? "draft kept after the redirect\n" : "draft lost after the redirect\n";

// Refused by the method: its public message, in Spanish, above the form.
$out = $r->handle($post(['progress' => '50']), 'wp:42');
echo "citizen: ", $out['ok'] ? 'accepted' : $out['message'], "\n";
$out = $r->handle($post(['commitment' => 'PAL-07', 'progress' => '50']), 'wp:fun');
echo "parent: ", $out['ok'] ? 'accepted' : $out['message'], "\n";
$out = $r->handle($post(['commitment' => 'PAL-77', 'progress' => '50']), 'wp:fun');
echo "unknown: ", $out['ok'] ? 'accepted' : $out['message'], "\n";
$out = $r->handle($post(['progress' => '']), 'wp:fun');
echo "nothing: ", $out['errors']['progress'], "\n";
$out = $r->handle($post(['progress' => '60']), null);
echo "nobody: ", $out['message'], "\n";
// A parent takes a note and evidence (its progress follows its actions).
$out = $r->handle($post(['commitment' => 'PAL-07', 'evidence_url' => 'https://iztapalapa.gob.mx/informe.pdf', 'note' => 'Informe trimestral']), 'wp:fun');
echo "parent evidence: ", $out['ok'] ? 'saved' : $out['message'], ", ", count($c->get('PAL-07')['evidence']), " item(s)\n";
var_dump($c->verify()['ok']);
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('commitment_progress_request_001'); ?>
--EXPECT--
bool(true)
string(21) "Se guardó el avance."
string(38) "/consulta/?view=PAL-07.1#h1-compromiso"
progress 45.5, parent 45.5, evidence: https://iztapalapa.gob.mx/actas/comites.pdf (Actas de instalación, by wp:fun, dated today)
history: update by wp:fun: Se instalaron 9 de 20 comités.
the page shows 45.5 %
bool(false)
Revisa los datos marcados.
  progress: Escribe el avance como un número de 0 a 100, con dos decimales como máximo.
  evidence_url: Escribe la dirección completa de la evidencia, empezando con https:// o http://.
  draft: ciento / borrador
  stored progress still 45.5
html: 19 ids, all unique
html: raw ids none
html: 3 forms, all with the token
html: 5 described-by ids checked
message above the form: yes
progress error tied: yes
address error tied: yes
note kept: yes
draft kept after the redirect
citizen: No tienes permiso para modificar compromisos.
parent: El avance de 'PAL-07' se calcula de sus 1 subcompromisos; actualiza los subcompromisos.
unknown: No existe el compromiso 'PAL-77'.
nothing: Escribe el avance o agrega una evidencia.
nobody: Inicia sesión para participar.
parent evidence: saved, 1 item(s)
bool(true)
