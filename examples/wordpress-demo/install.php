<?php
/*
 * The demo site's WordPress, installed headlessly (no web wizard, no wp-cli):
 * the tables, the administrator, Spanish (es_MX), pretty permalinks. Does
 * nothing on a site already installed. Run by scripts/lib/wordpress.sh
 * (pt_wp_php DIR examples/wordpress-demo/install.php).
 */

$demo_installing = true;
require __DIR__ . '/boot.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

add_filter('pre_wp_mail', '__return_true');   // no "new site" e-mail to the administrator
if (is_blog_installed()) {
    echo "WordPress already installed\n";
    exit(0);
}
$r = wp_install('Participa: sitio de demostración', 'admin', 'admin@participa-demo.invalid', false, '', 'demo-admin', 'es_MX');
echo "WordPress installed, administrator user {$r['user_id']}\n";
update_option('permalink_structure', '/%postname%/');
