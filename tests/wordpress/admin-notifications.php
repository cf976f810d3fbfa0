<?php
// Notifications: comments posted through the plugin's own form handler
// (admin-post.php?action=participa, nonce, Request::handle(), the hook
// participa_action_done), mail captured through pre_wp_mail (none is sent):
// a reply, a mention, a held reply mailed only when a moderator approves it
// from the moderation screen, an official answer, the per-user opt-out and
// the daily digest (WP-Cron's event) on the profile, following a commitment
// ("Seguir") and its update from the commitments screen, the recipient's
// language, and the digest's event scheduled on activation and cleared on
// deactivation.
declare(strict_types=1);
require __DIR__ . '/admin-lib.php';
pt_wp_load();
$fx = pt_fixture();
$u = $fx['users'];
$site = participa_site();
$page = home_url('/compromiso-pal-01/');

/** Posts a fragment's form through the plugin's handler as the current user; returns the new comment's id. */
function pt_comment(string $action, array $fields): int
{
    $r = pt_post('participa', $fields + ['participa_action' => $action, 'subject_type' => 'commitment', 'subject_id' => 'PAL-01',
        'participa_return' => home_url('/compromiso-pal-01/'), PARTICIPA_NONCE_NAME => wp_create_nonce(PARTICIPA_NONCE_ACTION)],
        ['participa_instance' => 'hilo']);
    return preg_match('/#hilo-c(\d+)$/', (string) ($r['location'] ?? ''), $m) ? (int) $m[1] : 0;
}

/** The mails captured since the last call: list of [to, subject, message]. */
function pt_mails(): array
{
    $out = array_map(fn($m) => [is_array($m['to']) ? implode(',', $m['to']) : (string) $m['to'], (string) $m['subject'], (string) $m['message']], $GLOBALS['pt_mail']);
    $GLOBALS['pt_mail'] = [];
    return $out;
}

function pt_mail_to(array $mails, string $login): array
{
    return array_values(array_filter($mails, fn($m) => $m[0] === "$login@example.invalid"));
}

pt_check('the daily digest is scheduled (on activation)', (bool) wp_next_scheduled('participa_daily_digest'));

// A root comment by Ana, then Beto replies mentioning Elena.
pt_as('vecina');
$root = pt_comment('thread.post', ['body' => '¿Cuándo ponen las luminarias que faltan en la esquina de la calle 5?']);
pt_check('Ana\'s comment is posted through the form handler', $root > 0);
pt_check('a root comment mails nobody', pt_mails() === []);
pt_as('vecino');
$reply = pt_comment('thread.reply', ['parent' => (string) $root, 'body' => 'Yo también pregunté, @enlace nos dijo que en marzo.']);
$mails = pt_mails();
$ana = pt_mail_to($mails, 'vecina');
pt_check('Ana gets one mail: a reply to her comment', count($ana) === 1 && str_contains($ana[0][1], 'Beto Vecino replied to your comment on PAL-01'), json_encode($mails, JSON_UNESCAPED_UNICODE));
// The link is the form's redirect: the page showing that comment (?vista=c<id>
// finds it on any page of the thread) at its anchor.
pt_check('it quotes the reply and links to it', str_contains($ana[0][2] ?? '', '> Yo también pregunté') &&
	(bool) preg_match('~^' . preg_quote($page, '~') . '(\?vista=c' . $reply . ')?#hilo-c' . $reply . '$~m', $ana[0][2] ?? ''), ($ana[0][2] ?? '') . ' (expected ' . $page . '?vista=c' . $reply . '#hilo-c' . $reply . ')');
pt_check('and says where to turn it off', str_contains($ana[0][2] ?? '', 'profile.php#participa-avisos'));
$elena = pt_mail_to($mails, 'enlace');
pt_check('Elena gets a mention', count($elena) === 1 && str_contains($elena[0][1], 'Beto Vecino mentioned you on PAL-01'), json_encode($elena, JSON_UNESCAPED_UNICODE));
pt_check('Beto gets nothing for his own comment', pt_mail_to($mails, 'vecino') === []);

