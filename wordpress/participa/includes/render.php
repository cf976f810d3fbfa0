<?php
/**
 * The one render path of shortcodes, blocks, the comments replacement and the
 * admin screens: participa_render( $fragment, $args ) builds the Host, picks
 * the fragment method and returns its HTML (already escaped by the extension),
 * or a placeholder. Nothing here echoes.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/**
 * The fragments: name => [instance prefix, the extension's method (for the
 * note when a build lacks it), the call]. The call gets the Site, the Host,
 * the viewer, the arguments and the page's parameter values.
 */
function participa_fragments(): array {
	return array(
		'thread'           => array(
			'hilo',
			'Participa\Thread::html',
			static function ( $site, $host, $viewer, array $a, array $q ) {
				$subject_type = '' !== (string) ( $a['subject_type'] ?? '' ) ? (string) $a['subject_type'] : 'post';
				$subject_id   = '' !== (string) ( $a['subject_id'] ?? '' ) ? (string) $a['subject_id'] : (string) get_the_ID();
				if ( '' === $subject_id || '0' === $subject_id ) {
					throw new InvalidArgumentException( 'thread: no subject_id and no current post' );
				}
				$opts = participa_thread_page( $q ) + array_filter( array( 'title' => (string) ( $a['title'] ?? '' ) ) );
				return $site->thread( $subject_type, $subject_id )->html( $host, $viewer, $opts );
			},
		),
		'commitment'       => array(
			'compromiso',
			'Participa\Commitments::html',
			static fn( $site, $host, $viewer, array $a, array $q ) => $site->commitments()->html(
				$host,
				(string) ( $a['id'] ?? '' ),
				$viewer,
				array( 'thread' => participa_thread_page( $q ) )
			),
		),
		'plan'             => array(
			'plan',
			'Participa\Commitments::planHtml',
			static fn( $site, $host, $viewer, array $a ) => $site->commitments()->planHtml(
				$host,
				(string) ( $a['plan'] ?? '' ),
				array_filter( array( 'as_of' => $a['as_of'] ?? null ) )
			),
		),
		'process'          => array(
			'proceso',
			'Participa\Process::html',
			static fn( $site, $host, $viewer, array $a, array $q ) => $site->process( (string) ( $a['id'] ?? '' ) )->html(
				$host,
				$viewer,
				array_filter(
					array(
						'show'    => participa_process_show( $q['view'], (string) ( $a['show'] ?? '' ) ),
						'receipt' => $q['receipt'],
					),
					static fn( $v ) => null !== $v && '' !== $v
				)
			),
		),
		'assembly'         => array(
			'asamblea',
			'Participa\Commitments::assemblyHtml',
			static fn( $site, $host, $viewer, array $a ) => $site->commitments()->assemblyHtml(
				$host,
				'' !== (string) ( $a['territory'] ?? '' ) ? (string) $a['territory'] : null,
				$viewer
			),
		),
		'instrument'       => array(
			'cuestionario',
			'Participa\Instrument::html',
			static fn( $site, $host, $viewer, array $a, array $q ) => $site->instrument( (string) ( $a['id'] ?? '' ) )->html(
				$host,
				$viewer,
				participa_instrument_opts( $site, $viewer, $a, $q )
			),
		),
		'process_template' => array(
			'plantilla',
			'Participa\Site::processTemplateHtml',
			static fn( $site, $host, $viewer, array $a ) => $site->processTemplateHtml( $host, (string) ( $a['id'] ?? '' ) ),
		),
		'responsibility'   => array(
			'responsables',
			'Participa\Site::responsibilityHtml',
			static fn( $site, $host, $viewer, array $a ) => $site->responsibilityHtml(
				$host,
				(string) ( $a['of'] ?? '' ),
				'' !== (string) ( $a['date'] ?? '' ) ? (string) $a['date'] : null
			),
		),
		'moderation'       => array(
			'moderacion',
			'Participa\Moderation::html',
			static fn( $site, $host, $viewer, array $a ) => $site->moderation()->html( $host, (string) $viewer, (array) ( $a['filters'] ?? array() ) ),
		),
	);
}

/**
 * Which page of a thread its own links ask for (Thread::page() options: the
 * cursor of "Más comentarios", the replies opened, the reply form's view),
 * for a thread alone and for the one under a commitment.
 *
 * @param array $q The page's parameter values for the fragment.
 */
function participa_thread_page( array $q ): array {
	return array_filter(
		array(
			'cursor'  => $q['cursor'],
			'replies' => $q['replies'],
			'view'    => $q['view'],
		),
		static fn( $v ) => null !== $v && '' !== $v
	);
}

