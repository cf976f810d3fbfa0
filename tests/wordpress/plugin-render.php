<?php
// The plugin inside WordPress (CLI, the test's own site): the Host it builds, the
// shortcodes and blocks through one render path, the caching rule (no nonce for a
// visitor), people (names, roles, the territory field) and the privacy tools.
declare(strict_types=1);
require __DIR__ . '/lib.php';
pt_wp_load();
$fx = pt_fixture();
$site = participa_site();

pt_check('the plugin is active and the extension usable', function_exists('participa_render') && participa_available());
pt_check('participa_site() opens the configured YAML', $site instanceof Participa\Site, participa_site_error());

// --- the Host's URLs under both permalink schemes
$post = get_post($fx['pages']['thread']);
$GLOBALS['post'] = $post;
setup_postdata($post);
pt_check('url template under pretty permalinks: the permalink with ?{params}',
    participa_url_template(get_permalink($post)) === get_permalink($post) . '?{params}', participa_url_template(get_permalink($post)));
update_option('permalink_structure', '');
$GLOBALS['wp_rewrite']->init();
$plain = participa_url_template(get_permalink($post));
pt_check('url template under plain permalinks: /?page_id=N&{params}', (bool) preg_match('#/\?page_id=' . $post->ID . '&\{params\}$#', $plain), $plain);
update_option('permalink_structure', '/%postname%/');
$GLOBALS['wp_rewrite']->init();
pt_check('url template keeps a #fragment after {params}', participa_url_template('/x/?a=1#f') === '/x/?a=1&{params}#f');

// --- rendering as a visitor (what a page cache may keep)
wp_set_current_user(0);
$html = do_shortcode('[participa_thread subject_type="commitment" subject_id="PAL-01"]');
pt_check('[participa_thread] draws the thread fragment', str_contains($html, 'participa-') && !str_contains($html, 'participa-no-disponible'), pt_excerpt($html));
pt_check('a visitor\'s fragment holds no nonce (cacheable)', !str_contains($html, PARTICIPA_NONCE_NAME) && !str_contains($html, '_wpnonce'));
pt_check('a visitor gets log in / register links', str_contains($html, 'participa-acceso') && str_contains($html, 'wp-login.php'));

// --- rendering for a signed-in resident
$ana = (int) $fx['users']['vecina'];
wp_set_current_user($ana);
$mine = do_shortcode('[participa_thread subject_type="commitment" subject_id="PAL-01"]');
pt_check('the form posts to admin-post.php?action=participa', str_contains($mine, 'admin-post.php?action=participa&amp;participa_instance='), pt_excerpt($mine));
pt_check('a resident\'s fragment carries the nonce field _participa_nonce',
    (bool) preg_match('/name="_participa_nonce" value="([0-9a-f]{10})"/', $mine, $m) && wp_verify_nonce($m[1], 'participa') === 1, pt_excerpt($mine));
pt_check('a resident gets the comment form (with a position: commitments enable alignment)', str_contains($mine, 'value="thread.stance"'), pt_excerpt($mine));

// --- instances: two fragments on one page never share ids or parameters
$two = apply_filters('the_content', get_post($fx['pages']['two'])->post_content);
preg_match_all('/\sid="([^"]+)"/', $two, $ids);
pt_check('two threads on one page: no id twice', count($ids[1]) > 2 && count($ids[1]) === count(array_unique($ids[1])),
    implode(' ', array_diff_assoc($ids[1], array_unique($ids[1]))));
preg_match_all('/participa_instance=([A-Za-z0-9_-]+)/', $two, $inst);
pt_check('each thread posts with its own instance', count(array_unique($inst[1])) === 2, implode(' ', array_unique($inst[1])));

// --- paging: the fragment's "ver más" link carries desde=<cursor>, which the next render reads back
$paged = $site->thread('post', 'paginas');
for ($i = 1; $i <= 23; $i++) {
    $paged->post("wp:$ana", "Comentario número $i de la prueba de páginas.", ['idempotency_key' => "paginas-$i"]);
}
$first = participa_render('thread', ['subject_type' => 'post', 'subject_id' => 'paginas', 'instance' => 'paginas']);
$more = preg_match('/href="[^"]*[?&]desde-paginas=([^"&#]+)/', $first, $m) ? html_entity_decode(urldecode($m[1])) : null;
pt_check('a long thread links its next page with its own parameter (desde-<instance>)', $more !== null, pt_excerpt($first));
$_GET['desde-paginas'] = $more;
$second = participa_render('thread', ['subject_type' => 'post', 'subject_id' => 'paginas', 'instance' => 'paginas']);
unset($_GET['desde-paginas']);
preg_match_all('/Comentario número (\d+) de la prueba/', $first, $a);
preg_match_all('/Comentario número (\d+) de la prueba/', $second, $b);
pt_check('and the next render reads it back: the following comments, none repeated', $b[1] && !array_intersect($a[1], $b[1])
    && count($a[1]) + count($b[1]) === 23, json_encode([$a[1], $b[1]]));

