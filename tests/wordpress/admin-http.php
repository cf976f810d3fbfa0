<?php
// The admin screens through nginx + php-fpm, as a browser uses them: sign in
// at wp-login.php, open Participa's screens in the real wp-admin (its menu,
// admin.php's own capability check), send the moderation queue's approve form
// and follow its 303 to the notice, download the ballots, and a resident's
// profile with the notification choices saved through WordPress's own form.
declare(strict_types=1);
require __DIR__ . '/admin-lib.php';
pt_wp_load(false, '/');
$fx = pt_fixture();
$site = participa_site();
$held = $site->thread('post', 'http-prueba')->post('wp:' . $fx['users']['vecino'], 'Un comentario de un idiota para la prueba por HTTP.');
pt_check('a held comment for this test', $held['status'] === 'held');

$jar = pt_http_login('admin');
$r = pt_http('GET', pt_base() . '/wp-admin/admin.php?page=participa-moderation', null, $jar);
pt_check('the moderation screen answers 200 in wp-admin', $r['status'] === 200, (string) $r['status']);
pt_has('the admin menu has "Participa" with its screens', $r['body'], 'page=participa-settings');
pt_has('the held comment is in the queue', $r['body'], 'Un comentario de un idiota para la prueba por HTTP.');
pt_has('the fragments\' stylesheet is on the page', $r['body'], "id='participa-css'");
preg_match('#<form id="moderacion-aprobar-' . $held['id'] . '".*?</form>#s', $r['body'], $m);
$form = $m ? pt_form($m[0], 'participa_action', 'moderation.approve') : null;
pt_check('its approve form', $form !== null);
$r = pt_http('POST', $form['action'], $form['fields'], $jar);
pt_check('approving answers 303 to the screen', $r['status'] === 303 && str_contains($r['headers']['location'][0] ?? '', 'page=participa-moderation'), json_encode($r['headers']));
$r = pt_http('GET', $r['headers']['location'][0], null, $jar);
pt_has('the screen shows the success notice', $r['body'], 'notice-success');
pt_check('the comment is published', ($site->thread('post', 'http-prueba')->history((int) $held['id'])[0]['status'] ?? '') === 'published');

$r = pt_http('GET', pt_base() . '/wp-admin/admin.php?page=participa-settings', null, $jar);
pt_has('the settings screen checks the YAML', $r['body'], 'is valid.');
$form = pt_form($r['body'], 'option_page', 'participa');
$r = pt_http('POST', pt_base() . '/wp-admin/options.php', ['participa_role_map[contributor]' => 'ciudadano'] + $form['fields'], $jar);
pt_check('saving the settings through options.php answers 302 back to the screen', $r['status'] === 302
    && str_contains($r['headers']['location'][0] ?? '', 'page=participa-settings'), json_encode([$r['status'], $r['headers']['location'] ?? null]));
$r = pt_http('GET', $r['headers']['location'][0], null, $jar);
pt_has('with WordPress\'s "Settings saved." notice', $r['body'], 'Settings saved.');
wp_cache_flush();
$map = get_option('participa_role_map');
pt_check('the role map was saved, as lists of role ids', ($map['contributor'] ?? null) === ['ciudadano'] && ($map['administrator'] ?? null) === ['funcionario', 'moderador', 'enlace'], json_encode($map));
$r = pt_http('GET', pt_base() . '/wp-admin/admin.php?page=participa-processes&process=consulta-bancas', null, $jar);
preg_match('#href="([^"]*action=participa_admin_ballots[^"]*format=csv[^"]*)"#', $r['body'], $m);
pt_check('the process screen has the CSV download link', (bool) $m);
$r = pt_http('GET', html_entity_decode($m[1] ?? '', ENT_QUOTES), null, $jar);
pt_check('the download answers 200 as an attachment', $r['status'] === 200 && str_starts_with($r['headers']['content-type'][0] ?? '', 'text/csv')
    && str_contains($r['headers']['content-disposition'][0] ?? '', 'attachment; filename="boletas-consulta-bancas.csv"'), json_encode([$r['status'], $r['headers']]));

$jar = pt_http_login('vecina');
$r = pt_http('GET', pt_base() . '/wp-admin/admin.php?page=participa-moderation', null, $jar);
pt_check('a resident gets 403 from wp-admin for the moderation screen', $r['status'] === 403, (string) $r['status']);
$r = pt_http('GET', pt_base() . '/wp-admin/profile.php', null, $jar);
pt_has('the profile has the participation e-mails', $r['body'], 'id="participa-avisos"');
$profile = pt_form($r['body'], 'action', 'update');
pt_check('inside WordPress\'s profile form', $profile !== null && isset($profile['fields']['participa_notify_form']));
$fields = $profile['fields'];
$fields['participa_notify'] = ['mention', 'official', 'follow'];
$fields['participa_notify_mode'] = 'digest';
$fields = array_filter($fields, fn($k) => !str_starts_with((string) $k, 'participa_notify[') && $k !== 'pass1' && $k !== 'pass2', ARRAY_FILTER_USE_KEY);
$r = pt_http('POST', pt_base() . '/wp-admin/profile.php', $fields, $jar);
pt_check('saving the profile answers 302 (WordPress\'s own redirect)', $r['status'] === 302, (string) $r['status'] . ' ' . pt_excerpt($r['body'], 300));
wp_cache_flush();
pt_check('the opt-out is saved', get_user_meta($fx['users']['vecina'], 'participa_notify_off', true) === ['reply']);
pt_check('and the daily summary', get_user_meta($fx['users']['vecina'], 'participa_notify_mode', true) === 'digest');
pt_check('the rest of the profile as it was', get_userdata($fx['users']['vecina'])->display_name === 'Ana Vecina'
    && get_user_meta($fx['users']['vecina'], 'participa_territory', true) === 'san-miguel-teotongo');
// Back to every e-mail, one at a time, for whatever runs next.
update_user_meta($fx['users']['vecina'], 'participa_notify_off', []);
update_user_meta($fx['users']['vecina'], 'participa_notify_mode', 'immediate');

pt_done();
