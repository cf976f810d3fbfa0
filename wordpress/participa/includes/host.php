<?php
/**
 * The Participa\Host of the current request, built from WordPress: links from
 * the permalink, forms to admin-post.php, the nonce, display names, the
 * instance and the heading of each fragment, the language and time zone.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

define( 'PARTICIPA_NONCE_NAME', '_participa_nonce' );
define( 'PARTICIPA_NONCE_ACTION', 'participa' );

/** The host's names of the fragments' logical parameters (Spanish, as the residents read them). */
function participa_param_names( string $suffix = '' ): array {
	return array(
		'cursor'  => 'desde' . $suffix,
		'replies' => 'respuestas' . $suffix,
		'receipt' => 'comprobante' . $suffix,
		'view'    => 'vista' . $suffix,
	);
}

/** This request's URL: the origin of home_url() (not the Host header) and the request URI. */
function participa_current_url(): string {
	$home   = home_url( '/' );
	$origin = preg_match( '#^(https?://[^/]+)#', $home, $m ) ? $m[1] : untrailingslashit( $home );
	$uri    = isset( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : '/'; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- a URL, escaped where printed.
	return $origin . ( str_starts_with( (string) $uri, '/' ) ? $uri : '/' );
}

/** Every parameter name the plugin adds to a page's URL (to strip them from a base URL). */
function participa_own_query_args(): array {
	$names = array( 'participa_aviso' );
	foreach ( array_keys( $_GET ) as $key ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only names are read.
		if ( preg_match( '/^(desde|respuestas|comprobante|vista)(-[a-z0-9-]+)?$/', (string) $key ) ) {
			$names[] = (string) $key;
		}
	}
	return $names;
}

/**
 * The page the fragments link to: the permalink of the post being shown (so
 * links are right under plain permalinks, /?p=12, and pretty ones), or this
 * URL without the plugin's own parameters elsewhere (archives, widgets).
 */
function participa_page_url(): string {
	$post = get_post();
	if ( $post && ( is_singular() || in_the_loop() || ( defined( 'REST_REQUEST' ) && REST_REQUEST ) ) ) {
		$link = get_permalink( $post );
		if ( $link ) {
			return $link;
		}
	}
	return remove_query_arg( participa_own_query_args(), participa_current_url() );
}

/** A link template: the URL with "{params}" where add_query_arg() would add its pairs. */
function participa_url_template( string $url ): string {
	$hash = '';
	if ( false !== ( $at = strpos( $url, '#' ) ) ) {
		$hash = substr( $url, $at );
		$url  = substr( $url, 0, $at );
	}
	$sep = str_contains( $url, '?' ) ? ( str_ends_with( $url, '?' ) || str_ends_with( $url, '&' ) ? '' : '&' ) : '?';
	return $url . $sep . '{params}' . $hash;
}

/** The form token of this request: a nonce for a signed-in user, none for a visitor (see docs/wordpress/caching.md). */
function participa_token(): ?array {
	return is_user_logged_in()
		? array( 'name' => PARTICIPA_NONCE_NAME, 'value' => wp_create_nonce( PARTICIPA_NONCE_ACTION ) )
		: null;
}

/** The fragments' language from the site's locale: English for en_*, Spanish otherwise. */
function participa_lang(): string {
	return str_starts_with( get_locale(), 'en' ) ? 'en' : 'es';
}

/**
 * A Participa\Host for the current request. $overrides replace or add any key
 * of the contract (docs/fragments/host-contract.md): 'instance', 'heading',
 * 'here', 'url', 'outcome', 'params'...; a key given as null is left out.
 *
 * @param array $overrides Contract keys.
 * @throws Participa\InvalidArgumentException For a contract the extension refuses.
 */
function participa_host( array $overrides = array() ): Participa\Host {
	$instance = (string) ( $overrides['instance'] ?? 'participa' );
	$contract = array(
		'url'      => participa_url_template( participa_page_url() ),
		'post_url' => add_query_arg(
			array(
				'action'             => 'participa',
				'participa_instance' => $instance,
			),
			admin_url( 'admin-post.php' )
		),
		// in a REST request (the editor's preview) this URL is the route's: forms go back to the page
		'here'     => ( defined( 'REST_REQUEST' ) && REST_REQUEST ) ? participa_page_url() : remove_query_arg( 'participa_aviso', participa_current_url() ),
		'params'   => participa_param_names(),
		'names'    => Closure::fromCallable( 'participa_display_names' ),
		'heading'  => 2,
		'instance' => $instance,
		'lang'     => participa_lang(),
	);
	$token = participa_token();
	if ( $token ) {
		$contract['token'] = $token;
	}
	$zone = wp_timezone_string();
	if ( str_contains( $zone, '/' ) ) {  // an IANA zone; an offset such as "+00:00" leaves the YAML's
		$contract['timezone'] = $zone;
	}
	foreach ( $overrides as $key => $value ) {
		if ( null === $value ) {
			unset( $contract[ $key ] );
		} else {
			$contract[ $key ] = $value;
		}
	}
	/** Filters the host contract before the Host is built (key => value, as host-contract.md). */
	$contract = apply_filters( 'participa_host_contract', $contract );
	return new Participa\Host( $contract );
}
