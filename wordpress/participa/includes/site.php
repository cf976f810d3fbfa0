<?php
/**
 * The participa site of this WordPress: Participa\Site::open() of the
 * configured YAML, once per request (the extension keeps the parsed file per
 * process), or null with the reason kept for the admin notice.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/**
 * The Participa\Site, or null when the extension is missing or the YAML does
 * not open (the reason: participa_site_error()).
 *
 * @param bool $reset Open again (after the configuration option changed).
 */
function participa_site( bool $reset = false ): ?Participa\Site {
	static $site = null, $tried = false;
	if ( $reset ) {
		$site  = null;
		$tried = false;
	}
	if ( ! $tried ) {
		$tried = true;
		$GLOBALS['participa_site_error'] = '';
		if ( ! participa_available() ) {
			$GLOBALS['participa_site_error'] = 'the participa extension is ' . participa_extension_problem();
			return null;
		}
		$path = participa_config_path();
		try {
			$site = Participa\Site::open( '' !== $path ? $path : null );
		} catch ( Throwable $e ) {
			$GLOBALS['participa_site_error'] = $e->getMessage();
			error_log( 'participa: cannot open the site ' . $path . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		}
	}
	return $site;
}

/** Why participa_site() returned null ('' when it did not). */
function participa_site_error(): string {
	return (string) ( $GLOBALS['participa_site_error'] ?? '' );
}

/** The territory tree as a flat list of [id, name, depth], parents first (for selects). */
function participa_territory_options(): array {
	$site = participa_site();
	if ( ! $site ) {
		return array();
	}
	$out  = array();
	$walk = static function ( array $nodes, int $depth ) use ( &$walk, &$out ): void {
		foreach ( $nodes as $node ) {
			$out[] = array( (string) $node['id'], (string) $node['name'], $depth );
			if ( ! empty( $node['children'] ) ) {
				$walk( $node['children'], $depth + 1 );
			}
		}
	};
	try {
		$walk( $site->territories(), 0 );
	} catch ( Participa\Exception $e ) {
		error_log( 'participa: territories: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
	}
	return $out;
}

/** On activation: apply the database migrations when the site opens (the settings screen shows the state). */
function participa_activate(): void {
	$site = participa_site();
	if ( ! $site ) {
		return;
	}
	try {
		update_option( 'participa_migrated', array( 'at' => gmdate( 'c' ), 'applied' => $site->migrate() ), false );
	} catch ( Participa\Exception $e ) {
		error_log( 'participa: migrate: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
	}
}
register_activation_hook( PARTICIPA_PLUGIN_FILE, 'participa_activate' );
