<?php
/**
 * Plugin Name: participa demo: a site on loopback
 * Description: The demo site has no mail server and no internet: every message WordPress sends (registration, password links, participa's notifications) is written to PARTICIPA_DEMO_MAIL_DIR as one .eml file, newest last; WordPress does not ask api.wordpress.org for updates (each failed check logs a PHP warning). Linked into wp-content/mu-plugins by scripts/lib/wordpress.sh; not part of the participa plugin.
 *
 * @package participa-demo
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'pre_wp_mail',
	static function ( $short, $atts ) {
		if ( ! defined( 'PARTICIPA_DEMO_MAIL_DIR' ) || ! is_dir( PARTICIPA_DEMO_MAIL_DIR ) ) {
			return $short;
		}
		$to      = implode( ', ', (array) $atts['to'] );
		$headers = is_array( $atts['headers'] ) ? implode( "\n", $atts['headers'] ) : (string) $atts['headers'];
		$name    = sprintf( '%s-%s.eml', gmdate( 'Ymd-His' ) . substr( (string) microtime(), 1, 7 ), preg_replace( '/[^a-z0-9@.-]+/i', '_', $to ) );
		$text    = "To: $to\nSubject: " . $atts['subject'] . "\n" . ( '' !== $headers ? $headers . "\n" : '' ) . "\n" . $atts['message'] . "\n";
		file_put_contents( PARTICIPA_DEMO_MAIL_DIR . '/' . $name, $text );
		return true;
	},
	10,
	2
);

// Debian updates WordPress; the demo is offline (WP_HTTP_BLOCK_EXTERNAL): no update checks.
remove_action( 'admin_init', '_maybe_update_core' );
remove_action( 'admin_init', '_maybe_update_plugins' );
remove_action( 'admin_init', '_maybe_update_themes' );
remove_action( 'init', 'wp_schedule_update_checks' );
add_filter( 'pre_site_transient_update_core', static fn() => (object) array( 'last_checked' => time(), 'updates' => array(), 'version_checked' => get_bloginfo( 'version' ) ) );
add_filter( 'pre_site_transient_update_plugins', static fn() => (object) array( 'last_checked' => time(), 'response' => array(), 'translations' => array() ) );
add_filter( 'pre_site_transient_update_themes', static fn() => (object) array( 'last_checked' => time(), 'response' => array(), 'translations' => array() ) );
// The profile's language list asks api.wordpress.org for translations: the installed ones are the list.
add_filter( 'translations_api', static fn( $result, $type ) => 'core' === $type ? array( 'translations' => array() ) : $result, 10, 2 );

// ?tema=clasico draws that one request in Twenty Twenty-One, a classic theme (the site's theme is
// Twenty Twenty-Three, a block theme): the browser test checks the fragments in both.
if ( isset( $_GET['tema'] ) && 'clasico' === $_GET['tema'] && wp_get_theme( 'twentytwentyone' )->exists() ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a look, not an action.
	add_filter( 'stylesheet', static fn() => 'twentytwentyone' );
	add_filter( 'template', static fn() => 'twentytwentyone' );
}
