<?php
/**
 * The wp-admin screens of the people who run participa: a top-level menu
 * "Participa" with an overview, the moderation queue, commitments,
 * processes, assemblies and the settings. This file holds what every screen
 * shares: the capabilities (mapped from the plugin's role map to the YAML's
 * permissions), the menu, the notices kept across the redirect after a post,
 * the wrapper around calls to the extension, and the one handler of the
 * fragments' own forms drawn in wp-admin. Each screen is its own file.
 *
 * Every form posts to admin-post.php with a nonce (check_admin_referer()),
 * checks the capability again, acts, keeps a notice and answers 303 to its
 * screen: no screen acts on a GET, and a reload never acts twice.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

define( 'PARTICIPA_ADMIN_NOTICE_TTL', 10 * MINUTE_IN_SECONDS );

/**
 * The screens' capabilities => the YAML permissions that grant them (any one
 * of them). A WordPress user has a participa role through the role map
 * (participa_role_map()); the role's permissions decide. Settings are
 * WordPress's own manage_options.
 */
function participa_admin_capabilities(): array {
	return array(
		'participa_moderate'            => array( 'moderate' ),
		'participa_update_commitments'  => array( 'update_commitment' ),
		'participa_manage_processes'    => array( 'manage_processes' ),
		'participa_enter_paper_ballots' => array( 'enter_paper_ballots' ),
		'participa_record_assemblies'   => array( 'record_assembly' ),
		'participa_processes'           => array( 'manage_processes', 'enter_paper_ballots' ),
		'participa_assemblies'          => array( 'record_assembly', 'update_commitment' ),
		'participa_admin'               => array( 'moderate', 'update_commitment', 'manage_processes', 'enter_paper_ballots', 'record_assembly' ),
	);
}

/**
 * The YAML permissions a user holds through the role map (once per user and request).
 *
 * @param WP_User $user The user.
 */
function participa_admin_user_permissions( WP_User $user ): array {
	static $cache = array();
	if ( ! $user->ID ) {
		return array();
	}
	// Keyed by what decides: the user's WordPress roles and the role map (both may change in a request).
	$key = $user->ID . '|' . implode( ',', (array) $user->roles ) . '|' . md5( (string) wp_json_encode( participa_role_map() ) );
	if ( ! isset( $cache[ $key ] ) ) {
		$cache[ $key ] = array();
		$site          = participa_site();
		if ( $site ) {
			$roles = $site->roles();
			foreach ( participa_user_roles( $user ) as $role ) {
				foreach ( (array) ( $roles[ $role ]['permissions'] ?? array() ) as $permission ) {
					$cache[ $key ][ (string) $permission ] = true;
				}
			}
		}
	}
	return array_keys( $cache[ $key ] );
}

/**
 * Grants the screens' capabilities (filter user_has_cap): a participa
 * capability is held when one of its permissions is; participa_admin (the
 * menu) also by whoever manages options, so the settings stay reachable when
 * the YAML does not open.
 */
function participa_admin_has_cap( array $allcaps, array $caps, array $args, WP_User $user ): array {
	$map = participa_admin_capabilities();
	foreach ( $caps as $cap ) {
		if ( ! isset( $map[ $cap ] ) ) {
			continue;
		}
		$held             = (bool) array_intersect( $map[ $cap ], participa_admin_user_permissions( $user ) );
		$allcaps[ $cap ] = $held || ( 'participa_admin' === $cap && ! empty( $allcaps['manage_options'] ) );
	}
	return $allcaps;
}
add_filter( 'user_has_cap', 'participa_admin_has_cap', 10, 4 );

