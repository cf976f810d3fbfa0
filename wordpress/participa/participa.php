<?php
/**
 * Plugin Name:       participa
 * Plugin URI:        https://github.com/participa/participa
 * Description:       Citizen participation on the site you already have: comment threads, votes, participatory budgets and commitment tracking, drawn by the participa PHP extension.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * Author:            participa
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       participa
 * Domain Path:       /languages
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

define( 'PARTICIPA_PLUGIN_VERSION', '0.1.0' );
/* The oldest extension this plugin talks to: Host, Request and the fragments. */
define( 'PARTICIPA_MIN_EXTENSION', '0.1.0' );
define( 'PARTICIPA_PLUGIN_FILE', __FILE__ );
define( 'PARTICIPA_PLUGIN_DIR', __DIR__ );

/* One file per concern; each only adds functions and hooks. */
foreach ( array( 'compat', 'settings', 'site', 'people', 'host', 'outcome', 'render', 'assets', 'shortcodes', 'blocks', 'comments', 'forms', 'rest', 'privacy', 'i18n' ) as $participa_part ) {
	require_once __DIR__ . '/includes/' . $participa_part . '.php';
}
unset( $participa_part );

/* The wp-admin screens and the notifications are their own parts: loaded when present. */
foreach ( array( '/admin/admin.php', '/includes/notifications.php' ) as $participa_part ) {
	if ( file_exists( __DIR__ . $participa_part ) ) {
		require_once __DIR__ . $participa_part;
	}
}
unset( $participa_part );
