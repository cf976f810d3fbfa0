--TEST--
Participa\Process::status(): open or not, eligible and why not (in Spanish), on the voter roll (never the ballot), what the participant may do; the status part of html() says the same
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/process_fragment.inc';
$future = PT_FUTURE;
$past = PT_PAST;
$site = pf_site('process-status-001', <<<P
  - { id: futuro, phases: { voting: $future }, title: "Consulta que viene", kind: poll, method: plurality,
      candidates: [ { id: si, name: Sí }, { id: no, name: No } ] }
  - { id: pasado, phases: { voting: $past }, title: "Consulta pasada", kind: poll, method: plurality,
      candidates: [ { id: si, name: Sí }, { id: no, name: No } ] }
  - { id: propuestas, title: "Obras 2027", kind: participatory_budget, method: pb_greedy, options: { budget: 100 },
      phases: { proposals: [2020-01-01, 2099-01-01], voting: [2099-01-02, 2099-12-31] } }
P);
$site->participants()->upsert('wp:mod', 'norte', ['moderador']);
$site->participants()->ban('wp:2', 'wp:mod', 'Spam');
$line = function (array $s): string {
    $can = implode(',', array_keys(array_filter($s['can'])));
    return sprintf("open=%s eligible=%s voice=%s voted=%s can=[%s]%s%s%s", var_export($s['open'], true),
        var_export($s['eligible'], true), var_export($s['voice_only'], true), var_export($s['voted'], true), $can,
        $s['eligibility'] ? "\n    eligibility: {$s['eligibility']}" : '', $s['reason'] && $s['reason'] !== $s['eligibility'] ? "\n    reason: {$s['reason']}" : '',
        $s['results'] ? "\n    results: {$s['results']}" : '');
};
$site->process('alcaldia')->cast('wp:1', 'beto');
$site->process('irv')->cast('wp:1', ['a']);
foreach ([['alcaldia', null], ['alcaldia', 'wp:1'], ['alcaldia', 'wp:3'], ['alcaldia', 'wp:9'], ['alcaldia', 'wp:77'],
          ['alcaldia', 'wp:2'], ['irv', 'wp:1'], ['pp', 'wp:3'], ['pal', 'st:facilitadora'], ['pal', 'st:2'], ['pal', 'wp:1'],
          ['parques', 'wp:1'], ['futuro', 'wp:1'], ['pasado', 'wp:1'], ['propuestas', 'wp:1']] as [$id, $who]) {
    $s = $site->process($id)->status($who);
    echo "$id/", $who ?? 'nobody', ": ", $line($s), "\n";
}
echo json_encode(array_keys($site->process('alcaldia')->status('wp:1'))), "\n";
// the status part of the page says the same in words
foreach ([['alcaldia', 'wp:1'], ['pal', 'st:facilitadora'], ['alcaldia', 'wp:9'], ['alcaldia', null]] as [$id, $who]) {
    $html = $site->process($id)->html(pf_host('p'), $who, ['show' => 'status']);
    pf_check($html, "$id/" . ($who ?? 'nobody'));
    preg_match('/<div class="participa-estado"[^>]*>(.*?)<\/div>/s', $html, $m);
    echo "  ", pf_text($m[1]), "\n";
}
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-status-001'); ?>
--EXPECT--
alcaldia/nobody: open=true eligible=false voice=false voted=false can=[]
    eligibility: Inicia sesión para participar en este proceso.
    results: Los resultados se publican cuando cierre la votación.
alcaldia/wp:1: open=true eligible=true voice=false voted=true can=[]
    reason: Ya emitiste tu voto en este proceso y no se puede cambiar.
    results: Los resultados se publican cuando cierre la votación.
alcaldia/wp:3: open=true eligible=true voice=false voted=false can=[vote]
    results: Los resultados se publican cuando cierre la votación.
alcaldia/wp:9: open=true eligible=false voice=false voted=false can=[]
    eligibility: Este proceso es solo para quienes viven en Zona Norte.
    results: Los resultados se publican cuando cierre la votación.
alcaldia/wp:77: open=true eligible=false voice=false voted=false can=[]
    eligibility: Para votar en este proceso necesitas registrar tu territorio (colonia o manzana).
    results: Los resultados se publican cuando cierre la votación.
alcaldia/wp:2: open=true eligible=false voice=false voted=false can=[]
    eligibility: Tu cuenta está suspendida; no puedes votar.
    results: Los resultados se publican cuando cierre la votación.
irv/wp:1: open=true eligible=true voice=false voted=true can=[vote,change_vote]
    results: Los resultados se publican cuando cierre la votación.
pp/wp:3: open=true eligible=true voice=false voted=false can=[vote,enter_paper_ballots]
    results: Los resultados se publican cuando cierre la votación.
pal/st:facilitadora: open=true eligible=true voice=true voted=false can=[speak,see_results]
pal/st:2: open=true eligible=true voice=false voted=false can=[vote,see_results]
pal/wp:1: open=true eligible=false voice=false voted=false can=[see_results]
    eligibility: Solo integrantes de secretariado participan en este proceso.
parques/wp:1: open=true eligible=true voice=false voted=false can=[vote,see_results]
futuro/wp:1: open=false eligible=true voice=false voted=false can=[]
    reason: La votación aún no abre: empieza el 2099-01-01 00:00.
    results: Los resultados se publican cuando cierre la votación.
pasado/wp:1: open=false eligible=true voice=false voted=false can=[see_results]
    reason: La votación de este proceso ya cerró.
propuestas/wp:1: open=false eligible=true voice=false voted=false can=[]
    reason: La votación aún no abre: empieza el 2099-01-02 00:00.
    results: Los resultados se publican cuando cierre la votación.
["process","state","open","participant","eligible","voice_only","eligibility","voted","reason","can","results"]
alcaldia/wp:1: 4 ids, 0 fields, 0 forms: ok
  Tienes derecho a votar en este proceso. Ya emitiste tu voto en este proceso y no se puede cambiar. Ya votaste: tu voto está registrado. Los resultados se publican cuando cierre la votación.
pal/st:facilitadora: 4 ids, 0 fields, 0 forms: ok
  Participas con voz, sin voto: tu postura y tu razón quedan registradas, pero no se cuentan. Dar tu postura: tienes voz, pero no voto Ver los resultados
alcaldia/wp:9: 4 ids, 0 fields, 0 forms: ok
  Este proceso es solo para quienes viven en Zona Norte. Los resultados se publican cuando cierre la votación.
alcaldia/nobody: 4 ids, 0 fields, 0 forms: ok
  Inicia sesión para participar en este proceso. Los resultados se publican cuando cierre la votación.