/** The screens: slug => [menu title, capability, callback]. */
function participa_admin_screens(): array {
	return array(
		'participa'             => array( __( 'Overview', 'participa' ), 'participa_admin', 'participa_admin_overview_page' ),
		'participa-moderation'  => array( __( 'Moderation', 'participa' ), 'participa_moderate', 'participa_admin_moderation_page' ),
		'participa-commitments' => array( __( 'Commitments', 'participa' ), 'participa_update_commitments', 'participa_admin_commitments_page' ),
		'participa-processes'   => array( __( 'Processes', 'participa' ), 'participa_processes', 'participa_admin_processes_page' ),
		'participa-assemblies'  => array( __( 'Assemblies', 'participa' ), 'participa_assemblies', 'participa_admin_assemblies_page' ),
		'participa-settings'    => array( __( 'Settings', 'participa' ), 'manage_options', 'participa_admin_settings_page' ),
	);
}

/** The menu: "Participa" and its screens; the moderation item shows how many comments wait. */
function participa_admin_menu(): void {
	add_menu_page( __( 'Participa', 'participa' ), __( 'Participa', 'participa' ), 'participa_admin', 'participa', 'participa_admin_overview_page', 'dashicons-groups', 26 );
	foreach ( participa_admin_screens() as $slug => [ $title, $cap, $callback ] ) {
		$menu_title = $title;
		if ( 'participa-moderation' === $slug && current_user_can( $cap ) ) {
			$held = participa_admin_held_count();
			if ( $held > 0 ) {
				$menu_title .= ' <span class="awaiting-mod count-' . (int) $held . '"><span class="pending-count">' . esc_html( number_format_i18n( $held ) ) . '</span></span>';
			}
		}
		add_submenu_page( 'participa', $title . ' ‹ ' . __( 'Participa', 'participa' ), $menu_title, $cap, $slug, $callback );
	}
}
add_action( 'admin_menu', 'participa_admin_menu' );

