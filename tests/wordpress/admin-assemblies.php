<?php
// Participa > Assemblies: the record of a territory's assemblies and the form
// to record one (the extension's fragment, Commitments::assemblyHtml(), when
// the build has it; else the screen's table and form over
// Commitments::assemblies()/recordAssembly()); agreements of an assembly with
// its quorum become commitments of the territory's agenda.
declare(strict_types=1);
require __DIR__ . '/admin-lib.php';
pt_wp_load();
$site = participa_site();
$fragment = method_exists('Participa\Commitments', 'assemblyHtml');

pt_as('enlace');
[$html] = pt_screen('participa-assemblies', ['territory' => 'san-miguel-teotongo']);
pt_check('a community link (record_assembly) opens the screen', $html !== null);
$form = $fragment ? pt_form((string) $html, 'participa_action', 'commitments.assembly') : pt_form((string) $html, 'action', 'participa_admin_assembly');
pt_check($fragment ? 'the fragment has the record form' : 'the screen has its record form (and says the fragment is missing)',
    $form !== null && ($fragment || str_contains((string) $html, 'Participa\Commitments::assemblyHtml()')), pt_excerpt((string) $html));
$fields = ['territory' => 'san-miguel-teotongo', 'held_on' => '2026-03-14', 'place' => 'Explanada de la parroquia', 'attendance' => '25',
    'attendees' => "Elena Enlace\nMaría Hernández", 'agenda' => "1. Agua\n2. Alumbrado", 'minutes' => 'Se acordó por consenso.',
    'agreements' => "Gestionar pipas de agua para la calle Lirios\nReparar 12 luminarias de la avenida"];
$r = pt_submit($form, $fields);
pt_check('recording answers 303 to the screen', ($r['status'] ?? 0) === 303 && str_contains((string) $r['location'], 'page=participa-assemblies'), json_encode($r));
[$after] = pt_follow($r);
pt_has('a success notice', $after, 'notice-success');
$list = $site->commitments()->assemblies('san-miguel-teotongo');
pt_check('Commitments::assemblies() has it', count($list) === 1 && $list[0]['place'] === 'Explanada de la parroquia' && count($list[0]['agreements']) === 2, json_encode($list));
$made = array_values(array_filter(array_map(fn($a) => $a['commitment'] ?? null, $list[0]['agreements'] ?? [])));
pt_check('its agreements became commitments of the agenda', count($made) === 2 && ($site->commitments()->get($made[0])['plan'] ?? '') === 'agenda-teotongo', json_encode($made));
pt_has('the screen lists the assembly', $after, 'Explanada de la parroquia');
pt_has('and each agreement\'s commitment', $after, (string) ($made[1] ?? 'acuerdo'));

// Below the quorum (assemblies.min_attendance: 3): recorded, no commitments.
$r = pt_submit($form, ['held_on' => '2026-04-11', 'place' => 'Casa de cultura', 'attendance' => '2', 'attendees' => '', 'agreements' => 'Convocar otra asamblea']);
pt_follow($r);
$list = $site->commitments()->assemblies('san-miguel-teotongo');
pt_check('an assembly below the quorum is recorded without commitments', count($list) === 2 && ($list[0]['agreements'][0]['commitment'] ?? null) === null, json_encode($list[0] ?? null));
$r = pt_submit($form, ['held_on' => '14/04/2026']);
[$after] = pt_follow($r);
pt_has('a bad date is refused with the extension\'s message', $after, 'notice-error');

pt_as('moderadora');
[$none] = pt_screen('participa-assemblies');
pt_check('a moderator cannot open it', $none === null);
pt_as('vecina');
$r = pt_post('participa_admin_assembly', $fields + ['_wpnonce' => wp_create_nonce('participa_admin_assembly')]);
pt_check('a resident cannot record an assembly', isset($r['died']));

pt_done();
