<?php
// The plugin on the running site, checked over HTTP with WordPress also loaded
// here (CLI) to look at what was stored: registration with a colonia, the thread
// in place of comments in a classic theme (Twenty Twenty-One) and a block theme
// (Twenty Twenty-Three), and the block editor's ServerSideRender preview.
declare(strict_types=1);
require __DIR__ . '/lib.php';
pt_wp_load();
$fx = pt_fixture();
$base = getenv('PT_WP_URL');
$site = participa_site();

// --- registration with a colonia (wp-login.php?action=register)
$r = pt_http('GET', "$base/wp-login.php?action=register");
pt_check('the registration form has the "Colonia / territorio" select', str_contains($r['body'], 'Colonia / territorio')
    && str_contains($r['body'], '<option value="san-miguel-teotongo"'), pt_excerpt($r['body'], 300));
$r = pt_http('POST', "$base/wp-login.php?action=register", ['user_login' => 'nueva', 'user_email' => 'nueva@example.invalid',
    'participa_territory' => 'luna', 'wp-submit' => 'Register']);
pt_check('a territory not in the list is refused, the form shown again', $r['status'] === 200 && str_contains($r['body'], 'Elige una colonia o territorio de la lista.')
    && !username_exists('nueva'), pt_excerpt($r['body'], 300));
$r = pt_http('POST', "$base/wp-login.php?action=register", ['user_login' => 'nueva', 'user_email' => 'nueva@example.invalid',
    'participa_territory' => 'buenavista', 'wp-submit' => 'Register']);
$uid = (int) username_exists('nueva');
pt_check('registering with a colonia creates the user', $r['status'] === 302 && $uid > 0, "{$r['status']} " . pt_excerpt($r['body'], 200));
pt_check('with the territory saved', get_user_meta($uid, 'participa_territory', true) === 'buenavista');
$p = $site->participants()->get("wp:$uid");
pt_check('and the participant upserted with it, as ciudadano', $p && $p['territory'] === 'buenavista' && in_array('ciudadano', $p['roles'], true), json_encode($p));

// --- the thread in place of comments, classic and block theme
$post = $fx['urls']['post'];
foreach (['twentytwentyone' => 'a classic theme', 'twentytwentythree' => 'a block theme'] as $theme => $kind) {
    switch_theme($theme);
    $r = pt_http('GET', $post);
    pt_check("$kind ($theme): the post shows the participa thread", $r['status'] === 200
        && str_contains($r['body'], 'class="participa-hilo"'), "{$r['status']} " . pt_excerpt($r['body'], 300));
    pt_check("$kind: and not WordPress's comment form", !str_contains($r['body'], 'wp-comments-post.php'));
    pt_check("$kind: the stylesheet is in the head", (bool) preg_match('#<head>.*participa-[0-9a-f]+\.css.*</head>#s', $r['body']));
    $r = pt_http('GET', $fx['urls']['block']);
    pt_check("$kind: the participa/thread block renders at heading level 3", str_contains($r['body'], 'aria-level="3"')
        && str_contains($r['body'], 'class="participa-hilo"'), pt_excerpt($r['body'], 300));
}
switch_theme('twentytwentyone');
$r = pt_http('POST', "$base/wp-comments-post.php", ['comment_post_ID' => $fx['pages']['post'], 'comment' => 'Por el formulario de WordPress',
    'author' => 'X', 'email' => 'x@example.invalid']);
pt_check('wp-comments-post.php refuses a comment on those posts (403)', $r['status'] === 403, (string) $r['status']);

// --- the block editor's preview (ServerSideRender -> /wp/v2/block-renderer)
$jar = pt_login($base, 'admin', getenv('PT_WP_ADMIN_PASS'));
$nonce = trim(pt_http('GET', "$base/wp-admin/admin-ajax.php?action=rest-nonce", null, [], $jar)['body']);
$q = http_build_query(['context' => 'edit', 'post_id' => $fx['pages']['block'], 'attributes' => ['subject_type' => 'commitment', 'subject_id' => 'PAL-01']]);
$r = pt_http('GET', "$base/wp-json/wp/v2/block-renderer/participa/thread?$q", null, ["X-WP-Nonce: $nonce"], $jar);
$html = (string) (json_decode($r['body'], true)['rendered'] ?? '');
pt_check('the editor\'s preview renders the block through the same path', $r['status'] === 200 && str_contains($html, 'class="participa-hilo"'),
    "{$r['status']} " . pt_excerpt($r['body'], 300));
pt_check('with the page\'s permalink in its links, not the REST URL', !str_contains($html, 'wp-json') && str_contains($html, get_permalink($fx['pages']['block'])), pt_excerpt($html, 300));
$r = pt_http('GET', "$base/wp-admin/post.php?post={$fx['pages']['block']}&action=edit", null, [], $jar);
pt_check('the block editor loads the participa editor script', $r['status'] === 200 && str_contains($r['body'], 'participa/blocks/editor.js')
    && str_contains($r['body'], 'window.participaEditor'), (string) $r['status']);
pt_done();
