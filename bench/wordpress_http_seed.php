<?php
/*
 * The data of bench/wordpress-http.sh, on a demo site (scripts/demo) that the
 * driver started in a mktemp folder: run with pt_wp_php DIR bench/wordpress_http_seed.php VOTERS.
 *
 * - a page "bench-wordpress-comments" with 10,000 WordPress comments (pages keep
 *   WordPress's own comments on the demo: only posts have the participa thread),
 *   and a post "bench-participa-thread" whose participa thread has the same
 *   10,000 comments (bench/lib/wp_comments_10k.php), both shown 20 roots a
 *   page, oldest first, threaded (WordPress's discussion settings as
 *   bench/wordpress_threads.php sets them);
 * - VOTERS residents of San Luis Potosí, each with an application password,
 *   for the REST writes: one ballot each in the open participatory budget
 *   (pp-slp-2027), and WordPress's own comment creation as the reference.
 * Writes DIR/bench/urls (name=path lines) and DIR/bench/users (base64 of
 * login:application-password, one a line).
 */

require __DIR__ . '/../examples/wordpress-demo/boot.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
require __DIR__ . '/lib/wp_comments_10k.php';

$dir = getenv('PT_WP_DIR');
$voters = max(1, (int) ($argv[1] ?? 2000));
@mkdir("$dir/bench");

update_option('thread_comments', 1);
update_option('thread_comments_depth', 5);
update_option('page_comments', 1);
update_option('comments_per_page', 20);
update_option('default_comments_page', 'oldest');
update_option('comment_order', 'asc');
update_option('show_avatars', 1);   // as bench/wordpress_threads.php: WordPress's comments draw their avatars
update_option('comment_moderation', 0);
update_option('comment_previously_approved', 0);

$page = wp_insert_post(['post_type' => 'page', 'post_name' => 'bench-wordpress-comments', 'post_title' => 'Alumbrado: comentarios de WordPress',
    'post_content' => '<!-- wp:paragraph --><p>Alumbrado público de la colonia.</p><!-- /wp:paragraph -->', 'post_status' => 'publish',
    'comment_status' => 'open', 'post_author' => 1], true);
$post = wp_insert_post(['post_type' => 'post', 'post_name' => 'bench-participa-thread', 'post_title' => 'Alumbrado: el hilo de participa',
    'post_content' => '<!-- wp:paragraph --><p>Alumbrado público de la colonia.</p><!-- /wp:paragraph -->', 'post_status' => 'publish',
    'comment_status' => 'open', 'post_author' => 1], true);
if (is_wp_error($page) || is_wp_error($post)) {
    fwrite(STDERR, "bench posts: could not create them\n");
    exit(1);
}
$site = participa_site();
$tid = $site->thread('post', (string) $post)->info()['id'];
$admin = new mysqli('localhost', 'root', '', 'participa_demo', 0, "$dir/mysqld.sock");
$wpBase = (int) $wpdb->get_var("SELECT COALESCE(MAX(comment_ID), 0) FROM $wpdb->comments");
$ptBase = (int) $admin->query('SELECT COALESCE(MAX(id), 0) FROM participa_comments')->fetch_row()[0];
$t0 = hrtime(true);
[$n, $roots, $depth] = wp10k_load($wpdb, $admin, (int) $page, (int) $tid, $wpBase, 10000, 10, $ptBase);
printf("generated %d comments (%d roots, replies to depth %d) on page %d (WordPress) and post %d (participa thread %d) in %.1f s\n",
    $n, $roots, $depth, $page, $post, $tid, (hrtime(true) - $t0) / 1e9);

// The voters: a role that WordPress does not throttle when it comments (moderate_comments),
// mapped to participa's ciudadano, so both REST writes run for the same people.
add_role('participa_bench', 'Bench', ['read' => true, 'moderate_comments' => true]);
update_option('participa_role_map', get_option('participa_role_map') + ['participa_bench' => ['ciudadano']]);
$slp = ['slp-centro-historico', 'slp-barrio-tlaxcala', 'slp-barrio-san-miguelito', 'slp-industrial-aviacion', 'slp-satelite', 'slp-villa-de-pozos'];
$lines = [];
$t0 = hrtime(true);
for ($i = 1; $i <= $voters; $i++) {
    $login = "bench-$i";
    $id = wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(20), 'user_email' => "$login@participa-demo.invalid",
        'display_name' => "Vecina $i", 'role' => 'participa_bench']);
    if (is_wp_error($id)) {
        fwrite(STDERR, "$login: " . $id->get_error_message() . "\n");
        exit(1);
    }
    update_user_meta($id, 'participa_territory', $slp[$i % count($slp)]);
    participa_sync_user((int) $id);
    [$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'bench']);
    $lines[] = base64_encode("$login:$password");
}
printf("%d voters with application passwords in %.1f s\n", $voters, (hrtime(true) - $t0) / 1e9);
file_put_contents("$dir/bench/users", implode("\n", $lines) . "\n");
file_put_contents("$dir/bench/urls", implode("\n", [
    'wordpress=' . wp_make_link_relative(get_permalink($page)),
    'participa=' . wp_make_link_relative(get_permalink($post)),
    "page_id=$page",
]) . "\n");