/**
 * A questionnaire's options: what to show (form, corroborate or report; the
 * shortcode's show), as whom (as="evaluation" for an evaluator's scorecard) and
 * about whom: the shortcode's subject, else the one its own list of subjects
 * links to (the view parameter), else, for a form, the viewer's own territory
 * when it is a subject (a municipality's liaison lands on its own
 * questionnaire); without one the fragment lists the subjects.
 *
 * @param Participa\Site $site   The site.
 * @param string|null    $viewer The participant.
 * @param array          $a      The shortcode's attributes.
 * @param array          $q      The page's parameter values for the fragment.
 */
function participa_instrument_opts( $site, ?string $viewer, array $a, array $q ): array {
	$show    = in_array( $a['show'] ?? '', array( 'form', 'corroborate', 'report' ), true ) ? $a['show'] : 'form';
	$subject = (string) ( $a['subject'] ?? '' );
	if ( '' === $subject && 'report' !== $show ) {
		$subject = (string) ( $q['view'] ?? '' );
		if ( '' === $subject && 'form' === $show && null !== $viewer ) {
			$subject = (string) ( $site->participants()->get( $viewer )['territory'] ?? '' );
			$known   = array_column( $site->instrument( (string) ( $a['id'] ?? '' ) )->definition()['subjects'], 'id' );
			$subject = in_array( $subject, $known, true ) ? $subject : '';
		}
	}
	return array_filter(
		array(
			'view'    => $show,
			'subject' => $subject,
			'as'      => 'evaluation' === ( $a['as'] ?? '' ) ? 'evaluation' : '',
		),
		static fn( $v ) => '' !== $v
	);
}

/**
 * The part of a process to show: the one its own links ask for (the view
 * parameter: Boleta, Mi participación, Comprobar mi boleta...), else the
 * shortcode's or block's, else auto.
 *
 * @param string|null $view  The page's view parameter for this fragment.
 * @param string      $given The shortcode's show attribute.
 */
function participa_process_show( ?string $view, string $given ): string {
	$parts = array( 'auto', 'ballot', 'status', 'results', 'receipt', 'paper' );
	if ( null !== $view && in_array( $view, $parts, true ) ) {
		return $view;
	}
	return in_array( $given, $parts, true ) ? $given : 'auto';
}

/**
 * A unique instance for a fragment of this page: "hilo", then "hilo-2"...,
 * the same on every render of the same page (so a refused form finds its
 * fragment after the redirect), and the suffix of its parameter names:
 * none for the first fragment of the page, "-<instance>" after it.
 *
 * @param string $prefix The fragment's prefix.
 * @return array [instance, parameter suffix]
 */
function participa_next_instance( string $prefix ): array {
	static $count = array(), $total = 0;
	$count[ $prefix ] = ( $count[ $prefix ] ?? 0 ) + 1;
	++$total;
	$instance = 1 === $count[ $prefix ] ? $prefix : $prefix . '-' . $count[ $prefix ];
	return array( $instance, 1 === $total ? '' : '-' . $instance );
}

/** The values of the page's parameters for one fragment (by their host names). */
function participa_query_values( array $names ): array {
	$out = array();
	foreach ( $names as $logical => $name ) {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- links, not actions; the extension validates cursors and ids.
		$out[ $logical ] = isset( $_GET[ $name ] ) && is_string( $_GET[ $name ] ) ? sanitize_text_field( wp_unslash( $_GET[ $name ] ) ) : null;
	}
	return $out;
}

/**
 * Draws one fragment.
 *
 * @param string $fragment thread, commitment, plan, process, assembly, instrument, process_template,
 *                         responsibility or moderation.
 * @param array  $args     The shortcode's or block's attributes (id, plan, subject_type,
 *                         subject_id, show, territory, subject, as, title, heading, instance), plus
 *                         'host' (overrides for participa_host()) and 'viewer' (a participant id).
 * @return string HTML.
 */
