<?php
/**
 * The shortcodes, each a thin call of participa_render():
 *
 *   [participa_commitment id="PAL-07"]
 *   [participa_plan plan="pal-2026"]
 *   [participa_thread subject_type="post" subject_id="12"]   (default: the current post)
 *   [participa_process id="pp-2026" show="ballot"]            (auto, ballot, status, results, receipt, paper)
 *   [participa_assembly territory="san-miguel-teotongo"]
 *   [participa_instrument id="infoem-apertura-2022" show="form"]   (form, corroborate, report; subject="toluca", as="evaluation")
 *   [participa_process_template id="jpc-2026"]              (the summary of the processes one template generated)
 *   [participa_responsibility of="dt-teotongo" date="2026-06-30"]   (a directorate's report, or a person's)
 *
 * Every one also takes heading="3" (the level of the fragment's title) and
 * instance="..." (the prefix of its element ids, when the automatic one will not do).
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** Shortcode => [fragment, its attributes with their defaults]. The blocks use the same table. */
function participa_shortcode_table(): array {
	$common = array(
		'heading'  => '',
		'instance' => '',
	);
	return array(
		'participa_commitment'       => array( 'commitment', array( 'id' => '' ) + $common ),
		'participa_plan'             => array( 'plan', array( 'plan' => '', 'as_of' => '' ) + $common ),
		'participa_thread'           => array( 'thread', array( 'subject_type' => 'post', 'subject_id' => '', 'title' => '' ) + $common ),
		'participa_process'          => array( 'process', array( 'id' => '', 'show' => 'auto' ) + $common ),
		'participa_assembly'         => array( 'assembly', array( 'territory' => '' ) + $common ),
		'participa_instrument'       => array( 'instrument', array( 'id' => '', 'show' => 'form', 'subject' => '', 'as' => '' ) + $common ),
		'participa_process_template' => array( 'process_template', array( 'id' => '' ) + $common ),
		'participa_responsibility'   => array( 'responsibility', array( 'of' => '', 'date' => '' ) + $common ),
	);
}

/** Keeps only the attributes the fragment knows, as strings, dropping empty ones. */
function participa_clean_args( array $defaults, array $given ): array {
	$out = array();
	foreach ( $defaults as $key => $default ) {
		$value = array_key_exists( $key, $given ) ? $given[ $key ] : $default;
		if ( is_scalar( $value ) && '' !== trim( (string) $value ) ) {
			$out[ $key ] = trim( (string) $value );
		}
	}
	return $out;
}

foreach ( participa_shortcode_table() as $participa_tag => [ $participa_fragment, $participa_defaults ] ) {
	add_shortcode(
		$participa_tag,
		static function ( $atts ) use ( $participa_fragment, $participa_defaults, $participa_tag ) {
			$atts = shortcode_atts( $participa_defaults, (array) $atts, $participa_tag );
			return participa_render( $participa_fragment, participa_clean_args( $participa_defaults, $atts ) );
		}
	);
}
unset( $participa_tag, $participa_fragment, $participa_defaults );
