<?php
/**
 * The assemblies screen: a territory's assemblies with each agreement's
 * follow-up and the form to record one, through the extension's fragment
 * (Commitments::assemblyHtml(), its form posting commitments.assembly to
 * participa_admin_fragment) when this build has it, else a table of
 * Commitments::assemblies() and a form of this screen calling
 * Commitments::recordAssembly().
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** Participa > Assemblies (&territory=ID: one territory's). */
function participa_admin_assemblies_page(): void {
	$site = participa_admin_open( __( 'Assemblies', 'participa' ) );
	if ( ! $site ) {
		return;
	}
	$territory = participa_admin_arg( 'territory' );
	if ( '' !== $territory && ! participa_is_territory( $territory ) ) {
		$territory = '';
	}
	echo '<form method="get" action="' . esc_url( admin_url( 'admin.php' ) ) . '"><input type="hidden" name="page" value="participa-assemblies">'
		. '<label for="participa-territory-filter">' . esc_html__( 'Territory', 'participa' ) . '</label> <select id="participa-territory-filter" name="territory">'
		. '<option value="">' . esc_html__( 'All', 'participa' ) . '</option>';
	foreach ( participa_territory_options() as [ $id, $name, $depth ] ) {
		echo '<option value="' . esc_attr( $id ) . '"' . selected( $territory, $id, false ) . '>' . esc_html( str_repeat( '— ', $depth ) . $name ) . '</option>';
	}
	echo '</select> ' . get_submit_button( __( 'Show', 'participa' ), 'secondary', '', false ) . '</form>'; // phpcs:ignore WordPress.Security.EscapeOutput -- WordPress's button.

	$query = '' !== $territory ? array( 'territory' => $territory ) : array();
	if ( method_exists( 'Participa\Commitments', 'assemblyHtml' ) ) {
		echo participa_admin_fragment( // phpcs:ignore WordPress.Security.EscapeOutput -- the extension's fragment.
			'assembly',
			'participa-assemblies',
			$query,
			'asamblea',
			array(
				'territory' => $territory,
				'viewer'    => current_user_can( 'participa_record_assemblies' ) ? participa_participant_id() : null,
			)
		);
		participa_admin_close();
		return;
	}
	echo participa_admin_missing_note( 'Participa\Commitments::assemblyHtml()', __( 'the assemblies are listed from Commitments::assemblies() and recorded with the form below (Commitments::recordAssembly()).', 'participa' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
	$list = participa_admin_try( static fn() => $site->commitments()->assemblies( '' !== $territory ? $territory : null ), 'assemblies' );
	$rows = array();
	foreach ( (array) $list as $a ) {
		$agreements = array();
		foreach ( (array) ( $a['agreements'] ?? array() ) as $ag ) {
			$commitment   = isset( $ag['commitment'] ) ? (string) $ag['commitment'] : '';
			$agreements[] = esc_html( (string) $ag['text'] ) . ' — ' . ( '' !== $commitment
				? '<a href="' . esc_url( participa_admin_url( 'participa-commitments', array( 'commitment' => $commitment ) ) ) . '">' . esc_html( $commitment ) . '</a>'
				: esc_html__( 'no commitment (below the quorum)', 'participa' ) );
		}
		$rows[] = array(
			esc_html( (string) $a['held_on'] ),
			esc_html( (string) $a['territory'] ),
			esc_html( (string) $a['place'] ),
			esc_html( number_format_i18n( (int) $a['attendance'] ) ),
			implode( '<br>', $agreements ),
		);
	}
	echo participa_admin_table( // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.
		array( __( 'Held on', 'participa' ), __( 'Territory', 'participa' ), __( 'Place', 'participa' ), __( 'Attendance', 'participa' ), __( 'Agreements and their commitments', 'participa' ) ),
		$rows,
		__( 'No assemblies recorded yet.', 'participa' )
	);
	if ( current_user_can( 'participa_record_assemblies' ) ) {
		echo '<h2>' . esc_html__( 'Record an assembly', 'participa' ) . '</h2>';
		echo participa_admin_assembly_form( $territory ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
	}
	participa_admin_close();
}

/**
 * The record form of this screen.
 *
 * @param string $territory The territory chosen above, if any.
 */
function participa_admin_assembly_form( string $territory ): string {
	$select = '<select id="participa-as-territory" name="territory" required><option value="">' . esc_html__( '(choose one)', 'participa' ) . '</option>';
	foreach ( participa_territory_options() as [ $id, $name, $depth ] ) {
		$select .= '<option value="' . esc_attr( $id ) . '"' . selected( $territory, $id, false ) . '>' . esc_html( str_repeat( '— ', $depth ) . $name ) . '</option>';
	}
	$select .= '</select>';
	$row = static fn( string $id, string $label, string $field, string $help = '' ) => '<tr><th scope="row"><label for="' . esc_attr( $id ) . '">' . esc_html( $label ) . '</label></th><td>' . $field
		. ( '' !== $help ? '<p class="description">' . esc_html( $help ) . '</p>' : '' ) . '</td></tr>';
	return participa_admin_form_open( 'participa_admin_assembly' )
		. '<table class="form-table" role="presentation">'
		. $row( 'participa-as-territory', __( 'Territory', 'participa' ), $select )
		. $row( 'participa-as-held', __( 'Held on', 'participa' ), '<input type="date" id="participa-as-held" name="held_on" required>' )
		. $row( 'participa-as-place', __( 'Place', 'participa' ), '<input type="text" class="regular-text" id="participa-as-place" name="place" required maxlength="125">' )
		. $row( 'participa-as-attendance', __( 'Attendance', 'participa' ), '<input type="number" min="0" id="participa-as-attendance" name="attendance" required>', __( 'How many people took part; with enough of them each agreement becomes a commitment of the territory\'s agenda.', 'participa' ) )
		. $row( 'participa-as-attendees', __( 'Attendees', 'participa' ), '<textarea class="participa-ancho" rows="4" id="participa-as-attendees" name="attendees"></textarea>', __( 'One name per line (optional).', 'participa' ) )
		. $row( 'participa-as-agenda', __( 'Agenda', 'participa' ), '<textarea class="participa-ancho" rows="4" id="participa-as-agenda" name="agenda"></textarea>' )
		. $row( 'participa-as-minutes', __( 'Minutes', 'participa' ), '<textarea class="participa-ancho" rows="6" id="participa-as-minutes" name="minutes"></textarea>' )
		. $row( 'participa-as-agreements', __( 'Agreements', 'participa' ), '<textarea class="participa-ancho" rows="4" id="participa-as-agreements" name="agreements"></textarea>', __( 'One agreement per line.', 'participa' ) )
		. '</table>' . get_submit_button( __( 'Record the assembly', 'participa' ) ) . '</form>';
}

/** admin-post.php?action=participa_admin_assembly: Commitments::recordAssembly(). */
function participa_admin_assembly_post(): void {
	$site      = participa_admin_guard( 'participa_record_assemblies', 'participa_admin_assembly', 'participa-assemblies' );
	$lines     = static fn( string $field ) => array_values( array_filter( array_map( 'trim', preg_split( '/\R/', participa_admin_field( $field, true ) ) ), 'strlen' ) );
	$territory = participa_admin_field( 'territory' );
	$assembly  = array(
		'territory'  => $territory,
		'held_on'    => participa_admin_field( 'held_on' ),
		'place'      => participa_admin_field( 'place' ),
		'attendance' => (int) participa_admin_field( 'attendance' ),
		'attendees'  => $lines( 'attendees' ),
		'agenda'     => participa_admin_field( 'agenda', true ),
		'minutes'    => participa_admin_field( 'minutes', true ),
		'agreements' => $lines( 'agreements' ),
	);
	$r = participa_admin_try( static fn() => $site->commitments()->recordAssembly( $assembly, (string) participa_participant_id() ), 'assembly' );
	if ( is_array( $r ) ) {
		$made = (array) ( $r['commitments'] ?? array() );
		participa_admin_keep_notice(
			'success',
			$made
				/* translators: %s: commitment ids */
				? sprintf( __( 'The assembly was recorded. Its agreements are now the commitments %s.', 'participa' ), implode( ', ', $made ) )
				: __( 'The assembly was recorded. Its agreements became no commitments (the attendance is below the quorum, or there were none).', 'participa' )
		);
	}
	participa_admin_redirect( 'participa-assemblies', '' !== $territory ? array( 'territory' => $territory ) : array() );
}
add_action( 'admin_post_participa_admin_assembly', 'participa_admin_assembly_post' );
