<?php
// Participa > Commitments: the plan's list, progress with evidence through
// Commitments::update() (a transition the role may not make refused with the
// extension's Spanish message), the history, the CSV export as a download,
// and the CSV import: a dry run whose preview lists errors with row and
// column (nothing written), then a clean file's preview and its real import.
declare(strict_types=1);
require __DIR__ . '/admin-lib.php';
pt_wp_load();
$fx = pt_fixture();
$site = participa_site();
$c = $site->commitments();

pt_as('admin');
[$html] = pt_screen('participa-commitments', ['plan' => 'pal-2026']);
pt_has('the list shows the plan\'s title', $html, 'Commitments of Plan de Acción Local 2026');
pt_has('and its commitments', $html, 'Alumbrado público en la calle 5');
pt_has('with their traffic light in words', $html, 'En riesgo');

[$html] = pt_screen('participa-commitments', ['commitment' => 'PAL-01']);
$form = pt_form((string) $html, 'action', 'participa_admin_commitment_update');
pt_check('the commitment has the progress form with a nonce', $form !== null && wp_verify_nonce($form['fields']['_wpnonce'], 'participa_admin_commitment_update') === 1);
pt_has('the status field offers the configuration\'s statuses', $html, '<option value="en-proceso">');

$r = pt_submit($form, ['status' => 'en-proceso', 'progress' => '40', 'note' => 'Primer lote de luminarias instalado',
    'evidence_url' => 'https://municipio.example/obras/acta-12.pdf', 'evidence_description' => 'Acta de entrega', 'evidence_date' => '2026-03-10']);
pt_check('saving answers 303 to the commitment', ($r['status'] ?? 0) === 303 && str_contains((string) $r['location'], 'commitment=PAL-01'), json_encode($r));
$now = $c->get('PAL-01');
pt_check('Commitments::update() stored status, progress and evidence',
    $now['status'] === 'en-proceso' && (float) $now['progress'] === 40.0 && ($now['evidence'][0]['url'] ?? '') === 'https://municipio.example/obras/acta-12.pdf',
    json_encode([$now['status'], $now['progress'], $now['evidence']]));
[$after] = pt_follow($r);
pt_has('the notice says what was saved', $after, 'Commitment PAL-01 saved: En proceso, 40.00 %.');
pt_has('the evidence is listed', $after, 'Acta de entrega');
pt_has('the history has the note and who wrote it', $after, 'Primer lote de luminarias instalado');
pt_has('by name', $after, 'Adela Administradora');

// An unknown status: the extension's refusal as an error notice; nothing changes.
$r = pt_submit($form, ['status' => 'inventado', 'progress' => '40']);
[$after] = pt_follow($r);
pt_has('an unknown status is refused with the extension\'s message', $after, 'notice-error');
pt_check('and nothing changed', $c->get('PAL-01')['status'] === 'en-proceso');
$r = pt_submit($form, ['status' => 'en-proceso', 'progress' => '40']);
[$after] = pt_follow($r);
pt_has('saving without changes says so', $after, 'Nothing changed');
$r = pt_submit($form, ['progress' => 'mucho']);
[$after] = pt_follow($r);
pt_has('a progress that is not a number is refused', $after, 'The progress must be a number from 0 to 100.');

// The export, as a download.
$r = pt_post('participa_admin_commitments_export', ['plan' => 'pal-2026', '_wpnonce' => wp_create_nonce('participa_admin_commitments_export')], [], 'GET');
pt_check('the export is sent as a CSV download', ($GLOBALS['pt_download'] ?? null) === ['compromisos-pal-2026.csv', 'text/csv; charset=utf-8'], json_encode($GLOBALS['pt_download'] ?? null));
$csv = $c->export('csv', 'pal-2026', ['bom' => true]);
pt_check('the same text as Commitments::export()', str_contains($csv, 'PAL-01,pal-2026'));

// The import: first a file with errors.
$bad = $csv . "PAL-09,pal-2026,,Un compromiso con errores,,,,,,tema-x,,,2026-13-01,,,,por-iniciar,0,,[],[]\n";
$r = pt_post('participa_admin_commitments_import', ['step' => 'preview', 'csv_text' => $bad, '_wpnonce' => wp_create_nonce('participa_admin_commitments_import')]);
pt_check('the dry run answers 303 to its preview', ($r['status'] ?? 0) === 303 && str_contains((string) $r['location'], 'import='), json_encode($r));
[$preview] = pt_follow($r);
pt_has('the preview says it is a dry run', $preview, 'Import preview (dry run: nothing was written)');
pt_has('it counts the problems', $preview, 'The file has 2 problems.');
pt_check('each problem with its row and column', (bool) preg_match('#<th scope="row">4</th><td>theme</td><td>[^<]*tema-x#', (string) $preview), pt_excerpt((string) $preview, 3000));
pt_check('there is no import button', pt_form((string) $preview, 'step', 'apply') === null);
pt_check('nothing was written', $c->get('PAL-09') === null);

// A clean file: one new commitment, one changed, the rest unchanged.
$good = str_replace('Agua para la escuela', 'Agua potable para la escuela', $csv)
    . "PAL-03,pal-2026,,Bancas para el parque,,,,obras,,alumbrado,,,2026-03-01,2026-12-31,,,por-iniciar,0,,[],[]\n";
$r = pt_post('participa_admin_commitments_import', ['step' => 'preview', 'csv_text' => $good, '_wpnonce' => wp_create_nonce('participa_admin_commitments_import')]);
[$preview] = pt_follow($r);
pt_has('the preview counts what would happen', $preview, '1 new, 1 changed, 1 unchanged.');
pt_has('and shows each change', $preview, 'title: Agua para la escuela → Agua potable para la escuela');
pt_check('the dry run wrote nothing', $c->get('PAL-03') === null && $c->get('PAL-02')['title'] === 'Agua para la escuela');
$apply = pt_form((string) $preview, 'step', 'apply');
pt_check('there is an import button with the nonce', $apply !== null && isset($apply['fields']['_wpnonce']));
$r = pt_submit($apply);
[$after] = pt_follow($r);
pt_has('the real import says how many it wrote', $after, 'Imported: 2 commitments created or updated.');
pt_check('the commitments are imported', ($c->get('PAL-03')['title'] ?? '') === 'Bancas para el parque' && $c->get('PAL-02')['title'] === 'Agua potable para la escuela');
$r = pt_submit($apply);
[$after] = pt_follow($r);
pt_has('the same confirmation cannot import twice', $after, 'That import is no longer waiting');

// An uploaded file goes the same way (is_uploaded_file() is false in the CLI: the text field is what a test can send).
$r = pt_post('participa_admin_commitments_import', ['step' => 'preview', 'csv_text' => '', '_wpnonce' => wp_create_nonce('participa_admin_commitments_import')]);
[$after] = pt_follow($r);
pt_has('an empty import asks for a file', $after, 'Choose a CSV file or paste its text.');

// Who may not.
pt_as('enlace');
[$none] = pt_screen('participa-commitments');
pt_check('a community link (no update_commitment) cannot open the screen', $none === null);
$r = pt_post('participa_admin_commitment_update', ['commitment' => 'PAL-01', 'progress' => '90', '_wpnonce' => wp_create_nonce('participa_admin_commitment_update')]);
pt_check('nor post its form', isset($r['died']));
pt_check('and the progress stayed', (float) $c->get('PAL-01')['progress'] === 40.0);

pt_done();
