<?php
// Shared by the wp-admin screens' tests (tests/wordpress/admin-*.php), run by
// scripts/wordpress-admin-test: WordPress loaded from the CLI for this run's
// made-up host (Debian's wp-config.php then reads /etc/wordpress/config-<host>.php),
// checks that print "ok"/"not ok", an admin screen drawn through its page hook,
// a form posted to its admin-post.php handler (the redirect caught, not
// followed), and every mail captured through pre_wp_mail (none is sent).
declare(strict_types=1);

require_once __DIR__ . '/checks.php';
$GLOBALS['pt_mail'] = [];

/** The redirect a handler answered with (wp_redirect() throws it here instead of exiting). */
final class PtRedirect extends Exception
{
    public function __construct(public string $location, public int $status)
    {
        parent::__construct("redirect $status to $location");
    }
}

/**
 * Loads WordPress headlessly for this run's host, as a wp-admin request
 * ($admin) or a front-end one.
 */
function pt_wp_load(bool $admin = true, string $uri = '/wp-admin/admin.php'): void
{
    $host = (string) getenv('PT_WPA_HOST');
    if ($host === '') {
        fwrite(STDERR, "PT_WPA_HOST is not set: run scripts/wordpress-admin-test\n");
        exit(2);
    }
    $_SERVER['HTTP_HOST'] = $host;
    $_SERVER['SERVER_NAME'] = $host;
    $_SERVER['REQUEST_URI'] = $uri;
    $_SERVER['REQUEST_METHOD'] = 'GET';
    $_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
    if ($admin) {
        define('WP_ADMIN', true);
    }
    require_once '/usr/share/wordpress/wp-load.php';
    if ($admin) {
        require_once ABSPATH . 'wp-admin/includes/admin.php';
    }
    // No mail leaves the machine: every wp_mail() is kept for the checks.
    add_filter('pre_wp_mail', static function ($short, array $atts) {
        $GLOBALS['pt_mail'][] = $atts;
        return true;
    }, 10, 2);
    add_filter('wp_redirect', static function ($location, $status) {
        throw new PtRedirect((string) $location, (int) $status);
    }, PHP_INT_MAX, 2);
    // A download ends the request after its body: keep its name and type, then stop the handler.
    add_action('participa_admin_download_sent', static function ($name, $type) {
        $GLOBALS['pt_download'] = [(string) $name, (string) $type];
        throw new PtRedirect('download', 200);
    }, 10, 2);
}

/** The fixture the setup wrote (user ids by login). */
function pt_fixture(): array
{
    return json_decode((string) file_get_contents(getenv('PT_WPA_DIR') . '/fixture.json'), true);
}

/** Signs in as $login for the rest of the script (no cookie: nonces are made and checked for this user). */
function pt_as(string $login): WP_User
{
    $user = get_user_by('login', $login);
    if (!$user) {
        throw new RuntimeException("no user $login");
    }
    wp_set_current_user($user->ID);
    return $user;
}

/**
 * Draws an admin screen as wp-admin/admin.php?page=$page would: the menu is
 * built for the current user (wp-admin/menu.php), then the page's load-
 * hook, the notices and the page hook itself. Returns [html, hook] or
 * [null, why] when the user may not open it.
 *
 * @param array $get The query of the screen (page is added).
 */
