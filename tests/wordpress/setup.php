<?php
// The WordPress plugin tests' site (scripts/wordpress-plugin-test), in two runs:
//   php setup.php install   wp_install() (no wizard), pretty permalinks, the plugin activated
//   php setup.php seed      users with territories, pages with every shortcode and block,
//                           a commitment plan, a counted poll; writes $PT_WP_DIR/fixture.json
// The second run loads WordPress with the plugin active, as a request would.
declare(strict_types=1);
require __DIR__ . '/lib.php';

$phase = $argv[1] ?? '';
if ($phase === 'install') {
    define('WP_INSTALLING', true);
    pt_wp_load();
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    require_once ABSPATH . 'wp-admin/includes/plugin.php';
    add_filter('pre_wp_mail', '__return_true');
    if (!is_blog_installed()) {
        wp_install('Municipio de prueba', 'admin', 'admin@example.invalid', false, '', getenv('PT_WP_ADMIN_PASS'));
    }
    update_option('permalink_structure', '/%postname%/');
    update_option('users_can_register', 1);
    update_option('default_role', 'subscriber');
    update_option('timezone_string', 'America/Mexico_City');
    switch_theme('twentytwentyone');
    $r = activate_plugin('participa/participa.php');
    if (is_wp_error($r)) {
        fwrite(STDERR, 'activate_plugin: ' . $r->get_error_message() . "\n");
        exit(1);
    }
    echo "installed; plugin active; migrations: " . json_encode(get_option('participa_migrated')['applied'] ?? null) . "\n";
    exit(0);
}
if ($phase !== 'seed') {
    fwrite(STDERR, "usage: setup.php install|seed\n");
    exit(2);
}

pt_wp_load();
add_filter('pre_wp_mail', '__return_true');
$pass = getenv('PT_WP_USER_PASS');
$users = [];
foreach ([['vecina', 'Ana Vecina', 'subscriber', 'san-miguel-teotongo'], ['vecino', 'Beto Vecino', 'subscriber', 'buenavista'],
    ['enlace', 'Elena Enlace', 'editor', 'san-miguel-teotongo'], ['borrar', 'Berta Borrada', 'subscriber', 'buenavista']] as [$login, $name, $role, $territory]) {
    $id = username_exists($login) ?: wp_insert_user(['user_login' => $login, 'user_pass' => $pass, 'display_name' => $name,
        'user_email' => "$login@example.invalid", 'role' => $role]);
    update_user_meta($id, 'participa_territory', $territory);
    participa_sync_user($id);
    $users[$login] = $id;
}
participa_sync_user(1);   // the administrator: the map gives funcionario + moderador on this site
$users['admin'] = 1;

$site = participa_site();
$c = $site->commitments();
$c->upsert(['id' => 'PAL-01', 'plan' => 'pal-2026', 'title' => 'Alumbrado público en la calle 5', 'theme' => 'alumbrado',
    'pillars' => ['transparencia'], 'agency' => 'obras', 'territory' => 'san-miguel-teotongo',
    'start_date' => '2026-01-15', 'due_date' => '2027-06-30'], 'wp:1', 'Alta');
$c->upsert(['id' => 'PAL-02', 'plan' => 'pal-2026', 'title' => 'Agua para la escuela', 'theme' => 'agua',
    'start_date' => '2026-02-01', 'due_date' => '2027-12-31'], 'wp:1');
$c->update('PAL-01', ['status' => 'en-proceso', 'progress' => 40], 'wp:1', 'Primer lote instalado');

$closed = $site->process('consulta-cerrada');
if ($closed->info()['state'] === 'voting') {
    foreach (['vecina' => 'verde', 'vecino' => 'azul', 'enlace' => 'verde'] as $who => $choice) {
        $closed->cast('wp:' . $users[$who], $choice, ['idempotency_key' => "setup-$who"]);
    }
    $closed->close('wp:1');
}
$closed->tally();
$site->thread('post', 'setup')->post('wp:' . $users['borrar'], 'Un comentario que se borrará con la cuenta.');

$pages = [
    'thread' => ['Hilo del compromiso', '[participa_thread subject_type="commitment" subject_id="PAL-01"]'],
    'two' => ['Dos hilos', "[participa_thread subject_type=\"commitment\" subject_id=\"PAL-01\"]\n\n[participa_thread subject_type=\"commitment\" subject_id=\"PAL-02\"]"],
    'commitment' => ['Compromiso PAL-01', '[participa_commitment id="PAL-01"]'],
    'plan' => ['Tablero del plan', '[participa_plan plan="pal-2026"]'],
    'vote' => ['Votación', '[participa_process id="consulta-parque" show="ballot"]'],
    'results' => ['Resultados', '[participa_process id="consulta-cerrada" show="results"]'],
    'assembly' => ['Asambleas', '[participa_assembly territory="san-miguel-teotongo"]'],
    'block' => ['Hilo en bloque', '<!-- wp:participa/thread {"subject_type":"commitment","subject_id":"PAL-02","heading":"3"} /-->'],
    'missing' => ['Proceso inexistente', '[participa_process id="no-existe"]'],
];
$ids = [];
foreach ($pages as $key => [$title, $content]) {
    $found = get_page_by_path(sanitize_title($title), OBJECT, 'page');
    $ids[$key] = $found ? $found->ID : wp_insert_post(['post_type' => 'page', 'post_status' => 'publish',
        'post_title' => $title, 'post_content' => $content, 'post_author' => 1]);
}
$ids['post'] = wp_insert_post(['post_type' => 'post', 'post_status' => 'publish', 'post_title' => 'Noticia con comentarios de participa',
    'post_content' => 'Una noticia del municipio.', 'post_author' => 1, 'comment_status' => 'open']);
update_option('participa_comment_post_types', ['post']);

file_put_contents(getenv('PT_WP_DIR') . '/fixture.json', json_encode(['users' => $users, 'pages' => $ids,
    'urls' => array_map('get_permalink', $ids)], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
echo "seeded: " . count($ids) . " pages, " . count($users) . " users\n";