/** How many comments wait in the queue (up to 200; 0 when the site does not open). */
function participa_admin_held_count(): int {
	$site = participa_site();
	if ( ! $site ) {
		return 0;
	}
	try {
		return count( $site->moderation()->queue( array( 'status' => 'held', 'limit' => 200 ) )['items'] );
	} catch ( Participa\Exception $e ) {
		error_log( 'participa: moderation queue: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		return 0;
	}
}

/** Whether the current screen is one of participa's. */
function participa_admin_is_screen(): bool {
	$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	return $screen && ( 'toplevel_page_participa' === $screen->id || str_contains( (string) $screen->id, '_page_participa-' ) );
}

/** The fragments' stylesheet and the screens' few rules, on participa's screens only. */
function participa_admin_assets(): void {
	if ( ! participa_admin_is_screen() ) {
		return;
	}
	participa_enqueue_assets();
	wp_register_style( 'participa-admin', false, array(), PARTICIPA_PLUGIN_VERSION );
	wp_enqueue_style( 'participa-admin' );
	wp_add_inline_style(
		'participa-admin',
		'.participa-admin .participa-fragmento{max-width:60em;background:#fff;border:1px solid #c3c4c7;padding:1em 1.5em;margin:1em 0}'
		. '.participa-admin .participa-problemas td{vertical-align:top}.participa-admin .participa-ok{color:#00a32a}'
		. '.participa-admin .participa-mal{color:#d63638}.participa-admin textarea.participa-ancho{width:100%;max-width:60em}'
		. '.participa-admin .participa-nota{font-style:italic;color:#50575e}'
		. '.participa-admin .participa-tabla{max-width:100%;overflow-x:auto}'
	);
}
add_action( 'admin_enqueue_scripts', 'participa_admin_assets' );

/**
 * The admin screens' own Spanish catalog (admin/languages/participa-admin-<locale>.mo,
 * built by Debian's msgfmt), merged into the text domain participa after the plugin's.
 */
function participa_admin_load_textdomain(): void {
	$locale = determine_locale();
	$locale = str_starts_with( $locale, 'es' ) ? 'es_MX' : $locale;
	$mo     = __DIR__ . '/languages/participa-admin-' . $locale . '.mo';
	if ( is_readable( $mo ) ) {
		load_textdomain( 'participa', $mo );
	}
}
add_action( 'init', 'participa_admin_load_textdomain', 2 );

/* ---- URLs, notices, the redirect after a post ---- */

/**
 * A screen's URL.
 *
 * @param string $page The screen's slug.
 * @param array  $args More query arguments.
 */
function participa_admin_url( string $page, array $args = array() ): string {
	return add_query_arg( array_map( 'rawurlencode', array( 'page' => $page ) + $args ), admin_url( 'admin.php' ) );
}

/**
 * Where a form of the screens posts: admin-post.php?action=$action.
 *
 * @param string $action The handler (participa_admin_...).
 */
function participa_admin_post_url( string $action ): string {
	return add_query_arg( 'action', $action, admin_url( 'admin-post.php' ) );
}

/**
 * Opens a form of a screen: method post to its handler, the nonce and the referer.
 *
 * @param string $action The handler; also the nonce's action.
 * @param array  $hidden More hidden fields.
 * @param string $extra  More attributes of the form (enctype...), already escaped.
 */
function participa_admin_form_open( string $action, array $hidden = array(), string $extra = '' ): string {
	$html = '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '"' . ( '' !== $extra ? ' ' . $extra : '' ) . '>'
		. '<input type="hidden" name="action" value="' . esc_attr( $action ) . '">'
		. wp_nonce_field( $action, '_wpnonce', true, false );
	foreach ( $hidden as $name => $value ) {
		$html .= '<input type="hidden" name="' . esc_attr( $name ) . '" value="' . esc_attr( (string) $value ) . '">';
	}
	return $html;
}

/** The transient of the current user's notices. */
function participa_admin_notice_key(): string {
	return 'participa_admin_notices_u' . get_current_user_id();
}

/**
 * Keeps a notice for the next screen the user sees (after the redirect).
 *
 * @param string $type    success, error, warning or info.
 * @param string $message The text (plain).
 * @param array  $details Lines below it (plain).
 */
function participa_admin_keep_notice( string $type, string $message, array $details = array() ): void {
	$notices   = get_transient( participa_admin_notice_key() );
	$notices   = is_array( $notices ) ? $notices : array();
	$notices[] = array(
		'type'    => $type,
		'message' => $message,
		'details' => $details,
	);
	set_transient( participa_admin_notice_key(), $notices, PARTICIPA_ADMIN_NOTICE_TTL );
}

/** Prints and forgets the kept notices, on participa's screens (action admin_notices). */
function participa_admin_print_notices(): void {
	if ( ! participa_admin_is_screen() ) {
		return;
	}
	$notices = get_transient( participa_admin_notice_key() );
	if ( ! is_array( $notices ) ) {
		return;
	}
	delete_transient( participa_admin_notice_key() );
	foreach ( $notices as $n ) {
		$type = in_array( $n['type'] ?? '', array( 'success', 'error', 'warning', 'info' ), true ) ? $n['type'] : 'info';
		echo '<div class="notice notice-' . esc_attr( $type ) . ' is-dismissible participa-aviso" role="' . ( 'error' === $type ? 'alert' : 'status' ) . '"><p>' . esc_html( (string) $n['message'] ) . '</p>';
		$details = (array) ( $n['details'] ?? array() );
		if ( $details ) {
			echo '<ul>';
			foreach ( $details as $line ) {
				echo '<li>' . esc_html( (string) $line ) . '</li>';
			}
			echo '</ul>';
		}
		echo '</div>';
	}
}
add_action( 'admin_notices', 'participa_admin_print_notices' );

/**
 * Answers a post with 303 to a screen and ends the request.
 *
 * @param string $page The screen.
 * @param array  $args Its query.
 */
function participa_admin_redirect( string $page, array $args = array() ): void {
	wp_safe_redirect( participa_admin_url( $page, $args ), 303 );
	exit;
}

/**
 * The start of every handler: the capability, then the nonce of $action
 * (check_admin_referer() dies on a bad one), then the site. Returns the site.
 *
 * @param string $cap    The capability the action needs.
 * @param string $action The nonce's action (the handler's name).
 * @param string $page   The screen to go back to when the site does not open.
 */
function participa_admin_guard( string $cap, string $action, string $page ): Participa\Site {
	if ( ! current_user_can( $cap ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'participa' ), esc_html__( 'Participa', 'participa' ), array( 'response' => 403 ) );
	}
	check_admin_referer( $action );
	$site = participa_site();
	if ( ! $site ) {
		participa_admin_keep_notice( 'error', __( 'The participa site did not open, so nothing was done.', 'participa' ), array( participa_site_error() ) );
		participa_admin_redirect( $page );
	}
	return $site;
}