function pt_screen(string $page, array $get = []): array
{
    global $menu, $submenu, $_wp_menu_nopriv, $_wp_submenu_nopriv, $plugin_page, $pagenow, $typenow, $_registered_pages, $_parent_pages, $admin_page_hooks, $title, $parent_file, $submenu_file;
    $menu = $submenu = $_wp_menu_nopriv = $_wp_submenu_nopriv = [];
    $_registered_pages = $_parent_pages = $admin_page_hooks = [];
    $_GET = ['page' => $page] + $get;
    $_REQUEST = $_GET;
    $_POST = [];
    $_SERVER['REQUEST_METHOD'] = 'GET';
    $_SERVER['REQUEST_URI'] = '/wp-admin/admin.php?' . http_build_query($_GET);
    $pagenow = 'admin.php';
    $typenow = '';
    $plugin_page = $page;
    $title = '';
    static $built = false;
    if (!$built) {
        require ABSPATH . 'wp-admin/menu.php';   // declares functions: once per process
        $built = true;
    } else {
        // What menu.php does for plugin pages: register them, then set aside what the user may not open.
        do_action('admin_menu', '');
        foreach ($submenu as $parent_slug => $items) {
            foreach ($items as $i => $item) {
                if (!current_user_can($item[1])) {
                    $_wp_submenu_nopriv[$parent_slug][$item[2]] = true;
                    unset($submenu[$parent_slug][$i]);
                }
            }
        }
        foreach ($menu as $i => $item) {
            if (!current_user_can($item[1])) {
                $_wp_menu_nopriv[$item[2]] = true;
                unset($menu[$i]);
            }
        }
    }
    $parent = get_admin_page_parent();
    $hook = get_plugin_page_hook($page, $parent);
    if (!$hook) {
        return [null, "no page hook for $page"];
    }
    if (!user_can_access_admin_page()) {
        return [null, 'not allowed'];
    }
    set_current_screen($hook);
    ob_start();
    do_action('load-' . $hook);
    do_action('admin_enqueue_scripts', $hook);
    do_action('admin_notices');
    do_action($hook);
    return [(string) ob_get_clean(), $hook];
}

/**
 * Posts $fields to admin-post.php?action=$action (and $get) as the current
 * user: returns the redirect, or ['died' => message] for wp_die(), or
 * ['output' => ...] for a handler that answered in place (a download).
 */
function pt_post(string $action, array $fields, array $get = [], string $method = 'POST'): array
{
    $_GET = ['action' => $action] + $get;
    $_POST = $method === 'POST' ? $fields : [];
    if ($method === 'GET') {
        $_GET += $fields;
    }
    $_REQUEST = $_POST + $_GET;
    $_SERVER['REQUEST_METHOD'] = $method;
    $_SERVER['REQUEST_URI'] = '/wp-admin/admin-post.php?' . http_build_query($_GET);
    // WordPress's handlers read the slashed superglobals, as PHP gives them.
    $_POST = wp_slash($_POST);
    $_GET = wp_slash($_GET);
    $_REQUEST = wp_slash($_REQUEST);
    $die = static fn() => static function ($message) {
        throw new RuntimeException('wp_die: ' . (is_wp_error($message) ? $message->get_error_message() : wp_strip_all_tags((string) $message)));
    };
    add_filter('wp_die_handler', $die, PHP_INT_MAX);
    $hook = is_user_logged_in() ? 'admin_post_' . $action : 'admin_post_nopriv_' . $action;
    ob_start();
    try {
        do_action($hook);
        return ['output' => (string) ob_get_contents(), 'location' => null];
    } catch (PtRedirect $r) {
        return ['location' => $r->location, 'status' => $r->status];
    } catch (RuntimeException $e) {
        if (str_starts_with($e->getMessage(), 'wp_die: ')) {
            return ['died' => substr($e->getMessage(), 8), 'location' => null];
        }
        throw $e;
    } finally {
        ob_end_clean();
        remove_filter('wp_die_handler', $die, PHP_INT_MAX);
        $_POST = $_GET = $_REQUEST = [];
        $_SERVER['REQUEST_METHOD'] = 'GET';
        $_SERVER['REQUEST_URI'] = '/wp-admin/admin.php';
    }
}

/** The admin screen a redirect points to, drawn: [html, hook]. */
function pt_follow(array $response): array
{
    $url = (string) ($response['location'] ?? '');
    parse_str((string) parse_url($url, PHP_URL_QUERY), $q);
    $page = (string) ($q['page'] ?? '');
    unset($q['page']);
    return pt_screen($page, $q);
}

/** Whether $html contains $needle, with an excerpt on failure. */
function pt_has(string $what, ?string $html, string $needle): bool
{
    preg_match_all('#<div class="notice[^"]*"[^>]*>.*?</div>#s', (string) $html, $notices);
    return pt_check($what, $html !== null && str_contains($html, $needle), 'not found: ' . $needle . "\n"
        . ($notices[0] ? 'notices: ' . implode(' ', $notices[0]) . "\n" : '') . pt_excerpt((string) $html));
}

