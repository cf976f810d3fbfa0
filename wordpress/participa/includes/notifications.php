<?php
/**
 * E-mail notifications through wp_mail(): a reply to one's comment, a
 * mention (@login or @wp:42), an official answer to one's comment, and the
 * updates of a commitment one follows ("Seguir"). Each person may turn any
 * kind off and choose a daily digest (WP-Cron, event participa_daily_digest,
 * scheduled on activation and cleared on deactivation) instead of one mail
 * per event: profile fields, user meta.
 *
 * Where the events come from: the hook participa_action_done that the
 * plugin fires after every action a person took through a fragment's form
 * or the REST route (includes/forms.php), and participa_commitment_updated
 * that the commitments screen fires (admin/commitments.php). Request::handle()'s
 * answer does not carry the stored comment, so: its id is the redirect's
 * anchor (#<instance>-c<id>), its status and text (after redaction) come from
 * Thread::history() read as its author, and who wrote a comment is kept in
 * the table <prefix>participa_comment_authors when it is posted (the
 * extension has no comment-by-id read): replies to and official answers on
 * comments posted through WordPress are notified. A held comment notifies
 * nobody until a moderator approves it from the moderation screen.
 *
 * Nothing here may break an action: every failure is logged and dropped.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

define( 'PARTICIPA_NOTIFY_DB', '1' );
define( 'PARTICIPA_NOTIFY_CRON', 'participa_daily_digest' );
define( 'PARTICIPA_NOTIFY_MAX_MENTIONS', 20 );

/** The kinds of notification: key => what the profile's checkbox says. */
function participa_notify_kinds(): array {
	return array(
		'reply'    => __( 'someone replies to my comment', 'participa' ),
		'mention'  => __( 'someone mentions me (@my-user-name)', 'participa' ),
		'official' => __( 'my comment receives an official answer', 'participa' ),
		'follow'   => __( 'a commitment I follow is updated', 'participa' ),
	);
}

/* ---- the table of authors, the schedule ---- */

/** The table that remembers who wrote each comment posted through WordPress. */
function participa_notify_table(): string {
	global $wpdb;
	return $wpdb->prefix . 'participa_comment_authors';
}

/** Creates or upgrades the table (dbDelta). */
function participa_notify_install(): void {
	global $wpdb;
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	dbDelta(
		'CREATE TABLE ' . participa_notify_table() . " (
  comment_id bigint(20) unsigned NOT NULL,
  user_id bigint(20) unsigned NOT NULL,
  parent_id bigint(20) unsigned DEFAULT NULL,
  subject_type varchar(64) NOT NULL,
  subject_id varchar(128) NOT NULL,
  url text NOT NULL,
  pending tinyint(1) NOT NULL DEFAULT 0,
  created_at datetime NOT NULL,
  PRIMARY KEY  (comment_id),
  KEY user_id (user_id)
) " . $wpdb->get_charset_collate() . ';'
	);
	update_option( 'participa_notify_db', PARTICIPA_NOTIFY_DB );
}

/** On activation: the table and the daily digest's event. */
function participa_notify_activate(): void {
	participa_notify_install();
	if ( ! wp_next_scheduled( PARTICIPA_NOTIFY_CRON ) ) {
		wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', PARTICIPA_NOTIFY_CRON );
	}
}
register_activation_hook( PARTICIPA_PLUGIN_FILE, 'participa_notify_activate' );

/** On deactivation: no digest runs any more (the table and the preferences stay). */
function participa_notify_deactivate(): void {
	wp_clear_scheduled_hook( PARTICIPA_NOTIFY_CRON );
}
register_deactivation_hook( PARTICIPA_PLUGIN_FILE, 'participa_notify_deactivate' );

/* An update of the plugin without reactivation still gets its table. */
add_action(
	'admin_init',
	static function () {
		if ( get_option( 'participa_notify_db' ) !== PARTICIPA_NOTIFY_DB ) {
			participa_notify_install();
		}
	}
);

/* ---- the events ---- */

/**
 * The comment an answer of Request::handle() made or changed: the id in its
 * redirect's anchor (#<instance>-c<id>), or 0.
 *
 * @param array $out Request::handle()'s answer.
 */
function participa_notify_comment_id( array $out ): int {
	$fragment = (string) wp_parse_url( (string) ( $out['redirect'] ?? '' ), PHP_URL_FRAGMENT );
	return preg_match( '/-c([1-9][0-9]{0,18})$/', $fragment, $m ) ? (int) $m[1] : 0;
}

