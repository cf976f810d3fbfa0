<?php
// The plugin through nginx + php-fpm (scripts/wordpress-plugin-test): a visitor's
// page is cacheable and holds no nonce; a resident signs in, posts through
// admin-post.php (303 to the new comment, a phone number redacted), a refused
// post keeps its draft across the redirect; the REST action route refuses a bad
// X-WP-Nonce and acts with a good one; the open-data routes answer JSON and CSV.
declare(strict_types=1);
require __DIR__ . '/lib.php';
$fx = pt_fixture();
$base = getenv('PT_WP_URL');
$page = $fx['urls']['thread'];
$pass = getenv('PT_WP_USER_PASS');

// --- a visitor
$r = pt_http('GET', $page);
pt_check('a visitor gets the thread page (200)', $r['status'] === 200 && str_contains($r['body'], 'value="commitment"') === false
    && str_contains($r['body'], 'participa-'), $r['status'] . ' ' . pt_excerpt($r['body']));
pt_check('a visitor\'s page has no nonce', !str_contains($r['body'], '_participa_nonce'));
pt_check('a visitor\'s page is not marked uncacheable', !preg_match('/no-store|no-cache/', implode(' ', $r['headers']['cache-control'] ?? [])),
    implode(' ', $r['headers']['cache-control'] ?? []));
pt_check('the stylesheet is linked in the head', (bool) preg_match("#<link[^>]+participa-css[^>]+href='([^']+participa-[0-9a-f]+\\.css)'#", $r['body'], $css));
$asset = pt_http('GET', $css[1] ?? "$base/none.css");
pt_check('and served as a static file from uploads/participa/', $asset['status'] === 200 && str_contains($asset['body'], '.participa'), ($css[1] ?? '') . ' ' . $asset['status']);
pt_check('participa.js is linked at the end of the page', (bool) preg_match("#<script[^>]+src='[^']+/uploads/participa/participa-[0-9a-f]+\\.js'#", $r['body']));

// A visitor's post: "Inicia sesión", the draft kept, a new URL (no cache serves it).
$anon = [];
$r = pt_http('POST', "$base/wp-admin/admin-post.php?action=participa&participa_instance=hilo", ['participa_action' => 'thread.stance',
    'participa_form' => 'comentar', 'alignment' => 'for', 'participa_return' => $page, 'subject_type' => 'commitment', 'subject_id' => 'PAL-01',
    'body' => 'Texto de una visitante sin cuenta.'], [], $anon);
$loc = pt_header($r, 'location');
pt_check('a visitor\'s post: 303 back to the page, with participa_aviso', $r['status'] === 303 && str_contains($loc, 'participa_aviso=1')
    && str_starts_with($loc, $page), "{$r['status']} $loc");
$r = pt_http('GET', $loc, null, [], $anon);
pt_check('the next page says to sign in and keeps the text', str_contains($r['body'], 'Inicia sesión para participar')
    && str_contains($r['body'], 'Texto de una visitante sin cuenta.'), pt_excerpt($r['body'], 300));
pt_check('that page is not cached', str_contains(implode(' ', $r['headers']['cache-control'] ?? []), 'no-store, private'));

// --- a resident
$jar = pt_login($base, 'vecina', $pass);
$r = pt_http('GET', $page, null, [], $jar);
pt_check('a resident\'s page is sent no-store (personal: their nonce)', str_contains(implode(' ', $r['headers']['cache-control'] ?? []), 'no-store, private'));
$form = pt_form($r['body'], 'thread.stance');
pt_check('the comment form posts to admin-post.php with _participa_nonce', $form !== null && isset($form['fields']['_participa_nonce'])
    && str_starts_with($form['action'], "$base/wp-admin/admin-post.php?action=participa"), pt_excerpt($r['body']));