// --- every shortcode and block through the one render path
$shortcodes = [
    'commitment' => ['[participa_commitment id="PAL-01"]', 'Participa\Commitments', 'html'],
    'plan' => ['[participa_plan plan="pal-2026"]', 'Participa\Commitments', 'planHtml'],
    'process' => ['[participa_process id="consulta-parque" show="ballot"]', 'Participa\Process', 'html'],
    'assembly' => ['[participa_assembly territory="san-miguel-teotongo"]', 'Participa\Commitments', 'assemblyHtml'],
    'instrument' => ['[participa_instrument id="apertura-colonias" show="report"]', 'Participa\Instrument', 'html'],
    'process_template' => ['[participa_process_template id="comite"]', 'Participa\Site', 'processTemplateHtml'],
    'responsibility' => ['[participa_responsibility of="teotongo"]', 'Participa\Site', 'responsibilityHtml'],
];
foreach ($shortcodes as $what => [$code, $class, $method]) {
    $out = do_shortcode($code);
    if (!method_exists($class, $method)) {
        pt_check("$code without $class::$method(): the placeholder, no error", str_contains($out, 'participa-no-disponible'), pt_excerpt($out));
        pt_skip("$code draws its fragment", "$class::$method() is not in this build");
        continue;
    }
    pt_check("$code draws its fragment", $out !== '' && !str_contains($out, 'participa-no-disponible'), pt_excerpt($out));
}
if (method_exists('Participa\Site', 'processTemplateHtml')) {
    $boards = do_shortcode('[participa_process_template id="comite"]');
    pt_check('[participa_process_template] sums up the election of each colonia, one table row per colonia',
        str_contains($boards, 'Colonia San Miguel Teotongo') && str_contains($boards, 'Colonia Buenavista') && str_contains($boards, '<th scope="row"'),
        pt_excerpt($boards));
    $report = do_shortcode('[participa_responsibility of="teotongo"]');
    pt_check('[participa_responsibility] reports the directorate, nobody answering for it yet', str_contains($report, 'Dirección Territorial Teotongo')
        && str_contains($report, 'Sin asignar'), pt_excerpt($report));
}
wp_set_current_user((int) $fx['users']['enlace']);
$assembly = do_shortcode('[participa_assembly territory="san-miguel-teotongo"]');
pt_check('a community liaison (editor -> enlace) gets the form to record an assembly', str_contains($assembly, 'value="commitments.assembly"'), pt_excerpt($assembly));
if (method_exists('Participa\Instrument', 'html')) {
    $q = do_shortcode('[participa_instrument id="apertura-colonias"]');
    pt_check('[participa_instrument] gives a liaison the questionnaire of their own colonia, posting through admin-post.php',
        str_contains($q, 'name="subject" value="san-miguel-teotongo"') && str_contains($q, 'value="instrument.submit"')
        && str_contains($q, 'action="' . esc_url(admin_url('admin-post.php'))), pt_excerpt($q));
    $c = do_shortcode('[participa_instrument id="apertura-colonias" show="corroborate"]');
    pt_check('without a subject, the corroboration lists the colonias to choose from', str_contains($c, 'participa-sujetos'), pt_excerpt($c));
}
wp_set_current_user(1);
$queue = participa_render('moderation');
pt_check('participa_render(\'moderation\') for the administrator (-> moderador) draws the queue', $queue !== '' && !str_contains($queue, 'participa-no-disponible'), pt_excerpt($queue));
wp_set_current_user($ana);
$block = do_blocks('<!-- wp:participa/thread {"subject_type":"commitment","subject_id":"PAL-01"} /-->');
pt_check('the participa/thread block draws the same fragment as the shortcode',
    str_contains($block, 'value="thread.stance"') && str_contains($block, 'PAL-01'), pt_excerpt($block));
$wide = do_blocks('<!-- wp:participa/plan {"plan":"pal-2026","align":"wide"} /-->');
pt_check('a block keeps its wrapper\'s classes and alignment (wide)', (bool) preg_match('/^<div class="alignwide wp-block-participa-plan">/', $wide), pt_excerpt($wide, 200));
$registry = WP_Block_Type_Registry::get_instance();
$names = ['participa/commitment', 'participa/plan', 'participa/thread', 'participa/process', 'participa/assembly', 'participa/instrument',
    'participa/process-template', 'participa/responsibility'];
pt_check('eight dynamic blocks registered from block.json with the ES5 editor script',
    count(array_filter($names, fn($n) => $registry->is_registered($n) && $registry->get_registered($n)->render_callback
        && in_array('participa-editor', (array) $registry->get_registered($n)->editor_script_handles, true))) === 8);
$summary = do_blocks('<!-- wp:participa/process-template {"id":"comite"} /-->');
pt_check('the participa/process-template block draws the same summary', str_contains($summary, 'wp-block-participa-process-template')
    && str_contains($summary, 'Colonia Buenavista'), pt_excerpt($summary, 300));
