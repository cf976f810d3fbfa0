<?php
/**
 * The processes screen: the YAML's processes with their state; for one
 * process its definition, closing the vote, counting it (Process::tally()),
 * the result, the anonymised ballots as a download (Process::exportBallots())
 * and paper batches entered twice by two people: through the extension's
 * fragment (Process::html() with show "paper") when this build has it, else
 * through a form of this screen calling Process::enterPaperBatch().
 *
 * The extension lists no processes (Site has process($id), no processes()):
 * their ids are read from the YAML's text (participa_admin_yaml_list_ids())
 * and each is opened through Site::process(), so an id the reading got
 * wrong is dropped; a process can also be opened by its id.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/**
 * The site's processes: id => info(), in the YAML's order (once per request).
 *
 * @param Participa\Site $site The site.
 */
function participa_admin_processes( Participa\Site $site ): array {
	static $found = null;
	if ( null !== $found ) {
		return $found;
	}
	$found = array();
	foreach ( participa_admin_yaml_list_ids( participa_admin_config_text( $site ), array( 'processes' ) ) as $id ) {
		try {
			$found[ $id ] = $site->process( $id )->info();
		} catch ( Participa\NotFoundException $e ) {
			continue;   // not a process after all
		} catch ( Participa\Exception $e ) {
			error_log( 'participa: process ' . $id . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		}
	}
	return $found;
}

/** A process's state in words. */
function participa_admin_state_label( string $state ): string {
	$labels = array(
		'scheduled' => __( 'not open yet', 'participa' ),
		'proposals' => __( 'receiving proposals', 'participa' ),
		'voting'    => __( 'voting open', 'participa' ),
		'closed'    => __( 'closed', 'participa' ),
	);
	return $labels[ $state ] ?? $state;
}

/** Participa > Processes: the list, or one process (&process=ID). */
function participa_admin_processes_page(): void {
	$site = participa_admin_open( __( 'Processes', 'participa' ) );
	if ( ! $site ) {
		return;
	}
	$id = participa_admin_arg( 'process' );
	if ( '' !== $id ) {
		participa_admin_process_view( $site, $id );
		participa_admin_close();
		return;
	}
	$rows = array();
	foreach ( participa_admin_processes( $site ) as $pid => $info ) {
		$link   = participa_admin_url( 'participa-processes', array( 'process' => $pid ) );
		$rows[] = array(
			'<a href="' . esc_url( $link ) . '">' . esc_html( $pid ) . '</a>',
			esc_html( (string) $info['title'] ),
			esc_html( $info['kind'] . ' / ' . $info['method'] ),
			esc_html( participa_admin_state_label( (string) $info['state'] ) ),
			esc_html( implode( ', ', (array) ( $info['channels'] ?? array() ) ) ),
			esc_html( (string) ( $info['phases']['voting']['to'] ?? '' ) ),
			'<a href="' . esc_url( $link ) . '">' . esc_html__( 'Manage', 'participa' ) . '</a>',
		);
	}
	echo participa_admin_table( // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.
		array( __( 'Id', 'participa' ), __( 'Title', 'participa' ), __( 'Kind / method', 'participa' ), __( 'State', 'participa' ), __( 'Channels', 'participa' ), __( 'Voting ends', 'participa' ), __( 'Actions', 'participa' ) ),
		$rows,
		__( 'The configuration has no processes.', 'participa' )
	);
	echo '<p class="participa-nota">' . esc_html__( 'The list is read from the processes section of the configuration file.', 'participa' ) . '</p>';
	echo '<form method="get" action="' . esc_url( admin_url( 'admin.php' ) ) . '"><input type="hidden" name="page" value="participa-processes">'
		. '<label for="participa-process-id">' . esc_html__( 'Open a process by its id', 'participa' ) . '</label> '
		. '<input type="text" id="participa-process-id" name="process" pattern="[A-Za-z0-9][A-Za-z0-9_.:-]*" required> '
		. get_submit_button( __( 'Open', 'participa' ), 'secondary', '', false ) . '</form>'; // phpcs:ignore WordPress.Security.EscapeOutput -- WordPress's button.
}

/**
 * One process: its definition, the officials' actions, its result and the paper batches.
 *
 * @param Participa\Site $site The site.
 * @param string         $id   The process.
 */
function participa_admin_process_view( Participa\Site $site, string $id ): void {
	echo '<p><a href="' . esc_url( participa_admin_url( 'participa-processes' ) ) . '">&larr; ' . esc_html__( 'All processes', 'participa' ) . '</a></p>';
	$process = participa_admin_try( static fn() => $site->process( $id ), 'process ' . $id );
	$info    = $process ? participa_admin_try( static fn() => $process->info(), 'info ' . $id ) : null;
	if ( ! is_array( $info ) ) {
		participa_admin_print_notices();
		return;
	}
	echo '<h2>' . esc_html( $info['title'] ) . '</h2>';
	$voting = (array) ( $info['phases']['voting'] ?? array() );
	$facts  = array(
		__( 'Id', 'participa' )                 => $id,
		__( 'Kind / method', 'participa' )      => $info['kind'] . ' / ' . $info['method'],
		__( 'State', 'participa' )              => participa_admin_state_label( (string) $info['state'] ),
		__( 'Voting', 'participa' )             => trim( ( $voting['from'] ?? '' ) . ' – ' . ( $voting['to'] ?? '' ) . ' (' . ( $info['timezone'] ?? '' ) . ')' ),
		__( 'Territory', 'participa' )          => (string) ( $info['territory'] ?? '' ),
		__( 'Secrecy', 'participa' )            => (string) ( $info['secrecy'] ?? '' ),
		__( 'Results visible', 'participa' )    => (string) ( $info['results_visibility'] ?? '' ),
		__( 'Channels', 'participa' )           => implode( ', ', (array) ( $info['channels'] ?? array() ) ),
		__( 'Options', 'participa' )            => implode( ', ', array_map( static fn( $c ) => (string) ( $c['name'] ?? $c['id'] ), (array) ( $info['candidates'] ?? $info['projects'] ?? array() ) ) ),
	);
	if ( ! empty( $info['closed_at'] ) ) {
		$facts[ __( 'Closed', 'participa' ) ] = participa_admin_time( (string) $info['closed_at'] ) . ' UTC' . ( ! empty( $info['closed_by'] ) ? ' — ' . participa_admin_name( (string) $info['closed_by'] ) : '' )
			. ( ! empty( $info['closed_how'] ) ? ' (' . $info['closed_how'] . ')' : '' );
	}
	echo '<table class="form-table" role="presentation">';
	foreach ( $facts as $label => $value ) {
		echo '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . esc_html( '' !== (string) $value ? (string) $value : '—' ) . '</td></tr>';
	}
	echo '</table>';

	if ( current_user_can( 'participa_manage_processes' ) ) {
		echo '<h3>' . esc_html__( 'Close and count', 'participa' ) . '</h3>';
		if ( 'closed' !== $info['state'] ) {
			echo participa_admin_form_open( 'participa_admin_process', array( 'process' => $id, 'op' => 'close' ) ) // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
				. '<p><label><input type="checkbox" name="confirm" value="1" required> ' . esc_html__( 'Voting ends now for everyone, before the scheduled end.', 'participa' ) . '</label></p>'
				. get_submit_button( __( 'Close voting now', 'participa' ), 'delete', 'submit', false ) . '</form>';
		}
		echo participa_admin_form_open( 'participa_admin_process', array( 'process' => $id, 'op' => 'tally' ) ) // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
			. '<p>' . esc_html__( 'Counting reads every ballot in the box and stores the result with the digest of the ballot list.', 'participa' ) . '</p>'
			. get_submit_button( __( 'Count the ballots', 'participa' ), 'primary', 'submit', false ) . '</form>';
	}

	echo '<h3>' . esc_html__( 'Result', 'participa' ) . '</h3>';
	echo participa_admin_process_result( $process, $info ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.

	if ( current_user_can( 'participa_manage_processes' ) ) {
		echo '<h3>' . esc_html__( 'Export the ballots', 'participa' ) . '</h3><p>';
		$formats = array( 'csv' => 'CSV', 'json' => 'JSON' );
		if ( 'participatory_budget' === ( $info['kind'] ?? '' ) ) {
			$formats['pabulib'] = 'Pabulib';
		}
		foreach ( $formats as $format => $label ) {
			$url = wp_nonce_url(
				add_query_arg(
					array(
						'action'  => 'participa_admin_ballots',
						'process' => $id,
						'format'  => $format,
					),
					admin_url( 'admin-post.php' )
				),
				'participa_admin_ballots'
			);
			echo '<a class="button" href="' . esc_url( $url ) . '">' . esc_html( $label ) . '</a> ';
		}
		echo '</p><p class="description">' . esc_html__( 'Anonymised, in the canonical order: anyone can recount them and recompute the digest.', 'participa' ) . '</p>';
	}

	if ( in_array( 'paper', (array) ( $info['channels'] ?? array() ), true ) && current_user_can( 'participa_enter_paper_ballots' ) ) {
		echo '<h3>' . esc_html__( 'Paper ballots', 'participa' ) . '</h3>'
			. '<p>' . esc_html__( 'Each batch is entered twice, by two different people, from the same tally sheet. It counts when both entries match; otherwise every ballot that differs is shown with both readings.', 'participa' ) . '</p>';
		if ( 'closed' === $info['state'] ) {
			echo '<p>' . esc_html__( 'Voting is closed: no more batches can be entered.', 'participa' ) . '</p>';
		} elseif ( method_exists( 'Participa\Process', 'html' ) ) {
			echo participa_admin_fragment( 'process', 'participa-processes', array( 'process' => $id ), 'papel', array( 'id' => $id, 'show' => 'paper' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- the extension's fragment.
		} else {
			echo participa_admin_missing_note( 'Participa\Process::html()', __( 'the batch is entered with the form below (Process::enterPaperBatch()).', 'participa' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
			echo participa_admin_paper_form( $id, (string) $info['method'] ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
		}
	}
}

/**
 * The result as the person looking may see it (Process::results()): the
 * winners, the ranking, the count of each option where the method has one,
 * the ballots by channel, the digest; or why it is not there.
 *
 * @param Participa\Process $process The process.
 * @param array             $info    Its info() (the options' names).
 */
function participa_admin_process_result( Participa\Process $process, array $info ): string {
	try {
		$r = $process->results( participa_participant_id() );
	} catch ( Participa\Exception $e ) {
		return '<p>' . esc_html( $e->publicMessage() ) . '</p>';
	}
	if ( empty( $r ) || ! isset( $r['winners'] ) ) {
		return '<p>' . esc_html__( 'Not counted yet.', 'participa' ) . '</p>';
	}
	$names = array();
	foreach ( (array) ( $info['candidates'] ?? array() ) as $o ) {
		$names[ (string) $o['id'] ] = (string) ( $o['name'] ?? $o['id'] );
	}
	$name  = static fn( $id ) => $names[ (string) $id ] ?? (string) $id;
	$list  = static fn( $ids ) => implode( ', ', array_map( static fn( $w ) => is_array( $w ) ? implode( ' = ', array_map( $name, $w ) ) : $name( $w ), (array) $ids ) );
	$facts = array(
		__( 'Winners', 'participa' ) => $list( $r['winners'] ),
		__( 'Ranking', 'participa' ) => $list( $r['ranking'] ?? array() ),
	);
	$counts = $r['details']['counts'] ?? null;
	if ( is_array( $counts ) ) {
		$facts[ __( 'Votes', 'participa' ) ] = implode( ', ', array_map( static fn( $id, $n ) => $name( $id ) . ': ' . number_format_i18n( (float) $n ), array_keys( $counts ), $counts ) );
	}
	$facts[ __( 'Ballots', 'participa' ) ] = sprintf(
		/* translators: 1: all ballots, 2: cast on the web, 3: entered from paper */
		__( '%1$s (%2$s web, %3$s paper)', 'participa' ),
		number_format_i18n( (int) ( $r['ballots'] ?? 0 ) ),
		number_format_i18n( (int) ( $r['web'] ?? 0 ) ),
		number_format_i18n( (int) ( $r['paper'] ?? 0 ) )
	);
	$facts[ __( 'Result', 'participa' ) ]           = ( empty( $r['final'] ) ? __( 'preliminary', 'participa' ) : __( 'final', 'participa' ) )
		. ( ! empty( $r['computed_at'] ) ? ' — ' . participa_admin_time( (string) $r['computed_at'] ) . ' UTC' : '' );
	$facts[ __( 'Digest (SHA-256)', 'participa' ) ] = (string) ( $r['digest'] ?? '' );
	$html = '<table class="form-table participa-resultado" role="presentation">';
	foreach ( $facts as $label => $value ) {
		$html .= '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . esc_html( '' !== $value ? $value : '—' ) . '</td></tr>';
	}
	return $html . '</table>';
}

/** admin-post.php?action=participa_admin_process: op close or tally. */
function participa_admin_process_post(): void {
	$site = participa_admin_guard( 'participa_manage_processes', 'participa_admin_process', 'participa-processes' );
	$id   = participa_admin_field( 'process' );
	$back = array( 'process' => $id );
	$op   = participa_admin_field( 'op' );
	if ( 'close' === $op ) {
		if ( '1' !== participa_admin_field( 'confirm' ) ) {
			participa_admin_keep_notice( 'warning', __( 'Voting was not closed: tick the box to confirm.', 'participa' ) );
			participa_admin_redirect( 'participa-processes', $back );
		}
		$done = participa_admin_try(
			static function () use ( $site, $id ) {
				$site->process( $id )->close( participa_participant_id() );
				return true;
			},
			'close ' . $id
		);
		if ( $done ) {
			participa_admin_keep_notice( 'success', __( 'Voting is closed.', 'participa' ) );
		}
	} elseif ( 'tally' === $op ) {
		$result = participa_admin_try( static fn() => $site->process( $id )->tally()->toArray(), 'tally ' . $id );
		if ( is_array( $result ) ) {
			participa_admin_keep_notice(
				'success',
				sprintf(
					/* translators: %s: the winners' ids */
					__( 'Counted. Winners: %s.', 'participa' ),
					'' !== implode( ', ', array_map( 'strval', (array) ( $result['winners'] ?? array() ) ) ) ? implode( ', ', array_map( 'strval', (array) $result['winners'] ) ) : '—'
				)
			);
		}
	}
	participa_admin_redirect( 'participa-processes', $back );
}
add_action( 'admin_post_participa_admin_process', 'participa_admin_process_post' );

/** admin-post.php?action=participa_admin_ballots&process=...&format=...: the ballots as a download. */
function participa_admin_ballots_get(): void {
	$site   = participa_admin_guard( 'participa_manage_processes', 'participa_admin_ballots', 'participa-processes' );
	$id     = participa_admin_arg( 'process' );
	$format = participa_admin_arg( 'format' );
	$types  = array(
		'csv'     => array( 'text/csv; charset=utf-8', 'csv' ),
		'json'    => array( 'application/json; charset=utf-8', 'json' ),
		'pabulib' => array( 'text/plain; charset=utf-8', 'pb' ),
	);
	if ( ! isset( $types[ $format ] ) ) {
		participa_admin_redirect( 'participa-processes', array( 'process' => $id ) );
	}
	$body = participa_admin_try( static fn() => $site->process( $id )->exportBallots( $format ), 'export ' . $id );
	if ( ! is_string( $body ) ) {
		participa_admin_redirect( 'participa-processes', array( 'process' => $id ) );
	}
	participa_admin_download( $body, $types[ $format ][0], 'boletas-' . $id . '.' . $types[ $format ][1] );
}
add_action( 'admin_post_participa_admin_ballots', 'participa_admin_ballots_get' );

/* ---- paper batches without the fragment ---- */

/**
 * How a ballot is written on one line for a method (the form's help).
 *
 * @param string $method The process's tally method.
 */
function participa_admin_ballot_help( string $method ): string {
	if ( in_array( $method, array( 'plurality', 'majority' ), true ) ) {
		return __( 'One ballot per line: the id of the chosen option.', 'participa' );
	}
	if ( in_array( $method, array( 'score', 'majority_judgment' ), true ) ) {
		return __( 'One ballot per line: option=grade pairs separated by commas (parque=4, biblioteca=2).', 'participa' );
	}
	if ( 'consensus' === $method ) {
		return __( 'One ballot per line: the stance (agree, stand_aside, block), or stance: reason.', 'participa' );
	}
	return __( 'One ballot per line: the option ids separated by commas, in order of preference where the method ranks (an empty line is an empty ballot).', 'participa' );
}

/**
 * One line of a paper batch as the ballot the method reads. A line that
 * starts with [ or { is JSON (any method).
 *
 * @param string $line   The line.
 * @param string $method The tally method.
 * @return mixed The ballot.
 */
function participa_admin_ballot_from_line( string $line, string $method ) {
	$line = trim( $line );
	if ( '' !== $line && ( '[' === $line[0] || '{' === $line[0] ) ) {
		$json = json_decode( $line, true );
		if ( null !== $json ) {
			return $json;
		}
	}
	if ( in_array( $method, array( 'plurality', 'majority' ), true ) ) {
		return $line;
	}
	$parts = '' === $line ? array() : array_map( 'trim', explode( ',', $line ) );
	if ( in_array( $method, array( 'score', 'majority_judgment' ), true ) ) {
		$scores = array();
		foreach ( $parts as $part ) {
			[ $option, $grade ] = array_pad( array_map( 'trim', explode( '=', $part, 2 ) ), 2, '' );
			$scores[ $option ] = is_numeric( $grade ) ? (int) $grade : $grade;
		}
		return $scores;
	}
	if ( 'consensus' === $method ) {
		[ $stance, $reason ] = array_pad( array_map( 'trim', explode( ':', $line, 2 ) ), 2, '' );
		return '' === $reason ? $stance : array(
			'stance' => $stance,
			'reason' => $reason,
		);
	}
	return $parts;
}

/**
 * The form of one entry of a paper batch.
 *
 * @param string $id     The process.
 * @param string $method Its tally method.
 */
function participa_admin_paper_form( string $id, string $method ): string {
	return participa_admin_form_open( 'participa_admin_paper', array( 'process' => $id ) )
		. '<table class="form-table" role="presentation">'
		. '<tr><th scope="row"><label for="participa-batch">' . esc_html__( 'Batch', 'participa' ) . '</label></th><td><input type="text" id="participa-batch" name="batch" required pattern="[A-Za-z0-9][A-Za-z0-9_.:-]*"></td></tr>'
		. '<tr><th scope="row"><label for="participa-assembly">' . esc_html__( 'Assembly (where it was voted)', 'participa' ) . '</label></th><td><input type="text" id="participa-assembly" name="assembly" required pattern="[A-Za-z0-9][A-Za-z0-9_.:-]*"></td></tr>'
		. '<tr><th scope="row"><label for="participa-sheet">' . esc_html__( 'Tally sheet', 'participa' ) . '</label></th><td><input type="text" id="participa-sheet" name="tally_sheet" required pattern="[A-Za-z0-9][A-Za-z0-9_.:-]*"></td></tr>'
		. '<tr><th scope="row"><label for="participa-ballots">' . esc_html__( 'Ballots', 'participa' ) . '</label></th><td><textarea class="participa-ancho code" rows="10" id="participa-ballots" name="ballots" aria-describedby="participa-ballots-help"></textarea>'
		. '<p class="description" id="participa-ballots-help">' . esc_html( participa_admin_ballot_help( $method ) ) . '</p></td></tr></table>'
		. get_submit_button( __( 'Enter this batch', 'participa' ) ) . '</form>';
}

/** admin-post.php?action=participa_admin_paper: Process::enterPaperBatch() with the form's lines. */
function participa_admin_paper_post(): void {
	$site = participa_admin_guard( 'participa_enter_paper_ballots', 'participa_admin_paper', 'participa-processes' );
	$id   = participa_admin_field( 'process' );
	$back = array( 'process' => $id );
	$info = participa_admin_try( static fn() => $site->process( $id )->info(), 'info ' . $id );
	if ( ! is_array( $info ) ) {
		participa_admin_redirect( 'participa-processes', $back );
	}
	$text    = participa_admin_field( 'ballots', true );
	$ballots = array();
	foreach ( preg_split( '/\R/', rtrim( $text ) ) as $line ) {
		$ballots[] = participa_admin_ballot_from_line( $line, (string) $info['method'] );
	}
	if ( '' === trim( $text ) ) {
		$ballots = array();
	}
	$batch = participa_admin_field( 'batch' );
	$r     = participa_admin_try(
		static fn() => $site->process( $id )->enterPaperBatch( (string) participa_participant_id(), $batch, participa_admin_field( 'assembly' ), participa_admin_field( 'tally_sheet' ), $ballots ),
		'paper ' . $id
	);
	if ( is_array( $r ) ) {
		if ( 'pending' === $r['status'] ) {
			/* translators: 1: a batch id, 2: a number of ballots */
			participa_admin_keep_notice( 'success', sprintf( __( 'Batch %1$s entered once (%2$s ballots). Another person must now enter it from the same tally sheet.', 'participa' ), $batch, number_format_i18n( (int) $r['ballots'] ) ) );
		} elseif ( 'counted' === $r['status'] ) {
			/* translators: 1: a batch id, 2: a number of ballots */
			participa_admin_keep_notice( 'success', sprintf( __( 'Both entries of batch %1$s match: its %2$s ballots are counted.', 'participa' ), $batch, number_format_i18n( (int) $r['ballots'] ) ) );
		} else {
			participa_admin_keep_notice( 'error', sprintf( /* translators: %s: a batch id */ __( 'The two entries of batch %s differ: nothing was counted. Check the tally sheet and enter it again.', 'participa' ), $batch ), participa_admin_paper_mismatches( $r ) );
		}
	}
	participa_admin_redirect( 'participa-processes', $back );
}
add_action( 'admin_post_participa_admin_paper', 'participa_admin_paper_post' );

/**
 * The differences of a batch's two entries, as lines.
 *
 * @param array $r enterPaperBatch()'s answer.
 */
function participa_admin_paper_mismatches( array $r ): array {
	$show  = static fn( $b ) => null === $b ? __( '(no ballot)', 'participa' ) : ( is_string( $b ) ? $b : (string) wp_json_encode( $b, JSON_UNESCAPED_UNICODE ) );
	$lines = array();
	if ( ! empty( $r['header_mismatch'] ) ) {
		$lines[] = __( 'The assembly or the tally sheet differ between the entries.', 'participa' );
	}
	if ( ! empty( $r['count_mismatch'] ) ) {
		$lines[] = __( 'The entries have a different number of ballots.', 'participa' );
	}
	foreach ( (array) ( $r['mismatches'] ?? array() ) as $m ) {
		$lines[] = sprintf(
			/* translators: 1: a ballot's position in the batch, 2: the first reading, 3: who entered it, 4: the second reading, 5: who entered it */
			__( 'Ballot %1$s: "%2$s" (%3$s) / "%4$s" (%5$s)', 'participa' ),
			(string) $m['position'],
			$show( $m['first'] ?? null ),
			participa_admin_name( (string) ( $m['first_by'] ?? '' ) ),
			$show( $m['second'] ?? null ),
			participa_admin_name( (string) ( $m['second_by'] ?? '' ) )
		);
	}
	return $lines;
}
