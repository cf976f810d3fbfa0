<?php
/**
 * Whether the participa extension is there and new enough, and what to show
 * when it is not: an admin notice for the people who run the site, a polite
 * placeholder where a resident would have seen a fragment. Never a fatal error.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/**
 * Why the extension cannot be used, or '' when it can.
 *
 * @return string 'missing', 'old' or ''.
 */
function participa_extension_problem(): string {
	static $problem = null;
	if ( null === $problem ) {
		$version = phpversion( 'participa' );
		if ( false === $version || ! class_exists( 'Participa\Site' ) ) {
			$problem = 'missing';
		} elseif ( version_compare( $version, PARTICIPA_MIN_EXTENSION, '<' )
			|| ! class_exists( 'Participa\Host' ) || ! class_exists( 'Participa\Request' ) ) {
			$problem = 'old';
		} else {
			$problem = '';
		}
	}
	return $problem;
}

/** Whether fragments can be drawn at all (the extension loaded and recent enough). */
function participa_available(): bool {
	return '' === participa_extension_problem();
}

/**
 * The placeholder a resident sees where a fragment would be. The reason stays
 * for the site's logs and the admin notice: residents get a calm sentence.
 *
 * @param string $why Kept in an HTML comment for the site's developers (not shown).
 */
function participa_placeholder( string $why = '' ): string {
	return '<div class="participa-no-disponible" role="note"><p>'
		. esc_html__( 'Participation on this page is not available right now. Please try again later.', 'participa' )
		. '</p>' . ( '' !== $why ? '<!-- participa: ' . esc_html( str_replace( '--', '- -', $why ) ) . ' -->' : '' )
		. '</div>';
}

/** The notice for administrators when the extension is missing, old, or the site cannot open. */
function participa_admin_notice(): void {
	if ( ! current_user_can( 'activate_plugins' ) ) {
		return;
	}
	$problem = participa_extension_problem();
	if ( 'missing' === $problem ) {
		$text = sprintf(
			/* translators: %s: the minimum version of the PHP extension */
			__( 'participa: the participa PHP extension is not loaded (version %s or later is needed). Pages show a placeholder where participation would be.', 'participa' ),
			PARTICIPA_MIN_EXTENSION
		);
	} elseif ( 'old' === $problem ) {
		$text = sprintf(
			/* translators: 1: the loaded version, 2: the minimum version */
			__( 'participa: the participa PHP extension %1$s is too old; this plugin needs %2$s or later. Pages show a placeholder where participation would be.', 'participa' ),
			(string) phpversion( 'participa' ),
			PARTICIPA_MIN_EXTENSION
		);
	} elseif ( null === participa_site() ) {
		$text = sprintf(
			/* translators: %s: the error that opening the configuration gave */
			__( 'participa: the site configuration could not be opened: %s', 'participa' ),
			participa_site_error()
		);
	} else {
		return;
	}
	echo '<div class="notice notice-error"><p>' . esc_html( $text ) . '</p></div>';
}
add_action( 'admin_notices', 'participa_admin_notice' );
