<?php
// Participa > Processes: the list read from the YAML (each id checked by
// Site::process()), one process's definition, a paper batch entered twice by
// two people (a mismatch shown ballot by ballot, then counted), counting,
// the result, the ballots as a download, closing the vote; who may do what.
declare(strict_types=1);
require __DIR__ . '/admin-lib.php';
pt_wp_load();
$fx = pt_fixture();
$site = participa_site();
$p = $site->process('consulta-bancas');
$p->cast('wp:' . $fx['users']['vecina'], 'verde', ['idempotency_key' => 'admin-processes-vecina']);

pt_as('admin');
[$html] = pt_screen('participa-processes');
pt_has('the list has the processes of the YAML', $html, 'Color de las bancas del parque');
pt_has('both of them', $html, '¿Qué hacemos en el predio de la calle 8?');
pt_has('with their state', $html, 'voting open');

[$html] = pt_screen('participa-processes', ['process' => 'consulta-bancas']);
pt_has('one process: its definition', $html, 'web, paper');
pt_has('its options by name', $html, 'Verde, Azul');
pt_has('the close form asks for a confirmation', $html, 'name="confirm" value="1" required');

// Paper: with the fragment when the build has Process::html(), else the screen's form.
$fragment = method_exists('Participa\Process', 'html');
$enter = function (string $batch, string $sheet, array $ballots) use ($fragment) {
    [$page] = pt_screen('participa-processes', ['process' => 'consulta-bancas']);
    if ($fragment) {
        $form = pt_form((string) $page, 'participa_action', 'process.paper');
        if (!$form) {
            return ['error' => 'no process.paper form'];
        }
        // The fragment's rows (docs/fragments/processes.md): ballots[N][choice] for a plurality.
        return pt_submit($form, ['batch' => $batch, 'assembly' => 'asamblea-teotongo', 'tally_sheet' => $sheet,
            'ballots' => array_map(fn($b) => ['choice' => $b], $ballots)]);
    }
    $form = pt_form((string) $page, 'action', 'participa_admin_paper');
    return $form ? pt_submit($form, ['batch' => $batch, 'assembly' => 'asamblea-teotongo', 'tally_sheet' => $sheet, 'ballots' => implode("\n", $ballots)])
        : ['error' => 'no paper form'];
};
pt_has($fragment ? 'the paper batch is the extension\'s fragment' : 'without Process::html() the screen says so, visibly', $html,
    $fragment ? 'participa_action" value="process.paper"' : 'This build of the participa extension has no Participa\Process::html()');

$r = $enter('lote-1', 'acta-7', ['verde', 'verde', 'azul']);
[$after] = pt_follow($r);
// The fragment's own message (process.paper answers in Spanish even for an English host: the extension's choice).
pt_check('the first entry waits for a second person', (bool) preg_match($fragment ? '~notice-success[^>]*><p>(First entry saved|Primera captura guardada)~' : '~Another person must now enter it~', (string) $after), pt_excerpt((string) $after));
if ($fragment) {
    pt_check('the fragment shows the batch waiting for its second entry', (bool) preg_match('~(First entry saved: the second one|Primera captura guardada: falta la segunda)~', (string) $after), pt_excerpt((string) $after, 3000));
}
$r = $enter('lote-1', 'acta-7', ['verde', 'verde', 'azul']);
[$after] = pt_follow($r);
pt_has('the same person cannot enter it twice (an error notice with the extension\'s message)', $after, 'notice-error');

pt_as('enlace');
[$screen] = pt_screen('participa-processes', ['process' => 'consulta-bancas']);
pt_check('a community link sees the paper form but not close, count or export', $screen !== null
    && !str_contains($screen, 'Close voting now') && !str_contains($screen, 'participa_admin_ballots') && str_contains($screen, 'Paper ballots'));
