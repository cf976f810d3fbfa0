--TEST--
Participa\Request: process.cast maps each method's form to its ballot; a second vote, a resident elsewhere and a closed process are refused in Spanish with the draft kept; the receipt is shown and checked
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
$past = PT_PAST;
$site = pf_site('process-request_cast-001', <<<P
  - { id: cerrado, phases: { voting: $past }, title: "Consulta pasada", kind: poll, method: plurality,
      candidates: [ { id: si, name: Sí }, { id: no, name: No } ] }
P);
$host = pf_host('p');
$req = new Participa\Request($site, $host);
$receipts = [];
$casts = [
    ['alcaldia', 'wp:1', ['choice' => 'beto']],
    ['parques', 'wp:1', ['choice' => ['p3', 'p1']]],
    ['pp', 'wp:1', ['choice' => ['rampa', 'huerto']]],
    ['irv', 'wp:1', ['rank' => ['c', '', 'a']]],
    ['stv', 'wp:1', ['rank' => ['d', 'a', '', '']]],
    ['schulze', 'wp:1', ['rank' => ['z', 'x', 'y']]],
    ['borda', 'wp:1', ['rank' => ['luz', '', '']]],
    ['score', 'wp:1', ['score' => ['m1=4', '']]],
    ['mj', 'wp:1', ['score' => ['j1=5', 'j2=0']]],
    ['mocion', 'wp:1', ['stance' => 'disagree', 'reason' => '']],
    ['pal', 'st:2', ['stance' => 'block', 'reason' => "Falta el diagnóstico\r\nde la colonia"]],
];
foreach ($casts as [$id, $who, $fields]) {
    $o = $req->handle(pf_post('process.cast', $id, $fields + ['key' => "k-$id"]), $who);
    $receipts[$id] = $o['receipt'] ?? null;
    $b = $receipts[$id] ? $site->process($id)->verifyReceipt($receipts[$id]) : null;
    echo "$id: ", $o['ok'] ? 'ok' : 'refused', ", ballot ", json_encode($b['ballot'] ?? null, JSON_UNESCAPED_UNICODE),
        $b['reason'] ?? null ? ", reason " . json_encode($b['reason'], JSON_UNESCAPED_UNICODE) : '',
        ", message: ", str_replace((string) $receipts[$id], 'RECEIPT', $o['message']), ", redirect ", $o['redirect'], "\n";
}
// the same request again (a double click) gives the same receipt; a second vote is refused, the draft kept
$again = $req->handle(pf_post('process.cast', 'alcaldia', ['choice' => 'beto', 'key' => 'k-alcaldia']), 'wp:1');
echo "replay: ", $again['ok'] ? 'ok' : 'refused', ", same receipt: ", ($again['receipt'] ?? '') === $receipts['alcaldia'] ? 'yes' : 'no', "\n";
$second = $req->handle(pf_post('process.cast', 'alcaldia', ['choice' => 'caro', 'key' => 'k-2']), 'wp:1');
echo "second: ", json_encode(array_intersect_key($second, array_flip(['ok', 'message', 'draft', 'redirect'])), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
// a vote that may change is changed
$change = $req->handle(pf_post('process.cast', 'irv', ['rank' => ['a', 'b', 'c'], 'key' => 'k-3']), 'wp:1');
echo "change: ", $change['ok'] ? 'ok' : 'refused', ", ", $site->process('irv')->verifyReceipt($change['receipt'])['ballot'], "\n";
// refusals a resident can act on
foreach ([['alcaldia', 'wp:9', ['choice' => 'beto']], ['cerrado', 'wp:1', ['choice' => 'si']], ['alcaldia', null, ['choice' => 'beto']],
          ['pp', 'wp:2', ['choice' => ['luminarias', 'huerto']]], ['stv', 'wp:2', ['rank' => ['a', 'a']]],
          ['pal', 'st:3', ['stance' => 'block', 'reason' => ' ']], ['mj', 'wp:2', ['score' => ['j1=9']]]] as [$id, $who, $fields]) {
    $o = $req->handle(pf_post('process.cast', $id, $fields), $who);
    echo "$id/", $who ?? 'nobody', ": ", $o['ok'] ? 'ok' : 'refused', ": ", $o['message'],
        $o['errors'] ? ' ' . json_encode($o['errors'], JSON_UNESCAPED_UNICODE) : '', "\n";
}
// the refused form again: the message, the error next to the field, the citizen's choices kept
$refused = $req->handle(pf_post('process.cast', 'pp', ['choice' => ['luminarias', 'huerto']]), 'wp:2');
$html = $site->process('pp')->html(pf_host('p', ['outcome' => $refused]), 'wp:2');
pf_check($html, 'refused form');
preg_match_all('/value="(luminarias|huerto|rampa)"[^>]*?( checked)?>/', $html, $m);
echo "  checked: ", implode(' ', array_map(fn($v, $c) => $v . ($c ? '+' : '-'), $m[1], $m[2])), "\n";
echo "  error: ", preg_match('/<p class="participa-error" id="([^"]*)">([^<]*)</', $html, $e) ? "$e[2] (#$e[1], described: " . (str_contains($html, "aria-describedby=\"p-boleta-instrucciones $e[1]\"") ? 'yes' : 'no') . ")" : 'none', "\n";
echo "  alert: ", preg_match('/role="alert">([^<]*)</', $html, $e) ? $e[1] : 'none', "\n";
// after the cast (the host keeps the outcome for the next page): the receipt and how to check it
$done = $req->handle(pf_post('process.cast', 'pp', ['choice' => ['luminarias'], 'key' => 'k-4']), 'wp:2');
$html = $site->process('pp')->html(pf_host('p', ['outcome' => $done]), 'wp:2');
pf_check($html, 'after the cast');
echo "  ", preg_match('/<div class="participa-recibo" id="p-recibo">(.*?)<\/div>\s*<div class="participa-parte"/s', $html, $r) ? str_replace($done['receipt'], 'RECEIPT', pf_text($r[1])) : 'no receipt', "\n";
echo "  check link: ", str_contains($html, 'href="/consulta/?pagina=proceso&amp;view=receipt"') ? 'yes' : 'no', "\n";
// the receipt check: typed in capitals, with spaces around; unknown; malformed
foreach (['  ' . strtoupper($done['receipt']) . ' ', str_repeat('a', 26), 'no-es-un-comprobante'] as $typed) {
    $html = $site->process('pp')->html(pf_host('p'), null, ['show' => 'receipt', 'receipt' => $typed]);
    preg_match('/<div class="participa-comprobante-resultado[^>]*>(.*?)<\/div>/s', $html, $r);
    echo "check: ", pf_text($r[1] ?? ''), "\n";
}
pf_check($html, 'receipt page');
preg_match_all('/<input type="hidden" name="([^"]*)" value="([^"]*)">/', $html, $m);
echo "  GET form: ", preg_match('/method="get" action="([^"]*)"/', $html, $a) ? $a[1] : '-', " + ", implode(' ', array_map(fn($n, $v) => "$n=$v", $m[1], $m[2])), "\n";
// a stance's receipt says the stance in words
$html = $site->process('pal')->html(pf_host('p'), null, ['show' => 'receipt', 'receipt' => $receipts['pal']]);
preg_match('/<div class="participa-comprobante-resultado[^>]*>(.*?)<\/div>/s', $html, $r);
echo "check: ", pf_text($r[1] ?? ''), "\n";
$html = $site->process('irv')->html(pf_host('p'), null, ['show' => 'receipt', 'receipt' => $change['receipt']]);
preg_match('/<div class="participa-comprobante-resultado[^>]*>(.*?)<\/div>/s', $html, $r);
echo "check: ", pf_text($r[1] ?? ''), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-request_cast-001'); ?>
--EXPECT--
alcaldia: ok, ballot "beto", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
parques: ok, ballot "p1,p3", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
pp: ok, ballot "huerto,rampa", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
irv: ok, ballot "c>a", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
stv: ok, ballot "d>a", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
schulze: ok, ballot "z>x>y", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
borda: ok, ballot "luz", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
score: ok, ballot "m1:4", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
mj: ok, ballot "j1:5,j2:0", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
mocion: ok, ballot "disagree", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
pal: ok, ballot "block", reason "Falta el diagnóstico\nde la colonia", message: Tu voto quedó registrado. Tu comprobante es RECEIPT: guárdalo para comprobar que tu boleta se contó., redirect /consulta/?pagina=proceso#p
replay: ok, same receipt: yes
second: {"ok":false,"message":"Ya emitiste tu voto en este proceso y no se puede cambiar.","draft":{"process":"alcaldia","key":"k-2","choice":"caro"},"redirect":"/consulta/?pagina=proceso#p"}
change: ok, a>b>c
alcaldia/wp:9: refused: Este proceso es solo para quienes viven en Zona Norte.
cerrado/wp:1: refused: La votación de este proceso ya cerró.
alcaldia/nobody: refused: Inicia sesión para participar.
pp/wp:2: refused: Los proyectos que elegiste suman $1,100,000 y el presupuesto es de $1,000,000. {"choice":"Los proyectos que elegiste suman $1,100,000 y el presupuesto es de $1,000,000."}
stv/wp:2: refused: Elegiste «Alma» en más de un lugar. {"rank":"Elegiste «Alma» en más de un lugar."}
pal/st:3: refused: Para bloquear, explica tu razón. {"reason":"Para bloquear, explica tu razón."}
mj/wp:2: refused: La calificación de «Centro cultural» debe estar entre 0 y 5. {"score":"La calificación de «Centro cultural» debe estar entre 0 y 5."}
refused form: 12 ids, 3 fields, 1 forms: ok
  checked: luminarias+ huerto+ rampa-
  error: Los proyectos que elegiste suman $1,100,000 y el presupuesto es de $1,000,000. (#p-boleta-error, described: yes)
  alert: Los proyectos que elegiste suman $1,100,000 y el presupuesto es de $1,000,000.
after the cast: 6 ids, 0 fields, 0 forms: ok
  Tu voto quedó registrado Tu comprobante: RECEIPT Guárdalo: con él puedes comprobar en cualquier momento que tu boleta está en la urna y se cuenta. Nadie más lo tiene, y no lleva tu nombre. Comprobar mi boleta
  check link: yes
check: Tu boleta está en la urna y se contará al cerrar la votación. Lo que dice tu boleta: Luminarias en la calle 5 Votada por internet.
check: No encontramos ese comprobante en la urna de este proceso. Revisa que esté bien escrito; si lo está, avisa a quien organiza el proceso.
check: El comprobante no es válido: debe tener 26 caracteres, letras de la a a la z (sin l ni o) y cifras del 2 al 9.
receipt page: 7 ids, 1 fields, 1 forms: ok
  GET form: /consulta/ + pagina=proceso view=receipt
check: Tu boleta está en la urna y se contará al cerrar la votación. Lo que dice tu boleta: Bloqueo de la propuesta Votada por internet.
check: Tu boleta está en la urna y se contará al cerrar la votación. Lo que dice tu boleta: 1. Alma; 2. Bruno; 3. Celia Votada por internet.
