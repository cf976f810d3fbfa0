<?php
/*
 * WordPress's own threaded comments against Participa\Thread, same data.
 *
 * Run it through bench/wordpress-threads.sh (as root): it installs Debian's
 * `wordpress` package if missing, starts a private MariaDB, installs a
 * WordPress site headlessly and then runs
 *
 *   PT_WP_CONFIG=participa-bench PARTICIPA_TEST_SOCKET=DIR/mysqld.sock \
 *     php -d extension=modules/participa.so bench/wordpress_threads.php \
 *     [--comments 10000] [--per-root 10] [--runs 50] [--html DIR] [--queries]
 *
 * 1. Generates N comments (default 10,000) with the shape of bench/threads.php
 *    (a root and per-root-1 replies, each reply under a random earlier node
 *    above depth 4, so replies nest to depth 4; mt_srand(42)). The default of
 *    10 per root gives 1,000 roots, so "page 50 of 20 roots" exists (it is the
 *    last page). The same comments go, by bulk multi-row INSERT, into
 *    wp_comments under one new post (then wp_update_comment_count_now()) and
 *    into one participa thread.
 *
 * 2. For page 1 and page 50 of 20 roots with ALL their replies, oldest first,
 *    an anonymous visitor, warm database, median of --runs, interleaved:
 *
 *    WordPress: exactly what a classic theme does on a post's page 1 / page 50
 *      of comments: comments_template() (WordPress's own function, with
 *      thread_comments = 1, thread_comments_depth = 5, page_comments = 1,
 *      comments_per_page = 20, default_comments_page = oldest, cpage = 1 / 50).
 *      It runs WP_Comment_Query with hierarchical => 'threaded', status =>
 *      approve, orderby comment_date_gmt ASC, number 20, offset (page-1)*20
 *      (the roots, SQL_CALC_FOUND_ROWS, then one query per reply level and one
 *      to prime the comment cache), flattens the tree with get_children() and
 *      includes the theme's comments template; that template (the 'comments_template'
 *      filter points it to a generated file) calls wp_list_comments() as
 *      Twenty Twenty-One does: style ol, short_ping, avatar_size 60, html5
 *      markup (add_theme_support('html5', ['comment-list'])). wp_list_comments()
 *      then renders $wp_query->comments (page and per_page 0: the query already
 *      paginated) through Walker_Comment to HTML: comment_text filters
 *      (wptexturize, wpautop, make_clickable ...), avatars, comment links,
 *      reply links.
 *      WordPress keeps comment query results in its object cache; without a
 *      persistent object cache (the default) every request starts empty, so
 *      before each timed run the bench flushes it (wp_cache_flush()) and loads,
 *      untimed, what a single-post request has before its comments (autoloaded
 *      options, the post, its author): the time and the query count are those
 *      of the comments alone. A second figure repeats the render with the
 *      in-process cache warm (0 queries: a lower bound for a persistent object
 *      cache), a third times the comment query alone (get_comments() with the
 *      same arguments plus the get_children() flattening, no HTML).
 *
 *    participa: Thread::page(['sort' => 'oldest', 'limit' => 20, 'replies' =>
 *      100, 'depth' => 4]) (all replies of the page's roots; page 50 through
 *      the 'next' cursors), then rendering the returned tree to comparable
 *      HTML in PHP (nested <ol>, author, time, escaped body, reply link).
 *
 *    Both sides must show the same comments: the bench checks that the ids in
 *    WordPress's HTML (id="comment-N") and in participa's page are the same
 *    set, in the same order, and fails otherwise.
 *
 *    SQL: WordPress queries per render from $wpdb->num_queries; participa's
 *    round trips from Site::stats()['db_executes'].
 *
 * --queries: no timing; prints the SQL WordPress runs for each page
 * ($wpdb->queries, the driver sets SAVEQUERIES for this run only), reusing
 * the data of a previous run.
 * --html DIR: writes the four HTML pages there, for inspection.
 */

