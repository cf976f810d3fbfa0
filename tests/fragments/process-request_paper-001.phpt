--TEST--
Participa\Request: process.paper enters a batch of paper ballots twice; the page shows the double-entry state, the differing ballots with both readings and who entered each, and the batches
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
$site = pf_site('process-request_paper-001');
$req = new Participa\Request($site, pf_host('p'));
$batch = fn(array $rows) => pf_post('process.paper', 'pp', ['batch' => 'lote-3', 'assembly' => 'asamblea-buenavista',
    'tally_sheet' => 'acta-117', 'ballots' => $rows]);
$rows = [['choice' => ['rampa']], ['choice' => ['huerto', 'rampa']], [], ['choice' => ['luminarias']]];
$show = fn(array $o) => json_encode(array_intersect_key($o, array_flip(['ok', 'message', 'errors'])), JSON_UNESCAPED_UNICODE);

// someone without enter_paper_ballots: no form, and the post is refused
$html = $site->process('pp')->html(pf_host('p'), 'wp:1', ['show' => 'paper']);
echo "resident asks for paper: ", str_contains($html, 'process.paper') ? 'the form' : 'no form', ", part ",
    preg_match('/class="participa-parte" id="([^"]*)"/', $html, $m) ? $m[1] : '-', "\n";
echo "resident posts: ", $show($req->handle($batch($rows), 'wp:1')), "\n";
// a ballot the rules refuse names its row
echo "bad row: ", $show($req->handle($batch([['choice' => ['rampa']], ['choice' => ['luminarias', 'huerto']]]), 'wp:3')), "\n";
echo "no rows: ", $show($req->handle($batch([[], ['choice' => []]]), 'wp:3')), "\n";
// first entry
$first = $req->handle($batch($rows), 'wp:3');
echo "first: ", $show($first), " state ", $first['batch']['status'], "\n";
echo "same person again: ", $show($req->handle($batch($rows), 'wp:3')), "\n";
// the second person reads ballot 2 differently: refused, both readings shown, the rows kept
$rows2 = $rows;
$rows2[1] = ['choice' => ['huerto']];
$second = $req->handle($batch($rows2), 'wp:4');
echo "second: ", $show($second), " state ", $second['batch']['status'], "\n";
$calls = 0;
$html = $site->process('pp')->html(pf_host('p', ['outcome' => $second], $calls), 'wp:4', ['show' => 'paper', 'rows' => 3]);
pf_check($html, 'paper page');
echo "  names calls: $calls\n";
preg_match('/<div class="participa-lote-estado" role="status">(.*?)<\/div>/s', $html, $m);
echo "  ", pf_text($m[1]), "\n";
preg_match_all('/name="(ballots\[\d\]\[choice\]\[\])" value="(\w+)"[^>]*?( checked)?>/', $html, $m);
$kept = [];
foreach ($m[1] as $i => $name) {
    if ($m[3][$i]) {
        $kept[] = "$name=" . $m[2][$i];
    }
}
echo "  kept: ", implode(' ', $kept), "\n";
echo "  rows: ", preg_match_all('/<legend>Boleta \d+<\/legend>/', $html), " (the draft's 4)\n";
preg_match_all('/<input type="text" id="([^"]*)" name="(\w+)" value="([^"]*)"/', $html, $m);
echo "  heads: ", implode(' ', array_map(fn($n, $v) => "$n=$v", $m[2], $m[3])), "\n";
preg_match('/<caption>Lotes de este proceso<\/caption>(.*?)<\/table>/s', $html, $m);
echo "  batches: ", pf_text($m[1]), "\n";
// corrected: counted
$third = $req->handle($batch($rows), 'wp:4');
echo "corrected: ", $show($third), " state ", $third['batch']['status'], "\n";
$html = $site->process('pp')->html(pf_host('p', ['outcome' => $third]), 'wp:4', ['show' => 'paper']);
preg_match('/<caption>Lotes de este proceso<\/caption>(.*?)<\/table>/s', $html, $m);
echo "  batches: ", pf_text($m[1]), "\n";
echo "  notice: ", preg_match('/role="status">([^<]*)</', $html, $n) ? $n[1] : '-', "\n";
echo "counted again: ", $show($req->handle($batch($rows), 'wp:3')), "\n";
// English
$html = $site->process('pp')->html(pf_host('p', ['lang' => 'en', 'outcome' => $second]), 'wp:4', ['show' => 'paper', 'rows' => 1]);
preg_match('/<div class="participa-lote-estado" role="status">(.*?)<\/div>/s', $html, $m);
echo "en: ", pf_text($m[1]), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-request_paper-001'); ?>
--EXPECT--
resident asks for paper: no form, part p-status
resident posts: {"ok":false,"message":"No tienes permiso para capturar boletas en papel.","errors":[]}
bad row: {"ok":false,"message":"Boleta 2 del lote: Los proyectos que elegiste suman $1,100,000 y el presupuesto es de $1,000,000.","errors":{"choice":"Boleta 2 del lote: Los proyectos que elegiste suman $1,100,000 y el presupuesto es de $1,000,000."}}
no rows: {"ok":false,"message":"Captura al menos una boleta del lote.","errors":{"ballots":"Captura al menos una boleta del lote."}}
first: {"ok":true,"message":"Primera captura guardada. Falta que otra persona capture el mismo lote.","errors":[]} state pending
same person again: {"ok":false,"message":"La segunda captura del lote lote-3 debe hacerla otra persona.","errors":[]}
second: {"ok":false,"message":"Las dos capturas del lote no coinciden en una boleta. Revisa el acta y vuelve a capturar el lote.","errors":[]} state mismatch
paper page: 32 ids, 15 fields, 1 forms: ok
  names calls: 1
  lote-3 : Las dos capturas no coinciden: hay que revisar el acta y capturar de nuevo. Boletas en que las capturas no coinciden Boleta Primera captura (Carla Díaz) Segunda captura (Fer Soto) 2 Huerto comunitario; Rampa en el centro de salud Huerto comunitario
  kept: ballots[0][choice][]=rampa ballots[1][choice][]=huerto ballots[3][choice][]=luminarias
  rows: 4 (the draft's 4)
  heads: batch=lote-3 assembly=asamblea-buenavista tally_sheet=acta-117
  batches: Lote Asamblea Acta Boletas Primera captura Segunda captura Situación lote-3 asamblea-buenavista acta-117 3 Carla Díaz Fer Soto Las dos capturas no coinciden: hay que revisar el acta y capturar de nuevo.
corrected: {"ok":true,"message":"Lote contado: las dos capturas coinciden y sus boletas entraron a la urna.","errors":[]} state counted
  batches: Lote Asamblea Acta Boletas Primera captura Segunda captura Situación lote-3 asamblea-buenavista acta-117 3 Carla Díaz Fer Soto Contado: las dos capturas coinciden.
  notice: Lote contado: las dos capturas coinciden y sus boletas entraron a la urna.
counted again: {"ok":false,"message":"El lote lote-3 ya fue contado; no se puede capturar de nuevo.","errors":[]}
en: lote-3 : The two entries do not match: check the tally sheet and enter the batch again. Ballots on which the entries differ Ballot First entry (Carla Díaz) Second entry (Fer Soto) 2 Huerto comunitario; Rampa en el centro de salud Huerto comunitario
