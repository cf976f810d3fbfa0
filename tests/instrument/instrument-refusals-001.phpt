--TEST--
Participa\Instrument: every refusal (deadline, not open yet, wrong respondent, duplicate, missing evidence, bad answers, nothing to corroborate)
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/instrument_test.inc';
$extra = <<<Y
  - id: tarde
    title: Cuestionario vencido
    about: territory
    level: municipio
    respondents:
      self: { role: enlace, opens: 2022-06-08, closes: 2022-06-20 }
    dimensions:
      - { id: d, title: D, items: [{ id: a, text: A }] }
  - id: futuro
    title: Cuestionario por abrir
    about: territory
    level: municipio
    respondents:
      self: { role: enlace, opens: 2099-01-15 }
    dimensions:
      - { id: d, title: D, items: [{ id: a, text: A }] }
Y;
$site = instr_site('instr_refusals_001', instr_yaml(extra: $extra));
$i = $site->instrument('apertura');

echo "-- deadlines\n";
instr_try(fn() => $site->instrument('tarde')->submit('wp:ame', 'amecameca', ['a' => true]));
instr_try(fn() => $site->instrument('tarde')->saveDraft('wp:ame', 'amecameca', ['a' => true]));
instr_try(fn() => $site->instrument('futuro')->saveDraft('wp:ame', 'amecameca', ['a' => true]));

echo "-- who\n";
instr_try(fn() => $i->saveDraft('wp:aya', 'amecameca', ['reglamento' => false]));   // another municipality's liaison
instr_try(fn() => $i->saveDraft('wp:vecina', 'amecameca', ['reglamento' => false])); // a citizen answering for it
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', [], ['as' => 'evaluation'])); // no evaluation in this one
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', [], ['as' => 'jurado']));
instr_try(fn() => $i->saveDraft('wp:ame', 'cdmx', []));
instr_try(fn() => $i->saveDraft(' wp:ame', 'amecameca', []));

echo "-- answers\n";
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['reglamento' => 'quizá']));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['comite' => true]));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['portal' => 5]));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['portal' => '3']));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['datos' => 'muchos']));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['notas' => 7]));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['color' => 'azul']));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['comite' => ['value' => 'yes', 'evidence' => 'https://x.mx']]));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['reglamento' => ['value' => true, 'evidence' => "dos\nlíneas"]]));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['reglamento' => ['valor' => true]]));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', [true, false]));

echo "-- missing, evidence\n";
$a = instr_full();
unset($a['portal']);
instr_try(fn() => $i->submit('wp:ame', 'amecameca', $a));
$a = instr_full();
$a['reglamento'] = true;   // no evidence
instr_try(fn() => $i->submit('wp:ame', 'amecameca', $a));
echo 'nothing stored by the refused writes: ', var_export($i->response('wp:ame', 'amecameca'), true), "\n";

echo "-- corroboration needs the subject's own answer\n";
instr_try(fn() => $i->corroborate('wp:vecina', 'amecameca', ['reglamento' => false]));

echo "-- duplicates\n";
instr_try(fn() => $i->submit('wp:ame', 'amecameca', instr_full()));
instr_try(fn() => $i->submit('wp:ame', 'amecameca', instr_full()));
instr_try(fn() => $i->saveDraft('wp:ame2', 'amecameca', ['comite' => 'yes']));   // its other liaison: one response per subject
instr_try(fn() => $i->corroborate('wp:vecina', 'amecameca', []));
instr_try(fn() => $i->corroborate('wp:vecina', 'amecameca', ['reglamento' => false]));
instr_try(fn() => $i->corroborate('wp:vecina', 'amecameca', ['reglamento' => true]));
instr_try(fn() => $i->corroborate('wp:vecino', 'amecameca', ['reglamento' => true]));
$r = $i->report()['responses'];
echo "self {$r['self']['submitted']}, corroborations {$r['corroboration']['submitted']}\n";

echo "-- refusal(): the same answers, before writing\n";
foreach ([['wp:ame2', 'amecameca', []], ['wp:aya', 'ayapango', []], ['wp:aya', 'toluca', []],
          ['wp:vecina', 'ayapango', ['as' => 'corroboration']], ['wp:vecina', 'amecameca', ['as' => 'corroboration']],
          ['wp:vecino', 'amecameca', ['as' => 'corroboration']]] as [$who, $subject, $o]) {
    echo "$who $subject ", $o['as'] ?? 'self', ': ', var_export($i->refusal($who, $subject, $o), true), "\n";
}
echo 'late: ', $site->instrument('tarde')->refusal('wp:ame', 'amecameca'), "\n";

