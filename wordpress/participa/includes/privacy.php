<?php
/**
 * WordPress's privacy tools (Tools > Export / Erase Personal Data) call
 * participa's ARCO access and cancellation: Participants::export() and
 * erase() of the user's participant "wp:<ID>". The requests are confirmed by
 * e-mail and run by an administrator, as WordPress's own.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** The participant of the e-mail address of a privacy request, or null. */
function participa_privacy_participant( string $email ): ?string {
	$user = get_user_by( 'email', $email );
	return $user ? participa_participant_id( $user ) : null;
}

/** The export's sections (Participants::export()'s tables) in words; an unknown one keeps its name. */
function participa_privacy_sections(): array {
	return array(
		'participant'          => __( 'Your participant record', 'participa' ),
		'roles'                => __( 'Your roles', 'participa' ),
		'comments'             => __( 'Your comments', 'participa' ),
		'comment_versions'     => __( 'Earlier versions of your comments', 'participa' ),
		'reactions'            => __( 'Your votes on comments', 'participa' ),
		'flags'                => __( 'Comments you reported', 'participa' ),
		'mentions'             => __( 'Mentions of you', 'participa' ),
		'official_answers'     => __( 'Official answers you marked', 'participa' ),
		'moderation_log'       => __( 'Moderation records about you or by you', 'participa' ),
		'votes'                => __( 'Processes you voted in', 'participa' ),
		'cast_keys'            => __( 'Your voting requests', 'participa' ),
		'public_ballots'       => __( 'Your ballots in public votes', 'participa' ),
		'proposals'            => __( 'Your proposals', 'participa' ),
		'withdrawals'          => __( 'Proposals you withdrew', 'participa' ),
		'paper_batches'        => __( 'Paper ballot batches you entered', 'participa' ),
		'commitment_events'    => __( 'Commitment updates you made', 'participa' ),
		'commitment_evidence'  => __( 'Evidence you added to commitments', 'participa' ),
		'assemblies_recorded'  => __( 'Assemblies you recorded', 'participa' ),
		'assembly_attendance'  => __( 'Assemblies you attended', 'participa' ),
	);
}

/**
 * The exporter: one group per participa table, one item per row.
 *
 * @param string $email The address of the request.
 * @param int    $page  Unused: participa answers everything in one page.
 */
function participa_privacy_export( string $email, int $page = 1 ): array {
	$id   = participa_privacy_participant( $email );
	$site = participa_site();
	if ( null === $id || ! $site ) {
		return array( 'data' => array(), 'done' => true );
	}
	$export = $site->participants()->export( $id );
	$labels = participa_privacy_sections();
	$data   = array();
	foreach ( (array) ( $export['tables'] ?? array() ) as $section => $rows ) {
		foreach ( array_values( (array) $rows ) as $i => $row ) {
			$fields = array();
			foreach ( (array) $row as $name => $value ) {
				$fields[] = array(
					'name'  => (string) $name,
					'value' => is_scalar( $value ) || null === $value ? (string) $value : wp_json_encode( $value, JSON_UNESCAPED_UNICODE ),
				);
			}
			$data[] = array(
				'group_id'          => 'participa-' . sanitize_key( (string) $section ),
				/* translators: %s: a part of the export, such as "Your comments" */
				'group_label'       => sprintf( __( 'Participation: %s', 'participa' ), $labels[ $section ] ?? (string) $section ),
				'group_description' => __( 'What participa keeps about you: your comments, reactions, votes (never a secret ballot) and other records.', 'participa' ),
				'item_id'           => 'participa-' . sanitize_key( (string) $section ) . '-' . $i,
				'data'              => $fields,
			);
		}
	}
	if ( ! empty( $export['yaml_assignments'] ) ) {
		$data[] = array(
			'group_id'    => 'participa-yaml',
			'group_label' => __( 'Participation: roles in the site configuration', 'participa' ),
			'item_id'     => 'participa-yaml-assignments',
			'data'        => array(
				array(
					'name'  => 'assignments',
					'value' => wp_json_encode( $export['yaml_assignments'], JSON_UNESCAPED_UNICODE ),
				),
			),
		);
	}
	return array( 'data' => $data, 'done' => true );
}

/**
 * The eraser: erases or anonymises the participant; what the law keeps is
 * reported as retained.
 *
 * @param string $email The address of the request.
 * @param int    $page  Unused.
 */
function participa_privacy_erase( string $email, int $page = 1 ): array {
	$id   = participa_privacy_participant( $email );
	$site = participa_site();
	$done = array( 'items_removed' => false, 'items_retained' => false, 'messages' => array(), 'done' => true );
	if ( null === $id || ! $site ) {
		return $done;
	}
	$result  = $site->participants()->erase( $id );
	$removed = 0;
	foreach ( $result as $table => $count ) {
		if ( is_int( $count ) && 'kept' !== $table ) {
			$removed += $count;
		}
	}
	$done['items_removed'] = $removed > 0;
	if ( ! empty( $result['kept'] ) ) {
		$done['items_retained'] = true;
		$done['messages'][]     = sprintf(
			/* translators: %s: the records participa must keep, e.g. "commitment_events" */
			__( 'Participation: some records are kept as the law requires, under a pseudonym: %s.', 'participa' ),
			implode( ', ', array_map( 'strval', array_keys( (array) $result['kept'] ) ) )
		);
	}
	delete_user_meta( (int) substr( $id, 3 ), PARTICIPA_TERRITORY_META );
	return $done;
}

add_filter(
	'wp_privacy_personal_data_exporters',
	static function ( $exporters ) {
		$exporters['participa'] = array(
			'exporter_friendly_name' => __( 'Participation (participa)', 'participa' ),
			'callback'               => 'participa_privacy_export',
		);
		return $exporters;
	}
);

add_filter(
	'wp_privacy_personal_data_erasers',
	static function ( $erasers ) {
		$erasers['participa'] = array(
			'eraser_friendly_name' => __( 'Participation (participa)', 'participa' ),
			'callback'             => 'participa_privacy_erase',
		);
		return $erasers;
	}
);