if ($form) {
    $form['fields']['alignment'] = 'for';
    $form['fields']['body'] = 'Llámenme al 55 1234 5678 para la revisión del alumbrado.';
    $r = pt_http('POST', $form['action'], $form['fields'], ["Referer: $page"], $jar);
    $loc = pt_header($r, 'location');
    pt_check('the post answers 303 to the new comment\'s anchor', $r['status'] === 303 && (bool) preg_match('/#hilo-c\d+$/', $loc), "{$r['status']} $loc");
    $r = pt_http('GET', $loc, null, [], $jar);
    pt_check('the comment is stored and shown, the phone number redacted', str_contains($r['body'], 'para la revisión del alumbrado')
        && str_contains($r['body'], '[dato personal oculto]') && !str_contains($r['body'], '1234 5678'), pt_excerpt($r['body']));

    $spam = pt_form($r['body'], 'thread.stance');
    $spam['fields']['alignment'] = 'against';
    $spam['fields']['body'] = 'Compra ya estos focos baratos.';
    $r = pt_http('POST', $spam['action'], $spam['fields'], [], $jar);
    $r = pt_http('GET', pt_header($r, 'location'), null, [], $jar);
    pt_check('a refused comment: the rule\'s message and the draft after the redirect', str_contains($r['body'], 'Tu comentario parece publicidad.')
        && str_contains($r['body'], 'Compra ya estos focos baratos.'), pt_excerpt($r['body']));
    $r = pt_http('GET', $page, null, [], $jar);
    pt_check('the draft is shown once', !str_contains($r['body'], 'Compra ya estos focos baratos.'));

    $stale = pt_form($r['body'], 'thread.stance');
    $stale['fields']['alignment'] = 'neutral';
    $stale['fields']['_participa_nonce'] = '0123456789';
    $stale['fields']['body'] = 'Un texto enviado con un formulario caducado.';
    $r = pt_http('POST', $stale['action'], $stale['fields'], [], $jar);
    $r2 = pt_http('GET', pt_header($r, 'location'), null, [], $jar);
    pt_check('a bad nonce: nothing stored, the form back with the text and a fresh nonce', $r['status'] === 303
        && str_contains($r2['body'], 'Un texto enviado con un formulario caducado.') && str_contains($r2['body'], 'formulario había caducado')
        && substr_count($r2['body'], 'Un texto enviado con un formulario caducado.') === 1, pt_excerpt($r2['body']));
}

// --- a vote through the ballot form, the receipt after the redirect, a second vote refused
if (method_exists('Participa\Process', 'html')) {
    $r = pt_http('GET', $fx['urls']['vote'], null, [], $jar);
    $ballot = pt_form($r['body'], 'process.cast');
    pt_check('the vote page has the ballot form', $ballot !== null, pt_excerpt($r['body']));
    if ($ballot) {
        $ballot['fields']['choice'] = 'parque';
        $r = pt_http('POST', $ballot['action'], $ballot['fields'], [], $jar);
        $r = pt_http('GET', pt_header($r, 'location'), null, [], $jar);
        pt_check('after voting, the page shows "Tu voto quedó registrado" with the receipt', (bool) preg_match('/Tu voto quedó registrado\. Tu comprobante es [a-z0-9]+/u', $r['body']),
            pt_excerpt(strip_tags($r['body']), 800));
        pt_check('the receipt is not in any URL', !preg_match('#https?://[^"\s]*comprobante=[a-z0-9]{8,}#', $r['body']));
        if (preg_match('/Tu comprobante es ([a-z0-9]+)/u', $r['body'], $m)) {
            $check = pt_http('GET', $fx['urls']['vote'] . '?vista=receipt&comprobante=' . $m[1]);
            pt_check('anyone holding the receipt finds the ballot (the GET form\'s parameter comprobante)',
                str_contains($check['body'], 'Tu boleta está en la urna'), pt_excerpt(strip_tags($check['body']), 600));
        }
        $ballot['fields']['choice'] = 'biblioteca';
        $ballot['fields']['key'] = 'otra-' . bin2hex(random_bytes(4));
        $r = pt_http('POST', $ballot['action'], $ballot['fields'], [], $jar);
        $r = pt_http('GET', pt_header($r, 'location'), null, [], $jar);
        pt_check('a second vote is refused with a Spanish message', str_contains($r['body'], 'Ya emitiste tu voto'), pt_excerpt(strip_tags($r['body']), 800));
        $r = pt_http('GET', $fx['urls']['vote'] . '?vista=status', null, [], $jar);
        pt_check('the process\'s own links work: ?vista=status shows "Mi participación"', str_contains($r['body'], 'id="proceso-status"')
            || str_contains($r['body'], 'Ya votaste'), pt_excerpt(strip_tags($r['body']), 600));
    }
} else {
    pt_skip('a vote through the ballot form', 'Participa\Process::html() is not in this build');
}

// --- REST actions
$rest = "$base/wp-json/participa/v1/action";
$json = ['participa_action' => 'thread.stance', 'alignment' => 'for', 'subject_type' => 'commitment', 'subject_id' => 'PAL-01', 'body' => 'Desde la API REST.',
    'participa_return' => $page, 'instance' => 'hilo'];
