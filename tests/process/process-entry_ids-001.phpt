--TEST--
Participa\Process: every id and receipt is checked before any SQL sees it (one id rule: no spaces at the ends, no controls, valid UTF-8); options passed by reference work (issue 13, items 2 and 8)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/propose_test.inc';
$site = pt_prop_site('process-entry_ids-001', <<<P
  - { id: sec, title: Secreta, kind: election, method: plurality, candidates: [a, b], channels: [web, paper],
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: acuerdo, title: Acuerdo, kind: consensus, method: consensus, channels: [web, paper],
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: prop, title: Propuestas, kind: poll, method: approval, secrecy: public,
      phases: { proposals: [2020-01-01, 2099-01-01], voting: [2099-01-02, 2099-12-31] } }
P);
$pp = $site->participants();
$pp->upsert('wp:1', 'norte', ['ciudadano']);
$pp->upsert('wp:2', 'norte', ['ciudadano']);
$pp->upsert('enlace:1', 'norte', ['enlace']);
$p = $site->process('sec');
$sqlSeen = 0;
$try = function (string $what, callable $fn) use (&$sqlSeen) {
    try {
        $r = $fn();
        echo "$what: ok", is_array($r) && isset($r['ballot']) ? " {$r['ballot']}" : (is_array($r) && isset($r['version'])
            ? " v{$r['version']}" . (!empty($r['replayed']) ? ' replayed' : '') : (is_string($r) ? " $r" : (is_null($r) ? " null" : ''))), "\n";
    } catch (Throwable $e) {
        $sqlSeen += (int) preg_match('/SELECT|INSERT|UPDATE|participa_|MariaDB/i', $e->getMessage()) + (int) ($e instanceof Participa\DatabaseException);
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
};
$r = $p->cast('wp:1', 'a', ['idempotency_key' => 'k1']);

echo "-- receipts\n";
$try('ñ', fn() => $p->verifyReceipt('ñ' . str_repeat('a', 24)));
$try('26 ñ', fn() => $p->verifyReceipt(str_repeat('ñ', 13)));
$try('l and o', fn() => $p->verifyReceipt('lo' . substr($r['receipt'], 2)));
$try('NUL', fn() => $p->verifyReceipt(substr($r['receipt'], 0, 25) . "\0"));
$try('trailing space', fn() => $p->verifyReceipt($r['receipt'] . ' '));
$try('capitals', fn() => $p->verifyReceipt(strtoupper($r['receipt'])));
$try('unknown', fn() => $p->verifyReceipt(str_repeat('a', 26)));

echo "-- participants (a padded id must not act as wp:1)\n";
foreach (['wp:1 ', ' wp:1', "wp:1\u{00A0}", "wp:1\n", "wp:\x01", "wp:\xff", "wp:\xc3", str_repeat('x', 192), ''] as $id) {
    $try(json_encode($id, JSON_INVALID_UTF8_SUBSTITUTE), fn() => $p->cast($id, 'b'));
}
$try('results for "wp:1 "', fn() => $p->results('wp:1 '));
$try('close by " of:1"', fn() => $p->close(" of:1"));
echo "voters: ", participa_test_admin('pt_process_entry_ids_001')->query("SELECT GROUP_CONCAT(participant_id) FROM participa_voters")->fetch_row()[0], "\n";

echo "-- idempotency keys\n";
$try('key "k1 "', fn() => $p->cast('wp:2', 'b', ['idempotency_key' => 'k1 ']));
$try('key with NUL', fn() => $p->cast('wp:2', 'b', ['idempotency_key' => "k\0"]));
$try('key 7', fn() => $p->cast('wp:2', 'b', ['idempotency_key' => 7]));

echo "-- references\n";
$key = 'k2';
$choice = 'b';
$meta = ['idempotency_key' => &$key];
$ballot = [&$choice];
$try('by reference', fn() => $p->cast('wp:2', $ballot, $meta));
$try('the same again', fn() => $p->cast('wp:2', $ballot, $meta));

echo "-- paper batches\n";
$try('official', fn() => $p->enterPaperBatch('enlace:1 ', 'lote-1', 'asamblea', 'acta', ['a']));
$try('batch', fn() => $p->enterPaperBatch('enlace:1', "lote\t1", 'asamblea', 'acta', ['a']));
$try('batch 65 bytes', fn() => $p->enterPaperBatch('enlace:1', str_repeat('l', 65), 'asamblea', 'acta', ['a']));
$try('assembly', fn() => $p->enterPaperBatch('enlace:1', 'lote-1', '', 'acta', ['a']));
$try('sheet', fn() => $p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea', "acta\xfe", ['a']));
$b = 'a';
$try('ballots by reference', fn() => $p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea', 'acta', [&$b])['status']);

echo "-- stance reasons (stored as text)\n";
$c = $site->process('acuerdo');
$try('invalid UTF-8', fn() => $c->cast('wp:1', ['stance' => 'block', 'reason' => "No \xff"]));
$try('control character', fn() => $c->cast('wp:1', ['stance' => 'block', 'reason' => "No\x07"]));
$try('paper', fn() => $c->enterPaperBatch('enlace:1', 'lote-3', 'asamblea', 'acta',
    ['agree', ['stance' => 'block', 'reason' => "\xc3("]]));
$reason = "Falta consulta\ncon el barrio";
$try('by reference, with a newline', fn() => $c->cast('wp:1', ['stance' => 'block', 'reason' => &$reason]));

echo "-- proposals\n";
$q = $site->process('prop');
$id = 'banca';
$name = 'Banca nueva';
$try('proposer', fn() => $q->propose("wp:1\0", ['id' => 'x', 'name' => 'X']));
$try('option by reference', fn() => $q->propose('wp:1', ['id' => &$id, 'name' => &$name])['id']);
$try('withdraw: official', fn() => $q->withdraw(' of:1', 'banca', 'motivo'));
$try('withdraw: option', fn() => $q->withdraw('of:1', "banca\n", 'motivo'));

echo "-- processes\n";
$try('"sec "', fn() => $site->process('sec '));
$try('"sec\0"', fn() => $site->process("sec\0"));
$try('unknown', fn() => $site->process('nada'));
echo "SQL or database errors shown: $sqlSeen\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-entry_ids-001'); ?>
--EXPECT--
-- receipts
ñ: Participa\InvalidArgumentException: El comprobante no es válido: debe tener 26 caracteres, letras de la a a la z (sin l ni o) y cifras del 2 al 9.
26 ñ: Participa\InvalidArgumentException: El comprobante no es válido: debe tener 26 caracteres, letras de la a a la z (sin l ni o) y cifras del 2 al 9.
l and o: Participa\InvalidArgumentException: El comprobante no es válido: debe tener 26 caracteres, letras de la a a la z (sin l ni o) y cifras del 2 al 9.
NUL: Participa\InvalidArgumentException: El comprobante no es válido: debe tener 26 caracteres, letras de la a a la z (sin l ni o) y cifras del 2 al 9.
trailing space: Participa\InvalidArgumentException: El comprobante no es válido: debe tener 26 caracteres, letras de la a a la z (sin l ni o) y cifras del 2 al 9.
capitals: ok a
unknown: ok null
-- participants (a padded id must not act as wp:1)
"wp:1 ": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
" wp:1": Participa\InvalidArgumentException: El identificador del participante no es válido: empieza con un espacio.
"wp:1\u00a0": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
"wp:1\n": Participa\InvalidArgumentException: El identificador del participante no es válido: contiene un carácter de control.
"wp:\u0001": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
"wp:\ufffd": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
"wp:\ufffd": Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": Participa\InvalidArgumentException: El identificador del participante no es válido: tiene más de 191 bytes.
"": Participa\InvalidArgumentException: El identificador del participante no es válido: está vacío.
results for "wp:1 ": Participa\InvalidArgumentException: El identificador del participante no es válido: termina con un espacio.
close by " of:1": Participa\InvalidArgumentException: El identificador de quien cierra el proceso no es válido: empieza con un espacio.
voters: wp:1
-- idempotency keys
key "k1 ": Participa\InvalidArgumentException: El identificador de la solicitud (idempotency_key) no es válido: termina con un espacio.
key with NUL: Participa\InvalidArgumentException: El identificador de la solicitud (idempotency_key) no es válido: no es UTF-8 válido o contiene caracteres de control.
key 7: Participa\InvalidArgumentException: El identificador de la solicitud (idempotency_key) debe ser un texto.
-- references
by reference: ok v1
the same again: ok v1 replayed
-- paper batches
official: Participa\InvalidArgumentException: El identificador de quien captura no es válido: termina con un espacio.
batch: Participa\InvalidArgumentException: El identificador del lote no es válido: contiene un carácter de control.
batch 65 bytes: Participa\InvalidArgumentException: El identificador del lote no es válido: tiene más de 64 bytes.
assembly: Participa\InvalidArgumentException: El identificador de la asamblea no es válido: está vacío.
sheet: Participa\InvalidArgumentException: El identificador del acta no es válido: no es UTF-8 válido o contiene caracteres de control.
ballots by reference: ok pending
-- stance reasons (stored as text)
invalid UTF-8: Participa\InvalidArgumentException: Boleta inválida: la razón debe ser texto UTF-8 válido, sin caracteres de control.
control character: Participa\InvalidArgumentException: Boleta inválida: la razón debe ser texto UTF-8 válido, sin caracteres de control.
paper: Participa\InvalidArgumentException: Boleta 2 del lote: Boleta inválida: la razón debe ser texto UTF-8 válido, sin caracteres de control.
by reference, with a newline: ok v1
-- proposals
proposer: Participa\InvalidArgumentException: El identificador del participante no es válido: no es UTF-8 válido o contiene caracteres de control.
option by reference: ok banca
withdraw: official: Participa\InvalidArgumentException: El identificador de quien retira no es válido: empieza con un espacio.
withdraw: option: Participa\InvalidArgumentException: El identificador de la opción no es válido: contiene un carácter de control.
-- processes
"sec ": Participa\InvalidArgumentException: El identificador del proceso no es válido: termina con un espacio.
"sec\0": Participa\InvalidArgumentException: El identificador del proceso no es válido: no es UTF-8 válido o contiene caracteres de control.
unknown: Participa\NotFoundException: No existe el proceso 'nada'.
SQL or database errors shown: 0