<?php
// The wp-admin tests' site (scripts/wordpress-admin-test), in two runs:
//   php admin-setup.php install   wp_install() (no wizard), the plugin activated
//   php admin-setup.php seed      the role map, users with territories, commitments,
//                                 comments (one held by a rule); writes $PT_WPA_DIR/fixture.json
declare(strict_types=1);
require __DIR__ . '/admin-lib.php';

$phase = $argv[1] ?? '';
if ($phase === 'install') {
    define('WP_INSTALLING', true);
    pt_wp_load(false, '/');
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    require_once ABSPATH . 'wp-admin/includes/plugin.php';
    if (!is_blog_installed()) {
        wp_install('Municipio de prueba', 'admin', 'admin@example.invalid', false, '', (string) getenv('PT_WPA_PASS'));
    }
    update_option('permalink_structure', '/%postname%/');
    update_option('timezone_string', 'America/Mexico_City');
    $r = activate_plugin('participa/participa.php');
    if (is_wp_error($r)) {
        fwrite(STDERR, 'activate_plugin: ' . $r->get_error_message() . "\n");
        exit(1);
    }
    echo "installed; plugin active; migrations: " . json_encode(get_option('participa_migrated')['applied'] ?? null)
        . "; digest scheduled: " . (wp_next_scheduled('participa_daily_digest') ? 'yes' : 'no') . "\n";
    exit(0);
}
if ($phase !== 'seed') {
    fwrite(STDERR, "usage: admin-setup.php install|seed\n");
    exit(2);
}

pt_wp_load(false, '/');
// Who runs what: administrators are officials, moderators and community links
// (two people are needed for a paper batch's double entry: the admin and "enlace").
update_option('participa_role_map', [
    'administrator' => ['funcionario', 'moderador', 'enlace'],
    'editor' => ['enlace'],
    'author' => ['moderador'],
    'subscriber' => ['ciudadano'],
]);
$users = [];
foreach ([['vecina', 'Ana Vecina', 'subscriber', 'san-miguel-teotongo'], ['vecino', 'Beto Vecino', 'subscriber', 'buenavista'],
    ['enlace', 'Elena Enlace', 'editor', 'san-miguel-teotongo'], ['moderadora', 'Mora Moderadora', 'author', 'teotongo']] as [$login, $name, $role, $territory]) {
    $id = username_exists($login) ?: wp_insert_user(['user_login' => $login, 'user_pass' => (string) getenv('PT_WPA_PASS'), 'display_name' => $name,
        'user_email' => "$login@example.invalid", 'role' => $role]);
    update_user_meta($id, 'participa_territory', $territory);
    participa_sync_user($id);
    $users[$login] = $id;
}
update_user_meta(1, 'participa_territory', 'teotongo');
wp_update_user(['ID' => 1, 'display_name' => 'Adela Administradora']);
participa_sync_user(1);
$users['admin'] = 1;

$site = participa_site();
$c = $site->commitments();
$c->upsert(['id' => 'PAL-01', 'plan' => 'pal-2026', 'title' => 'Alumbrado público en la calle 5', 'theme' => 'alumbrado',
    'pillars' => ['transparencia'], 'agency' => 'obras', 'territory' => 'san-miguel-teotongo',
    'start_date' => '2026-01-15', 'due_date' => '2027-06-30'], 'wp:1', 'Alta');
$c->upsert(['id' => 'PAL-02', 'plan' => 'pal-2026', 'title' => 'Agua para la escuela', 'theme' => 'agua',
    'start_date' => '2026-02-01', 'due_date' => '2027-12-31'], 'wp:1');

// A comment the insult rule holds for moderation, and one published.
$t = $site->thread('commitment', 'PAL-01');
$held = $t->post('wp:' . $users['vecino'], 'Esto lo hizo un idiota, nadie revisó la obra.');
$pub = $t->post('wp:' . $users['vecina'], 'Ya pusieron dos luminarias, faltan las de la esquina.');

file_put_contents(getenv('PT_WPA_DIR') . '/fixture.json', json_encode(['users' => $users, 'held' => $held['id'], 'held_status' => $held['status'],
    'published' => $pub['id']], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
echo "seeded: " . count($users) . " users, comment {$held['id']} {$held['status']}, comment {$pub['id']} {$pub['status']}\n";
