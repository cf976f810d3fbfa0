<?php
/**
 * REST routes under participa/v1.
 *
 * - POST /participa/v1/action: the fragments' actions (the same fields as
 *   their forms), for a signed-in person: cookie auth with X-WP-Nonce (or an
 *   application password). Answers Request::handle()'s array as JSON: 200
 *   when done, 422 when refused.
 * - GET, open data, for anyone (the extension applies its visibility rules):
 *   /commitments, /commitments/<id>, /plans/<plan>/summary, /plans/<plan>/export,
 *   /processes/<id>/results, /processes/<id>/ballots; JSON, or CSV with ?format=csv.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

define( 'PARTICIPA_REST_NS', 'participa/v1' );

/** An id path segment of the YAML's ids. */
define( 'PARTICIPA_REST_ID', '(?P<id>[A-Za-z0-9][A-Za-z0-9_.:-]{0,127})' );

/** The format argument of the open-data routes. */
function participa_rest_format_arg( array $formats = array( 'json', 'csv' ) ): array {
	return array(
		'type'        => 'string',
		'enum'        => $formats,
		'default'     => 'json',
		'description' => __( 'The answer\'s format.', 'participa' ),
	);
}

/** A string argument (an id of the YAML, a filter). */
function participa_rest_string_arg( string $description, bool $required = false ): array {
	return array(
		'type'        => 'string',
		'required'    => $required,
		'maxLength'   => 200,
		'description' => $description,
	);
}

/** Registers every route. */
function participa_register_rest_routes(): void {
	$id_pattern = '^[A-Za-z0-9][A-Za-z0-9_.:-]*$';
	register_rest_route(
		PARTICIPA_REST_NS,
		'/action',
		array(
			'methods'             => WP_REST_Server::CREATABLE,
			'callback'            => 'participa_rest_action',
			'permission_callback' => 'participa_rest_signed_in',
			'args'                => array(
				'participa_action' => array(
					'type'        => 'string',
					'required'    => true,
					'pattern'     => '^[a-z]+\.[a-z_]+$',
					'description' => __( 'What to do: thread.post, thread.reply, thread.react, process.cast...', 'participa' ),
				),
				'participa_form'   => array( 'type' => 'string', 'pattern' => '^[A-Za-z0-9_-]{0,64}$' ),
				'participa_return' => array( 'type' => 'string', 'maxLength' => 2000, 'description' => __( 'The page the action was taken on.', 'participa' ) ),
				'instance'         => array( 'type' => 'string', 'pattern' => '^[A-Za-z][A-Za-z0-9_-]{0,63}$', 'description' => __( 'The fragment instance (for the answer\'s anchor).', 'participa' ) ),
				'subject_type'     => array( 'type' => 'string', 'pattern' => $id_pattern ),
				'subject_id'       => array( 'type' => 'string', 'pattern' => $id_pattern ),
				'process'          => array( 'type' => 'string', 'pattern' => $id_pattern ),
				'comment'          => array( 'type' => array( 'integer', 'string' ) ),
				'parent'           => array( 'type' => array( 'integer', 'string' ) ),
				'body'             => array( 'type' => 'string', 'maxLength' => 100000 ),
				'reason'           => array( 'type' => 'string', 'maxLength' => 2000 ),
				'reaction'         => array( 'type' => 'string', 'enum' => array( 'up', 'down', 'none', 'agree', 'disagree', 'pass' ) ),
				'alignment'        => array( 'type' => 'string', 'enum' => array( 'for', 'neutral', 'against' ) ),
				'key'              => array( 'type' => 'string', 'maxLength' => 200, 'description' => __( 'An idempotency key: a retry with the same key does not act twice.', 'participa' ) ),
				'choice'           => array( 'type' => array( 'string', 'array' ), 'items' => array( 'type' => 'string' ), 'description' => __( 'A ballot\'s choice or choices (process.cast).', 'participa' ) ),
				'rank'             => array( 'type' => 'object', 'description' => __( 'A ranked ballot: option => place (process.cast).', 'participa' ) ),
				'score'            => array( 'type' => 'object', 'description' => __( 'A score or grade ballot: option => value (process.cast).', 'participa' ) ),
				'stance'           => array( 'type' => 'string', 'maxLength' => 40, 'description' => __( 'A consensus stance (process.cast).', 'participa' ) ),
				'participant'      => array( 'type' => 'string', 'pattern' => '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' ),
			),
		)
	);
	$open = array(
		'/commitments'                                                => array( 'participa_rest_commitments', array(
			'plan'      => participa_rest_string_arg( __( 'Only this plan.', 'participa' ) ),
			'parent'    => participa_rest_string_arg( __( 'Only the sub-commitments of this one.', 'participa' ) ),
			'theme'     => participa_rest_string_arg( __( 'Only this theme.', 'participa' ) ),
			'pillar'    => participa_rest_string_arg( __( 'Only this pillar.', 'participa' ) ),
			'status'    => participa_rest_string_arg( __( 'Only this status.', 'participa' ) ),
			'agency'    => participa_rest_string_arg( __( 'Only this agency.', 'participa' ) ),
			'territory' => participa_rest_string_arg( __( 'Only this territory.', 'participa' ) ),
			'light'     => array( 'type' => 'string', 'enum' => array( 'on_track', 'at_risk', 'late', 'done', 'closed', 'unscheduled' ) ),
			'roots'     => array( 'type' => 'boolean' ),
			'format'    => participa_rest_format_arg(),
		) ),
		'/commitments/' . PARTICIPA_REST_ID                          => array( 'participa_rest_commitment', array( 'format' => participa_rest_format_arg() ) ),
		'/plans/' . PARTICIPA_REST_ID . '/summary'                   => array( 'participa_rest_summary', array(
			'by'     => array( 'type' => 'string', 'enum' => array( 'theme', 'pillar', 'status', 'territory', 'agency', 'plan' ), 'default' => 'theme' ),
			'format' => participa_rest_format_arg(),
		) ),
		'/plans/' . PARTICIPA_REST_ID . '/export'                    => array( 'participa_rest_export', array( 'format' => participa_rest_format_arg() ) ),
		'/processes/' . PARTICIPA_REST_ID . '/results'               => array( 'participa_rest_results', array( 'format' => participa_rest_format_arg() ) ),
		'/processes/' . PARTICIPA_REST_ID . '/ballots'               => array( 'participa_rest_ballots', array( 'format' => participa_rest_format_arg( array( 'json', 'csv', 'pabulib' ) ) ) ),
	);
	foreach ( $open as $route => [ $callback, $args ] ) {
		register_rest_route(
			PARTICIPA_REST_NS,
			$route,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => static fn( WP_REST_Request $r ) => participa_rest_open( $callback, $r ),
				'permission_callback' => '__return_true',   // open data: the extension applies its own visibility rules
				'args'                => $args,
			)
		);
	}
}
add_action( 'rest_api_init', 'participa_register_rest_routes' );

