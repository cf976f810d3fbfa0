--TEST--
Participa\Instrument: drafts (shared by a subject's liaisons, merged, cleared), submission of the merged draft, a refused write changes nothing
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/instrument_test.inc';
$site = instr_site('instr_drafts_001');
$i = $site->instrument('apertura');
function show(?array $r): void
{
    if ($r === null) {
        echo "none\n";
        return;
    }
    $a = [];
    foreach ($r['answers'] as $k => $v) {
        $a[] = $k . '=' . var_export($v['value'], true) . ($v['evidence'] !== null ? " [$v[evidence]]" : '');
    }
    echo "$r[as] $r[status] by $r[participant]: ", implode(', ', $a), '; missing: ', implode(' ', $r['missing']) ?: '-',
        '; submitted_at ', $r['submitted_at'] === null ? 'null' : 'set', "\n";
}
show($i->saveDraft('wp:ame', 'amecameca', ['reglamento' => ['value' => 'yes', 'evidence' => 'https://amecameca.gob.mx/r.pdf'], 'portal' => 2]));
show($i->saveDraft('wp:ame2', 'amecameca', ['portal' => 3, 'comite' => 'no']));
show($i->saveDraft('wp:ame', 'amecameca', ['comite' => null]));
show($i->response('wp:vecina', 'amecameca'));
show($i->response('wp:vecina', 'amecameca', ['as' => 'corroboration']));
$r = $i->report();
echo "drafts {$r['responses']['self']['drafts']}, submitted {$r['responses']['self']['submitted']}, rate ", instr_fig($r['responses']['self']['rate']), "\n";

echo "-- a refused submission stores none of its answers\n";
instr_try(fn() => $i->submit('wp:ame', 'amecameca', ['notas' => 'casi listo', 'comite' => 'partial']));
show($i->response('wp:ame', 'amecameca'));

echo "-- submit: the draft with the new answers over it\n";
show($i->submit('wp:ame', 'amecameca', ['comite' => 'partial', 'datos' => 'algunos']));
instr_try(fn() => $i->saveDraft('wp:ame', 'amecameca', ['comite' => 'yes']));
$r = $i->report();
$s = $r['subjects'][0];
echo "drafts {$r['responses']['self']['drafts']}, submitted {$r['responses']['self']['submitted']}, rate ", instr_fig($r['responses']['self']['rate']), "\n";
echo "$s[id]: ", instr_fig($s['self']['total']), " of ", instr_fig($s['self']['max']), ' = ', instr_fig($s['self']['share']), ", level {$s['self']['level']}\n";
foreach ($s['self']['dimensions'] as $d) {
    echo "  $d[id]: ", instr_fig($d['points']), ' of ', instr_fig($d['max']), ' = ', instr_fig($d['share']), "\n";
}
echo "-- evidence is for what earns points: a 'no' needs none\n";
show($i->submit('wp:tol', 'toluca', ['reglamento' => false, 'comite' => 'no', 'portal' => 0, 'datos' => 'ninguno']));
participa_test_drop('instr_drafts_001');
?>
--EXPECT--
self draft by wp:ame: portal=2, reglamento=true [https://amecameca.gob.mx/r.pdf]; missing: comite datos; submitted_at null
self draft by wp:ame2: comite='no', portal=3, reglamento=true [https://amecameca.gob.mx/r.pdf]; missing: datos; submitted_at null
self draft by wp:ame: comite=NULL, portal=3, reglamento=true [https://amecameca.gob.mx/r.pdf]; missing: comite datos; submitted_at null
self draft by wp:ame: comite=NULL, portal=3, reglamento=true [https://amecameca.gob.mx/r.pdf]; missing: comite datos; submitted_at null
none
drafts 1, submitted 0, rate 0/1 (0.0 %)
-- a refused submission stores none of its answers
InvalidArgumentException: Falta responder «datos» (Datos abiertos) para enviar el cuestionario.
self draft by wp:ame: comite=NULL, portal=3, reglamento=true [https://amecameca.gob.mx/r.pdf]; missing: comite datos; submitted_at null
-- submit: the draft with the new answers over it
self submitted by wp:ame: comite='partial', datos='algunos', portal=3, reglamento=true [https://amecameca.gob.mx/r.pdf]; missing: -; submitted_at set
ConflictException: La respuesta de Amecameca ya se envió; no se puede cambiar.
drafts 0, submitted 1, rate 1/4 (25.0 %)
amecameca: 17/2 (8.5) of 15/1 (15) = 17/30 (56.7 %), level Básica
  normatividad: 2/1 (2) of 3/1 (3) = 2/3 (66.7 %)
  tic: 13/2 (6.5) of 12/1 (12) = 13/24 (54.2 %)
-- evidence is for what earns points: a 'no' needs none
self submitted by wp:tol: comite='no', datos='ninguno', portal=0, reglamento=false; missing: -; submitted_at set
