<?php
// Participa > Moderation: the queue drawn by Moderation::html() inside the
// screen, its approve / reject / hide / ban forms posted to admin-post.php
// (nonce, capability, 303 back with a notice), lifting a ban, the log; who
// may not open the screen or post its forms.
declare(strict_types=1);
require __DIR__ . '/admin-lib.php';
pt_wp_load();
$fx = pt_fixture();
$site = participa_site();
$t = $site->thread('commitment', 'PAL-02');
$held = $t->post('wp:' . $fx['users']['vecino'], 'Otro comentario de un imbécil para la cola.');
$pub = $t->post('wp:' . $fx['users']['vecina'], 'Un comentario publicado que la moderación ocultará.');
pt_check('the rule held the comment', $held['status'] === 'held', json_encode($held['status']));

pt_as('moderadora');
[$html] = pt_screen('participa-moderation');
pt_has('the moderator sees the screen with the fragment', $html, 'class="participa-moderacion"');
pt_has('the held comment is in the queue', $html, 'Otro comentario de un imbécil para la cola.');
pt_has('its author by name', $html, 'Beto Vecino');
$approve = pt_form((string) $html, 'participa_action', 'moderation.approve');
pt_check('an approve form posts to the screens\' handler', $approve !== null && ($approve['query']['action'] ?? '') === 'participa_admin_fragment', json_encode($approve));
pt_check('with a nonce for the screens', isset($approve['fields']['_wpnonce']) && wp_verify_nonce($approve['fields']['_wpnonce'], 'participa_admin_fragment') === 1);

// Approve the first held comment of the queue (the setup's, comment $fx['held']).
$r = pt_submit($approve);
pt_check('approving answers 303 to the moderation screen', ($r['status'] ?? 0) === 303 && str_contains((string) $r['location'], 'page=participa-moderation'), json_encode($r));
[$after] = pt_follow($r);
pt_has('the notice says the comment was approved', $after, 'notice-success');
$q = $site->moderation()->queue(['status' => 'held'])['items'];
pt_check('one comment left in the queue', count($q) === 1 && (int) $q[0]['id'] === (int) $held['id'], json_encode(array_column($q, 'id')));

// Reject the other one, with a reason.
$reject = pt_form((string) $after, 'participa_action', 'moderation.reject');
pt_check('the queue shows the second comment\'s reject form', $reject !== null && (int) $reject['fields']['comment'] === (int) $held['id']);
$r = pt_submit($reject, ['reason' => 'Insulto']);
[$after] = pt_follow($r);
pt_has('a success notice after rejecting', $after, 'notice-success');
[$rejected] = pt_screen('participa-moderation', ['status' => 'rejected']);
pt_has('the rejected tab lists it', $rejected, 'Otro comentario de un imbécil para la cola.');

// Hide a published comment (the hidden tab shows it, with an approve form to restore it).
$r = pt_post('participa_admin_fragment', ['participa_action' => 'moderation.hide', 'participa_form' => 'ocultar-' . $pub['id'],
    'participa_return' => participa_admin_url('participa-moderation'), 'comment' => (string) $pub['id'], 'reason' => 'Revisión',
    '_wpnonce' => wp_create_nonce('participa_admin_fragment')], ['participa_instance' => 'moderacion']);
pt_check('hiding a published comment answers 303', ($r['status'] ?? 0) === 303, json_encode($r));
[$hidden] = pt_screen('participa-moderation', ['status' => 'hidden']);
pt_has('the hidden tab lists it', $hidden, 'Un comentario publicado que la moderación ocultará.');

// A refusal: approving a comment that is not waiting is refused by the extension, shown as an error notice.
$r = pt_post('participa_admin_fragment', ['participa_action' => 'moderation.approve', 'participa_form' => 'aprobar-' . $fx['published'],
    'participa_return' => participa_admin_url('participa-moderation'), 'comment' => (string) $fx['published'],
    '_wpnonce' => wp_create_nonce('participa_admin_fragment')], ['participa_instance' => 'moderacion']);
[$after] = pt_follow($r);
pt_has('a refused action shows an error notice', $after, 'notice-error');

// Ban from the queue's form, then lift the ban from the screen's own form.
$ban = pt_form((string) pt_screen('participa-moderation', ['status' => 'hidden'])[0], 'participa_action', 'moderation.ban');
pt_check('the hidden comment has a ban form for its author', $ban !== null && $ban['fields']['participant'] === 'wp:' . $fx['users']['vecina'], json_encode($ban['fields'] ?? null));
$r = pt_submit($ban, ['reason' => 'Prueba de suspensión']);
pt_check('banning answers 303', ($r['status'] ?? 0) === 303);
pt_check('the author is banned', ($site->participants()->get('wp:' . $fx['users']['vecina'])['status'] ?? '') === 'banned');
[$screen] = pt_screen('participa-moderation');
$unban = pt_form((string) $screen, 'action', 'participa_admin_unban');
pt_check('the screen has the lift-a-ban form with its nonce', $unban !== null && isset($unban['fields']['_wpnonce']));
$r = pt_submit($unban, ['participant' => 'vecina', 'reason' => 'Apelación']);
[$after] = pt_follow($r);
pt_has('lifting the ban by user name says so', $after, 'The ban of Ana Vecina was lifted.');
pt_check('the author is active again', ($site->participants()->get('wp:' . $fx['users']['vecina'])['status'] ?? '') === 'active');
pt_has('the log lists the ban with the moderator\'s name', $after, 'Mora Moderadora');
$r = pt_submit($unban, ['participant' => 'nadie-se-llama-asi']);
[$after] = pt_follow($r);
pt_has('an unknown user is an error notice', $after, 'No user nadie-se-llama-asi on this site.');

// Nonces and capabilities.
$r = pt_post('participa_admin_fragment', ['participa_action' => 'moderation.hide', 'comment' => (string) $fx['published'], '_wpnonce' => 'bad']);
pt_check('a bad nonce is refused (check_admin_referer)', isset($r['died']), json_encode($r));
pt_check('and nothing was hidden', $site->moderation()->queue(['status' => 'hidden'])['items'][0]['id'] === $pub['id']
    && count($site->moderation()->queue(['status' => 'hidden'])['items']) === 1);
$r = pt_post('participa_admin_fragment', ['participa_action' => 'thread.delete', 'comment' => '1', '_wpnonce' => wp_create_nonce('participa_admin_fragment')]);
pt_check('an action the screens do not take is refused', isset($r['died']));

pt_as('vecina');
[$none, $why] = pt_screen('participa-moderation');
pt_check('a resident cannot open the moderation screen', $none === null, (string) $why);
$r = pt_post('participa_admin_fragment', ['participa_action' => 'moderation.hide', 'comment' => (string) $fx['published'], '_wpnonce' => wp_create_nonce('participa_admin_fragment')]);
pt_check('nor post its forms, even with a valid nonce of their own', isset($r['died']) && str_contains($r['died'], 'not allowed'), json_encode($r));
pt_as('enlace');
[$none] = pt_screen('participa-moderation');
pt_check('nor can a community link without the moderate permission', $none === null);

pt_done();
