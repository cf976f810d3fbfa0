<?php
/**
 * The commitments screen: the plan's commitments as a list; one commitment's
 * progress edited with evidence through Commitments::update(), with its
 * history; a CSV export; and a CSV import in two steps: a dry run
 * (Commitments::import($data, 'csv', true)) whose preview lists every change
 * and every error with its row and column, then the same file imported for
 * real. The file waits between the two steps in a transient of the person
 * who sent it (half an hour).
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

define( 'PARTICIPA_ADMIN_IMPORT_MAX', 2 * MB_IN_BYTES );
define( 'PARTICIPA_ADMIN_IMPORT_TTL', 30 * MINUTE_IN_SECONDS );

/** Participa > Commitments: the list, one commitment (&commitment=ID) or an import's preview (&import=KEY). */
function participa_admin_commitments_page(): void {
	$site = participa_admin_open( __( 'Commitments', 'participa' ) );
	if ( ! $site ) {
		return;
	}
	$id     = participa_admin_arg( 'commitment' );
	$import = participa_admin_arg( 'import' );
	if ( '' !== $id ) {
		participa_admin_commitment_view( $site, $id );
	} elseif ( '' !== $import ) {
		participa_admin_import_preview( $import );
	} else {
		participa_admin_commitments_list( $site );
	}
	participa_admin_close();
}

/** The plans that have commitments: id => title (Commitments::summary('plan')). */
function participa_admin_plans( Participa\Site $site ): array {
	$plans   = array();
	$summary = participa_admin_try( static fn() => $site->commitments()->summary( 'plan', array( 'all_levels' => true ) ), 'summary' );
	foreach ( (array) ( $summary['groups'] ?? array() ) as $g ) {
		$plans[ (string) $g['key'] ] = (string) ( $g['label'] ?? $g['key'] );
	}
	return $plans;
}

/**
 * The list of one plan's commitments, the export link and the import form.
 *
 * @param Participa\Site $site The site.
 */