function participa_render( string $fragment, array $args = array() ): string {
	$fragments = participa_fragments();
	if ( ! isset( $fragments[ $fragment ] ) ) {
		return participa_placeholder( 'unknown fragment ' . $fragment );
	}
	if ( ! participa_available() ) {
		return participa_placeholder( 'the participa extension is ' . participa_extension_problem() );
	}
	$site = participa_site();
	if ( ! $site ) {
		return participa_placeholder( 'the site did not open' );
	}
	[ $prefix, $method, $call ] = $fragments[ $fragment ];
	if ( ! method_exists( ...explode( '::', $method ) ) ) {
		return participa_missing_method( $method );
	}
	participa_enqueue_assets();

	if ( isset( $args['instance'] ) && preg_match( '/^[A-Za-z][A-Za-z0-9_-]{0,63}$/', (string) $args['instance'] ) ) {
		$instance = (string) $args['instance'];
		$suffix   = '-' . $instance;
	} else {
		[ $instance, $suffix ] = participa_next_instance( $prefix );
	}
	$params = participa_param_names( $suffix );
	$viewer = array_key_exists( 'viewer', $args ) ? $args['viewer'] : participa_participant_id();
	$host   = array(
		'instance' => $instance,
		'params'   => $params,
		'outcome'  => participa_outcome_for( $instance ),
	);
	if ( ( null !== $viewer || null !== $host['outcome'] ) && ! headers_sent() ) {
		participa_nocache();   // personal: also where participa_personal_nocache() could not tell (a block theme's template)
	}
	$heading = (int) ( $args['heading'] ?? 0 );
	if ( $heading >= 1 && $heading <= 6 ) {
		$host['heading'] = $heading;
	}
	try {
		$html = $call( $site, participa_host( $host + (array) ( $args['host'] ?? array() ) ), $viewer, $args, participa_query_values( $params ) );
	} catch ( Participa\NotFoundException | Participa\NotAllowedException $e ) {
		return '<div class="participa-no-disponible" role="note"><p>' . esc_html( $e->publicMessage() ) . '</p></div>';
	} catch ( Throwable $e ) {
		error_log( 'participa: ' . $fragment . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		return participa_placeholder( $fragment . ': ' . ( $e instanceof Participa\Exception ? $e->publicMessage() : get_class( $e ) ) );
	}
	if ( null === $viewer ) {
		// the fragment asks to sign in ("Inicia sesión para comentar." / "Sign in to comment."): add the links
		$asks = str_contains( $html, 'Inicia sesión' ) || str_contains( $html, 'Sign in' );
		$html = participa_signed_out_outcome( $host['outcome'] ) . $html . ( $asks ? participa_signin_links() : '' );
	}
	return $html;
}

/**
 * Where a build of the extension lacks a fragment method: residents get the
 * placeholder, people who run the site also the method's name (visible).
 *
 * @param string $method Class::method.
 */
function participa_missing_method( string $method ): string {
	$html = participa_placeholder( $method . ' is not in this build of the extension' );
	if ( current_user_can( 'manage_options' ) ) {
		$html .= '<p class="participa-nota-admin"><small>' . esc_html(
			sprintf(
				/* translators: %s: a PHP method such as Participa\Process::html */
				__( 'For the site team: this build of the participa extension has no %s().', 'participa' ),
				$method
			)
		) . '</small></p>';
	}
	return $html;
}

/**
 * A refusal for someone who was signed out when they sent a form (their
 * session ended while they wrote): the fragment draws no form for nobody, so
 * its message and the text they wrote would be lost. Shown above the fragment.
 *
 * @param array|null $outcome The kept outcome of this fragment.
 */
function participa_signed_out_outcome( ?array $outcome ): string {
	if ( ! $outcome || ! empty( $outcome['ok'] ) ) {
		return '';
	}
	$html = '<div class="participa-aviso participa-error" role="alert"><p>' . esc_html( (string) ( $outcome['message'] ?? '' ) ) . '</p>';
	foreach ( array( 'body', 'reason' ) as $field ) {
		$text = $outcome['draft'][ $field ] ?? '';
		if ( is_string( $text ) && '' !== trim( $text ) ) {
			$html .= '<p>' . esc_html__( 'What you wrote (copy it before you log in):', 'participa' ) . '</p><blockquote><p>'
				. nl2br( esc_html( $text ) ) . '</p></blockquote>';
		}
	}
	return $html . '</div>';
}

/**
 * Log in and register links under a fragment drawn for a visitor: the host
 * contract has no sign-in URL, and the fragment's "Inicia sesión…" is text.
 */
function participa_signin_links(): string {
	$login = '<a href="' . esc_url( wp_login_url( participa_page_url() ) ) . '">' . esc_html__( 'Log in', 'participa' ) . '</a>';
	$html  = get_option( 'users_can_register' )
		? sprintf(
			/* translators: 1: the "Log in" link, 2: the "create an account" link */
			esc_html__( '%1$s or %2$s to take part.', 'participa' ),
			$login,
			'<a href="' . esc_url( wp_registration_url() ) . '">' . esc_html__( 'create an account', 'participa' ) . '</a>'
		)
		: sprintf(
			/* translators: %s: the "Log in" link */
			esc_html__( '%s to take part.', 'participa' ),
			$login
		);
	return '<p class="participa-acceso">' . $html . '</p>';
}
