<?php
/**
 * The plugin's own strings (English source, text domain participa) from
 * languages/participa-<locale>.mo, built by bin/build-mo. Every Spanish
 * locale (es_ES, es_AR...) reads the es_MX catalog: residents read Spanish
 * first, and one catalog is kept.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'plugin_locale',
	static function ( $locale, $domain ) {
		return ( 'participa' === $domain && str_starts_with( (string) $locale, 'es' ) ) ? 'es_MX' : $locale;
	},
	10,
	2
);

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'participa', false, dirname( plugin_basename( PARTICIPA_PLUGIN_FILE ) ) . '/languages' );
	},
	1
);
