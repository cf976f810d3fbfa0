<?php
/**
 * The plugin's options (the settings screen is in admin/, helper wp-admin's):
 *
 * - participa_config: the YAML path; empty means the INI setting participa.config.
 * - participa_role_map: WordPress role => list of participa role ids.
 * - participa_comment_post_types: post types whose WordPress comments the thread replaces.
 * - participa_default_territory: the territory of a user who chose none (empty: the first root).
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** The YAML the site opens: the option, else the INI setting participa.config. */
function participa_config_path(): string {
	$path = (string) get_option( 'participa_config', '' );
	return '' !== $path ? $path : (string) ini_get( 'participa.config' );
}

/**
 * The default mapping of WordPress roles to the YAML's roles: subscriber ->
 * ciudadano, editor -> enlace, administrator -> the YAML's admin role (a role
 * whose id starts with "admin"), or else every role that moderates or manages
 * processes. Only roles the YAML has are kept.
 *
 * @param array $roles Site::roles() (id => ['name', 'permissions', 'votes']).
 */
function participa_default_role_map( array $roles ): array {
	$admin = array();
	foreach ( $roles as $id => $role ) {
		if ( str_starts_with( (string) $id, 'admin' ) ) {
			$admin = array( (string) $id );
			break;
		}
		$can = (array) ( $role['permissions'] ?? array() );
		if ( in_array( 'moderate', $can, true ) || in_array( 'manage_processes', $can, true ) ) {
			$admin[] = (string) $id;
		}
	}
	$map = array(
		'subscriber'    => isset( $roles['ciudadano'] ) ? array( 'ciudadano' ) : array(),
		'editor'        => isset( $roles['enlace'] ) ? array( 'enlace' ) : array(),
		'administrator' => $admin,
	);
	return array_filter( $map );
}

/** The mapping in force: the option when set, else the default for the YAML's roles. */
function participa_role_map(): array {
	$map = get_option( 'participa_role_map', null );
	if ( is_array( $map ) && $map ) {
		return $map;
	}
	$site = participa_site();
	return $site ? participa_default_role_map( $site->roles() ) : array();
}

/** Post types whose WordPress comments are replaced by the participa thread. */
function participa_comment_post_types(): array {
	return array_values( array_filter( (array) get_option( 'participa_comment_post_types', array() ), 'is_string' ) );
}

/** Keeps a role map to role slugs => lists of role ids (the characters of YAML ids). */
function participa_sanitize_role_map( $value ): array {
	$out = array();
	foreach ( (array) $value as $wp_role => $roles ) {
		$roles = is_string( $roles ) ? preg_split( '/[\s,]+/', $roles, -1, PREG_SPLIT_NO_EMPTY ) : (array) $roles;
		$roles = array_values( array_filter( array_map( 'strval', $roles ), static fn( $r ) => (bool) preg_match( '/^[a-z0-9_.:-]+$/', $r ) ) );
		if ( $roles ) {
			$out[ sanitize_key( $wp_role ) ] = $roles;
		}
	}
	return $out;
}

/** Registers the options (so the settings screen and the REST settings see their types). */
function participa_register_settings(): void {
	register_setting(
		'participa',
		'participa_config',
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => static fn( $v ) => trim( wp_unslash( (string) $v ) ),
		)
	);
	register_setting(
		'participa',
		'participa_role_map',
		array(
			'type'              => 'object',
			'default'           => array(),
			'sanitize_callback' => 'participa_sanitize_role_map',
		)
	);
	register_setting(
		'participa',
		'participa_comment_post_types',
		array(
			'type'              => 'array',
			'default'           => array(),
			'sanitize_callback' => static fn( $v ) => array_values( array_filter( array_map( 'sanitize_key', (array) $v ) ) ),
		)
	);
	register_setting(
		'participa',
		'participa_default_territory',
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => static fn( $v ) => preg_match( '/^[a-z0-9_.:-]*$/', (string) $v ) ? (string) $v : '',
		)
	);
}
add_action( 'init', 'participa_register_settings' );
