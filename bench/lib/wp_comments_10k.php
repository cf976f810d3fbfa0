<?php
/*
 * The 10,000-comment generator shared by bench/wordpress_threads.php (PHP
 * against PHP) and bench/wordpress_http_seed.php (over HTTP): the same
 * threaded comments, by bulk multi-row INSERT, into WordPress's wp_comments
 * under one post AND into one participa thread, so both sides show the same
 * comments with the same ids (participa's id = WordPress's - $wpBase).
 *
 * Shape (as bench/threads.php): N/perRoot roots, each with perRoot-1 replies,
 * each reply under a random earlier node of its root above depth 4, so replies
 * nest to depth 4; votes, times and authors from mt_srand(42).
 */

/** The Wilson lower bound participa keeps per comment (its "best" order). */
function wp10k_wilson(int $up, int $down): float
{
    $n = $up + $down;
    if ($n === 0) {
        return 0.0;
    }
    $z = 1.959964;
    $p = $up / $n;
    return ($p + $z * $z / (2 * $n) - $z * sqrt(($p * (1 - $p) + $z * $z / (4 * $n)) / $n)) / (1 + $z * $z / $n);
}

/**
 * Loads $n comments under WordPress post $postId (wp_comments ids from
 * $wpBase + 1) and into participa thread $tid (ids from $ptBase + 1) through
 * $admin, a mysqli connection to participa's database. Returns [comments,
 * roots, max depth]. Fails the script on an SQL error.
 */
function wp10k_load(wpdb $wpdb, mysqli $admin, int $postId, int $tid, int $wpBase, int $n, int $perRoot, int $ptBase = 0): array
{
    $wpq = function (string $sql) use ($wpdb): void {
        if ($wpdb->query($sql) === false) {
            fwrite(STDERR, "WordPress SQL failed: {$wpdb->last_error}\n");
            exit(1);
        }
    };
    mt_srand(42);
    $roots = intdiv($n, $perRoot);
    $base = strtotime('2026-01-01 00:00:00');
    $id = 0;
    $wpRows = [];
    $ptRows = [];
    $flush = function (bool $force) use (&$wpRows, &$ptRows, $admin, $wpdb, $wpq) {
        if ($wpRows && ($force || count($wpRows) >= 2000)) {
            $wpq("INSERT INTO $wpdb->comments (comment_ID, comment_post_ID, comment_author, comment_author_email, "
                . "comment_author_url, comment_author_IP, comment_date, comment_date_gmt, comment_content, comment_karma, "
                . "comment_approved, comment_agent, comment_type, comment_parent, user_id) VALUES " . implode(',', $wpRows));
            $wpRows = [];
        }
        if ($ptRows && ($force || count($ptRows) >= 2000)) {
            if (!$admin->query('INSERT INTO participa_comments (id, thread_id, parent_id, root_id, depth, author, body, '
                . 'status, public, up_count, down_count, reply_count, wilson, controversial, created_at) VALUES ' . implode(',', $ptRows))) {
                fwrite(STDERR, "participa insert failed: {$admin->error}\n");
                exit(1);
            }
            $ptRows = [];
        }
    };
    for ($r = 0; $r < $roots; $r++) {
        // one root and its subtree, as bench/threads.php: each reply picks a
        // parent among the nodes above depth 4 so far (times grow down the tree)
        $nodes = [];
        for ($k = 0; $k < $perRoot && $id < $n; $k++) {
            $id++;
            if ($k === 0) {
                $parent = 0;
                $depth = 0;
            } else {
                $candidates = array_keys(array_filter($nodes, fn($x) => $x['depth'] < 4));
                $parent = $candidates[mt_rand(0, count($candidates) - 1)];
                $depth = $nodes[$parent]['depth'] + 1;
                $nodes[$parent]['replies']++;
            }
            $nodes[$id] = ['parent' => $parent, 'depth' => $depth, 'replies' => 0, 'up' => mt_rand(0, 20),
                'down' => mt_rand(0, 8), 'at' => $base + $r * 60 + $k, 'author' => mt_rand(1, 5000), 'street' => mt_rand(1, 300)];
        }
        $rootId = array_key_first($nodes);
        foreach ($nodes as $cid => $x) {
            $body = sprintf('Comentario generado %d sobre el alumbrado de la calle %d', $cid, $x['street']);
            $when = gmdate('Y-m-d H:i:s', $x['at']);
            $wpRows[] = sprintf("(%d,%d,'Vecino %d','vecino%d@example.invalid','','127.0.0.1','%s','%s','%s',0,'1','','comment',%d,0)",
                $wpBase + $cid, $postId, $x['author'], $x['author'], $when, $when, $body, $x['parent'] ? $wpBase + $x['parent'] : 0);
            $controversy = ($x['up'] > 0 && $x['down'] > 0)
                ? ($x['up'] + $x['down']) ** (min($x['up'], $x['down']) / max($x['up'], $x['down'])) : 0.0;
            $ptRows[] = sprintf("(%d,%d,%d,%d,%d,'wp:%d','%s','published',1,%d,%d,%d,%.17g,%.17g,'%s.000000')",
                $ptBase + $cid, $tid, $x['parent'] ? $ptBase + $x['parent'] : 0, $x['parent'] ? $ptBase + $rootId : 0, $x['depth'], $x['author'], $body,
                $x['up'], $x['down'], $x['replies'], wp10k_wilson($x['up'], $x['down']), $controversy, $when);
        }
        $flush(false);
    }
    $flush(true);
    $admin->query("UPDATE participa_threads SET published_count = published_count + $id, root_count = root_count + $roots WHERE id = $tid");
    $admin->query('ANALYZE TABLE participa_comments');
    $maxDepth = (int) $admin->query("SELECT MAX(depth) FROM participa_comments WHERE thread_id = $tid")->fetch_row()[0];
    wp_update_comment_count_now($postId);
    $wpq("ANALYZE TABLE $wpdb->comments");
    clean_comment_cache(range($wpBase + 1, $wpBase + $id));
    wp_cache_flush();
    return [$id, $roots, $maxDepth];
}