/** The action route's permission: signed in (WordPress already refused a cookie whose X-WP-Nonce is bad). */
function participa_rest_signed_in() {
	if ( ! is_user_logged_in() ) {
		return new WP_Error( 'participa_signin', __( 'Log in to take part.', 'participa' ), array( 'status' => rest_authorization_required_code() ) );
	}
	return current_user_can( 'read' );
}

/** POST /participa/v1/action. */
function participa_rest_action( WP_REST_Request $request ) {
	if ( ! participa_site() ) {
		return new WP_Error( 'participa_unavailable', __( 'Participation is not available right now.', 'participa' ), array( 'status' => 503 ) );
	}
	$post     = $request->get_params();
	$instance = participa_request_instance( $post['instance'] ?? '' );
	$here     = participa_return_url( $post['participa_return'] ?? '' );
	unset( $post['instance'] );
	try {
		$out = participa_act( $post, participa_participant_id(), $instance, $here );
	} catch ( Throwable $e ) {
		error_log( 'participa: REST action: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		return new WP_Error( 'participa_unavailable', __( 'Participation is not available right now.', 'participa' ), array( 'status' => 503 ) );
	}
	return new WP_REST_Response( $out, empty( $out['ok'] ) ? 422 : 200 );
}

/**
 * Runs an open-data callback: the site, errors as their public messages with
 * the right status, a short public cache lifetime (the same for everyone).
 *
 * @param callable        $callback Returns [data, csv rows or csv text] from (Site, request).
 * @param WP_REST_Request $request  The request.
 */
function participa_rest_open( callable $callback, WP_REST_Request $request ) {
	$site = participa_site();
	if ( ! $site ) {
		return new WP_Error( 'participa_unavailable', __( 'Participation is not available right now.', 'participa' ), array( 'status' => 503 ) );
	}
	try {
		$answer = $callback( $site, $request );
	} catch ( Participa\NotFoundException $e ) {
		return new WP_Error( 'participa_not_found', $e->publicMessage(), array( 'status' => 404 ) );
	} catch ( Participa\NotAllowedException $e ) {
		return new WP_Error( 'participa_not_allowed', $e->publicMessage(), array( 'status' => 403 ) );
	} catch ( Participa\InvalidArgumentException $e ) {
		return new WP_Error( 'participa_invalid', $e->publicMessage(), array( 'status' => 400 ) );
	} catch ( Participa\Exception $e ) {
		error_log( 'participa: REST ' . $request->get_route() . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		return new WP_Error( 'participa_unavailable', $e->publicMessage(), array( 'status' => 503 ) );
	}
	if ( $answer instanceof WP_Error ) {
		return $answer;
	}
	[ $data, $raw ] = $answer;
	$format = (string) $request->get_param( 'format' );
	if ( 'json' === $format || null === $raw ) {
		$response = new WP_REST_Response( $data );
	} else {
		$text     = is_string( $raw ) ? $raw : participa_csv( $raw );
		$response = new WP_REST_Response( $text );
		$response->header( 'Content-Type', ( 'csv' === $format ? 'text/csv' : 'text/plain' ) . '; charset=utf-8' );
		$response->header( 'Content-Disposition', 'inline; filename="' . sanitize_file_name( str_replace( '/', '-', trim( $request->get_route(), '/' ) ) ) . '.' . ( 'csv' === $format ? 'csv' : 'txt' ) . '"' );
	}
	$response->header( 'Cache-Control', 'public, max-age=60' );
	return $response;
}

/**
 * Rows as RFC 4180 CSV: the columns are the union of the rows' keys in order
 * of first appearance; a list or map in a cell is written as JSON.
 *
 * @param array $rows List of maps.
 */
function participa_csv( array $rows ): string {
	$columns = array();
	foreach ( $rows as $row ) {
		foreach ( array_keys( (array) $row ) as $k ) {
			$columns[ $k ] = true;
		}
	}
	$columns = array_keys( $columns );
	$out     = fopen( 'php://temp', 'w+' );
	fputcsv( $out, $columns, ',', '"', '', "\r\n" );
	foreach ( $rows as $row ) {
		$line = array();
		foreach ( $columns as $c ) {
			$v      = ( (array) $row )[ $c ] ?? null;
			$line[] = is_array( $v ) ? wp_json_encode( $v ) : ( is_bool( $v ) ? ( $v ? 'true' : 'false' ) : (string) $v );
		}
		fputcsv( $out, $line, ',', '"', '', "\r\n" );
	}
	rewind( $out );
	$csv = (string) stream_get_contents( $out );
	fclose( $out );
	return $csv;
}

/** Sends a CSV or pabulib answer as the text it is (the REST server would JSON-encode it). */
add_filter(
	'rest_pre_serve_request',
	static function ( $served, $result, $request ) {
		if ( $served || ! str_starts_with( $request->get_route(), '/' . PARTICIPA_REST_NS . '/' ) ) {
			return $served;
		}
		$type = $result->get_headers()['Content-Type'] ?? '';
		if ( ( str_starts_with( $type, 'text/csv' ) || str_starts_with( $type, 'text/plain' ) ) && is_string( $result->get_data() ) ) {
			echo $result->get_data(); // phpcs:ignore WordPress.Security.EscapeOutput -- CSV text, served as text/csv.
			return true;
		}
		return $served;
	},
	10,
	3
);

/** GET /commitments: Commitments::list() with the filters given. */
function participa_rest_commitments( Participa\Site $site, WP_REST_Request $r ): array {
	$filters = array();
	foreach ( array( 'plan', 'parent', 'theme', 'pillar', 'status', 'agency', 'territory', 'light', 'roots' ) as $key ) {
		if ( null !== $r->get_param( $key ) && '' !== $r->get_param( $key ) ) {
			$filters[ $key ] = $r->get_param( $key );
		}
	}
	$list = $site->commitments()->list( $filters );
	return array( $list, $list );
}

/** GET /commitments/<id>: Commitments::get(). */
function participa_rest_commitment( Participa\Site $site, WP_REST_Request $r ) {
	$one = $site->commitments()->get( (string) $r['id'] );
	if ( null === $one ) {
		return new WP_Error( 'participa_not_found', __( 'There is no commitment with that id.', 'participa' ), array( 'status' => 404 ) );
	}
	return array( $one, array( $one ) );
}

/** GET /plans/<plan>/summary?by=theme: Commitments::summary(). */
function participa_rest_summary( Participa\Site $site, WP_REST_Request $r ): array {
	$summary = $site->commitments()->summary( (string) $r['by'], array( 'plan' => (string) $r['id'] ) );
	return array( $summary, (array) ( $summary['groups'] ?? array() ) );
}

/** GET /plans/<plan>/export: every field of the plan's commitments (Commitments::export(), RFC 4180). */
function participa_rest_export( Participa\Site $site, WP_REST_Request $r ): array {
	$format = 'csv' === $r['format'] ? 'csv' : 'json';
	$text   = $site->commitments()->export( $format, (string) $r['id'] );
	return array( json_decode( $text, true ), $text );
}

/** GET /processes/<id>/results: Process::results() for anyone (null: the visibility rule for the public). */
function participa_rest_results( Participa\Site $site, WP_REST_Request $r ): array {
	$results = $site->process( (string) $r['id'] )->results( null );
	$rows    = array();
	foreach ( (array) ( $results['ranking'] ?? array() ) as $place => $tier ) {
		foreach ( (array) $tier as $option ) {
			$rows[] = array(
				'rank'   => $place + 1,
				'option' => is_scalar( $option ) ? (string) $option : wp_json_encode( $option ),
				'winner' => in_array( $option, (array) ( $results['winners'] ?? array() ), true ),
			);
		}
	}
	return array( $results, $rows );
}

/** GET /processes/<id>/ballots?format=csv|json|pabulib: the anonymised ballots, once the results are public. */
function participa_rest_ballots( Participa\Site $site, WP_REST_Request $r ) {
	$process = $site->process( (string) $r['id'] );
	$process->results( null );   // throws NotAllowed while the results are not public: the ballots are not either
	$format = (string) $r['format'];
	$text   = $process->exportBallots( $format );
	return array( 'json' === $format ? json_decode( $text, true ) : null, $text );
}