/**
 * The WordPress user of a participant id ("wp:42"), or null.
 *
 * @param string|null $participant The id.
 */
function participa_notify_user_id( ?string $participant ): int {
	return null !== $participant && preg_match( '/^wp:([1-9][0-9]{0,18})$/', $participant, $m ) ? (int) $m[1] : 0;
}

/**
 * The current version of a comment as $viewer sees it: ['status', 'body'], or null.
 *
 * @param Participa\Thread $thread The comment's thread.
 * @param int              $id     The comment.
 * @param string|null      $viewer Who reads it (its author, a moderator).
 */
function participa_notify_version( Participa\Thread $thread, int $id, ?string $viewer ): ?array {
	$versions = $thread->history( $id, $viewer );
	$last     = $versions ? end( $versions ) : null;
	return is_array( $last ) ? array(
		'status' => (string) ( $last['status'] ?? '' ),
		'body'   => (string) ( $last['body'] ?? '' ),
	) : null;
}

/**
 * The row of a comment posted through WordPress, or null.
 *
 * @param int $comment_id The comment.
 */
function participa_notify_row( int $comment_id ): ?array {
	global $wpdb;
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
	$row = $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . participa_notify_table() . ' WHERE comment_id = %d', $comment_id ), ARRAY_A );
	return is_array( $row ) ? $row : null;
}

/**
 * After an action through a fragment (hook participa_action_done): a new
 * comment is remembered and notified (now, or on approval when it is held),
 * an approval notifies what was waiting, an official answer its askers, a
 * commitment's progress its followers.
 *
 * @param array       $out         Request::handle()'s answer.
 * @param array       $post        The action's fields.
 * @param string|null $participant Who acted.
 */
