<?php
/**
 * The comments template on post types whose comments the participa thread
 * replaces (includes/comments.php). The fragment is escaped HTML already.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

echo '<div id="comments" class="participa-comentarios">' . participa_comments_thread() . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput -- the extension escapes its fragments.
