<?php
/**
 * WordPress users as participants: the id "wp:<ID>", a territory in user meta
 * (the "colonia / territorio" field of the profile and the registration form),
 * roles mapped from WordPress's (participa_role_map()), display names for the
 * fragments, and the upsert that keeps participa's record in step on login,
 * registration, profile and role changes.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

define( 'PARTICIPA_TERRITORY_META', 'participa_territory' );

/**
 * The participant id of a user ("wp:42"), or null for nobody signed in.
 *
 * @param WP_User|null $user Default: the current user.
 */
function participa_participant_id( ?WP_User $user = null ): ?string {
	$user = $user ?? wp_get_current_user();
	return ( $user instanceof WP_User && $user->ID > 0 ) ? 'wp:' . $user->ID : null;
}

/**
 * Display names of participant ids, as the host contract's resolver: one
 * get_users() call for every "wp:<ID>" of the batch; ids of other hosts are
 * left out (the fragment shows them as "Participante").
 *
 * @param array $ids Participant ids.
 * @return array id => display name.
 */
function participa_display_names( array $ids ): array {
	$wanted = array();
	foreach ( $ids as $id ) {
		if ( is_string( $id ) && preg_match( '/^wp:([1-9][0-9]{0,18})$/', $id, $m ) ) {
			$wanted[ (int) $m[1] ] = $id;
		}
	}
	if ( ! $wanted ) {
		return array();
	}
	$out   = array();
	$users = get_users(
		array(
			'include'     => array_keys( $wanted ),
			'fields'      => array( 'ID', 'display_name' ),
			'count_total' => false,
			'blog_id'     => 0,
		)
	);
	foreach ( $users as $u ) {
		if ( isset( $wanted[ (int) $u->ID ] ) && '' !== (string) $u->display_name ) {
			$out[ $wanted[ (int) $u->ID ] ] = (string) $u->display_name;
		}
	}
	return $out;
}

/** Whether $id is a territory of the site's YAML. */
function participa_is_territory( string $id ): bool {
	$site = participa_site();
	if ( ! $site || '' === $id ) {
		return false;
	}
	try {
		return null !== $site->territory( $id );
	} catch ( Participa\Exception $e ) {
		return false;
	}
}

/** A user's territory: their choice, else the default option, else the first root of the tree. */
function participa_user_territory( int $user_id ): string {
	$chosen = (string) get_user_meta( $user_id, PARTICIPA_TERRITORY_META, true );
	if ( '' !== $chosen && participa_is_territory( $chosen ) ) {
		return $chosen;
	}
	$default = (string) get_option( 'participa_default_territory', '' );
	if ( '' !== $default && participa_is_territory( $default ) ) {
		return $default;
	}
	$tree = participa_territory_options();
	return $tree ? $tree[0][0] : '';
}

/** The participa roles of a user through the role map, limited to roles the YAML has. */
function participa_user_roles( WP_User $user ): array {
	$site = participa_site();
	if ( ! $site ) {
		return array();
	}
	$known = $site->roles();
	$map   = participa_role_map();
	$roles = array();
	foreach ( (array) $user->roles as $wp_role ) {
		foreach ( (array) ( $map[ $wp_role ] ?? array() ) as $r ) {
			if ( isset( $known[ $r ] ) ) {
				$roles[ $r ] = true;
			}
		}
	}
	return array_keys( $roles );
}

/**
 * Creates or updates the participant of a user (territory and roles). Errors
 * go to the log: a login never fails because participa's database is away.
 *
 * @param int|WP_User $user The user.
 * @return array|null Participants::upsert()'s answer, or null.
 */
