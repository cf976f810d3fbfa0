--TEST--
Participa\Process::html(): a secret ballot's pages never show who voted what (status, ballot, receipt check, results after close), while a public vote names each stance
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
$site = pf_site('process-html_secret-001');
$req = new Participa\Request($site, pf_host('p'));
$votes = ['wp:1' => 'ana.r', 'wp:2' => 'beto', 'wp:3' => 'beto', 'wp:4' => 'caro'];
$receipts = [];
foreach ($votes as $who => $choice) {
    $receipts[$who] = $req->handle(pf_post('process.cast', 'alcaldia', ['choice' => $choice]), $who)['receipt'];
}
$p = $site->process('alcaldia');
echo "secrecy: ", $p->info()['secrecy'], "\n";
/** Whether a page links a voter (by name or id) to what they chose. */
function linked(string $html): array
{
    $found = [];
    foreach (PF_NAMES + ['wp:1' => 'wp:1', 'wp:2' => 'wp:2', 'wp:3' => 'wp:3', 'wp:4' => 'wp:4'] as $id => $name) {
        if (str_contains($html, $name) || str_contains($html, $id)) {
            $found[] = $id;
        }
    }
    return $found;
}
$pages = [
    'a voter who voted (auto)' => [$p, 'wp:1', []],
    'status' => [$p, 'wp:2', ['show' => 'status']],
    'receipt check' => [$p, null, ['show' => 'receipt', 'receipt' => $receipts['wp:3']]],
    'a voter checks her receipt' => [$p, 'wp:3', ['show' => 'receipt', 'receipt' => $receipts['wp:3']]],
];
foreach ($pages as $label => [$proc, $viewer, $opts]) {
    $calls = 0;
    $html = $proc->html(pf_host('p', [], $calls), $viewer, $opts);
    pf_check($html, $label);
    echo "  names asked: $calls, people on the page: ", json_encode(linked($html)), "\n";
}
$html = $p->html(pf_host('p'), null, ['show' => 'receipt', 'receipt' => $receipts['wp:3']]);
preg_match('/<div class="participa-comprobante-resultado[^>]*>(.*?)<\/div>/s', $html, $r);
echo "  receipt says: ", pf_text($r[1]), "\n";
// after close: the results, still nobody's name
$p->close();
$calls = 0;
$html = $site->process('alcaldia')->html(pf_host('p', [], $calls), 'wp:1');
pf_check($html, 'results after close');
echo "  names asked: $calls, people on the page: ", json_encode(linked($html)), "\n";
echo "  preliminary: ", str_contains($html, 'participa-preliminar') ? 'yes' : 'no', ", winner: ",
    preg_match('/<ul class="participa-ganadoras">\s*<li>([^<]*)</', $html, $w) ? $w[1] : '-', "\n";
// the receipt still verifies after close, and says it was counted
$html = $site->process('alcaldia')->html(pf_host('p'), null, ['show' => 'receipt', 'receipt' => $receipts['wp:4']]);
preg_match('/<div class="participa-comprobante-resultado[^>]*>(.*?)<\/div>/s', $html, $r);
echo "  receipt after close: ", pf_text($r[1]), "\n";
// a public consensus names the stances it shows (a block and its reason), through the names callable
$req->handle(pf_post('process.cast', 'pal', ['stance' => 'block', 'reason' => 'Falta el diagnóstico']), 'st:3');
$calls = 0;
$html = $site->process('pal')->html(pf_host('p', [], $calls), null, ['show' => 'results']);
pf_check($html, 'public consensus');
echo "  names asked: $calls, people on the page: ", json_encode(linked($html)), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-html_secret-001'); ?>
--EXPECT--
secrecy: secret
a voter who voted (auto): 4 ids, 0 fields, 0 forms: ok
  names asked: 0, people on the page: []
status: 4 ids, 0 fields, 0 forms: ok
  names asked: 0, people on the page: []
receipt check: 7 ids, 1 fields, 1 forms: ok
  names asked: 0, people on the page: []
a voter checks her receipt: 7 ids, 1 fields, 1 forms: ok
  names asked: 0, people on the page: []
  receipt says: Tu boleta está en la urna y se contará al cerrar la votación. Lo que dice tu boleta: Beto Cruz Votada por internet.
results after close: 9 ids, 0 fields, 0 forms: ok
  names asked: 0, people on the page: []
  preliminary: no, winner: Beto Cruz
  receipt after close: Tu boleta está en la urna y se contó en el resultado. Lo que dice tu boleta: Carolina Vega Votada por internet.
public consensus: 9 ids, 0 fields, 0 forms: ok
  names asked: 1, people on the page: ["st:3"]
