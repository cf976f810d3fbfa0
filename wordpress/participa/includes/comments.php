<?php
/**
 * The participa thread in place of WordPress's own comments on the post types
 * chosen in the option participa_comment_post_types: classic themes through
 * the comments_template filter, block themes (Twenty Twenty-Three) by
 * replacing the core/comments block's output. WordPress's comment form no
 * longer takes comments there (wp-comments-post.php answers 403).
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/** Whether the thread replaces the comments of $post. */
function participa_replaces_comments( $post = null ): bool {
	$post = get_post( $post );
	return $post && in_array( $post->post_type, participa_comment_post_types(), true );
}

/** The thread of the current post, where the comments would be. */
function participa_comments_thread(): string {
	return participa_render(
		'thread',
		array(
			'subject_type' => 'post',
			'subject_id'   => (string) get_the_ID(),
		)
	);
}

add_filter(
	'comments_template',
	static function ( $template ) {
		return participa_replaces_comments() ? PARTICIPA_PLUGIN_DIR . '/includes/comments-template.php' : $template;
	},
	20
);

add_filter(
	'render_block',
	static function ( $html, $block ) {
		if ( in_array( $block['blockName'] ?? '', array( 'core/comments', 'core/post-comments', 'core/post-comments-form' ), true )
			&& participa_replaces_comments() ) {
			return 'core/post-comments-form' === $block['blockName'] ? '' : participa_comments_thread();
		}
		return $html;
	},
	10,
	2
);

add_action(
	'pre_comment_on_post',
	static function ( $post_id ) {
		if ( participa_replaces_comments( $post_id ) ) {
			wp_die(
				esc_html__( 'Comments on this page are taken by the participation thread on the page itself.', 'participa' ),
				esc_html__( 'Comments', 'participa' ),
				array(
					'response'  => 403,
					'back_link' => true,
				)
			);
		}
	}
);
