<?php
/**
 * The fragments' stylesheet and script: templates/participa.css and
 * participa.js of the extension (participa.templates_dir), published once per
 * version into uploads/participa/ so browsers and caches get plain static
 * files; inline in the page when uploads is not writable. Enqueued where a
 * page has participa content, and late from participa_render() otherwise.
 *
 * @package participa
 */

defined( 'ABSPATH' ) || exit;

/**
 * The public URL of one of the extension's asset files, or null (then its text
 * is inlined). The copy's name carries the source's size and mtime, so an
 * upgraded extension gets a new URL and no stale cache.
 *
 * @param string $file participa.css or participa.js.
 * @return array|null ['url' => ?string, 'source' => path] or null when the file is not there.
 */
function participa_asset( string $file ): ?array {
	$dir    = (string) ini_get( 'participa.templates_dir' );
	$source = $dir . '/' . $file;
	if ( '' === $dir || ! is_readable( $source ) ) {
		return null;
	}
	$stat    = stat( $source );
	$ext     = pathinfo( $file, PATHINFO_EXTENSION );
	$name    = pathinfo( $file, PATHINFO_FILENAME ) . '-' . dechex( (int) $stat['size'] ) . dechex( (int) $stat['mtime'] ) . '.' . $ext;
	$uploads = wp_upload_dir( null, false );
	if ( empty( $uploads['error'] ) ) {
		$target = $uploads['basedir'] . '/participa/' . $name;
		if ( is_file( $target ) || ( wp_mkdir_p( dirname( $target ) ) && @copy( $source, $target ) ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors -- an unwritable uploads folder falls back to inline.
			return array( 'url' => $uploads['baseurl'] . '/participa/' . $name, 'source' => $source );
		}
	}
	return array( 'url' => null, 'source' => $source );
}

/** Registers the handles "participa" (style and script) once. */
function participa_register_assets(): void {
	if ( wp_style_is( 'participa', 'registered' ) ) {
		return;
	}
	$css = participa_asset( 'participa.css' );
	wp_register_style( 'participa', $css['url'] ?? false, array(), null );
	if ( $css && null === $css['url'] ) {
		wp_add_inline_style( 'participa', (string) file_get_contents( $css['source'] ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- a local file.
	}
	$js = participa_asset( 'participa.js' );
	if ( $js && $js['url'] ) {
		wp_register_script( 'participa', $js['url'], array(), null, true );
	} else {
		wp_register_script( 'participa', false, array(), null, true );
		if ( $js ) {
			wp_add_inline_script( 'participa', (string) file_get_contents( $js['source'] ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- a local file.
		}
	}
}
add_action( 'init', 'participa_register_assets', 20 );

/** Enqueues the style and script (in the head when called before wp_head, else in the footer). */
function participa_enqueue_assets(): void {
	if ( ! did_action( 'init' ) ) {
		return;
	}
	participa_register_assets();
	wp_enqueue_style( 'participa' );
	wp_enqueue_script( 'participa' );
}

/** The shortcodes of the plugin (participa_commitment, ...). */
function participa_shortcode_tags(): array {
	return array( 'participa_commitment', 'participa_plan', 'participa_thread', 'participa_process', 'participa_assembly' );
}

/** Whether the post shows participa content: a shortcode, a block, or the thread in place of comments. */
function participa_post_has_content( $post ): bool {
	$post = get_post( $post );
	if ( ! $post ) {
		return false;
	}
	if ( in_array( $post->post_type, participa_comment_post_types(), true ) ) {
		return true;
	}
	if ( str_contains( $post->post_content, '<!-- wp:participa/' ) ) {
		return true;
	}
	foreach ( participa_shortcode_tags() as $tag ) {
		if ( has_shortcode( $post->post_content, $tag ) ) {
			return true;
		}
	}
	return false;
}

add_action(
	'wp_enqueue_scripts',
	static function () {
		if ( is_singular() && participa_post_has_content( get_queried_object() ) ) {
			participa_enqueue_assets();
		}
	}
);

/**
 * WordPress's nocache_headers(), made unfit for shared caches too: 6.1 sends
 * "no-cache, must-revalidate, max-age=0", which a proxy may still store.
 */
function participa_nocache(): void {
	$private = static function ( $headers ) {
		$headers['Cache-Control'] = 'no-cache, must-revalidate, max-age=0, no-store, private';
		return $headers;
	};
	add_filter( 'nocache_headers', $private );
	nocache_headers();
	remove_filter( 'nocache_headers', $private );
}

/**
 * Personal pages are not cached: a page with participa content drawn for a
 * signed-in person (their nonce, their held comment, "ya votaste"), or carrying
 * a refused form's draft. A visitor's page sends no such header and holds no
 * nonce: it is the same for every visitor (docs/wordpress/caching.md).
 */
function participa_personal_nocache(): void {
	if ( ! is_user_logged_in() && ! participa_outcome_pending() ) {
		return;
	}
	if ( is_singular() && participa_post_has_content( get_queried_object() ) ) {
		participa_nocache();
	}
}
add_action( 'template_redirect', 'participa_personal_nocache' );
