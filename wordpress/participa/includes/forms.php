<?php
/**
 * The fragments' forms through WordPress: every form posts to
 * admin-post.php?action=participa&participa_instance=<instance>. The handler
 * checks the nonce of a signed-in person, lets Participa\Request act, keeps its
 * answer for the next page (includes/outcome.php) and answers 303 to the
 * fragment's anchor. A visitor's post carries no nonce (their page is cached,
 * docs/wordpress/caching.md): participa answers it "Inicia sesión para
 * participar." with the draft kept.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** A fragment instance from the request, or 'participa'. */
function participa_request_instance( $value ): string {
	$value = is_string( $value ) ? $value : '';
	return preg_match( '/^[A-Za-z][A-Za-z0-9_-]{0,63}$/', $value ) ? $value : 'participa';
}

/**
 * Where a form goes back to: its participa_return when it is on this site, else the referer, else home.
 *
 * @param mixed $return The posted participa_return.
 */
function participa_return_url( $return ): string {
	$return = is_string( $return ) ? $return : '';
	$safe   = '' !== $return ? wp_validate_redirect( $return, '' ) : '';
	if ( '' === $safe ) {
		$safe = wp_validate_redirect( (string) wp_get_raw_referer(), home_url( '/' ) );
	}
	return $safe;
}

/**
 * The answer to a form whose nonce failed (expired, or another session's):
 * refused like any refusal, with the draft kept, so the form comes back with
 * a fresh nonce and what the person wrote.
 *
 * @param array  $post     The posted fields (unslashed).
 * @param string $here     The page to go back to.
 * @param string $instance The fragment.
 */
function participa_expired_outcome( array $post, string $here, string $instance ): array {
	$draft = array();
	foreach ( $post as $key => $value ) {
		if ( ( is_scalar( $value ) || is_array( $value ) ) && ! str_starts_with( (string) $key, 'participa_' ) && PARTICIPA_NONCE_NAME !== $key && 'action' !== $key ) {
			$draft[ $key ] = $value;
		}
	}
	$form = is_string( $post['participa_form'] ?? null ) ? (string) $post['participa_form'] : '';
	return array(
		'ok'       => false,
		'action'   => is_string( $post['participa_action'] ?? null ) ? (string) $post['participa_action'] : '',
		'form'     => $form,
		'message'  => __( 'The form had expired. Your text is still here: please send it again.', 'participa' ),
		'errors'   => array(),
		'draft'    => $draft,
		'redirect' => $here . '#' . $instance . ( '' !== $form ? '-' . $form : '' ),
	);
}

/**
 * Acts on a fragment's posted form as $participant: Request::handle(), then
 * the hook participa_action_done on success (notifications listen to it).
 *
 * @param array       $post        The fields (unslashed).
 * @param string|null $participant The participant, or null for nobody signed in.
 * @param string      $instance    The fragment the form belongs to.
 * @param string      $here        The page the form came from.
 * @return array Request::handle()'s answer.
 * @throws Throwable What is not the person's mistake (the database away).
 */
function participa_act( array $post, ?string $participant, string $instance, string $here ): array {
	$site = participa_site();
	if ( ! $site ) {
		throw new RuntimeException( 'participa: the site did not open: ' . participa_site_error() );
	}
	$host = participa_host(
		array(
			'instance' => $instance,
			'here'     => $here,
			'url'      => participa_url_template( remove_query_arg( participa_own_query_args(), $here ) ),
		)
	);
	$out = ( new Participa\Request( $site, $host ) )->handle( $post, $participant );
	if ( ! empty( $out['ok'] ) ) {
		/**
		 * After an action a person took through a fragment's form or the REST route.
		 *
		 * @param array       $out         Request::handle()'s answer.
		 * @param array       $post        The fields.
		 * @param string|null $participant Who acted.
		 */
		do_action( 'participa_action_done', $out, $post, $participant );
	}
	return $out;
}

/** admin-post.php?action=participa, for signed-in people and visitors alike. */
function participa_handle_post(): void {
	// phpcs:disable WordPress.Security.NonceVerification -- the nonce is checked below for a signed-in person; a visitor's post acts as nobody.
	$instance = participa_request_instance( wp_unslash( $_GET['participa_instance'] ?? '' ) );
	$post     = wp_unslash( $_POST );
	// phpcs:enable
	$here = participa_return_url( $post['participa_return'] ?? '' );
	if ( ! participa_available() || ! participa_site() ) {
		wp_die( participa_placeholder(), esc_html__( 'Participation', 'participa' ), array( 'response' => 503 ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in participa_placeholder().
	}
	$participant = participa_participant_id();
	if ( null !== $participant && ! wp_verify_nonce( (string) ( $post[ PARTICIPA_NONCE_NAME ] ?? '' ), PARTICIPA_NONCE_ACTION ) ) {
		$out = participa_expired_outcome( $post, $here, $instance );
	} else {
		try {
			$out = participa_act( $post, $participant, $instance, $here );
		} catch ( Throwable $e ) {
			error_log( 'participa: form post: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
			wp_die( participa_placeholder(), esc_html__( 'Participation', 'participa' ), array( 'response' => 503 ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in participa_placeholder().
		}
	}
	$to = (string) ( $out['redirect'] ?? $here );
	// Kept whether done or refused: a refusal shows its draft, a vote its receipt (never put in a
	// URL), a paper batch its double-entry state, a commitment "Se guardó el avance."
	participa_outcome_store( $out, $instance );
	if ( null === $participant ) {
		// A visitor's next page differs from the cached one: a new URL, so no page cache serves it.
		$to = add_query_arg( 'participa_aviso', '1', $to );
	}
	wp_safe_redirect( $to, 303 );
	exit;
}
add_action( 'admin_post_participa', 'participa_handle_post' );
add_action( 'admin_post_nopriv_participa', 'participa_handle_post' );