$opt = ['comments' => 10000, 'per-root' => 10, 'runs' => 50, 'html' => null];
$listQueries = false;
for ($i = 1; $i < $argc; $i++) {
    $a = $argv[$i];
    if ($a === '--queries') {
        $listQueries = true;
    } elseif (str_starts_with($a, '--') && array_key_exists(substr($a, 2), $opt) && isset($argv[$i + 1])) {
        $opt[substr($a, 2)] = $argv[++$i];
    } else {
        fwrite(STDERR, "unknown argument $a\n");
        exit(2);
    }
}
$n = max(1000, (int) $opt['comments']);
$perRoot = max(1, (int) $opt['per-root']);
$runs = max(5, (int) $opt['runs']);
$perPage = 20;
$farPage = 50;
ini_set('memory_limit', '2G');

/* ---- WordPress, from Debian's package --------------------------------- */

// Debian's /usr/share/wordpress/wp-config.php picks /etc/wordpress/config-<X>.php
// by $_SERVER['WORDPRESS_CONFIG'] (or the Host header); the driver wrote ours.
$_SERVER['WORDPRESS_CONFIG'] = getenv('PT_WP_CONFIG') ?: 'participa-bench';
$_SERVER['HTTP_HOST'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = 'localhost';
require '/usr/share/wordpress/wp-load.php';
require __DIR__ . '/../tests/helpers/participa_test.php';
require __DIR__ . '/lib/threads_bench.php';
require __DIR__ . '/lib/wp_comments_10k.php';

if (!extension_loaded('participa')) {
    fwrite(STDERR, "load the extension: php -d extension=modules/participa.so ...\n");
    exit(2);
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET to the MariaDB server of the bench\n");
    exit(2);
}

/** $wpdb->query() that fails loudly. */
function wpq(string $sql): void
{
    global $wpdb;
    if ($wpdb->query($sql) === false) {
        fwrite(STDERR, "WordPress SQL failed: {$wpdb->last_error}\n");
        exit(1);
    }
}

// the reading settings of a blog with threaded, paginated comments
update_option('thread_comments', 1);
update_option('thread_comments_depth', 5);      // root + 4 reply levels
update_option('page_comments', 1);
update_option('comments_per_page', $perPage);
update_option('default_comments_page', 'oldest');
update_option('comment_order', 'asc');
update_option('show_avatars', 1);
add_theme_support('html5', ['comment-list']);

// the theme's comments.php: what Twenty Twenty-One prints around wp_list_comments()
$template = sys_get_temp_dir() . '/participa-bench-wp-comments.php';
file_put_contents($template, <<<'PHP'
<div id="comments" class="comments-area">
<h2 class="comments-title"><?php echo (int) get_comments_number(); ?> comentarios</h2>
<ol class="comment-list">
<?php wp_list_comments(['avatar_size' => 60, 'style' => 'ol', 'short_ping' => true]); ?>
</ol>
<?php the_comments_pagination(); ?>
</div>
PHP);
add_filter('comments_template', fn() => $template);

/* ---- participa ---------------------------------------------------------- */

// the same site as bench/threads.php (its moderation rules only act on posts,
// which this bench does not make)
$yaml = threads_bench_yaml();

const MARK = 'participa-bench: 10k threaded comments';

$postId = (int) $wpdb->get_var($wpdb->prepare("SELECT ID FROM $wpdb->posts WHERE post_title = %s", MARK));
if ($listQueries) {
    if (!$postId) {
        fwrite(STDERR, "--queries needs the data of a previous run\n");
        exit(2);
    }
    $site = Participa\Site::open(participa_test_config('wp_threads', $yaml, false));
} else {
    $site = Participa\Site::open(participa_test_config('wp_threads', $yaml));   // a fresh database
    $site->migrate();
}
$thread = $site->thread('post', 'wp-bench');
$tid = $thread->info()['id'];

/* ---- 1. generate and load (bench/lib/wp_comments_10k.php) ---------------- */

if (!$listQueries) {
    if ($postId) {
        wp_delete_post($postId, true);
    }
    $postId = wp_insert_post(['post_title' => MARK, 'post_content' => 'Alumbrado público de la colonia.',
        'post_status' => 'publish', 'comment_status' => 'open', 'post_author' => 1], true);
    if (is_wp_error($postId)) {
        fwrite(STDERR, $postId->get_error_message() . "\n");
        exit(1);
    }
    $wpBase = (int) $wpdb->get_var("SELECT COALESCE(MAX(comment_ID), 0) FROM $wpdb->comments");
    $admin = participa_test_admin('pt_wp_threads');
    mysqli_report(MYSQLI_REPORT_OFF);   // the test helper turns strict reporting on; wpdb expects it off

    $t0 = hrtime(true);
    [$id, $roots, $maxDepth] = wp10k_load($wpdb, $admin, $postId, $tid, $wpBase, $n, $perRoot);
    $admin->close();
    printf("generated %d comments (%d roots of %d, replies to depth %d) into WordPress post %d and participa thread %d in %.1f s\n",
        $id, $roots, $perRoot, $maxDepth, $postId, $tid, (hrtime(true) - $t0) / 1e9);
    printf("WordPress %s (Debian package), PHP %s, MariaDB %s\n", get_bloginfo('version'), PHP_VERSION, $wpdb->db_server_info());
}
$wpBase = (int) $wpdb->get_var($wpdb->prepare("SELECT MIN(comment_ID) - 1 FROM $wpdb->comments WHERE comment_post_ID = %d", $postId));

/* ---- 2. render a page, both ways ---------------------------------------- */

/**
 * A new request without a persistent object cache: nothing cached, then what
 * a single-post request has loaded before its comments (autoloaded options,
 * the post and its author through the loop). Not timed.
 */
function wp_fresh_request(int $postId): void
{
    global $post;

    wp_cache_flush();
    wp_load_alloptions();
    $post = get_post($postId);
    setup_postdata($post);
}

/** WordPress: comments_template() of the post at comment page $page, as HTML. */
function wp_page_html(int $postId, int $page): string
{
    global $post, $withcomments, $wp_query;

    if (!$post || (int) $post->ID !== $postId) {
        $post = get_post($postId);
        setup_postdata($post);
    }
    $withcomments = true;                  // comments_template() outside the main single-post loop
    $wp_query->set('cpage', $page);
    $wp_query->set('comments_per_page', 0);   // the option decides, as on a request without ?comments_per_page
    ob_start();
    comments_template();
    return ob_get_clean();
}

/**
 * WordPress's data part alone: the comment query comments_template() runs
 * (get_comments() with hierarchical => threaded, number 20, offset) and its
 * flattening with get_children(), no HTML. Returns the number of comments.
 */
function wp_page_data(int $postId, int $page, int $perPage): int
{
    $roots = get_comments(['post_id' => $postId, 'hierarchical' => 'threaded', 'status' => 'approve',
        'orderby' => 'comment_date_gmt', 'order' => 'ASC', 'number' => $perPage, 'offset' => ($page - 1) * $perPage,
        'no_found_rows' => false, 'update_comment_meta_cache' => false]);
    $flat = [];
    foreach ($roots as $c) {
        $flat[] = $c;
        foreach ($c->get_children(['format' => 'flat', 'status' => 'approve', 'orderby' => 'comment_date_gmt']) as $child) {
            $flat[] = $child;
        }
    }
    return count($flat);
}

/** participa: the page as a tree; page 50 is reached through the 'next' cursors. */
function pt_page_opts(Participa\Thread $t, int $page): array
{
    $opts = ['sort' => 'oldest', 'limit' => 20, 'replies' => 100, 'depth' => 4];
    for ($i = 1; $i < $page; $i++) {
        $opts['cursor'] = $t->page($opts)['next'];
    }
    return $opts;
}

/**
 * participa's page rendered to HTML comparable to wp_list_comments() (html5,
 * nested <ol>, author, permalink with a formatted date, escaped body, reply
 * link, votes; no avatars: participa has no e-mail addresses to hash).
 */
function pt_html(array $page): string
{
    $out = "<div id=\"comments\" class=\"comments-area\">\n<h2 class=\"comments-title\">"
        . (int) $page['counts']['published'] . " comentarios</h2>\n<ol class=\"comment-list\">\n";
    $walk = function (array $list, int $depth) use (&$walk, &$out) {
        foreach ($list as $c) {
            $id = (int) $c['id'];
            $out .= "<li id=\"comment-$id\" class=\"comment depth-$depth" . ($c['replies'] ? ' parent' : '') . "\">\n"
                . "<article id=\"div-comment-$id\" class=\"comment-body\"><footer class=\"comment-meta\">"
                . '<b class="fn">' . htmlspecialchars((string) $c['author'], ENT_QUOTES) . '</b> '
                . '<a href="#comment-' . $id . '"><time datetime="' . gmdate('c', $at = strtotime($c['created_at'] . ' UTC')) . '">'
                . gmdate('j \\d\\e F \\d\\e Y, H:i', $at) . "</time></a></footer>\n"
                . '<div class="comment-content"><p>'
                . ($c['body'] === null ? '<em>' . htmlspecialchars((string) $c['notice'], ENT_QUOTES) . '</em>'
                    : nl2br(htmlspecialchars($c['body'], ENT_QUOTES)))
                . "</p></div>\n"
                . '<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-' . $id
                . '" data-commentid="' . $id . '">Responder</a> <span class="votes">' . (int) $c['up'] . ' / '
                . (int) $c['down'] . "</span></div></article>\n";
            if ($c['replies']) {
                $out .= "<ol class=\"children\">\n";
                $walk($c['replies'], $depth + 1);
                $out .= "</ol>\n";
            }
            $out .= "</li>\n";
        }
    };
    $walk($page['comments'], 1);
    return $out . "</ol>\n</div>\n";
}

/** Comment ids of a participa page, pre-order (the order of the HTML). */
function pt_ids(array $list): array
{
    $ids = [];
    foreach ($list as $c) {
        $ids[] = (int) $c['id'];
        array_push($ids, ...pt_ids($c['replies']));
    }
    return $ids;
}

// (not $pages: setup_postdata() overwrites the globals $pages, $page, $id ...)
$benchPages = [1 => pt_page_opts($thread, 1), $farPage => pt_page_opts($thread, $farPage)];

if ($listQueries) {
    foreach ($benchPages as $pg => $opts) {
        wp_fresh_request($postId);
        wp_page_html($postId, $pg);        // warm the buffer pool first, as the timed runs are
        wp_fresh_request($postId);
        $wpdb->queries = [];
        wp_page_html($postId, $pg);
        printf("\nWordPress SQL for comment page %d (%d queries, SAVEQUERIES):\n", $pg, count($wpdb->queries));
        foreach ($wpdb->queries as [$sql, $secs]) {
            printf("  %7.3f ms  %s\n", $secs * 1000, preg_replace('/\s+/', ' ', trim($sql)));
        }
    }
    exit(0);
}

// same comments on both sides, in the same order
foreach ($benchPages as $pg => $opts) {
    wp_fresh_request($postId);
    preg_match_all('/<li id="comment-(\d+)"/', wp_page_html($postId, $pg), $m);
    $wpIds = array_map(fn($x) => (int) $x - $wpBase, $m[1]);
    $ptIds = pt_ids($thread->page($opts)['comments']);
    if ($wpIds !== $ptIds || !$wpIds) {
        fprintf(STDERR, "page %d differs: WordPress %d comments, participa %d\n", $pg, count($wpIds), count($ptIds));
        exit(1);
    }
    if ($opt['html'] !== null) {
        @mkdir($opt['html'], 0777, true);
        wp_fresh_request($postId);
        file_put_contents("{$opt['html']}/wordpress-page$pg.html", wp_page_html($postId, $pg));
        file_put_contents("{$opt['html']}/participa-page$pg.html", pt_html($thread->page($opts)));
    }
}

function median(array $xs): float
{
    sort($xs);
    $k = count($xs);
    return $k % 2 ? $xs[intdiv($k, 2)] : ($xs[$k / 2 - 1] + $xs[$k / 2]) / 2;
}

$res = [];
foreach ($benchPages as $pg => $opts) {
    $t = ['wp' => [], 'wp_data' => [], 'wp_cached' => [], 'pt_page' => [], 'pt_total' => []];
    $q = ['wp' => 0, 'wp_data' => 0, 'wp_cached' => 0, 'pt' => 0];
    $size = [];
    for ($i = -3; $i < $runs; $i++) {            // three warm-up rounds, not counted
        // WordPress's comment query alone (no HTML), on a fresh request
        wp_fresh_request($postId);
        $q0 = $wpdb->num_queries;
        $s = hrtime(true);
        $k = wp_page_data($postId, $pg, $perPage);
        $e = hrtime(true);
        if ($i >= 0) {
            $t['wp_data'][] = ($e - $s) / 1e6;
            $q['wp_data'] = $wpdb->num_queries - $q0;
        }
        // WordPress, a request without a persistent object cache
        wp_fresh_request($postId);
        $q0 = $wpdb->num_queries;
        $s = hrtime(true);
        $html = wp_page_html($postId, $pg);
        $e = hrtime(true);
        if ($i >= 0) {
            $t['wp'][] = ($e - $s) / 1e6;
            $q['wp'] = $wpdb->num_queries - $q0;
            $size['wp'] = strlen($html);
        }
        // WordPress again, its in-process object cache now warm
        $q0 = $wpdb->num_queries;
        $s = hrtime(true);
        $html = wp_page_html($postId, $pg);
        $e = hrtime(true);
        if ($i >= 0) {
            $t['wp_cached'][] = ($e - $s) / 1e6;
            $q['wp_cached'] = $wpdb->num_queries - $q0;
        }
        // participa
        $x0 = Participa\Site::stats()['db_executes'];
        $s = hrtime(true);
        $p = $thread->page($opts);
        $m1 = hrtime(true);
        $html = pt_html($p);
        $e = hrtime(true);
        if ($i >= 0) {
            $t['pt_page'][] = ($m1 - $s) / 1e6;
            $t['pt_total'][] = ($e - $s) / 1e6;
            $q['pt'] = Participa\Site::stats()['db_executes'] - $x0;
            $size['pt'] = strlen($html);
            $size['count'] = count(pt_ids($p['comments']));
        }
    }
    $res[$pg] = ['t' => array_map('median', $t), 'q' => $q, 'size' => $size];
}

printf("\ncomment page of 20 roots with all their replies, oldest first, anonymous visitor; warm database, median of %d:\n", $runs);
foreach ($res as $pg => $r) {
    printf("  page %2d (%d comments, same ids on both sides):\n", $pg, $r['size']['count']);
    printf("    WordPress comments_template() + wp_list_comments(), no object cache: %7.2f ms, %2d SQL queries, %6d bytes of HTML\n",
        $r['t']['wp'], $r['q']['wp'], $r['size']['wp']);
    printf("      of which the comment query alone (get_comments threaded + get_children): %.2f ms, %d SQL queries\n",
        $r['t']['wp_data'], $r['q']['wp_data']);
    printf("    WordPress, same request with its object cache warm (lower bound):   %7.2f ms, %2d SQL queries\n",
        $r['t']['wp_cached'], $r['q']['wp_cached']);
    printf("    participa Thread::page():                                           %7.2f ms, %2d SQL round trips\n",
        $r['t']['pt_page'], $r['q']['pt']);
    printf("    participa Thread::page() + rendering to HTML in PHP:                %7.2f ms, %6d bytes of HTML\n",
        $r['t']['pt_total'], $r['size']['pt']);
    printf("    ratio WordPress / participa (both to HTML): %.1fx (object cache warm: %.1fx)\n",
        $r['t']['wp'] / $r['t']['pt_total'], $r['t']['wp_cached'] / $r['t']['pt_total']);
}