function participa_sync_user( $user ): ?array {
	$user = $user instanceof WP_User ? $user : get_userdata( (int) $user );
	$site = participa_site();
	if ( ! $user || ! $user->ID || ! $site ) {
		return null;
	}
	$territory = participa_user_territory( (int) $user->ID );
	if ( '' === $territory ) {
		return null;
	}
	try {
		return $site->participants()->upsert( participa_participant_id( $user ), $territory, participa_user_roles( $user ) );
	} catch ( Participa\Exception $e ) {
		error_log( 'participa: upsert of user ' . $user->ID . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		return null;
	}
}

add_action( 'wp_login', static fn( $login, $user ) => participa_sync_user( $user ), 10, 2 );
add_action( 'profile_update', static fn( $user_id ) => participa_sync_user( (int) $user_id ), 20 );
add_action( 'set_user_role', static fn( $user_id ) => participa_sync_user( (int) $user_id ), 20 );
add_action( 'add_user_role', static fn( $user_id ) => participa_sync_user( (int) $user_id ), 20 );
add_action( 'remove_user_role', static fn( $user_id ) => participa_sync_user( (int) $user_id ), 20 );

/**
 * The territory select ("Colonia / territorio") fed from Site::territories().
 *
 * @param string $selected The current value.
 * @param bool   $required Whether an empty choice is refused.
 */
function participa_territory_select( string $selected, bool $required ): string {
	$html = '<select name="participa_territory" id="participa_territory"' . ( $required ? ' required' : '' ) . '>';
	$html .= '<option value="">' . esc_html__( '(choose one)', 'participa' ) . '</option>';
	foreach ( participa_territory_options() as [ $id, $name, $depth ] ) {
		$html .= '<option value="' . esc_attr( $id ) . '"' . selected( $selected, $id, false ) . '>'
			. esc_html( str_repeat( "\u{2014} ", $depth ) . $name ) . '</option>';
	}
	return $html . '</select>';
}

/** The posted territory when it is one of the YAML's, '' when none was chosen, null when it is not valid. */
function participa_posted_territory(): ?string {
	// phpcs:ignore WordPress.Security.NonceVerification.Missing -- the callers' forms are checked by WordPress (profile nonce) or have none (registration).
	$value = isset( $_POST['participa_territory'] ) ? sanitize_text_field( wp_unslash( $_POST['participa_territory'] ) ) : '';
	if ( '' === $value ) {
		return '';
	}
	return participa_is_territory( $value ) ? $value : null;
}

/** The field on the profile and on "Add New User" screens. */
function participa_profile_field( $user ): void {
	if ( ! participa_site() ) {
		return;
	}
	$current = $user instanceof WP_User ? (string) get_user_meta( $user->ID, PARTICIPA_TERRITORY_META, true ) : '';
	echo '<h2>' . esc_html__( 'Participation', 'participa' ) . '</h2><table class="form-table" role="presentation"><tr>'
		. '<th><label for="participa_territory">' . esc_html__( 'Neighbourhood (colonia) / territory', 'participa' ) . '</label></th><td>'
		. participa_territory_select( $current, false ) // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in participa_territory_select().
		. '<p class="description">' . esc_html__( 'Where you live: it decides which votes and assemblies you can take part in.', 'participa' ) . '</p>'
		. '</td></tr></table>';
}
add_action( 'show_user_profile', 'participa_profile_field' );
add_action( 'edit_user_profile', 'participa_profile_field' );
add_action( 'user_new_form', 'participa_profile_field' );

/** Saves the field (WordPress checked the profile form's nonce before these hooks). */
function participa_profile_save( $user_id ): void {
	if ( ! current_user_can( 'edit_user', $user_id ) ) {
		return;
	}
	$territory = participa_posted_territory();
	if ( null !== $territory ) {
		update_user_meta( (int) $user_id, PARTICIPA_TERRITORY_META, $territory );
	}
}
add_action( 'personal_options_update', 'participa_profile_save' );
add_action( 'edit_user_profile_update', 'participa_profile_save' );

/** The profile screen refuses a territory that is not the YAML's (a forged post). */
add_action(
	'user_profile_update_errors',
	static function ( $errors ) {
		if ( null === participa_posted_territory() ) {
			$errors->add( 'participa_territory', __( 'Choose a neighbourhood (colonia) or territory from the list.', 'participa' ) );
		}
	}
);

/** The field on wp-login.php?action=register. */
add_action(
	'register_form',
	static function () {
		if ( ! participa_territory_options() ) {
			return;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- WordPress's registration form has no nonce; this only refills the choice.
		$posted = isset( $_POST['participa_territory'] ) ? sanitize_text_field( wp_unslash( $_POST['participa_territory'] ) ) : '';
		echo '<p><label for="participa_territory">' . esc_html__( 'Neighbourhood (colonia) / territory', 'participa' ) . '</label>'
			. participa_territory_select( $posted, true ) . '</p>'; // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in participa_territory_select().
	}
);

add_filter(
	'registration_errors',
	static function ( $errors ) {
		$territory = participa_posted_territory();
		if ( participa_territory_options() && ( null === $territory || '' === $territory ) ) {   // required where there is a tree to choose from
			$errors->add( 'participa_territory', '<strong>' . esc_html__( 'Error:', 'participa' ) . '</strong> ' . esc_html__( 'Choose a neighbourhood (colonia) or territory from the list.', 'participa' ) );
		}
		return $errors;
	}
);

/** A new user (registration or "Add New User"): their territory, then the upsert. */
add_action(
	'user_register',
	static function ( $user_id ) {
		$territory = participa_posted_territory();
		if ( $territory ) {
			update_user_meta( (int) $user_id, PARTICIPA_TERRITORY_META, $territory );
		}
		participa_sync_user( (int) $user_id );
	},
	20
);