/**
 * Runs a call to the extension for a screen: its refusal (a Participa
 * exception) becomes an error notice with its public message (Spanish, as
 * the extension speaks to people), anything else is logged and reported
 * without details. Returns the call's result, or null when it failed.
 *
 * @param callable $call What to do.
 * @param string   $what For the log: the action.
 */
function participa_admin_try( callable $call, string $what ) {
	try {
		return $call();
	} catch ( Participa\ConfigException | Participa\DatabaseException $e ) {
		error_log( 'participa: ' . $what . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		participa_admin_keep_notice( 'error', __( 'participa could not do it: the database or the configuration failed. The details are in the PHP error log.', 'participa' ) );
	} catch ( Participa\Exception $e ) {
		participa_admin_keep_notice( 'error', $e->publicMessage() );
	} catch ( Throwable $e ) {
		error_log( 'participa: ' . $what . ': ' . get_class( $e ) . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		participa_admin_keep_notice( 'error', __( 'participa could not do it. The details are in the PHP error log.', 'participa' ) );
	}
	return null;
}

/**
 * A posted text field (unslashed, trimmed; multi-line kept when $lines).
 *
 * @param string $name  The field.
 * @param bool   $lines Whether new lines are kept.
 */
function participa_admin_field( string $name, bool $lines = false ): string {
	// phpcs:ignore WordPress.Security.NonceVerification.Missing -- every caller ran participa_admin_guard() first.
	$value = isset( $_POST[ $name ] ) && is_string( $_POST[ $name ] ) ? wp_unslash( $_POST[ $name ] ) : '';
	return $lines ? trim( sanitize_textarea_field( $value ) ) : trim( sanitize_text_field( $value ) );
}

/**
 * A query argument of the screen (an id of the YAML, a filter).
 *
 * @param string $name The argument.
 */
function participa_admin_arg( string $name ): string {
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- reading which screen to draw, not acting.
	$value = isset( $_GET[ $name ] ) && is_string( $_GET[ $name ] ) ? sanitize_text_field( wp_unslash( $_GET[ $name ] ) ) : '';
	return preg_match( '/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/', $value ) ? $value : '';
}

/* ---- reading the configuration's text ---- */

/**
 * The ids of the items of a list in a YAML text, found by its path of keys
 * (array( 'processes' ), array( 'commitments', 'statuses' )): the "id:" of
 * each item, on its dash line ("- id: x", "- { id: x, ... }") or as a key of
 * the item's own block. A reading of the text's shape, not a YAML parser:
 * callers check every id with the extension, so a wrong reading is dropped.
 *
 * @param string $yaml The configuration file's text.
 * @param array  $path The keys that lead to the list.
 */
function participa_admin_yaml_list_ids( string $yaml, array $path ): array {
	$ids    = array();
	$stack  = array();   // the block keys above the current line: list of [indent, key]
	$inside = false;
	$at     = -1;        // the indent of the list's key
	$indent = null;      // the indent of the list's dashes
	$item   = false;     // inside an item whose id is not found yet
	foreach ( preg_split( '/\R/', $yaml ) as $line ) {
		if ( preg_match( '/^\s*(#.*)?$/', $line ) ) {
			continue;
		}
		$ind = strlen( $line ) - strlen( ltrim( $line, ' ' ) );
		if ( $inside ) {
			if ( $ind < $at || ( $ind === $at && '-' !== $line[ $ind ] ) ) {
				$inside = false;   // the list ended: this line is read as a key below
			} else {
				if ( preg_match( '/^(\s*)-(\s+|$)(.*)$/', $line, $m ) && ( null === $indent || strlen( $m[1] ) === $indent ) ) {
					$indent = strlen( $m[1] );
					$item   = true;
					if ( preg_match( '/(?:^|[{,]\s*)id:\s*["\']?([A-Za-z0-9][A-Za-z0-9_.:-]*)/', $m[3], $id ) ) {
						$ids[] = $id[1];
						$item  = false;
					}
				} elseif ( $item && null !== $indent && preg_match( '/^\s{' . ( $indent + 2 ) . '}id:\s*["\']?([A-Za-z0-9][A-Za-z0-9_.:-]*)/', $line, $id ) ) {
					$ids[] = $id[1];
					$item  = false;
				}
				continue;
			}
		}
		if ( preg_match( '/^(\s*)([A-Za-z_][A-Za-z0-9_-]*):\s*(#.*)?$/', $line, $m ) ) {
			$stack   = array_values( array_filter( $stack, static fn( $s ) => $s[0] < $ind ) );
			$stack[] = array( $ind, $m[2] );
			if ( array_column( $stack, 1 ) === $path ) {
				$inside = true;
				$at     = $ind;
				$indent = null;
				$item   = false;
			}
		}
	}
	return array_values( array_unique( $ids ) );
}

/**
 * The text of the site's configuration file ('' when it cannot be read).
 *
 * @param Participa\Site $site The site.
 */
function participa_admin_config_text( Participa\Site $site ): string {
	static $text = null;
	if ( null === $text ) {
		$path = (string) ( participa_admin_try( static fn() => $site->info(), 'info' )['config'] ?? participa_config_path() );
		$text = '' !== $path && is_readable( $path ) && filesize( $path ) <= 16 * MB_IN_BYTES ? (string) file_get_contents( $path ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions -- the site's own configuration file.
	}
	return $text;
}

/* ---- drawing ---- */

/**
 * The start of a screen: the wrap, its title and, when the site does not
 * open, why (then the screen draws nothing else and returns null).
 *
 * @param string $title The screen's title.
 */
function participa_admin_open( string $title ): ?Participa\Site {
	echo '<div class="wrap participa-admin"><h1>' . esc_html( $title ) . '</h1>';
	$site = participa_site();
	if ( ! $site ) {
		echo '<div class="notice notice-error inline"><p>' . esc_html__( 'The participa site did not open:', 'participa' ) . ' ' . esc_html( participa_site_error() ) . '</p>';
		if ( current_user_can( 'manage_options' ) ) {
			echo '<p><a href="' . esc_url( participa_admin_url( 'participa-settings' ) ) . '">' . esc_html__( 'Check the configuration in Settings.', 'participa' ) . '</a></p>';
		}
		echo '</div></div>';
	}
	return $site;
}

/** The end of a screen. */
function participa_admin_close(): void {
	echo '</div>';
}

/**
 * A visible note where the extension lacks what a screen would use, for the
 * people who run the site (and the report of what is missing).
 *
 * @param string $what What this build does not have (a method).
 * @param string $instead What the screen does instead.
 */
function participa_admin_missing_note( string $what, string $instead ): string {
	return '<p class="participa-nota">' . esc_html(
		sprintf(
			/* translators: 1: a PHP method such as Participa\Process::html(), 2: what the screen shows instead */
			__( 'This build of the participa extension has no %1$s: %2$s', 'participa' ),
			$what,
			$instead
		)
	) . '</p>';
}

/**
 * A table of rows (already escaped cells).
 *
 * @param array $head The column titles (plain).
 * @param array $rows Lists of cells (escaped HTML).
 * @param string $empty What to show when there are no rows (plain).
 */
function participa_admin_table( array $head, array $rows, string $empty ): string {
	// In its own scrolling box: on a phone a wide table scrolls, not the screen
	// (tabindex so that keyboard users can scroll it too).
	$html = '<div class="participa-tabla" tabindex="0"><table class="widefat striped"><thead><tr>';
	foreach ( $head as $h ) {
		$html .= '<th scope="col">' . esc_html( $h ) . '</th>';
	}
	$html .= '</tr></thead><tbody>';
	if ( ! $rows ) {
		$html .= '<tr><td colspan="' . count( $head ) . '">' . esc_html( $empty ) . '</td></tr>';
	}
	foreach ( $rows as $row ) {
		$html .= '<tr>';
		foreach ( array_values( $row ) as $i => $cell ) {
			$html .= 0 === $i ? '<th scope="row">' . $cell . '</th>' : '<td>' . $cell . '</td>';
		}
		$html .= '</tr>';
	}
	return $html . '</tbody></table></div>';
}

/**
 * A time of the extension ("2026-03-01 18:05:00.123456", UTC) to the second.
 *
 * @param string $time The extension's time.
 */
function participa_admin_time( string $time ): string {
	return substr( $time, 0, 19 );
}

/**
 * The display name of a participant id ("wp:42" -> the user's name; other ids as they are).
 *
 * @param string|null $id The participant.
 */
function participa_admin_name( ?string $id ): string {
	if ( null === $id || '' === $id ) {
		return '';
	}
	$names = participa_display_names( array( $id ) );
	return $names[ $id ] ?? $id;
}

/* ---- the fragments' forms drawn in wp-admin ---- */

/**
 * The host overrides of a fragment drawn on a screen: its links stay on the
 * screen, its forms post to participa_admin_fragment with this screen's
 * nonce, and it comes back to the screen.
 *
 * @param string $page     The screen.
 * @param array  $args     The screen's query (kept in links and the return).
 * @param string $instance The fragment's instance.
 */
function participa_admin_fragment_host( string $page, array $args, string $instance ): array {
	$here = participa_admin_url( $page, $args );
	return array(
		'url'      => participa_url_template( $here ),
		'here'     => $here,
		'post_url' => add_query_arg(
			array(
				'action'             => 'participa_admin_fragment',
				'participa_instance' => $instance,
			),
			admin_url( 'admin-post.php' )
		),
		'token'    => array(
			'name'  => '_wpnonce',
			'value' => wp_create_nonce( 'participa_admin_fragment' ),
		),
	);
}

/**
 * Draws a fragment on a screen through the plugin's one render path.
 *
 * @param string $fragment moderation, process, commitment, assembly...
 * @param string $page     The screen.
 * @param array  $query    The screen's query.
 * @param string $instance The fragment's instance.
 * @param array  $args     The fragment's arguments (id, show, territory, filters...).
 */
function participa_admin_fragment( string $fragment, string $page, array $query, string $instance, array $args ): string {
	$args += array(
		'instance' => $instance,
		'viewer'   => participa_participant_id(),
		'host'     => participa_admin_fragment_host( $page, $query, $instance ),
	);
	return '<div class="participa-fragmento">' . participa_render( $fragment, $args ) . '</div>';
}

/**
 * The capability a fragment's action needs on the screens, or null for an
 * action the screens do not take.
 *
 * @param string $action participa_action (moderation.approve, process.paper...).
 */
function participa_admin_action_cap( string $action ): ?string {
	$caps = array(
		'moderation.approve'   => 'participa_moderate',
		'moderation.reject'    => 'participa_moderate',
		'moderation.hide'      => 'participa_moderate',
		'moderation.ban'       => 'participa_moderate',
		'process.paper'        => 'participa_enter_paper_ballots',
		'commitments.progress' => 'participa_update_commitments',
		'commitments.assembly' => 'participa_record_assemblies',
	);
	return $caps[ $action ] ?? null;
}

/**
 * admin-post.php?action=participa_admin_fragment: a fragment's form sent
 * from a screen. The capability of its action, the nonce, then
 * participa_act() (Request::handle() and the hook participa_action_done);
 * the answer becomes a notice and is kept for the fragment (a refusal's
 * draft, a batch's double-entry state), and the person goes back to the screen.
 */
function participa_admin_fragment_post(): void {
	$post   = wp_unslash( $_POST ); // phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked below, after the capability.
	$action = is_string( $post['participa_action'] ?? null ) ? $post['participa_action'] : '';
	$cap    = participa_admin_action_cap( $action );
	if ( null === $cap || ! current_user_can( $cap ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'participa' ), esc_html__( 'Participa', 'participa' ), array( 'response' => 403 ) );
	}
	check_admin_referer( 'participa_admin_fragment' );
	$instance = participa_request_instance( wp_unslash( $_GET['participa_instance'] ?? '' ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- validated by participa_request_instance().
	$here     = participa_return_url( $post['participa_return'] ?? '' );
	if ( ! str_starts_with( $here, admin_url() ) ) {
		$here = participa_admin_url( 'participa' );
	}
	unset( $post['_wpnonce'], $post['_wp_http_referer'] );
	if ( ! participa_site() ) {
		participa_admin_keep_notice( 'error', __( 'The participa site did not open, so nothing was done.', 'participa' ), array( participa_site_error() ) );
		wp_safe_redirect( $here, 303 );
		exit;
	}
	$out = participa_admin_try( static fn() => participa_act( $post, participa_participant_id(), $instance, $here ), $action );
	if ( is_array( $out ) ) {
		if ( ! empty( $out['ok'] ) ) {
			participa_admin_keep_notice( 'success', (string) $out['message'] );
		} else {
			participa_admin_keep_notice( 'error', (string) $out['message'], array_values( array_map( 'strval', (array) ( $out['errors'] ?? array() ) ) ) );
		}
		// Kept either way, as the plugin's own handler does: a refusal's draft, a paper batch's state.
		participa_outcome_store( $out, $instance );
		$to = wp_validate_redirect( (string) ( $out['redirect'] ?? '' ), $here );
	} else {
		$to = $here;
	}
	wp_safe_redirect( $to, 303 );
	exit;
}
add_action( 'admin_post_participa_admin_fragment', 'participa_admin_fragment_post' );

/* ---- the overview ---- */

/** The top-level screen: what each screen is for, and what waits. */
function participa_admin_overview_page(): void {
	$site = participa_admin_open( __( 'Participa', 'participa' ) );
	if ( ! $site ) {
		return;
	}
	$info = participa_admin_try( static fn() => $site->info(), 'info' );
	if ( is_array( $info ) ) {
		echo '<p>' . esc_html(
			sprintf(
				/* translators: 1: the site's name in the YAML, 2: its configuration file */
				__( 'Site: %1$s (configuration %2$s).', 'participa' ),
				(string) $info['name'],
				(string) $info['config']
			)
		) . '</p>';
	}
	$items = array(
		'participa-moderation'  => __( 'Approve, reject or hide held and flagged comments, and ban their authors.', 'participa' ),
		'participa-commitments' => __( 'Update the progress of commitments with evidence, and import them from a CSV file.', 'participa' ),
		'participa-processes'   => __( 'Close votes, count them, export the ballots and enter paper ballots.', 'participa' ),
		'participa-assemblies'  => __( 'Record neighbourhood assemblies and follow up their agreements.', 'participa' ),
		'participa-settings'    => __( 'The configuration file, its check, the role map and the database migrations.', 'participa' ),
	);
	$screens = participa_admin_screens();
	echo '<ul class="ul-disc">';
	foreach ( $items as $slug => $text ) {
		if ( ! current_user_can( $screens[ $slug ][1] ) ) {
			continue;
		}
		echo '<li><a href="' . esc_url( participa_admin_url( $slug ) ) . '">' . esc_html( $screens[ $slug ][0] ) . '</a>: ' . esc_html( $text );
		if ( 'participa-moderation' === $slug ) {
			$held = participa_admin_held_count();
			/* translators: %s: a number of comments */
			echo ' <strong>' . esc_html( sprintf( _n( '%s comment waits for review.', '%s comments wait for review.', $held, 'participa' ), number_format_i18n( $held ) ) ) . '</strong>';
		}
		echo '</li>';
	}
	echo '</ul>';
	participa_admin_close();
}

foreach ( array( 'moderation', 'commitments', 'processes', 'assemblies', 'settings' ) as $participa_admin_part ) {
	require_once __DIR__ . '/' . $participa_admin_part . '.php';
}
unset( $participa_admin_part );
