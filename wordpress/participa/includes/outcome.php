<?php
/**
 * A form's answer (Request::handle(): the message, the errors and the draft
 * of a refusal, the receipt of a vote, the state of a paper batch) kept
 * across the redirect after the post, so the page shows the form again with
 * what the person wrote, or the receipt, which is never put in a URL. Kept in a transient for ten
 * minutes, keyed by the user id, or for a visitor by a random cookie; read
 * once, by the fragment whose form was sent. Not the PHP session: WordPress
 * has none, and a session cookie would make every page uncacheable.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

define( 'PARTICIPA_OUTCOME_COOKIE', 'participa_outcome' );
define( 'PARTICIPA_OUTCOME_TTL', 10 * MINUTE_IN_SECONDS );

/** The transient's name for this request's person, or null (a visitor without the cookie). */
function participa_outcome_key( bool $create = false ): ?string {
	$uid = get_current_user_id();
	if ( $uid ) {
		return 'participa_outcome_u' . $uid;
	}
	$cookie = isset( $_COOKIE[ PARTICIPA_OUTCOME_COOKIE ] ) ? sanitize_key( wp_unslash( $_COOKIE[ PARTICIPA_OUTCOME_COOKIE ] ) ) : '';
	if ( strlen( $cookie ) !== 32 && $create ) {
		$cookie = strtolower( wp_generate_password( 32, false, false ) );
		if ( ! headers_sent() ) {
			setcookie( PARTICIPA_OUTCOME_COOKIE, $cookie, time() + PARTICIPA_OUTCOME_TTL, COOKIEPATH ?: '/', COOKIE_DOMAIN, is_ssl(), true );
		}
		$_COOKIE[ PARTICIPA_OUTCOME_COOKIE ] = $cookie;
	}
	return strlen( $cookie ) === 32 ? 'participa_outcome_k' . substr( hash( 'sha256', $cookie ), 0, 32 ) : null;
}

/**
 * Keeps an outcome for the next page.
 *
 * @param array  $outcome  Request::handle()'s answer.
 * @param string $instance The fragment whose form was sent.
 */
function participa_outcome_store( array $outcome, string $instance ): void {
	$key = participa_outcome_key( true );
	if ( $key ) {
		$page = participa_outcome_page( (string) ( $outcome['redirect'] ?? '' ) );
		set_transient( $key, array( 'instance' => $instance, 'page' => $page, 'outcome' => $outcome ), PARTICIPA_OUTCOME_TTL );
	}
}

/** The page an outcome belongs to: the URL without its anchor and the plugin's flag. */
function participa_outcome_page( string $url ): string {
	return remove_query_arg( 'participa_aviso', (string) strtok( $url, '#' ) );
}

/** Whether this request carries a kept outcome (the page is then personal: not cached). */
function participa_outcome_pending(): bool {
	$key = participa_outcome_key();
	return $key && false !== get_transient( $key );
}

/**
 * The kept outcome for the fragment $instance, once: it is deleted when read.
 *
 * @param string $instance The fragment being drawn.
 */
function participa_outcome_for( string $instance ): ?array {
	$key = participa_outcome_key();
	if ( ! $key ) {
		return null;
	}
	$kept = get_transient( $key );
	if ( ! is_array( $kept ) || ( $kept['instance'] ?? '' ) !== $instance || ! is_array( $kept['outcome'] ?? null )
		|| ( $kept['page'] ?? '' ) !== participa_outcome_page( participa_current_url() ) ) {
		return null;   // another fragment, or the same instance name on another page
	}
	delete_transient( $key );
	return $kept['outcome'];
}