$r = pt_http('POST', $rest, null, ['Content-Type: application/json', 'X-WP-Nonce: 0123456789'], $jar, json_encode($json));
pt_check('REST action with a bad X-WP-Nonce is refused (403)', $r['status'] === 403 && str_contains($r['body'], 'rest_cookie_invalid_nonce'), "{$r['status']} {$r['body']}");
$none = [];
$r = pt_http('POST', $rest, null, ['Content-Type: application/json'], $none, json_encode($json));
pt_check('REST action signed out is refused (401)', $r['status'] === 401, "{$r['status']} {$r['body']}");
$nonce = trim(pt_http('GET', "$base/wp-admin/admin-ajax.php?action=rest-nonce", null, [], $jar)['body']);
$r = pt_http('POST', $rest, null, ['Content-Type: application/json', "X-WP-Nonce: $nonce"], $jar, json_encode(['participa_action' => 'thread.frobnicate'] + $json));
pt_check('REST action: the args schema refuses a bad action name (400)', in_array($r['status'], [400, 422], true), "{$r['status']} {$r['body']}");
$r = pt_http('POST', $rest, null, ['Content-Type: application/json', "X-WP-Nonce: $nonce"], $jar, json_encode($json));
$out = json_decode($r['body'], true);
pt_check('REST action with a good nonce posts and answers the outcome as JSON', $r['status'] === 200 && ($out['ok'] ?? false) === true
    && str_contains((string) ($out['redirect'] ?? ''), '#hilo-c'), "{$r['status']} {$r['body']}");
$r = pt_http('POST', $rest, null, ['Content-Type: application/json', "X-WP-Nonce: $nonce"], $jar, json_encode(['body' => 'x'] + $json));
$out = json_decode($r['body'], true);
pt_check('a refused REST action: 422 with the Spanish message and errors', $r['status'] === 422 && ($out['ok'] ?? true) === false
    && !empty($out['errors']), "{$r['status']} {$r['body']}");

// --- a ballot through the REST route (another resident)
$jar2 = pt_login($base, 'vecino', $pass);
$nonce2 = trim(pt_http('GET', "$base/wp-admin/admin-ajax.php?action=rest-nonce", null, [], $jar2)['body']);
$cast = ['participa_action' => 'process.cast', 'process' => 'consulta-parque', 'choice' => 'biblioteca', 'key' => 'rest-' . bin2hex(random_bytes(4)),
    'participa_return' => $fx['urls']['vote'], 'instance' => 'proceso'];
$r = pt_http('POST', $rest, null, ['Content-Type: application/json', "X-WP-Nonce: $nonce2"], $jar2, json_encode($cast));
$out = json_decode($r['body'], true);
pt_check('REST process.cast: 200 with a receipt', $r['status'] === 200 && ($out['ok'] ?? false) && preg_match('/^[a-z0-9]{6,}$/', (string) ($out['receipt'] ?? '')),
    "{$r['status']} {$r['body']}");
$r = pt_http('POST', $rest, null, ['Content-Type: application/json', "X-WP-Nonce: $nonce2"], $jar2, json_encode(['key' => 'rest-again'] + $cast));
pt_check('REST: a second ballot is refused (422, "Ya emitiste tu voto")', $r['status'] === 422 && str_contains($r['body'], 'Ya emitiste tu voto'), "{$r['status']} {$r['body']}");

// --- an official updates a commitment's progress with evidence
$admin = pt_login($base, 'admin', getenv('PT_WP_ADMIN_PASS'));
$r = pt_http('GET', $fx['urls']['commitment'], null, [], $admin);
$progress = pt_form($r['body'], 'commitments.progress');
if (!method_exists('Participa\Commitments', 'html')) {
    pt_skip('the progress form', 'Participa\Commitments::html() is not in this build');
} elseif (pt_check('the commitment page has the progress form for the official', $progress !== null, pt_excerpt(strip_tags($r['body']), 400))) {
    $progress['fields'] = ['progress' => '65', 'note' => 'Segundo lote instalado', 'evidence_url' => 'https://example.org/acta-2.pdf',
        'evidence_description' => 'Acta de entrega del segundo lote'] + $progress['fields'];
    $r = pt_http('POST', $progress['action'], $progress['fields'], [], $admin);
    $r = pt_http('GET', pt_header($r, 'location'), null, [], $admin);
    pt_check('after saving: "Se guardó el avance." and 65 %', str_contains($r['body'], 'Se guardó el avance.') && str_contains($r['body'], '65 %'),
        pt_excerpt(strip_tags($r['body']), 600));
    $one = json_decode(pt_http('GET', "$base/wp-json/participa/v1/commitments/PAL-01")['body'], true);
    pt_check('the open data says 65 with the evidence', (float) ($one['progress'] ?? 0) === 65.0
        && str_contains(json_encode($one['evidence'] ?? []), 'acta-2.pdf'), json_encode($one));
    $r = pt_http('GET', $fx['urls']['plan']);
    pt_check('the plan dashboard draws for a visitor', $r['status'] === 200 && str_contains($r['body'], 'participa-') && !str_contains($r['body'], 'participa-no-disponible'),
        pt_excerpt(strip_tags($r['body']), 300));
}

