<?php
/**
 * The settings screen: the plugin's options (registered by includes/settings.php,
 * saved through WordPress's options.php with its nonce and notice), the
 * check of the configured YAML as `participa check` does it
 * (Participa\Site::check(): every problem with its line and column), the
 * versions, and the database migrations: what the last run applied and when,
 * and a button that applies the pending ones (Site::migrate()).
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** Participa > Settings. Drawn also when the site does not open: that is when it is needed. */
function participa_admin_settings_page(): void {
	echo '<div class="wrap participa-admin"><h1>' . esc_html__( 'Participa settings', 'participa' ) . '</h1>';
	settings_errors();   // options.php's "Settings saved." (and a sanitize callback's errors) after its redirect
	if ( ! participa_available() ) {
		echo '<div class="notice notice-error inline"><p>' . esc_html(
			sprintf(
				/* translators: %s: missing or old */
				__( 'The participa PHP extension is %s: nothing below can be checked until it is loaded.', 'participa' ),
				'missing' === participa_extension_problem() ? __( 'not loaded', 'participa' ) : __( 'too old', 'participa' )
			)
		) . '</p></div>';
	}
	participa_admin_settings_form();
	participa_admin_settings_check();
	participa_admin_settings_migrations();
	echo '</div>';
}

/** The options form (options.php: settings_fields() gives the nonce, WordPress the redirect and its notice). */
function participa_admin_settings_form(): void {
	$site = participa_available() ? participa_site() : null;
	echo '<h2>' . esc_html__( 'Options', 'participa' ) . '</h2><form method="post" action="' . esc_url( admin_url( 'options.php' ) ) . '">';
	settings_fields( 'participa' );
	$ini = (string) ini_get( 'participa.config' );
	echo '<table class="form-table" role="presentation">'
		. '<tr><th scope="row"><label for="participa_config">' . esc_html__( 'Configuration file (YAML)', 'participa' ) . '</label></th><td>'
		. '<input type="text" class="large-text code" id="participa_config" name="participa_config" value="' . esc_attr( (string) get_option( 'participa_config', '' ) ) . '">'
		. '<p class="description">' . esc_html(
			'' !== $ini
				/* translators: %s: a file path */
				? sprintf( __( 'Empty: the php.ini setting participa.config, now %s.', 'participa' ), $ini )
				: __( 'Empty: the php.ini setting participa.config, which is not set.', 'participa' )
		) . '</p></td></tr>';

	// The role map: each WordPress role => the YAML's roles it holds.
	$map   = participa_role_map();
	$roles = $site ? $site->roles() : array();
	echo '<tr><th scope="row">' . esc_html__( 'Roles', 'participa' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'Roles', 'participa' ) . '</legend>'
		. '<p class="description">' . esc_html__( 'For each WordPress role, the participa roles of the configuration it holds (ids separated by commas). The screens of this menu follow from their permissions.', 'participa' ) . '</p>';
	foreach ( wp_roles()->get_names() as $slug => $name ) {
		$field = 'participa-role-' . sanitize_html_class( $slug );
		echo '<p><label for="' . esc_attr( $field ) . '">' . esc_html( translate_user_role( $name ) ) . '</label><br>'
			. '<input type="text" class="regular-text code" id="' . esc_attr( $field ) . '" name="participa_role_map[' . esc_attr( $slug ) . ']" value="' . esc_attr( implode( ', ', (array) ( $map[ $slug ] ?? array() ) ) ) . '"></p>';
	}
	if ( $roles ) {
		echo '<p class="description">' . esc_html__( 'The roles of the configuration:', 'participa' ) . '</p><ul class="ul-disc">';
		foreach ( $roles as $id => $role ) {
			echo '<li><code>' . esc_html( (string) $id ) . '</code> ' . esc_html( (string) $role['name'] ) . ': ' . esc_html( implode( ', ', (array) $role['permissions'] ) ) . '</li>';
		}
		echo '</ul>';
	}
	echo '</fieldset></td></tr>';

	$chosen = participa_comment_post_types();
	echo '<tr><th scope="row">' . esc_html__( 'Comments', 'participa' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'Comments', 'participa' ) . '</legend>'
		. '<p class="description">' . esc_html__( 'Post types whose WordPress comments are replaced by the participa thread.', 'participa' ) . '</p>';
	foreach ( get_post_types( array( 'public' => true ), 'objects' ) as $type ) {
		echo '<label><input type="checkbox" name="participa_comment_post_types[]" value="' . esc_attr( $type->name ) . '"' . checked( in_array( $type->name, $chosen, true ), true, false ) . '> ' . esc_html( $type->labels->name ) . '</label><br>';
	}
	echo '</fieldset></td></tr>';

	$default = (string) get_option( 'participa_default_territory', '' );
	echo '<tr><th scope="row"><label for="participa_default_territory">' . esc_html__( 'Default territory', 'participa' ) . '</label></th><td>'
		. '<select id="participa_default_territory" name="participa_default_territory"><option value="">' . esc_html__( '(the first of the configuration)', 'participa' ) . '</option>';
	foreach ( participa_territory_options() as [ $id, $name, $depth ] ) {
		echo '<option value="' . esc_attr( $id ) . '"' . selected( $default, $id, false ) . '>' . esc_html( str_repeat( '— ', $depth ) . $name ) . '</option>';
	}
	echo '</select><p class="description">' . esc_html__( 'The territory of a user who has not chosen one.', 'participa' ) . '</p></td></tr></table>';
	submit_button();
	echo '</form>';
}