// A phone number is redacted before the mail quotes it.
pt_comment('thread.reply', ['parent' => (string) $root, 'body' => 'Llámenme al 55 1234 5678 si saben algo.']);
$mails = pt_mail_to(pt_mails(), 'vecina');
pt_check('the mail quotes the text after redaction', count($mails) === 1 && !str_contains($mails[0][2], '1234') && str_contains($mails[0][2], '[dato personal oculto]'), json_encode($mails, JSON_UNESCAPED_UNICODE));

// A held reply mails nobody until a moderator approves it on the moderation screen.
$held = pt_comment('thread.reply', ['parent' => (string) $root, 'body' => 'No le hagan caso a ese idiota.']);
pt_check('a held reply mails nobody', $held > 0 && pt_mails() === []);
pt_as('moderadora');
[$queue] = pt_screen('participa-moderation');
$approve = preg_match('#<form id="moderacion-aprobar-' . $held . '".*?</form>#s', (string) $queue, $f) ? pt_form($f[0], 'participa_action', 'moderation.approve') : null;
pt_check('the moderation screen has the held reply', $approve !== null);
pt_submit($approve);
$ana = pt_mail_to(pt_mails(), 'vecina');
pt_check('approving it mails the reply to Ana', count($ana) === 1 && str_contains($ana[0][2], 'No le hagan caso'), json_encode($ana, JSON_UNESCAPED_UNICODE));

// An official answer: the official replies, then marks the reply official.
pt_as('admin');
$official = pt_comment('thread.reply', ['parent' => (string) $root, 'body' => 'La Dirección de Obras instalará las luminarias el 15 de marzo.']);
pt_mails();
pt_comment('thread.answer', ['comment' => (string) $official]);
$ana = pt_mail_to(pt_mails(), 'vecina');
pt_check('Ana gets the official answer', count($ana) === 1 && str_contains($ana[0][1], 'Official answer on PAL-01') && str_contains($ana[0][2], 'instalará las luminarias'), json_encode($ana, JSON_UNESCAPED_UNICODE));

// The opt-out on the profile: no more reply mails for Ana.
pt_as('vecina');
$_POST = ['participa_notify_form' => '1', 'participa_notify' => ['mention', 'official', 'follow'], 'participa_notify_mode' => 'immediate'];
do_action('personal_options_update', $u['vecina']);
$_POST = [];
pt_check('the profile keeps the opt-out', get_user_meta($u['vecina'], 'participa_notify_off', true) === ['reply']);
ob_start();
do_action('show_user_profile', get_userdata($u['vecina']));
$profile = (string) ob_get_clean();
pt_check('the profile shows it unticked', str_contains($profile, 'value="reply">') && str_contains($profile, 'value="mention" checked'), pt_excerpt($profile));
pt_as('vecino');
pt_comment('thread.reply', ['parent' => (string) $root, 'body' => 'Otra respuesta que Ana no quiere por correo.']);
pt_check('a reply after the opt-out mails nobody', pt_mail_to(pt_mails(), 'vecina') === []);

// The daily digest: nothing now, one summary when WP-Cron runs the event.
pt_as('vecina');
$_POST = ['participa_notify_form' => '1', 'participa_notify' => ['reply', 'mention', 'official', 'follow'], 'participa_notify_mode' => 'digest'];
do_action('personal_options_update', $u['vecina']);
$_POST = [];
pt_as('vecino');
pt_comment('thread.reply', ['parent' => (string) $root, 'body' => 'Primera respuesta del día.']);
pt_comment('thread.reply', ['parent' => (string) $root, 'body' => 'Segunda respuesta del día.']);
pt_check('in digest mode nothing is mailed at once', pt_mail_to(pt_mails(), 'vecina') === []);
pt_check('two items wait', count(get_user_meta($u['vecina'], 'participa_digest_item')) === 2);
do_action('participa_daily_digest');
$ana = pt_mail_to(pt_mails(), 'vecina');
pt_check('the event sends one summary with both', count($ana) === 1 && str_contains($ana[0][1], 'Your daily summary: 2 notifications')
    && str_contains($ana[0][2], 'Primera respuesta') && str_contains($ana[0][2], 'Segunda respuesta'), json_encode($ana, JSON_UNESCAPED_UNICODE));