$missing = do_shortcode('[participa_process id="no-existe"]');
pt_check('an unknown process: the extension\'s public message in a note, not an error', str_contains($missing, 'participa-no-disponible')
    && str_contains($missing, 'No existe el proceso'), pt_excerpt($missing));

// --- the comments replacement on posts
$GLOBALS['post'] = get_post($fx['pages']['post']);
setup_postdata($GLOBALS['post']);
$GLOBALS['wp_query']->is_single = true;
ob_start();
comments_template();
$comments = ob_get_clean();
pt_check('comments_template() shows the participa thread of the post', str_contains($comments, 'participa_action') || str_contains($comments, 'participa-'), pt_excerpt($comments));
$blockc = render_block(['blockName' => 'core/comments', 'attrs' => [], 'innerBlocks' => [], 'innerHTML' => '', 'innerContent' => []]);
pt_check('a block theme\'s core/comments block shows it too', str_contains($blockc, 'name="subject_id" value="' . $fx['pages']['post'] . '"'), pt_excerpt($blockc));

// --- people
pt_check('display names through one get_users() batch', participa_display_names(['wp:' . $ana, 'demo:x', 'wp:0']) === ['wp:' . $ana => 'Ana Vecina']);
pt_check('participa_participant_id() is wp:<ID>', participa_participant_id(get_userdata($ana)) === "wp:$ana" && participa_participant_id(new WP_User(0)) === null);
$map = participa_default_role_map($site->roles());
pt_check('default role map: subscriber -> ciudadano, editor -> enlace, administrator -> moderating and managing roles',
    $map === ['subscriber' => ['ciudadano'], 'editor' => ['enlace'], 'administrator' => ['funcionario', 'moderador']], json_encode($map));
$p = $site->participants()->get('wp:' . $fx['users']['enlace']);
pt_check('an editor is upserted with the enlace role and their territory',
    $p && in_array('enlace', $p['roles'], true) && $p['territory'] === 'san-miguel-teotongo', json_encode($p));

wp_set_current_user(1);
$_POST = ['participa_territory' => 'buenavista'];
do_action('personal_options_update', $ana);
do_action('profile_update', $ana, get_userdata($ana));
pt_check('the profile field saves the territory', get_user_meta($ana, 'participa_territory', true) === 'buenavista');
pt_check('and the participant moves with it', $site->participants()->get("wp:$ana")['territory'] === 'buenavista');
$_POST = ['participa_territory' => 'luna'];
$errors = new WP_Error();
do_action_ref_array('user_profile_update_errors', [&$errors, true, get_userdata($ana)]);
pt_check('a territory not in the YAML is refused on the profile', $errors->get_error_code() === 'participa_territory');
$reg = apply_filters('registration_errors', new WP_Error(), 'x', 'x@example.invalid');
pt_check('registration without a valid territory is refused', $reg->get_error_code() === 'participa_territory');
$_POST = ['participa_territory' => 'san-miguel-teotongo'];
do_action('personal_options_update', $ana);
do_action('profile_update', $ana, get_userdata($ana));
$_POST = [];
ob_start();
do_action('register_form');
$field = ob_get_clean();
pt_check('the registration form has the territory select fed from territories()',
    str_contains($field, 'name="participa_territory"') && str_contains($field, 'value="buenavista"') && str_contains($field, 'Colonia Buenavista'), pt_excerpt($field));

// --- privacy tools
$site->thread('commitment', 'PAL-02')->post("wp:$ana", 'Mi comentario para la exportación.');
$exporters = apply_filters('wp_privacy_personal_data_exporters', []);
$export = call_user_func($exporters['participa']['callback'], 'vecina@example.invalid', 1);
$groups = array_unique(array_column($export['data'], 'group_id'));
$text = json_encode($export['data'], JSON_UNESCAPED_UNICODE);
pt_check('the privacy exporter returns the person\'s participa data, in Spanish', $export['done'] && in_array('participa-comments', $groups, true) && str_contains($text, 'Participación: Tus comentarios')
    && str_contains($text, 'Mi comentario para la exportación.'), implode(',', $groups));
$erasers = apply_filters('wp_privacy_personal_data_erasers', []);
$erased = call_user_func($erasers['participa']['callback'], 'borrar@example.invalid', 1);
$after = call_user_func($exporters['participa']['callback'], 'borrar@example.invalid', 1);
pt_check('the eraser erases it (Participants::erase())', $erased['items_removed'] === true
    && !str_contains(json_encode($after['data'], JSON_UNESCAPED_UNICODE), 'se borrará'), json_encode($erased));
pt_check('an address without a user exports nothing', call_user_func($exporters['participa']['callback'], 'nadie@example.invalid', 1) === ['data' => [], 'done' => true]);

// --- translations: the plugin's own strings in Spanish on an es_MX site
pt_check('the es_MX catalog is loaded (bin/build-mo)', __('Log in', 'participa') === 'Inicia sesión', __('Log in', 'participa'));
pt_done();