/** `participa check` of the configured file: Site::check()'s problems with line and column, or that it is valid. */
function participa_admin_settings_check(): void {
	echo '<h2>' . esc_html__( 'Configuration check', 'participa' ) . '</h2>';
	if ( ! participa_available() ) {
		return;
	}
	$path = participa_config_path();
	if ( '' === $path ) {
		echo '<p>' . esc_html__( 'No configuration file is set: give its path above, or set participa.config in php.ini.', 'participa' ) . '</p>';
		return;
	}
	try {
		$problems = Participa\Site::check( $path );
	} catch ( Throwable $e ) {
		$problems = array(
			array(
				'file'    => $path,
				'line'    => 0,
				'column'  => 0,
				'message' => $e->getMessage(),
			),
		);
	}
	if ( ! $problems ) {
		/* translators: %s: a file path */
		echo '<p class="participa-ok"><strong>' . esc_html( sprintf( __( '%s is valid.', 'participa' ), $path ) ) . '</strong></p>';
		return;
	}
	echo '<p class="participa-mal"><strong>' . esc_html(
		sprintf(
			/* translators: 1: a file path, 2: a number of problems */
			_n( '%1$s has %2$s problem:', '%1$s has %2$s problems:', count( $problems ), 'participa' ),
			$path,
			number_format_i18n( count( $problems ) )
		)
	) . '</strong></p>';
	$rows = array();
	foreach ( $problems as $p ) {
		$rows[] = array(
			esc_html( (int) $p['line'] > 0 ? (string) $p['line'] : '—' ),
			esc_html( (int) $p['column'] > 0 ? (string) $p['column'] : '—' ),
			esc_html( (string) $p['message'] ),
			esc_html( (string) $p['file'] !== $path ? (string) $p['file'] : '' ),
		);
	}
	echo '<div class="participa-problemas">' . participa_admin_table( array( __( 'Line', 'participa' ), __( 'Column', 'participa' ), __( 'Problem', 'participa' ), __( 'File', 'participa' ) ), $rows, '' ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.
}

/** The database: the site's facts, the last migration run and the button that applies pending migrations. */
function participa_admin_settings_migrations(): void {
	echo '<h2>' . esc_html__( 'Database and migrations', 'participa' ) . '</h2>';
	$site = participa_available() ? participa_site() : null;
	if ( ! $site ) {
		echo '<p>' . esc_html__( 'The site did not open:', 'participa' ) . ' ' . esc_html( participa_site_error() ) . '</p>';
		return;
	}
	$info     = participa_admin_try( static fn() => $site->info(), 'info' );
	$versions = participa_admin_try( static fn() => Participa\Site::versions(), 'versions' );
	$facts    = array();
	if ( is_array( $info ) ) {
		$facts[ __( 'Site', 'participa' ) ]        = (string) $info['name'];
		$facts[ __( 'Database', 'participa' ) ]    = (string) $info['database'];
		$facts[ __( 'Territories', 'participa' ) ] = number_format_i18n( (int) $info['territories'] );
		$facts[ __( 'Roles', 'participa' ) ]       = number_format_i18n( (int) $info['roles'] );
	}
	if ( is_array( $versions ) ) {
		$facts[ __( 'Versions', 'participa' ) ] = implode( ', ', array_map( static fn( $k, $v ) => $k . ' ' . $v, array_keys( $versions ), $versions ) );
	}
	$last = get_option( 'participa_migrated', null );
	if ( is_array( $last ) ) {
		$applied = (array) ( $last['applied'] ?? array() );
		$facts[ __( 'Last migration run', 'participa' ) ] = (string) ( $last['at'] ?? '' ) . ' — ' . ( $applied
			/* translators: %s: migration names */
			? sprintf( __( 'applied %s', 'participa' ), implode( ', ', $applied ) )
			: __( 'nothing was pending', 'participa' ) );
	} else {
		$facts[ __( 'Last migration run', 'participa' ) ] = __( 'never from this site', 'participa' );
	}
	echo '<table class="form-table" role="presentation">';
	foreach ( $facts as $label => $value ) {
		echo '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . esc_html( $value ) . '</td></tr>';
	}
	echo '</table>';
	echo '<p class="participa-nota">' . esc_html__( 'The extension tells which migrations are pending only by applying them: the button applies what is pending (safe to run at any time, and from several servers at once) and lists it; "nothing was pending" means the database is up to date.', 'participa' ) . '</p>';
	echo participa_admin_form_open( 'participa_admin_migrate' ) . get_submit_button( __( 'Apply pending migrations', 'participa' ), 'secondary' ) . '</form>'; // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the functions.
}

/** admin-post.php?action=participa_admin_migrate: Site::migrate(), remembered for the screen. */
function participa_admin_migrate_post(): void {
	$site    = participa_admin_guard( 'manage_options', 'participa_admin_migrate', 'participa-settings' );
	$applied = participa_admin_try( static fn() => $site->migrate(), 'migrate' );
	if ( is_array( $applied ) ) {
		update_option(
			'participa_migrated',
			array(
				'at'      => gmdate( 'c' ),
				'applied' => $applied,
			),
			false
		);
		participa_admin_keep_notice(
			'success',
			$applied
				/* translators: %s: migration names */
				? sprintf( __( 'Migrations applied: %s.', 'participa' ), implode( ', ', $applied ) )
				: __( 'The database is up to date: no migration was pending.', 'participa' )
		);
	}
	participa_admin_redirect( 'participa-settings' );
}
add_action( 'admin_post_participa_admin_migrate', 'participa_admin_migrate_post' );