function participa_notify_on_action( $out, $post, $participant ): void {
	try {
		participa_notify_dispatch( (array) $out, (array) $post, is_string( $participant ) ? $participant : null );
	} catch ( Throwable $e ) {
		error_log( 'participa: notifications: ' . get_class( $e ) . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
	}
}
add_action( 'participa_action_done', 'participa_notify_on_action', 10, 3 );

/**
 * The body of participa_notify_on_action() (which catches what this throws).
 *
 * @param array       $out         Request::handle()'s answer.
 * @param array       $post        The action's fields.
 * @param string|null $participant Who acted.
 */
function participa_notify_dispatch( array $out, array $post, ?string $participant ): void {
	global $wpdb;
	$site   = participa_site();
	$action = (string) ( $out['action'] ?? $post['participa_action'] ?? '' );
	if ( ! $site || empty( $out['ok'] ) ) {
		return;
	}
	$type    = is_string( $post['subject_type'] ?? null ) ? $post['subject_type'] : '';
	$subject = is_string( $post['subject_id'] ?? null ) ? $post['subject_id'] : '';

	if ( in_array( $action, array( 'thread.post', 'thread.reply', 'thread.stance' ), true ) ) {
		$id  = participa_notify_comment_id( $out );
		$uid = participa_notify_user_id( $participant );
		if ( ! $id || ! $uid || '' === $type || '' === $subject ) {
			return;
		}
		$version = participa_notify_version( $site->thread( $type, $subject ), $id, $participant );
		if ( ! $version || ! in_array( $version['status'], array( 'published', 'held' ), true ) ) {
			return;
		}
		$parent = isset( $post['parent'] ) && is_numeric( $post['parent'] ) ? (int) $post['parent'] : null;
		$row    = array(
			'comment_id'   => $id,
			'user_id'      => $uid,
			'parent_id'    => $parent,
			'subject_type' => $type,
			'subject_id'   => $subject,
			'url'          => (string) ( $out['redirect'] ?? home_url( '/' ) ),
			'pending'      => 'held' === $version['status'] ? 1 : 0,
			'created_at'   => current_time( 'mysql', true ),
		);
		$wpdb->replace( participa_notify_table(), $row, array( '%d', '%d', '%d', '%s', '%s', '%s', '%d', '%s' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table.
		if ( ! $row['pending'] ) {
			participa_notify_published( $row, $version['body'] );
		}
		return;
	}

	if ( 'moderation.approve' === $action ) {
		$row = participa_notify_row( (int) ( $post['comment'] ?? 0 ) );
		if ( ! $row || ! (int) $row['pending'] ) {
			return;
		}
		$wpdb->update( participa_notify_table(), array( 'pending' => 0 ), array( 'comment_id' => (int) $row['comment_id'] ), array( '%d' ), array( '%d' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table.
		$version = participa_notify_version( $site->thread( $row['subject_type'], $row['subject_id'] ), (int) $row['comment_id'], $participant );
		if ( $version && 'published' === $version['status'] ) {
			participa_notify_published( $row, $version['body'] );
		}
		return;
	}

	if ( 'thread.answer' === $action ) {
		participa_notify_official( (int) ( $post['comment'] ?? 0 ), $type, $subject, (string) ( $out['redirect'] ?? '' ), $participant );
		return;
	}

	if ( 'commitments.progress' === $action && is_string( $post['commitment'] ?? null ) ) {
		$now = $site->commitments()->get( $post['commitment'] );
		if ( is_array( $now ) ) {
			participa_notify_commitment( $now, is_string( $post['note'] ?? null ) ? $post['note'] : '', (string) $participant );
		}
	}
}

/**
 * A published comment: its parent's author gets "reply", the people it
 * mentions "mention" (once each; never its own author).
 *
 * @param array  $row  Its row (participa_comment_authors).
 * @param string $body Its text after redaction.
 */
function participa_notify_published( array $row, string $body ): void {
	$author = (int) $row['user_id'];
	$told   = array( $author => true );
	$ctx    = array(
		'author' => participa_notify_display_name( $author ),
		'body'   => $body,
		'url'    => (string) $row['url'],
		'about'  => participa_notify_subject_title( (string) $row['subject_type'], (string) $row['subject_id'] ),
	);
	if ( $row['parent_id'] ) {
		$parent = participa_notify_row( (int) $row['parent_id'] );
		if ( $parent && ! isset( $told[ (int) $parent['user_id'] ] ) ) {
			$told[ (int) $parent['user_id'] ] = true;
			participa_notify( 'reply', (int) $parent['user_id'], $ctx );
		}
	}
	foreach ( participa_notify_mentioned( $body ) as $uid ) {
		if ( ! isset( $told[ $uid ] ) ) {
			$told[ $uid ] = true;
			participa_notify( 'mention', $uid, $ctx );
		}
	}
}

/**
 * The users a text mentions: "@wp:42" or "@login" (a user name or its
 * nicename), read as the extension reads mentions (ext/core/common/text.c:
 * not after a letter, digit, _ . - or @; letters, digits and _ . : -, without
 * the trailing . : -), at most 20.
 *
 * @param string $body The text.
 * @return int[] User ids.
 */
function participa_notify_mentioned( string $body ): array {
	preg_match_all( '/(?<![A-Za-z0-9_.@-])@([A-Za-z0-9][A-Za-z0-9_.:-]*)/', $body, $m );
	$users = array();
	foreach ( array_slice( array_unique( array_map( static fn( $h ) => rtrim( $h, '.:-' ), $m[1] ) ), 0, PARTICIPA_NOTIFY_MAX_MENTIONS ) as $handle ) {
		$uid = participa_notify_user_id( $handle );
		if ( ! $uid ) {
			$user = get_user_by( 'login', $handle ) ?: get_user_by( 'slug', $handle );
			$uid  = $user ? (int) $user->ID : 0;
		}
		if ( $uid && get_userdata( $uid ) ) {
			$users[ $uid ] = $uid;
		}
	}
	return array_values( $users );
}

/**
 * An official answer (a comment marked official): the author of the
 * comment it answers (its parent) and its own author, if another person
 * than the official, get "official"; a commitment's followers get "follow".
 *
 * @param int         $comment_id The marked comment.
 * @param string      $type       Its thread's subject type.
 * @param string      $subject    Its thread's subject id.
 * @param string      $url        The page (with the comment's anchor).
 * @param string|null $official   Who marked it.
 */
function participa_notify_official( int $comment_id, string $type, string $subject, string $url, ?string $official ): void {
	$row   = participa_notify_row( $comment_id );
	$site  = participa_site();
	$body  = '';
	$asked = array();
	if ( $site && '' !== $type && '' !== $subject ) {
		$version = participa_notify_version( $site->thread( $type, $subject ), $comment_id, $official );
		$body    = $version ? $version['body'] : '';
	}
	if ( $row ) {
		$parent = $row['parent_id'] ? participa_notify_row( (int) $row['parent_id'] ) : null;
		if ( $parent ) {
			$asked[] = (int) $parent['user_id'];
		}
		$asked[] = (int) $row['user_id'];
		$url     = '' !== $url ? $url : (string) $row['url'];
	}
	$ctx  = array(
		'author' => $row ? participa_notify_display_name( (int) $row['user_id'] ) : participa_notify_display_name( participa_notify_user_id( $official ) ),
		'body'   => $body,
		'url'    => '' !== $url ? $url : home_url( '/' ),
		'about'  => participa_notify_subject_title( $type, $subject ),
	);
	$told = array( participa_notify_user_id( $official ) => true );
	foreach ( $asked as $uid ) {
		if ( ! isset( $told[ $uid ] ) ) {
			$told[ $uid ] = true;
			participa_notify( 'official', $uid, $ctx );
		}
	}
	if ( 'commitment' === $type ) {
		foreach ( participa_followers( $subject ) as $uid ) {
			if ( ! isset( $told[ $uid ] ) ) {
				$told[ $uid ] = true;
				participa_notify( 'follow', $uid, $ctx + array( 'official_answer' => true ) );
			}
		}
	}
}

/**
 * A commitment was updated: its followers get "follow" (not the person who updated it).
 *
 * @param array  $commitment Commitments::get() after the change.
 * @param string $note       The history's note.
 * @param string $by         Who changed it.
 */
function participa_notify_commitment( array $commitment, string $note, string $by ): void {
	$id   = (string) $commitment['id'];
	$ev   = (array) ( $commitment['evidence'] ?? array() );
	$last = $ev ? end( $ev ) : null;
	$ctx  = array(
		'about'    => $id . ' — ' . (string) $commitment['title'],
		'status'   => (string) ( $commitment['status_label'] ?? $commitment['status'] ),
		'progress' => (float) $commitment['progress'],
		'note'     => $note,
		'evidence' => is_array( $last ) ? (string) ( $last['url'] ?? '' ) : '',
		'url'      => participa_commitment_url( $id ),
	);
	$by_uid = participa_notify_user_id( $by );
	foreach ( participa_followers( $id ) as $uid ) {
		if ( $uid !== $by_uid ) {
			participa_notify( 'follow', $uid, $ctx );
		}
	}
}

/* The commitments screen's updates (admin/commitments.php). */
add_action(
	'participa_commitment_updated',
	static function ( $result, $changes, $by, $note ) {
		try {
			participa_notify_commitment( (array) $result, (string) $note, (string) $by );
		} catch ( Throwable $e ) {
			error_log( 'participa: notifications: ' . get_class( $e ) . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		}
	},
	10,
	4
);

/* ---- following a commitment ---- */

/**
 * Who follows a commitment.
 *
 * @param string $id The commitment.
 * @return int[] User ids.
 */
function participa_followers( string $id ): array {
	return array_map(
		'intval',
		get_users(
			array(
				'meta_key'    => 'participa_follow', // phpcs:ignore WordPress.DB.SlowDBQuery -- one indexed key, the value compared.
				'meta_value'  => $id, // phpcs:ignore WordPress.DB.SlowDBQuery
				'fields'      => 'ID',
				'count_total' => false,
			)
		)
	);
}

/**
 * Whether a user follows a commitment.
 *
 * @param int    $user_id The user.
 * @param string $id      The commitment.
 */
function participa_follows( int $user_id, string $id ): bool {
	return in_array( $id, (array) get_user_meta( $user_id, 'participa_follow' ), true );
}

/**
 * Where a commitment's page is: the page a person followed it from, else
 * the first published post that shows it (shortcode or block), else the
 * site's home. Filter participa_commitment_url.
 *
 * @param string $id The commitment.
 */
function participa_commitment_url( string $id ): string {
	$pages = (array) get_option( 'participa_commitment_pages', array() );
	$url   = isset( $pages[ $id ] ) ? (string) $pages[ $id ] : '';
	if ( '' === $url ) {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a content search WP_Query cannot express; rare (mail only).
		$posts = $wpdb->get_results( $wpdb->prepare( "SELECT ID, post_content FROM {$wpdb->posts} WHERE post_status = 'publish' AND post_content LIKE %s LIMIT 50", '%' . $wpdb->esc_like( $id ) . '%' ) );
		foreach ( $posts as $p ) {
			if ( preg_match( '/\[participa_commitment\b[^\]]*\bid=["\']?' . preg_quote( $id, '/' ) . '["\'\s\]]|<!-- wp:participa\/commitment \{[^}]*"id":"' . preg_quote( $id, '/' ) . '"/', (string) $p->post_content ) ) {
				$url = (string) get_permalink( (int) $p->ID );
				break;
			}
		}
	}
	/**
	 * Filters the page of a commitment that notifications link to.
	 *
	 * @param string $url The page ('' when none was found).
	 * @param string $id  The commitment.
	 */
	$url = (string) apply_filters( 'participa_commitment_url', $url, $id );
	return '' !== $url ? $url : home_url( '/' );
}

/**
 * The "Seguir" form under a commitment's fragment, for a signed-in person
 * (filters do_shortcode_tag and render_block: the fragment stays the
 * extension's). A visitor's page gets nothing, so it stays the same for
 * every visitor (cacheable).
 *
 * @param string $id The commitment.
 */
function participa_follow_form( string $id ): string {
	$uid = get_current_user_id();
	if ( ! $uid || '' === $id ) {
		return '';
	}
	$following = participa_follows( $uid, $id );
	return '<form class="participa-seguir" method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">'
		. '<input type="hidden" name="action" value="participa_follow">'
		. '<input type="hidden" name="commitment" value="' . esc_attr( $id ) . '">'
		. '<input type="hidden" name="follow" value="' . ( $following ? '0' : '1' ) . '">'
		. '<input type="hidden" name="participa_return" value="' . esc_attr( participa_page_url() ) . '">'
		. wp_nonce_field( 'participa_follow', '_wpnonce', false, false )
		. '<button type="submit" aria-pressed="' . ( $following ? 'true' : 'false' ) . '">'
		. ( $following ? esc_html__( 'Following: stop following', 'participa' ) : esc_html__( 'Follow this commitment', 'participa' ) ) . '</button> '
		. '<small>' . esc_html__( 'You get an e-mail when it is updated.', 'participa' ) . '</small></form>';
}

add_filter(
	'do_shortcode_tag',
	static function ( $output, $tag, $attr ) {
		return 'participa_commitment' === $tag ? $output . participa_follow_form( trim( (string) ( $attr['id'] ?? '' ) ) ) : $output;
	},
	10,
	3
);

add_filter(
	'render_block',
	static function ( $html, $block ) {
		return 'participa/commitment' === ( $block['blockName'] ?? '' ) ? $html . participa_follow_form( trim( (string) ( $block['attrs']['id'] ?? '' ) ) ) : $html;
	},
	10,
	2
);

/** admin-post.php?action=participa_follow: follow or stop following, then back to the page. */
function participa_follow_post(): void {
	check_admin_referer( 'participa_follow' );
	$uid  = get_current_user_id();
	$id   = isset( $_POST['commitment'] ) ? sanitize_text_field( wp_unslash( $_POST['commitment'] ) ) : '';
	$back = participa_return_url( wp_unslash( $_POST['participa_return'] ?? '' ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- validated by participa_return_url().
	$site = participa_site();
	if ( $uid && $site && preg_match( '/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/', $id ) && $site->commitments()->get( $id ) ) {
		delete_user_meta( $uid, 'participa_follow', $id );
		if ( '1' === ( $_POST['follow'] ?? '' ) ) {
			add_user_meta( $uid, 'participa_follow', $id );
			$pages = (array) get_option( 'participa_commitment_pages', array() );
			if ( ! isset( $pages[ $id ] ) && str_starts_with( $back, home_url() ) ) {
				$pages[ $id ] = $back;
				update_option( 'participa_commitment_pages', $pages, false );
			}
		}
	}
	wp_safe_redirect( $back, 303 );
	exit;
}
add_action( 'admin_post_participa_follow', 'participa_follow_post' );

/* ---- sending ---- */

/**
 * Whether a user wants a kind of notification (all do, until they turn it off).
 *
 * @param int    $user_id The user.
 * @param string $kind    reply, mention, official or follow.
 */
function participa_notify_wants( int $user_id, string $kind ): bool {
	return ! in_array( $kind, (array) get_user_meta( $user_id, 'participa_notify_off', true ), true );
}

/**
 * Notifies one person: one mail now, or an item of tomorrow's digest.
 *
 * @param string $kind    reply, mention, official or follow.
 * @param int    $user_id The person.
 * @param array  $ctx     What happened (author, body, url, about, status, progress, note, evidence).
 */
function participa_notify( string $kind, int $user_id, array $ctx ): void {
	$user = get_userdata( $user_id );
	if ( ! $user || '' === (string) $user->user_email || ! participa_notify_wants( $user_id, $kind ) ) {
		return;
	}
	$item = array(
		'kind' => $kind,
		'ctx'  => $ctx,
		'at'   => time(),
	);
	/**
	 * Filters a notification before it is sent or queued; return null to drop it.
	 *
	 * @param array|null $item    ['kind', 'ctx', 'at'].
	 * @param WP_User    $user    Who gets it.
	 */
	$item = apply_filters( 'participa_notification', $item, $user );
	if ( ! is_array( $item ) ) {
		return;
	}
	if ( 'digest' === get_user_meta( $user_id, 'participa_notify_mode', true ) ) {
		add_user_meta( $user_id, 'participa_digest_item', $item );   // one row per item: two requests never overwrite each other
		return;
	}
	participa_notify_in_locale(
		$user,
		static function () use ( $user, $item ) {
			[ $subject, $text ] = participa_notify_compose( $item );
			wp_mail( $user->user_email, participa_notify_subject( $subject ), $text . participa_notify_footer() );
		}
	);
}

/**
 * Runs $compose in the recipient's language (WordPress's own mails do the
 * same), with the plugin's catalogs loaded for it.
 *
 * @param WP_User  $user    The recipient.
 * @param callable $compose Builds and sends the mail.
 */
function participa_notify_in_locale( WP_User $user, callable $compose ): void {
	$switched = switch_to_locale( get_user_locale( $user ) );
	try {
		$compose();
	} finally {
		if ( $switched ) {
			restore_previous_locale();
		}
	}
}

/* After a switch of language WordPress reloads only its languages folder: the plugin's catalogs are in the plugin. */
add_action(
	'change_locale',
	static function ( $locale ) {
		$locale = str_starts_with( (string) $locale, 'es' ) ? 'es_MX' : (string) $locale;
		foreach ( array( PARTICIPA_PLUGIN_DIR . '/languages/participa-' . $locale . '.mo', PARTICIPA_PLUGIN_DIR . '/admin/languages/participa-admin-' . $locale . '.mo' ) as $mo ) {
			if ( is_readable( $mo ) ) {
				load_textdomain( 'participa', $mo );
			}
		}
	}
);

/**
 * A notification as [subject, text] in the current language.
 *
 * @param array $item ['kind', 'ctx'].
 */
function participa_notify_compose( array $item ): array {
	$c     = (array) $item['ctx'];
	$about = (string) ( $c['about'] ?? '' );
	$quote = '' !== (string) ( $c['body'] ?? '' ) ? "\n\n> " . str_replace( "\n", "\n> ", wp_strip_all_tags( (string) $c['body'] ) ) : '';
	$link  = "\n\n" . (string) ( $c['url'] ?? home_url( '/' ) );
	switch ( $item['kind'] ) {
		case 'reply':
			/* translators: 1: a person's name, 2: what the thread is about */
			return array( sprintf( __( '%1$s replied to your comment on %2$s', 'participa' ), $c['author'], $about ), sprintf( __( '%1$s replied to your comment on %2$s:', 'participa' ), $c['author'], $about ) . $quote . $link );
		case 'mention':
			/* translators: 1: a person's name, 2: what the thread is about */
			return array( sprintf( __( '%1$s mentioned you on %2$s', 'participa' ), $c['author'], $about ), sprintf( __( '%1$s mentioned you on %2$s:', 'participa' ), $c['author'], $about ) . $quote . $link );
		case 'official':
			/* translators: %s: what the thread is about */
			return array( sprintf( __( 'Official answer on %s', 'participa' ), $about ), sprintf( __( 'Your comment on %s received an official answer:', 'participa' ), $about ) . $quote . $link );
	}
	if ( ! empty( $c['official_answer'] ) ) {
		/* translators: %s: a commitment */
		return array( sprintf( __( 'Official answer on %s', 'participa' ), $about ), sprintf( __( 'The commitment you follow, %s, received an official answer:', 'participa' ), $about ) . $quote . $link );
	}
	$lines = array(
		/* translators: %s: a commitment */
		sprintf( __( 'The commitment you follow, %s, was updated.', 'participa' ), $about ),
		/* translators: 1: a status, 2: a percentage */
		sprintf( __( 'Status: %1$s. Progress: %2$s %%.', 'participa' ), (string) ( $c['status'] ?? '' ), number_format_i18n( (float) ( $c['progress'] ?? 0 ), 0 ) ),
	);
	if ( '' !== (string) ( $c['note'] ?? '' ) ) {
		/* translators: %s: the official's note */
		$lines[] = sprintf( __( 'Note: %s', 'participa' ), wp_strip_all_tags( (string) $c['note'] ) );
	}
	if ( '' !== (string) ( $c['evidence'] ?? '' ) ) {
		/* translators: %s: a link */
		$lines[] = sprintf( __( 'Evidence: %s', 'participa' ), (string) $c['evidence'] );
	}
	/* translators: %s: a commitment */
	return array( sprintf( __( 'Update of %s', 'participa' ), $about ), implode( "\n", $lines ) . $link );
}

/**
 * A mail's subject with the site's name.
 *
 * @param string $subject The subject.
 */
function participa_notify_subject( string $subject ): string {
	return '[' . wp_specialchars_decode( get_bloginfo( 'name' ), ENT_QUOTES ) . '] ' . $subject;
}

/** The end of every mail: where to change these e-mails. */
function participa_notify_footer(): string {
	return "\n\n-- \n" . sprintf(
		/* translators: %s: the profile's address */
		__( 'You can turn these e-mails off or get one daily summary instead on your profile: %s', 'participa' ),
		admin_url( 'profile.php#participa-avisos' )
	);
}

/**
 * A person's display name.
 *
 * @param int $user_id The user.
 */
function participa_notify_display_name( int $user_id ): string {
	$user = $user_id ? get_userdata( $user_id ) : false;
	return $user ? (string) $user->display_name : __( 'Someone', 'participa' );
}

/**
 * What a thread is about, for a mail: the commitment's id and title, the post's title, or the subject.
 *
 * @param string $type The subject type.
 * @param string $id   The subject id.
 */
function participa_notify_subject_title( string $type, string $id ): string {
	if ( 'commitment' === $type && participa_site() ) {
		$c = participa_site()->commitments()->get( $id );
		if ( is_array( $c ) ) {
			return $id . ' — ' . (string) $c['title'];
		}
	}
	if ( 'post' === $type && ctype_digit( $id ) && get_post( (int) $id ) ) {
		return get_the_title( (int) $id );
	}
	return $type . ' ' . $id;
}

/* ---- the daily digest ---- */

/** WP-Cron, daily: one mail per person with everything queued for them, then the queue is emptied. */
function participa_notify_digest(): void {
	$users = get_users(
		array(
			'meta_key'    => 'participa_digest_item', // phpcs:ignore WordPress.DB.SlowDBQuery -- one indexed key.
			'meta_compare' => 'EXISTS',
			'count_total' => false,
		)
	);
	foreach ( $users as $user ) {
		$items = (array) get_user_meta( $user->ID, 'participa_digest_item' );
		if ( ! $items ) {
			continue;
		}
		try {
			participa_notify_in_locale(
				$user,
				static function () use ( $user, $items ) {
					$parts = array();
					foreach ( $items as $item ) {
						if ( is_array( $item ) && isset( $item['kind'], $item['ctx'] ) ) {
							[ $subject, $text ] = participa_notify_compose( $item );
							$parts[]            = '* ' . $subject . "\n\n" . $text;
						}
					}
					if ( $parts ) {
						$subject = sprintf(
							/* translators: %s: a number of notifications */
							_n( 'Your daily summary: %s notification', 'Your daily summary: %s notifications', count( $parts ), 'participa' ),
							number_format_i18n( count( $parts ) )
						);
						wp_mail( $user->user_email, participa_notify_subject( $subject ), implode( "\n\n\n", $parts ) . participa_notify_footer() );
					}
				}
			);
		} catch ( Throwable $e ) {
			error_log( 'participa: digest for user ' . $user->ID . ': ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
			continue;
		}
		foreach ( $items as $item ) {
			delete_user_meta( $user->ID, 'participa_digest_item', $item );   // only what was sent: an item queued meanwhile waits
		}
	}
}
add_action( PARTICIPA_NOTIFY_CRON, 'participa_notify_digest' );

/* ---- the profile ---- */

/**
 * "E-mail notifications" on the profile: each kind (opt-out), immediate or
 * a daily digest, and the commitments one follows.
 *
 * @param WP_User $user The profile's user.
 */
function participa_notify_profile_fields( $user ): void {
	if ( ! $user instanceof WP_User ) {
		return;
	}
	$off    = (array) get_user_meta( $user->ID, 'participa_notify_off', true );
	$digest = 'digest' === get_user_meta( $user->ID, 'participa_notify_mode', true );
	echo '<h2 id="participa-avisos">' . esc_html__( 'Participation e-mails', 'participa' ) . '</h2><table class="form-table" role="presentation">'
		. '<tr><th scope="row">' . esc_html__( 'E-mail me when', 'participa' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'E-mail me when', 'participa' ) . '</legend>'
		. '<input type="hidden" name="participa_notify_form" value="1">';
	foreach ( participa_notify_kinds() as $kind => $label ) {
		echo '<label><input type="checkbox" name="participa_notify[]" value="' . esc_attr( $kind ) . '"' . checked( ! in_array( $kind, $off, true ), true, false ) . '> ' . esc_html( $label ) . '</label><br>';
	}
	echo '</fieldset></td></tr><tr><th scope="row">' . esc_html__( 'How', 'participa' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'How', 'participa' ) . '</legend>'
		. '<label><input type="radio" name="participa_notify_mode" value="immediate"' . checked( ! $digest, true, false ) . '> ' . esc_html__( 'One e-mail for each', 'participa' ) . '</label><br>'
		. '<label><input type="radio" name="participa_notify_mode" value="digest"' . checked( $digest, true, false ) . '> ' . esc_html__( 'One summary a day', 'participa' ) . '</label></fieldset></td></tr>';
	$follows = array_values( array_unique( array_map( 'strval', (array) get_user_meta( $user->ID, 'participa_follow' ) ) ) );
	if ( $follows ) {
		echo '<tr><th scope="row">' . esc_html__( 'Commitments I follow', 'participa' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'Commitments I follow', 'participa' ) . '</legend>';
		foreach ( $follows as $id ) {
			echo '<label><input type="checkbox" name="participa_follow_keep[]" value="' . esc_attr( $id ) . '" checked> ' . esc_html( participa_notify_subject_title( 'commitment', $id ) ) . '</label><br>';
		}
		echo '<p class="description">' . esc_html__( 'Untick one to stop following it.', 'participa' ) . '</p></fieldset></td></tr>';
	}
	echo '</table>';
}
add_action( 'show_user_profile', 'participa_notify_profile_fields' );
add_action( 'edit_user_profile', 'participa_notify_profile_fields' );

/**
 * Saves the profile's choices (WordPress checked the profile form's nonce before these hooks).
 *
 * @param int $user_id The profile's user.
 */
function participa_notify_profile_save( $user_id ): void {
	// phpcs:disable WordPress.Security.NonceVerification.Missing -- the profile form's nonce, checked by WordPress.
	if ( ! current_user_can( 'edit_user', $user_id ) || empty( $_POST['participa_notify_form'] ) ) {
		return;
	}
	$on   = array_map( 'sanitize_key', (array) wp_unslash( $_POST['participa_notify'] ?? array() ) );
	$off  = array_values( array_diff( array_keys( participa_notify_kinds() ), $on ) );
	$mode = 'digest' === ( $_POST['participa_notify_mode'] ?? '' ) ? 'digest' : 'immediate';
	$keep = array_map( 'sanitize_text_field', (array) wp_unslash( $_POST['participa_follow_keep'] ?? array() ) );
	// phpcs:enable
	update_user_meta( (int) $user_id, 'participa_notify_off', $off );
	update_user_meta( (int) $user_id, 'participa_notify_mode', $mode );
	foreach ( array_unique( array_map( 'strval', (array) get_user_meta( (int) $user_id, 'participa_follow' ) ) ) as $id ) {
		if ( ! in_array( $id, $keep, true ) ) {
			delete_user_meta( (int) $user_id, 'participa_follow', $id );
		}
	}
}
add_action( 'personal_options_update', 'participa_notify_profile_save' );
add_action( 'edit_user_profile_update', 'participa_notify_profile_save' );