/**
 * The fields of the first form of $html whose hidden $key is $value, with
 * its action URL: [action, fields] or null.
 */
function pt_form(string $html, string $key, string $value): ?array
{
    foreach (pt_page_forms($html) as $f) {
        if (($f['fields'][$key] ?? null) === $value) {
            parse_str((string) parse_url($f['action'], PHP_URL_QUERY), $query);
            return ['action' => $f['action'], 'query' => $query, 'fields' => $f['fields']];
        }
    }
    return null;
}

/** Posts a form pt_form() found, with $changes: the handler's answer. */
function pt_submit(array $form, array $changes = []): array
{
    $query = $form['query'];
    $action = (string) ($query['action'] ?? $form['fields']['action'] ?? '');
    unset($query['action']);
    $fields = array_merge($form['fields'], $changes);
    unset($fields['action']);
    return pt_post($action, $fields, $query);
}

/* ---- over HTTP: the same site through nginx + php-fpm (admin-http.php) ---- */

/** The site's base URL as a browser sees it: http://<host>:<port>. */
function pt_base(): string
{
    return 'http://' . getenv('PT_WPA_HOST') . ':' . getenv('PT_WPA_PORT');
}

/**
 * One HTTP request to the site (no redirects followed), connecting to
 * 127.0.0.1:<port> with the run's Host header; $jar keeps the cookies.
 *
 * @return array{status:int, headers:array<string,list<string>>, body:string}
 */
function pt_http(string $method, string $url, ?array $fields, array &$jar): array
{
    $parts = parse_url($url);
    $target = 'http://127.0.0.1:' . getenv('PT_WPA_PORT') . ($parts['path'] ?? '/') . (isset($parts['query']) ? '?' . $parts['query'] : '');
    $h = ['Host: ' . getenv('PT_WPA_HOST') . ':' . getenv('PT_WPA_PORT')];
    if ($jar) {
        $h[] = 'Cookie: ' . implode('; ', array_map(fn($k, $v) => "$k=$v", array_keys($jar), $jar));
    }
    $content = '';
    if ($fields !== null) {
        $content = http_build_query($fields);
        $h[] = 'Content-Type: application/x-www-form-urlencoded';
    }
    $ctx = stream_context_create(['http' => ['method' => $method, 'header' => implode("\r\n", $h), 'content' => $content,
        'follow_location' => 0, 'ignore_errors' => true, 'timeout' => 600, 'protocol_version' => 1.0]]);
    $body = @file_get_contents($target, false, $ctx);
    $status = 0;
    $headers = [];
    foreach ($http_response_header ?? [] as $line) {
        if (preg_match('#^HTTP/\S+ (\d+)#', $line, $m)) {
            $status = (int) $m[1];
        } elseif (str_contains($line, ':')) {
            [$k, $v] = array_map('trim', explode(':', $line, 2));
            $headers[strtolower($k)][] = $v;
            if (strtolower($k) === 'set-cookie' && preg_match('/^([^=;]+)=([^;]*)/', $v, $c)) {
                if ($c[2] === '' || $c[2] === 'deleted' || stripos($v, 'expires=Thu, 01-Jan-1970') !== false) {
                    unset($jar[$c[1]]);
                } else {
                    $jar[$c[1]] = $c[2];
                }
            }
        }
    }
    return ['status' => $status, 'headers' => $headers, 'body' => $body === false ? '' : $body];
}

/** Signs in through wp-login.php; returns the cookie jar. */
function pt_http_login(string $login): array
{
    $jar = ['wordpress_test_cookie' => 'WP%20Cookie%20check'];
    $r = pt_http('POST', pt_base() . '/wp-login.php', ['log' => $login, 'pwd' => (string) getenv('PT_WPA_PASS'), 'wp-submit' => 'Log In',
        'testcookie' => '1', 'redirect_to' => pt_base() . '/wp-admin/'], $jar);
    if ($r['status'] !== 302) {
        throw new RuntimeException("login of $login answered {$r['status']}: " . pt_excerpt($r['body'], 300));
    }
    return $jar;
}