function participa_admin_commitments_list( Participa\Site $site ): void {
	$plans = participa_admin_plans( $site );
	$plan  = participa_admin_arg( 'plan' );
	if ( ! isset( $plans[ $plan ] ) ) {
		$plan = (string) array_key_first( $plans );
	}
	if ( count( $plans ) > 1 ) {
		echo '<form method="get" action="' . esc_url( admin_url( 'admin.php' ) ) . '"><input type="hidden" name="page" value="participa-commitments">'
			. '<label for="participa-plan">' . esc_html__( 'Plan', 'participa' ) . '</label> <select id="participa-plan" name="plan">';
		foreach ( $plans as $key => $title ) {
			echo '<option value="' . esc_attr( $key ) . '"' . selected( $plan, $key, false ) . '>' . esc_html( $title ) . '</option>';
		}
		echo '</select> ' . get_submit_button( __( 'Show', 'participa' ), 'secondary', '', false ) . '</form>'; // phpcs:ignore WordPress.Security.EscapeOutput -- WordPress's button.
	}
	$list = '' !== $plan ? participa_admin_try( static fn() => $site->commitments()->list( array( 'plan' => $plan ) ), 'list' ) : array();
	$rows = array();
	foreach ( (array) $list as $c ) {
		$link   = participa_admin_url( 'participa-commitments', array( 'commitment' => (string) $c['id'] ) );
		$rows[] = array(
			'<a href="' . esc_url( $link ) . '">' . esc_html( (string) $c['id'] ) . '</a>',
			str_repeat( '— ', (int) ( $c['depth'] ?? 0 ) ) . esc_html( (string) $c['title'] ),
			esc_html( (string) ( $c['status_label'] ?? $c['status'] ) ),
			esc_html( number_format_i18n( (float) $c['progress'], 0 ) . ' %' ),
			esc_html( (string) ( $c['light_label'] ?? '' ) ),
			esc_html( (string) ( $c['due_date'] ?? '' ) ),
			'<a href="' . esc_url( $link ) . '">' . esc_html__( 'Update progress', 'participa' ) . '</a>',
		);
	}
	if ( '' !== $plan ) {
		/* translators: %s: a plan's title */
		echo '<h2>' . esc_html( sprintf( __( 'Commitments of %s', 'participa' ), $plans[ $plan ] ) ) . '</h2>';
	}
	echo participa_admin_table( // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.
		array( __( 'Id', 'participa' ), __( 'Title', 'participa' ), __( 'Status', 'participa' ), __( 'Progress', 'participa' ), __( 'Traffic light', 'participa' ), __( 'Due', 'participa' ), __( 'Actions', 'participa' ) ),
		$rows,
		__( 'No commitments yet. Import them from a CSV file below.', 'participa' )
	);
	if ( '' !== $plan ) {
		$export = wp_nonce_url(
			add_query_arg(
				array(
					'action' => 'participa_admin_commitments_export',
					'plan'   => $plan,
				),
				admin_url( 'admin-post.php' )
			),
			'participa_admin_commitments_export'
		);
		echo '<p><a class="button" href="' . esc_url( $export ) . '">' . esc_html__( 'Export this plan as CSV', 'participa' ) . '</a></p>';
	}

	echo '<h2>' . esc_html__( 'Import from CSV', 'participa' ) . '</h2>'
		. '<p>' . esc_html__( 'The columns of the export (id, plan, parent, title, ... status, progress, evidence, milestones). Rows are matched by id: new ids are created, known ones updated. First you see what would change; nothing is written until you confirm.', 'participa' ) . '</p>';
	echo participa_admin_form_open( 'participa_admin_commitments_import', array( 'step' => 'preview' ), 'enctype="multipart/form-data"' ) // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
		. '<table class="form-table" role="presentation"><tr><th scope="row"><label for="participa-csv-file">' . esc_html__( 'CSV file', 'participa' ) . '</label></th>'
		. '<td><input type="file" id="participa-csv-file" name="csv_file" accept=".csv,text/csv"></td></tr>'
		. '<tr><th scope="row"><label for="participa-csv-text">' . esc_html__( 'Or paste it here', 'participa' ) . '</label></th>'
		. '<td><textarea class="participa-ancho code" rows="8" id="participa-csv-text" name="csv_text"></textarea></td></tr></table>'
		. get_submit_button( __( 'Preview the import', 'participa' ), 'primary' ) . '</form>';
}

/**
 * One commitment: what it is, the progress form, its evidence and history.
 *
 * @param Participa\Site $site The site.
 * @param string         $id   The commitment.
 */