// --- open data
$api = "$base/wp-json/participa/v1";
$r = pt_http('GET', "$api/commitments?plan=pal-2026");
$list = json_decode($r['body'], true);
pt_check('GET commitments: JSON with the plan\'s commitments', $r['status'] === 200 && in_array('PAL-01', array_column((array) $list, 'id'), true), "{$r['status']} " . pt_excerpt($r['body'], 300));
$r = pt_http('GET', "$api/commitments?plan=pal-2026&format=csv");
pt_check('GET commitments?format=csv: text/csv with a header row', $r['status'] === 200 && str_starts_with(pt_header($r, 'content-type'), 'text/csv')
    && str_starts_with($r['body'], 'id,') && str_contains($r['body'], 'PAL-01'), pt_header($r, 'content-type') . ' ' . pt_excerpt($r['body'], 200));
pt_check('open data is publicly cacheable', pt_header($r, 'cache-control') === 'public, max-age=60', pt_header($r, 'cache-control'));
$r = pt_http('GET', "$api/commitments/PAL-01");
pt_check('GET commitments/PAL-01', $r['status'] === 200 && (json_decode($r['body'], true)['id'] ?? '') === 'PAL-01', pt_excerpt($r['body'], 200));
$r = pt_http('GET', "$api/commitments/NO-EXISTE");
pt_check('an unknown commitment is 404', $r['status'] === 404, (string) $r['status']);
$r = pt_http('GET', "$api/plans/pal-2026/summary?by=theme");
pt_check('GET plans/pal-2026/summary', $r['status'] === 200 && isset(json_decode($r['body'], true)['groups']), pt_excerpt($r['body'], 200));
$r = pt_http('GET', "$api/plans/pal-2026/summary?by=theme&format=csv");
pt_check('summary as CSV', $r['status'] === 200 && str_starts_with(pt_header($r, 'content-type'), 'text/csv') && str_contains($r['body'], 'alumbrado'), pt_excerpt($r['body'], 200));
$r = pt_http('GET', "$api/plans/pal-2026/export?format=csv");
pt_check('GET plans/pal-2026/export?format=csv: every field (Commitments::export)', $r['status'] === 200 && str_contains($r['body'], 'PAL-02'), pt_excerpt($r['body'], 200));
$r = pt_http('GET', "$api/processes/consulta-cerrada/results");
$res = json_decode($r['body'], true);
pt_check('GET processes/consulta-cerrada/results: the counted winner', $r['status'] === 200 && ($res['winners'] ?? null) === ['verde'], pt_excerpt($r['body'], 300));
$r = pt_http('GET', "$api/processes/consulta-cerrada/results?format=csv");
pt_check('results as CSV', $r['status'] === 200 && str_starts_with($r['body'], 'rank,option,winner') && str_contains($r['body'], 'verde'), pt_excerpt($r['body'], 200));
$r = pt_http('GET', "$api/processes/consulta-cerrada/ballots?format=csv");
pt_check('GET processes/consulta-cerrada/ballots?format=csv: the exported ballots', $r['status'] === 200
    && str_starts_with(pt_header($r, 'content-type'), 'text/csv') && substr_count(trim($r['body']), "\n") >= 3, pt_excerpt($r['body'], 200));
$r = pt_http('GET', "$api/processes/consulta-parque/ballots?format=csv");
pt_check('an open secret vote\'s ballots are not exported', $r['status'] === 403, "{$r['status']} " . pt_excerpt($r['body'], 200));
$r = pt_http('GET', "$api/processes/no-existe/results");
pt_check('an unknown process is 404', $r['status'] === 404, (string) $r['status']);
pt_done();