$r = $enter('lote-1', 'acta-7', ['verde', 'azul', 'azul']);
[$after] = pt_follow($r);
pt_has('a second entry that differs is refused', $after, 'notice-error');
if ($fragment) {
    pt_has('the fragment shows the ballots that differ', $after, 'Ballots on which the entries differ');
    pt_check('with both readings and who entered them', (bool) preg_match('~First entry \(Adela Administradora\).*Second entry \(Elena Enlace\)~s', (string) $after), pt_excerpt((string) $after, 4000));
} else {
    pt_has('ballot by ballot, with both readings and who entered them', $after, 'Ballot 2: &quot;verde&quot; (Adela Administradora) / &quot;azul&quot; (Elena Enlace)');
}
pt_check('nothing of the batch is counted', (int) ($p->results()['paper'] ?? 0) === 0);
$r = $enter('lote-1', 'acta-7', ['verde', 'verde', 'azul']);
[$after] = pt_follow($r);
pt_check('the matching second entry counts the batch', (bool) preg_match($fragment ? '~notice-success[^>]*><p>(Batch counted|Lote contado)~' : '~its 3 ballots are counted~', (string) $after), pt_excerpt((string) $after));
$r = pt_post('participa_admin_process', ['process' => 'consulta-bancas', 'op' => 'tally', '_wpnonce' => wp_create_nonce('participa_admin_process')]);
pt_check('a community link may not count', isset($r['died']));

pt_as('admin');
[$html] = pt_screen('participa-processes', ['process' => 'consulta-bancas']);
$tally = pt_form((string) $html, 'op', 'tally');
$r = pt_submit($tally);
[$after] = pt_follow($r);
pt_has('counting names the winner', $after, 'Counted. Winners: verde.');
pt_has('the result: 4 ballots, 1 web and 3 paper', $after, '4 (1 web, 3 paper)');
pt_has('with the digest', $after, 'Digest (SHA-256)');
pt_has('and the votes of each option by name', $after, 'Verde: 3, Azul: 1');

$r = pt_post('participa_admin_ballots', ['process' => 'consulta-bancas', 'format' => 'csv', '_wpnonce' => wp_create_nonce('participa_admin_ballots')], [], 'GET');
pt_check('the ballots download as CSV', ($GLOBALS['pt_download'] ?? null) === ['boletas-consulta-bancas.csv', 'text/csv; charset=utf-8'], json_encode([$GLOBALS['pt_download'] ?? null, $r]));
pt_check('their text is Process::exportBallots()', substr_count(trim($p->exportBallots('csv')), "\n") === 4, $p->exportBallots('csv'));
$r = pt_post('participa_admin_ballots', ['process' => 'consulta-bancas', 'format' => 'csv', '_wpnonce' => 'nope'], [], 'GET');
pt_check('a download link without its nonce is refused', isset($r['died']));

$close = pt_form((string) $html, 'op', 'close');
$r = pt_submit($close, ['confirm' => '']);
[$after] = pt_follow($r);
pt_has('closing without the confirmation does nothing', $after, 'Voting was not closed');
pt_check('still open', $site->process('consulta-bancas')->info()['state'] === 'voting');
$r = pt_submit($close, ['confirm' => '1']);
[$after] = pt_follow($r);
pt_has('closing says so', $after, 'Voting is closed.');
$info = $site->process('consulta-bancas')->info();
pt_check('the process is closed by the admin', $info['state'] === 'closed' && $info['closed_by'] === 'wp:1', json_encode([$info['state'], $info['closed_by']]));
pt_has('the screen shows who closed it', $after, 'Adela Administradora');
pt_check('and offers no close form any more', pt_form((string) $after, 'op', 'close') === null);

[$html] = pt_screen('participa-processes', ['process' => 'no-existe']);
pt_has('an unknown id says so (the extension\'s message)', $html, 'no-existe');

pt_as('moderadora');
[$none] = pt_screen('participa-processes');
pt_check('a moderator cannot open the processes screen', $none === null);

pt_done();
