<?php
/*
 * Loads WordPress from PHP's command line for the demo site's scripts
 * (install.php, seed.php, bench/wordpress-http.sh): Debian's wp-config.php
 * picks /etc/wordpress/config-<host>.php, so the request looks as the site's
 * own (PT_WP_HOST, set by pt_wp_php in scripts/lib/wordpress.sh), and a test
 * site is selected by name (PT_WP_CONFIG) as nginx does with WORDPRESS_CONFIG.
 */

$host = getenv('PT_WP_HOST') ?: '127.0.0.1:8080';
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = explode(':', $host)[0];
$_SERVER['SERVER_PORT'] = explode(':', $host)[1] ?? '80';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$config = getenv('PT_WP_CONFIG') ?: '127.0.0.1';
if ($config !== '127.0.0.1') {
    $_SERVER['WORDPRESS_CONFIG'] = $config;
}
if (!empty($demo_installing)) {
    define('WP_INSTALLING', true);
}
require '/usr/share/wordpress/wp-load.php';
