<?php
/**
 * Plugin Name: participa demo: e-mail to a folder
 * Description: The demo site has no mail server: every message WordPress sends (registration, password links, participa's notifications) is written to PARTICIPA_DEMO_MAIL_DIR as one .eml file, newest last. Linked into wp-content/mu-plugins by scripts/lib/wordpress.sh; not part of the participa plugin.
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