echo "-- English\n";
$path = participa_test_unique_path('instr-en');
file_put_contents($path, preg_replace('/^site:\n/', "site:\n  locale: en\n", file_get_contents(sys_get_temp_dir() . '/participa-test-instr_refusals_001.yaml')));
$en = Participa\Site::open($path);
try {
    $en->instrument('tarde')->submit('wp:ame', 'amecameca', ['a' => true]);
} catch (Participa\Exception $e) {
    echo $e->publicMessage(), "\n";
}
echo $en->instrument('apertura')->refusal('wp:ame', 'amecameca'), "\n";
unlink($path);
participa_test_drop('instr_refusals_001');
?>
--EXPECT--
-- deadlines
NotAllowedException: El plazo para responder este cuestionario terminó el 20 de junio de 2022.
NotAllowedException: El plazo para responder este cuestionario terminó el 20 de junio de 2022.
NotAllowedException: Este cuestionario abre el 15 de enero de 2099.
-- who
NotAllowedException: Solo quien tiene el rol «Enlace municipal» en Amecameca puede dar su respuesta.
NotAllowedException: Solo quien tiene el rol «Enlace municipal» en Amecameca puede dar su respuesta.
NotAllowedException: Este cuestionario no admite respuestas de tipo «evaluation».
InvalidArgumentException: as: se esperaba self, corroboration o evaluation.
NotFoundException: «cdmx» no es un sujeto de este cuestionario.
InvalidArgumentException: El identificador del participante no es válido: empieza con un espacio.
-- answers
InvalidArgumentException: La respuesta a «reglamento» debe ser sí o no (true, false, "yes" o "no").
InvalidArgumentException: La respuesta a «comite» debe ser "yes", "partial" o "no".
InvalidArgumentException: La respuesta a «portal» debe ser un número entero de 0 a 4.
InvalidArgumentException: La respuesta a «portal» debe ser un número entero de 0 a 4.
InvalidArgumentException: La respuesta a «datos» debe ser una de sus opciones.
InvalidArgumentException: La respuesta a «notas» debe ser texto de hasta 2000 bytes.
InvalidArgumentException: Este cuestionario no tiene la pregunta «color».
InvalidArgumentException: La pregunta «comite» no lleva evidencia.
InvalidArgumentException: La evidencia de «reglamento» debe ser una liga o referencia de una línea, de hasta 1000 bytes.
InvalidArgumentException: La respuesta a «reglamento» admite solo value y evidence.
InvalidArgumentException: Las respuestas se dan por pregunta: [id de la pregunta => respuesta].
-- missing, evidence
InvalidArgumentException: Falta responder «portal» (Secciones del portal al día (0 a 4)) para enviar el cuestionario.
InvalidArgumentException: La respuesta a «reglamento» necesita evidencia (una liga o referencia).
nothing stored by the refused writes: NULL
-- corroboration needs the subject's own answer
ConflictException: Amecameca todavía no envía su respuesta: aún no hay qué corroborar.
-- duplicates
ok
ConflictException: La respuesta de Amecameca ya se envió; no se puede cambiar.
ConflictException: La respuesta de Amecameca ya se envió; no se puede cambiar.
InvalidArgumentException: La corroboración necesita al menos una respuesta.
ok
ConflictException: Ya enviaste tu respuesta sobre Amecameca; solo se admite una.
ok
self 1, corroborations 2
-- refusal(): the same answers, before writing
wp:ame2 amecameca self: 'La respuesta de Amecameca ya se envió; no se puede cambiar.'
wp:aya ayapango self: NULL
wp:aya toluca self: 'Solo quien tiene el rol «Enlace municipal» en Toluca puede dar su respuesta.'
wp:vecina ayapango corroboration: 'Ayapango todavía no envía su respuesta: aún no hay qué corroborar.'
wp:vecina amecameca corroboration: 'Ya enviaste tu respuesta sobre Amecameca; solo se admite una.'
wp:vecino amecameca corroboration: 'Ya enviaste tu respuesta sobre Amecameca; solo se admite una.'
late: El plazo para responder este cuestionario terminó el 20 de junio de 2022.
-- English
The deadline to answer this questionnaire was June 20, 2022.
The answers of Amecameca were already submitted; they cannot change.