function participa_admin_commitment_view( Participa\Site $site, string $id ): void {
	$c = participa_admin_try( static fn() => $site->commitments()->get( $id ), 'get' );
	echo '<p><a href="' . esc_url( participa_admin_url( 'participa-commitments', is_array( $c ) ? array( 'plan' => (string) $c['plan'] ) : array() ) ) . '">&larr; ' . esc_html__( 'All commitments', 'participa' ) . '</a></p>';
	if ( ! is_array( $c ) ) {
		/* translators: %s: a commitment id */
		echo '<div class="notice notice-error inline"><p>' . esc_html( sprintf( __( 'There is no commitment %s.', 'participa' ), $id ) ) . '</p></div>';
		return;
	}
	echo '<h2>' . esc_html( $c['id'] . ' — ' . $c['title'] ) . '</h2>';
	$facts = array(
		__( 'Status', 'participa' )        => (string) ( $c['status_label'] ?? $c['status'] ),
		__( 'Progress', 'participa' )      => number_format_i18n( (float) $c['progress'], 2 ) . ' %',
		__( 'Traffic light', 'participa' ) => (string) ( $c['light_label'] ?? '' ),
		__( 'Agency', 'participa' )        => (string) ( $c['agency_name'] ?? $c['agency'] ?? '' ),
		__( 'Territory', 'participa' )     => (string) ( $c['territory'] ?? '' ),
		__( 'Dates', 'participa' )         => trim( (string) ( $c['start_date'] ?? '' ) . ' – ' . (string) ( $c['due_date'] ?? '' ), ' –' ),
	);
	echo '<table class="form-table" role="presentation">';
	foreach ( $facts as $label => $value ) {
		echo '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . esc_html( '' !== $value ? $value : '—' ) . '</td></tr>';
	}
	echo '</table>';

	// The statuses of the configuration, read from its text (the extension lists none; it checks
	// the transition), labelled where a commitment already has them.
	$statuses = array_fill_keys( participa_admin_yaml_list_ids( participa_admin_config_text( $site ), array( 'commitments', 'statuses' ) ), '' );
	$summary  = participa_admin_try( static fn() => $site->commitments()->summary( 'status', array( 'all_levels' => true ) ), 'summary' );
	foreach ( (array) ( $summary['groups'] ?? array() ) as $g ) {
		$statuses[ (string) $g['key'] ] = (string) $g['label'];
	}
	$statuses[ (string) $c['status'] ] = (string) ( $c['status_label'] ?? $c['status'] );
	echo '<h3>' . esc_html__( 'Update progress', 'participa' ) . '</h3>';
	echo participa_admin_form_open( 'participa_admin_commitment_update', array( 'commitment' => $id ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
	echo '<table class="form-table" role="presentation">'
		. '<tr><th scope="row"><label for="participa-status">' . esc_html__( 'Status', 'participa' ) . '</label></th><td>'
		. '<input type="text" class="regular-text" id="participa-status" name="status" list="participa-statuses" value="' . esc_attr( (string) $c['status'] ) . '"><datalist id="participa-statuses">';
	foreach ( $statuses as $key => $label ) {
		echo '<option value="' . esc_attr( (string) $key ) . '">' . esc_html( '' !== $label ? $label : (string) $key ) . '</option>';
	}
	echo '</datalist><p class="description">' . esc_html__( 'The id of a status of the configuration; the change must be one your role may make.', 'participa' ) . '</p></td></tr>'
		. '<tr><th scope="row"><label for="participa-progress">' . esc_html__( 'Progress (%)', 'participa' ) . '</label></th><td>'
		. '<input type="number" min="0" max="100" step="0.01" id="participa-progress" name="progress" value="' . esc_attr( (string) (float) $c['progress'] ) . '"></td></tr>'
		. '<tr><th scope="row"><label for="participa-note">' . esc_html__( 'Note for the history', 'participa' ) . '</label></th><td>'
		. '<textarea class="participa-ancho" rows="3" id="participa-note" name="note"></textarea></td></tr>'
		. '<tr><th scope="row">' . esc_html__( 'New evidence', 'participa' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'New evidence', 'participa' ) . '</legend>'
		. '<p><label for="participa-evidence-url">' . esc_html__( 'Link (http or https)', 'participa' ) . '</label><br><input type="url" class="regular-text" id="participa-evidence-url" name="evidence_url"></p>'
		. '<p><label for="participa-evidence-description">' . esc_html__( 'Description', 'participa' ) . '</label><br><input type="text" class="regular-text" id="participa-evidence-description" name="evidence_description" maxlength="500"></p>'
		. '<p><label for="participa-evidence-date">' . esc_html__( 'Date', 'participa' ) . '</label><br><input type="date" id="participa-evidence-date" name="evidence_date"></p>'
		. '</fieldset></td></tr></table>'
		. get_submit_button( __( 'Save progress', 'participa' ) ) . '</form>'; // phpcs:ignore WordPress.Security.EscapeOutput -- WordPress's button.

	echo '<h3>' . esc_html__( 'Evidence', 'participa' ) . '</h3>';
	$rows = array();
	foreach ( (array) ( $c['evidence'] ?? array() ) as $e ) {
		$url    = (string) ( $e['url'] ?? '' );
		$rows[] = array(
			esc_html( (string) ( $e['date'] ?? '' ) ),
			esc_html( (string) ( $e['description'] ?? '' ) ),
			'' !== $url ? '<a href="' . esc_url( $url ) . '">' . esc_html( $url ) . '</a>' : esc_html( (string) ( $e['reference'] ?? '' ) ),
		);
	}
	echo participa_admin_table( array( __( 'Date', 'participa' ), __( 'Description', 'participa' ), __( 'Link', 'participa' ) ), $rows, __( 'No evidence yet.', 'participa' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.

	echo '<h3>' . esc_html__( 'History', 'participa' ) . '</h3>';
	$history = participa_admin_try( static fn() => $site->commitments()->history( $id ), 'history' );
	$rows    = array();
	foreach ( array_reverse( (array) $history ) as $h ) {
		$changed = array();
		foreach ( (array) ( $h['changes'] ?? array() ) as $field => $pair ) {
			$changed[] = $field . ': ' . participa_admin_change_text( $pair );
		}
		$rows[] = array(
			esc_html( participa_admin_time( (string) ( $h['at'] ?? '' ) ) ),
			esc_html( participa_admin_name( (string) ( $h['actor'] ?? '' ) ) ),
			esc_html( (string) ( $h['action'] ?? '' ) ),
			esc_html( implode( '; ', $changed ) ),
			esc_html( (string) ( $h['note'] ?? '' ) ),
		);
	}
	echo participa_admin_table( array( __( 'When (UTC)', 'participa' ), __( 'By', 'participa' ), __( 'Action', 'participa' ), __( 'Changes', 'participa' ), __( 'Note', 'participa' ) ), $rows, __( 'No history.', 'participa' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.
}

/**
 * A change [old, new] as text ("0.00 → 40.00", or the new value of a new field).
 *
 * @param mixed $pair The extension's [before, after].
 */
function participa_admin_change_text( $pair ): string {
	$show = static fn( $v ) => is_scalar( $v ) || null === $v ? (string) $v : (string) wp_json_encode( $v, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	if ( ! is_array( $pair ) || ! array_key_exists( 0, $pair ) || ! array_key_exists( 1, $pair ) ) {
		return $show( $pair );
	}
	$before = $show( $pair[0] );
	return '' === $before ? $show( $pair[1] ) : $before . ' → ' . $show( $pair[1] );
}

/** admin-post.php?action=participa_admin_commitment_update: Commitments::update() with the form's changes. */
function participa_admin_commitment_update_post(): void {
	$site = participa_admin_guard( 'participa_update_commitments', 'participa_admin_commitment_update', 'participa-commitments' );
	$id   = participa_admin_field( 'commitment' );
	$back = array( 'commitment' => $id );
	$now  = participa_admin_try( static fn() => $site->commitments()->get( $id ), 'get' );
	if ( ! is_array( $now ) ) {
		participa_admin_redirect( 'participa-commitments' );
	}
	$changes = array();
	$status  = participa_admin_field( 'status' );
	if ( '' !== $status && $status !== (string) $now['status'] ) {
		$changes['status'] = $status;
	}
	$progress = participa_admin_field( 'progress' );
	if ( '' !== $progress ) {
		if ( ! is_numeric( $progress ) ) {
			participa_admin_keep_notice( 'error', __( 'The progress must be a number from 0 to 100.', 'participa' ) );
			participa_admin_redirect( 'participa-commitments', $back );
		}
		if ( abs( (float) $progress - (float) $now['progress'] ) > 0.0001 ) {
			$changes['progress'] = (float) $progress;
		}
	}
	$evidence = array_filter(
		array(
			'url'         => esc_url_raw( participa_admin_field( 'evidence_url' ), array( 'http', 'https' ) ),
			'description' => participa_admin_field( 'evidence_description' ),
			'date'        => participa_admin_field( 'evidence_date' ),
		),
		'strlen'
	);
	if ( isset( $evidence['url'] ) || isset( $evidence['description'] ) ) {
		$changes['add_evidence'] = $evidence;
	}
	$note = participa_admin_field( 'note', true );
	if ( ! $changes ) {
		participa_admin_keep_notice( 'warning', __( 'Nothing changed: give a new status, progress or evidence.', 'participa' ) );
		participa_admin_redirect( 'participa-commitments', $back );
	}
	$by     = (string) participa_participant_id();
	$result = participa_admin_try( static fn() => $site->commitments()->update( $id, $changes, $by, $note ), 'update ' . $id );
	if ( is_array( $result ) ) {
		participa_admin_keep_notice(
			'success',
			sprintf(
				/* translators: 1: a commitment id, 2: its status, 3: its progress */
				__( 'Commitment %1$s saved: %2$s, %3$s %%.', 'participa' ),
				$id,
				(string) ( $result['status_label'] ?? $result['status'] ),
				number_format_i18n( (float) $result['progress'], 2 )
			)
		);
		/**
		 * After a commitment was updated from wp-admin (notifications tell its followers).
		 *
		 * @param array  $result  Commitments::get() after the change.
		 * @param array  $changes What was changed (status, progress, add_evidence).
		 * @param string $by      The participant who changed it.
		 * @param string $note    The history's note.
		 */
		do_action( 'participa_commitment_updated', $result, $changes, $by, $note );
	}
	participa_admin_redirect( 'participa-commitments', $back );
}
add_action( 'admin_post_participa_admin_commitment_update', 'participa_admin_commitment_update_post' );

/** admin-post.php?action=participa_admin_commitments_export&plan=...: the plan's CSV as a download. */
function participa_admin_commitments_export_get(): void {
	$site = participa_admin_guard( 'participa_update_commitments', 'participa_admin_commitments_export', 'participa-commitments' );
	$plan = participa_admin_arg( 'plan' );
	$csv  = participa_admin_try( static fn() => $site->commitments()->export( 'csv', $plan, array( 'bom' => true ) ), 'export' );
	if ( ! is_string( $csv ) ) {
		participa_admin_redirect( 'participa-commitments' );
	}
	participa_admin_download( $csv, 'text/csv; charset=utf-8', 'compromisos-' . $plan . '.csv' );
}
add_action( 'admin_post_participa_admin_commitments_export', 'participa_admin_commitments_export_get' );

/**
 * Sends a file as a download and ends the request.
 *
 * @param string $body The file.
 * @param string $type Its content type.
 * @param string $name The file name offered.
 */
function participa_admin_download( string $body, string $type, string $name ): void {
	if ( ! headers_sent() ) {
		nocache_headers();
		header( 'Content-Type: ' . $type );
		header( 'Content-Disposition: attachment; filename="' . sanitize_file_name( $name ) . '"' );
		header( 'X-Content-Type-Options: nosniff' );
	}
	echo $body; // phpcs:ignore WordPress.Security.EscapeOutput -- a file download, not HTML.
	/**
	 * After a download was sent, before the request ends.
	 *
	 * @param string $name The file name.
	 * @param string $type The content type.
	 */
	do_action( 'participa_admin_download_sent', $name, $type );
	exit;
}

/** The transient of an import waiting for confirmation. */
function participa_admin_import_key( string $token ): string {
	return 'participa_import_' . get_current_user_id() . '_' . $token;
}

/**
 * admin-post.php?action=participa_admin_commitments_import: step "preview"
 * runs the dry run on the sent file and shows it; step "apply" imports the
 * file that was previewed.
 */
function participa_admin_commitments_import_post(): void {
	$site = participa_admin_guard( 'participa_update_commitments', 'participa_admin_commitments_import', 'participa-commitments' );
	$by   = (string) participa_participant_id();
	if ( 'apply' === participa_admin_field( 'step' ) ) {
		$token = preg_replace( '/[^a-z0-9]/', '', participa_admin_field( 'import' ) );
		$kept  = get_transient( participa_admin_import_key( $token ) );
		if ( ! is_array( $kept ) || ! isset( $kept['data'] ) ) {
			participa_admin_keep_notice( 'error', __( 'That import is no longer waiting (it expires after half an hour). Send the file again.', 'participa' ) );
			participa_admin_redirect( 'participa-commitments' );
		}
		$result = participa_admin_try( static fn() => $site->commitments()->import( (string) $kept['data'], 'csv', false, $by ), 'import' );
		if ( is_array( $result ) ) {
			delete_transient( participa_admin_import_key( $token ) );
			if ( $result['errors'] ) {
				participa_admin_keep_notice( 'error', __( 'The import was refused: nothing was written.', 'participa' ), participa_admin_import_errors( $result['errors'] ) );
			} else {
				participa_admin_keep_notice(
					'success',
					sprintf(
						/* translators: %s: a number of commitments */
						_n( 'Imported: %s commitment created or updated.', 'Imported: %s commitments created or updated.', (int) $result['applied'], 'participa' ),
						number_format_i18n( (int) $result['applied'] )
					)
				);
			}
		}
		participa_admin_redirect( 'participa-commitments' );
	}

	// phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked in participa_admin_guard().
	$file = isset( $_FILES['csv_file'] ) && is_array( $_FILES['csv_file'] ) ? $_FILES['csv_file'] : null;
	if ( $file && UPLOAD_ERR_OK === (int) ( $file['error'] ?? UPLOAD_ERR_NO_FILE ) && is_uploaded_file( (string) $file['tmp_name'] ) ) {
		if ( (int) $file['size'] > PARTICIPA_ADMIN_IMPORT_MAX ) {
			participa_admin_keep_notice( 'error', __( 'The file is too large (2 MB at most).', 'participa' ) );
			participa_admin_redirect( 'participa-commitments' );
		}
		$data = (string) file_get_contents( (string) $file['tmp_name'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- an uploaded file.
	} else {
		// A pasted file keeps its own bytes (sanitize_textarea_field() would change them): only unslashed.
		$data = isset( $_POST['csv_text'] ) && is_string( $_POST['csv_text'] ) ? (string) wp_unslash( $_POST['csv_text'] ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Missing,WordPress.Security.ValidatedSanitizedInput -- checked in participa_admin_guard(); the extension validates every cell.
	}
	if ( '' === trim( $data ) ) {
		participa_admin_keep_notice( 'error', __( 'Choose a CSV file or paste its text.', 'participa' ) );
		participa_admin_redirect( 'participa-commitments' );
	}
	if ( strlen( $data ) > PARTICIPA_ADMIN_IMPORT_MAX ) {
		participa_admin_keep_notice( 'error', __( 'The file is too large (2 MB at most).', 'participa' ) );
		participa_admin_redirect( 'participa-commitments' );
	}
	$result = participa_admin_try( static fn() => $site->commitments()->import( $data, 'csv', true, $by ), 'import dry run' );
	if ( ! is_array( $result ) ) {
		participa_admin_redirect( 'participa-commitments' );
	}
	$token = strtolower( wp_generate_password( 20, false, false ) );
	set_transient(
		participa_admin_import_key( $token ),
		array(
			'data'   => $data,
			'result' => $result,
			'at'     => time(),
		),
		PARTICIPA_ADMIN_IMPORT_TTL
	);
	participa_admin_redirect( 'participa-commitments', array( 'import' => $token ) );
}
add_action( 'admin_post_participa_admin_commitments_import', 'participa_admin_commitments_import_post' );

/**
 * An import's errors as lines ("Row 5, column theme: ...").
 *
 * @param array $errors Commitments::import()'s errors.
 */
function participa_admin_import_errors( array $errors ): array {
	$out = array();
	foreach ( $errors as $e ) {
		$out[] = sprintf(
			/* translators: 1: a row number of the file, 2: a column name, 3: the problem */
			__( 'Row %1$s, column %2$s: %3$s', 'participa' ),
			(string) ( $e['row'] ?? '?' ),
			(string) ( $e['column'] ?? '?' ),
			(string) ( $e['message'] ?? '' )
		);
	}
	return $out;
}

/**
 * The preview of a dry run: the errors (then nothing can be imported) or the
 * changes row by row, and the button that imports the same file.
 *
 * @param string $token The waiting import.
 */
function participa_admin_import_preview( string $token ): void {
	echo '<p><a href="' . esc_url( participa_admin_url( 'participa-commitments' ) ) . '">&larr; ' . esc_html__( 'All commitments', 'participa' ) . '</a></p>';
	$kept = get_transient( participa_admin_import_key( $token ) );
	if ( ! is_array( $kept ) || ! is_array( $kept['result'] ?? null ) ) {
		echo '<div class="notice notice-error inline"><p>' . esc_html__( 'That import is no longer waiting (it expires after half an hour). Send the file again.', 'participa' ) . '</p></div>';
		return;
	}
	$result = $kept['result'];
	echo '<h2>' . esc_html__( 'Import preview (dry run: nothing was written)', 'participa' ) . '</h2>';
	if ( $result['errors'] ) {
		echo '<div class="notice notice-error inline"><p>' . esc_html(
			sprintf(
				/* translators: %s: a number of problems */
				_n( 'The file has %s problem. Nothing can be imported until it is fixed: correct the file and send it again.', 'The file has %s problems. Nothing can be imported until they are fixed: correct the file and send it again.', count( $result['errors'] ), 'participa' ),
				number_format_i18n( count( $result['errors'] ) )
			)
		) . '</p></div>';
		$rows = array();
		foreach ( $result['errors'] as $e ) {
			$rows[] = array( esc_html( (string) ( $e['row'] ?? '' ) ), esc_html( (string) ( $e['column'] ?? '' ) ), esc_html( (string) ( $e['message'] ?? '' ) ) );
		}
		echo '<div class="participa-problemas">' . participa_admin_table( array( __( 'Row', 'participa' ), __( 'Column', 'participa' ), __( 'Problem', 'participa' ) ), $rows, '' ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.
		return;
	}
	$count = array(
		'create'    => 0,
		'update'    => 0,
		'unchanged' => 0,
	);
	$rows  = array();
	$names = array(
		'create'    => __( 'new', 'participa' ),
		'update'    => __( 'changed', 'participa' ),
		'unchanged' => __( 'unchanged', 'participa' ),
	);
	foreach ( (array) $result['changes'] as $ch ) {
		$action           = (string) ( $ch['action'] ?? '' );
		$count[ $action ] = ( $count[ $action ] ?? 0 ) + 1;
		$lines            = array();
		foreach ( (array) ( $ch['changes'] ?? array() ) as $field => $pair ) {
			$lines[] = esc_html( $field . ': ' . participa_admin_change_text( $pair ) );
		}
		$rows[] = array( esc_html( (string) $ch['id'] ), esc_html( $names[ $action ] ?? $action ), implode( '<br>', $lines ) );
	}
	echo '<p>' . esc_html(
		sprintf(
			/* translators: 1: new commitments, 2: changed ones, 3: unchanged ones */
			__( '%1$s new, %2$s changed, %3$s unchanged.', 'participa' ),
			number_format_i18n( $count['create'] ),
			number_format_i18n( $count['update'] ),
			number_format_i18n( $count['unchanged'] )
		)
	) . '</p>';
	echo participa_admin_table( array( __( 'Id', 'participa' ), __( 'What happens', 'participa' ), __( 'Changes', 'participa' ) ), $rows, __( 'The file has no rows.', 'participa' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- cells escaped above.
	if ( $count['create'] + $count['update'] > 0 ) {
		echo participa_admin_form_open( // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in the function.
			'participa_admin_commitments_import',
			array(
				'step'   => 'apply',
				'import' => $token,
			)
		) . get_submit_button( __( 'Import these changes', 'participa' ) ) . '</form>';
	}
}