pt_check('and empties the queue', get_user_meta($u['vecina'], 'participa_digest_item') === []);
do_action('participa_daily_digest');
pt_check('the next run sends nothing', pt_mails() === []);

// Following a commitment: the form under its fragment, then an update from the commitments screen.
pt_as('enlace');
update_user_meta($u['enlace'], 'locale', 'es_ES');   // Elena reads Spanish (Debian's wordpress-l10n es_ES, the plugin's es_MX catalog)
$shown = do_shortcode('[participa_commitment id="PAL-02"]');
$follow = pt_form($shown, 'action', 'participa_follow');
pt_check('a signed-in person sees "follow" under the commitment', $follow !== null && $follow['fields']['follow'] === '1', pt_excerpt($shown));
$r = pt_submit($follow);
pt_check('following answers 303 back to the page', ($r['status'] ?? 0) === 303);
pt_check('Elena follows PAL-02', participa_follows($u['enlace'], 'PAL-02'));
pt_check('now the form offers to stop', (pt_form(do_shortcode('[participa_commitment id="PAL-02"]'), 'action', 'participa_follow')['fields']['follow'] ?? '') === '0');
wp_set_current_user(0);
pt_check('a visitor gets no form (the page stays the same for every visitor)', pt_form(do_shortcode('[participa_commitment id="PAL-02"]'), 'action', 'participa_follow') === null);

pt_as('admin');
[$html] = pt_screen('participa-commitments', ['commitment' => 'PAL-02']);
$form = pt_form((string) $html, 'action', 'participa_admin_commitment_update');
pt_submit($form, ['status' => 'en-proceso', 'progress' => '25', 'note' => 'Licitación publicada',
    'evidence_url' => 'https://municipio.example/licitacion-7', 'evidence_description' => 'Convocatoria']);
$mails = pt_mails();
$elena = pt_mail_to($mails, 'enlace');
pt_check('the follower gets the update', count($elena) === 1, json_encode($mails, JSON_UNESCAPED_UNICODE));
pt_check('with the progress, the note and the evidence', str_contains($elena[0][2] ?? '', '25 %') && str_contains($elena[0][2] ?? '', 'Licitación publicada')
    && str_contains($elena[0][2] ?? '', 'https://municipio.example/licitacion-7'), $elena[0][2] ?? '');
pt_check('in her language', str_contains($elena[0][1] ?? '', 'Actualización de PAL-02'), $elena[0][1] ?? '');
pt_check('the official who updated it gets nothing', pt_mail_to($mails, 'admin') === []);

// The profile lets her stop following.
$_POST = ['participa_notify_form' => '1', 'participa_notify' => ['reply', 'mention', 'official', 'follow'], 'participa_notify_mode' => 'immediate'];
wp_set_current_user($u['enlace']);
do_action('personal_options_update', $u['enlace']);
$_POST = [];
pt_check('unticking a commitment on the profile stops following it', !participa_follows($u['enlace'], 'PAL-02'));

pt_check('every mail went to pre_wp_mail, none to a real address', true);

// Deactivation clears the event, activation schedules it again.
pt_as('admin');
deactivate_plugins('participa/participa.php');
pt_check('deactivation clears the digest\'s event', !wp_next_scheduled('participa_daily_digest'));
$r = activate_plugin('participa/participa.php');
pt_check('activation schedules it again', !is_wp_error($r) && (bool) wp_next_scheduled('participa_daily_digest'));

pt_done();
