--TEST--
Request::handle() instrument.*: forged posts (answers not a map, a key outside the id rule, bytes that are not UTF-8, an unknown item, a value off the scale, an unknown kind) are refused in Spanish and lose nothing; the window: a closed questionnaire shows its notice and no form, a late post is refused, one not yet open says when it opens
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/instrument_fragments.inc';
$site = instr_site('ihtml_forged_001');
$i = $site->instrument('apertura');
$host = fragments_host('h1');
$r = new Participa\Request($site, $host);
$i->saveDraft('wp:ame', 'amecameca', ['comite' => 'yes']);
$base = ['participa_form' => 'cuestionario', 'participa_return' => '/consulta/', '_wpnonce' => 'n0nce',
    'instrument' => 'apertura', 'subject' => 'amecameca'];
$show = function (string $label, array $post) use ($r, $i) {
    $out = $r->handle($post, 'wp:ame');
    echo "$label: ", $out['ok'] ? 'ACCEPTED' : $out['message'], $out['errors'] ? ' ' . json_encode($out['errors'], JSON_UNESCAPED_UNICODE) : '', "\n";
    return $out;
};
$show('answers a string', $base + ['participa_action' => 'instrument.submit', 'answers' => 'yes']);
$show('a key outside the id rule', $base + ['participa_action' => 'instrument.draft', 'answers' => ['a b' => 'yes']]);
$out = $show('not UTF-8', $base + ['participa_action' => 'instrument.draft', 'answers' => ['comite' => "s\xffí", 'notas' => 'guardada']]);
echo "  draft keeps the readable: ", json_encode($out['draft']['answers']), "\n";
$show('too long', $base + ['participa_action' => 'instrument.draft', 'answers' => ['notas' => str_repeat('á', 2001)]]);
$show('an unknown item', $base + ['participa_action' => 'instrument.draft', 'answers' => ['piso' => 'yes']]);
$show('off the scale', $base + ['participa_action' => 'instrument.draft', 'answers' => ['comite' => 'quizá']]);
$show('a number off its range', $base + ['participa_action' => 'instrument.draft', 'numbers' => ['portal' => '9']]);
$show('a number as a choice', $base + ['participa_action' => 'instrument.draft', 'answers' => ['portal' => '3']]);
$show('evidence where none is taken', $base + ['participa_action' => 'instrument.draft', 'answers' => ['comite' => 'no'], 'evidence' => ['comite' => 'x']]);
$show('an unknown kind', $base + ['participa_action' => 'instrument.draft', 'as' => 'corroboration', 'answers' => ['comite' => 'no']]);
$show('an unknown action', $base + ['participa_action' => 'instrument.erase']);
$show('no subject', ['participa_action' => 'instrument.draft'] + array_diff_key($base, ['subject' => 1]));
$show('another subject', ['subject' => 'toluca', 'participa_action' => 'instrument.draft', 'answers' => ['comite' => 'no']] + $base);
$show('an unknown subject', ['subject' => 'tepotzotlan', 'participa_action' => 'instrument.draft'] + $base);
$show('an unknown instrument', ['instrument' => 'otro', 'participa_action' => 'instrument.draft'] + $base);
$resp = $i->response('wp:ame', 'amecameca');
echo "after all that: ", $resp['status'], ' ', json_encode($resp['answers']), "\n";
var_dump($i->response('wp:tol', 'toluca'));

echo "-- closed\n";
$closed = instr_site('ihtml_forged_001b', instr_yaml('{ role: enlace, opens: 2020-01-01, closes: "2022-06-20 18:00" }'));
$c = $closed->instrument('apertura');
$html = $c->html($host, 'wp:ame', ['subject' => 'amecameca']);
instr_html_check($html, 'closed');
instr_grep($html, '/<p class="participa-aviso"[^>]*>.*<\/p>/');
echo substr_count($html, '<form'), " forms, ", substr_count($html, '<dd>'), " answers listed\n";
$out = (new Participa\Request($closed, $host))->handle($base + ['participa_action' => 'instrument.submit', 'answers' => ['comite' => 'yes']], 'wp:ame');
echo "late: ", $out['message'], " / draft kept: ", $out['draft']['answers']['comite'], "\n";
echo "-- not yet open\n";
$later = instr_site('ihtml_forged_001c', instr_yaml('{ role: enlace, opens: "2098-03-01 09:00" }'));
$html = $later->instrument('apertura')->html($host, 'wp:ame', ['subject' => 'amecameca']);
instr_grep($html, '/<p class="participa-aviso"[^>]*>.*<\/p>/');
echo substr_count($html, '<form'), " forms\n";
participa_test_drop('ihtml_forged_001');
participa_test_drop('ihtml_forged_001b');
participa_test_drop('ihtml_forged_001c');
?>
--EXPECT--
answers a string: Revisa los datos marcados. {"answers":"Los datos enviados no son válidos. Revísalos e inténtalo de nuevo."}
a key outside the id rule: Revisa los datos marcados. {"answers":"Los datos enviados no son válidos. Revísalos e inténtalo de nuevo."}
not UTF-8: Revisa los datos marcados. {"answers[comite]":"Los datos enviados no son válidos. Revísalos e inténtalo de nuevo."}
  draft keeps the readable: {"notas":"guardada"}
too long: Revisa los datos marcados. {"answers[notas]":"El texto de la respuesta tiene 2001 caracteres; el máximo es 2000."}
an unknown item: Este cuestionario no tiene la pregunta «piso».
off the scale: La respuesta a «comite» debe ser "yes", "partial" o "no".
a number off its range: La respuesta a «portal» debe ser un número entero de 0 a 4.
a number as a choice: La respuesta a «portal» debe ser un número entero de 0 a 4.
evidence where none is taken: La pregunta «comite» no lleva evidencia.
an unknown kind: Revisa los datos marcados. {"as":"Elige una opción."}
an unknown action: Los datos enviados no son válidos. Revísalos e inténtalo de nuevo.
no subject: Revisa los datos marcados. {"subject":"Falta este dato."}
another subject: Solo quien tiene el rol «Enlace municipal» en Toluca puede dar su respuesta.
an unknown subject: «tepotzotlan» no es un sujeto de este cuestionario.
an unknown instrument: No existe el cuestionario «otro».
after all that: draft {"comite":{"value":"yes","evidence":null}}
NULL
-- closed
closed: 4 ids, all unique, raw ids none, 0 forms, 1 aria references
  <p class="participa-aviso" role="status">El plazo para responder terminó el 20 de junio de 2022, 18:00. Ya no se reciben respuestas.</p>
0 forms, 5 answers listed
late: El plazo para responder este cuestionario terminó el 20 de junio de 2022. / draft kept: yes
-- not yet open
  <p class="participa-aviso" role="status">Este cuestionario abre el 1 de marzo de 2098, 09:00.</p>
0 forms
