<?php
/**
 * The moderation screen: the queue as the extension's fragment
 * (Moderation::html(), with approve, reject, hide and ban forms posting to
 * participa_admin_fragment), one tab per state, lifting a ban, and the last
 * entries of the moderation log.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** The queue's states: filter value => tab title. */
function participa_admin_moderation_states(): array {
	return array(
		'held'     => __( 'Held', 'participa' ),
		'flagged'  => __( 'Flagged', 'participa' ),
		'hidden'   => __( 'Hidden', 'participa' ),
		'rejected' => __( 'Rejected', 'participa' ),
	);
}

/** Participa > Moderation. */
function participa_admin_moderation_page(): void {
	$site = participa_admin_open( __( 'Moderation', 'participa' ) );
	if ( ! $site ) {
		return;
	}
	$states = participa_admin_moderation_states();
	$state  = participa_admin_arg( 'status' );
	$state  = isset( $states[ $state ] ) ? $state : 'held';

	echo '<ul class="subsubsub">';
	$links = array();
	foreach ( $states as $value => $title ) {
		$links[] = '<li><a href="' . esc_url( participa_admin_url( 'participa-moderation', array( 'status' => $value ) ) ) . '"'
			. ( $value === $state ? ' class="current" aria-current="page"' : '' ) . '>' . esc_html( $title ) . '</a>';
	}
	echo implode( ' | </li>', $links ) . '</li></ul><div class="clear"></div>'; // phpcs:ignore WordPress.Security.EscapeOutput -- escaped above.

	echo participa_admin_fragment( // phpcs:ignore WordPress.Security.EscapeOutput -- the extension's fragment, escaped by it.
		'moderation',
		'participa-moderation',
		array( 'status' => $state ),
		'moderacion',
		array( 'filters' => array( 'status' => $state ) )
	);

	echo '<h2>' . esc_html__( 'Lift a ban', 'participa' ) . '</h2>';
	echo participa_admin_form_open( 'participa_admin_unban' ) // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
		. '<table class="form-table" role="presentation"><tr><th scope="row"><label for="participa-unban-who">' . esc_html__( 'User', 'participa' ) . '</label></th>'
		. '<td><input type="text" class="regular-text" id="participa-unban-who" name="participant" required>'
		. '<p class="description">' . esc_html__( 'A user name, an e-mail address or a participant id such as wp:42.', 'participa' ) . '</p></td></tr>'
		. '<tr><th scope="row"><label for="participa-unban-reason">' . esc_html__( 'Reason', 'participa' ) . '</label></th>'
		. '<td><input type="text" class="regular-text" id="participa-unban-reason" name="reason" maxlength="500"></td></tr></table>'
		. get_submit_button( __( 'Lift the ban', 'participa' ), 'secondary' ) . '</form>';

	echo '<h2>' . esc_html__( 'Recent moderation', 'participa' ) . '</h2>';
	$log  = participa_admin_try( static fn() => $site->moderation()->log( array( 'limit' => 20 ) ), 'moderation log' );
	$rows = array();
	foreach ( (array) ( $log['entries'] ?? array() ) as $e ) {
		$rows[] = array(
			esc_html( participa_admin_time( (string) ( $e['created_at'] ?? '' ) ) ),
			esc_html( participa_admin_name( isset( $e['moderator'] ) ? (string) $e['moderator'] : null ) ),
			esc_html( (string) ( $e['action'] ?? '' ) ),
			esc_html( isset( $e['comment'] ) || isset( $e['comment_id'] ) ? '#' . (int) ( $e['comment'] ?? $e['comment_id'] ) : '' ),
			esc_html( participa_admin_name( isset( $e['participant'] ) ? (string) $e['participant'] : null ) ),
			esc_html( (string) ( $e['reason'] ?? '' ) ),
		);
	}
	echo participa_admin_table( // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.
		array( __( 'When (UTC)', 'participa' ), __( 'Moderator', 'participa' ), __( 'Action', 'participa' ), __( 'Comment', 'participa' ), __( 'Participant', 'participa' ), __( 'Reason', 'participa' ) ),
		$rows,
		__( 'Nothing has been moderated yet.', 'participa' )
	);
	participa_admin_close();
}

/**
 * A participant id from what a moderator typed: "wp:42", a user name or an
 * e-mail address of this site; another host's id as it is; null when no user matches.
 *
 * @param string $who What was typed.
 */
function participa_admin_participant_from( string $who ): ?string {
	if ( preg_match( '/^[a-z][a-z0-9_-]*:[A-Za-z0-9_.:-]+$/', $who ) ) {
		return $who;
	}
	$user = get_user_by( 'login', $who ) ?: ( is_email( $who ) ? get_user_by( 'email', $who ) : false );
	return $user ? participa_participant_id( $user ) : null;
}

/** admin-post.php?action=participa_admin_unban. */
function participa_admin_unban_post(): void {
	$site        = participa_admin_guard( 'participa_moderate', 'participa_admin_unban', 'participa-moderation' );
	$who         = participa_admin_field( 'participant' );
	$participant = participa_admin_participant_from( $who );
	if ( null === $participant ) {
		/* translators: %s: what the moderator typed */
		participa_admin_keep_notice( 'error', sprintf( __( 'No user %s on this site.', 'participa' ), $who ) );
		participa_admin_redirect( 'participa-moderation' );
	}
	$done = participa_admin_try(
		static function () use ( $site, $participant ) {
			$site->moderation()->unban( $participant, (string) participa_participant_id(), participa_admin_field( 'reason' ) );
			return true;
		},
		'unban'
	);
	if ( $done ) {
		/* translators: %s: a person's name */
		participa_admin_keep_notice( 'success', sprintf( __( 'The ban of %s was lifted.', 'participa' ), participa_admin_name( $participant ) ) );
	}
	participa_admin_redirect( 'participa-moderation' );
}
add_action( 'admin_post_participa_admin_unban', 'participa_admin_unban_post' );
