<?php
// Shared by the WordPress plugin's tests (tests/wordpress/plugin-*.php), run by
// scripts/wordpress-plugin-test: WordPress loaded from the CLI against the
// test's own config (WORDPRESS_CONFIG), checks that print "ok"/"not ok", and a
// small HTTP client with a cookie jar for the checks through nginx + php-fpm.
declare(strict_types=1);

$GLOBALS['pt_counts'] = ['passed' => 0, 'failed' => 0, 'skipped' => 0];

/** Loads WordPress headlessly (the config is chosen by $_SERVER['WORDPRESS_CONFIG'], from the environment). */
function pt_wp_load(): void
{
    $url = getenv('PT_WP_URL') ?: 'http://127.0.0.1';
    $_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
    $_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . (parse_url($url, PHP_URL_PORT) ?: 80);
    $_SERVER['REQUEST_URI'] = '/';
    $_SERVER['SERVER_NAME'] = parse_url($url, PHP_URL_HOST);
    $_SERVER['REQUEST_METHOD'] = 'GET';
    require_once '/usr/share/wordpress/wp-load.php';
}

/** The fixture the setup wrote (ids of users and pages). */
function pt_fixture(): array
{
    return json_decode((string) file_get_contents(getenv('PT_WP_DIR') . '/fixture.json'), true);
}

function pt_check(string $what, bool $ok, string $detail = ''): bool
{
    $GLOBALS['pt_counts'][$ok ? 'passed' : 'failed']++;
    echo ($ok ? 'ok' : 'not ok') . " - $what" . ($ok || $detail === '' ? '' : "\n    " . str_replace("\n", "\n    ", $detail)) . "\n";
    return $ok;
}

function pt_skip(string $what, string $why): void
{
    $GLOBALS['pt_counts']['skipped']++;
    echo "skip - $what ($why)\n";
}

/** The last line the driver reads: N passed, N failed (skipped ones named apart). */
function pt_done(): void
{
    $c = $GLOBALS['pt_counts'];
    echo "{$c['passed']} passed, {$c['failed']} failed" . ($c['skipped'] ? ", {$c['skipped']} skipped" : '') . "\n";
    exit($c['failed'] ? 1 : 0);
}

/** A short excerpt of a page for a failure's detail. */
function pt_excerpt(string $html, int $len = 600): string
{
    return (string) iconv_substr(trim((string) preg_replace("/\\s+/u", " ", $html)), 0, $len, "UTF-8");
}

/**
 * One HTTP request (no redirects followed), with a cookie jar.
 *
 * @return array{status:int, headers:array<string,list<string>>, body:string}
 */
function pt_http(string $method, string $url, ?array $fields = null, array $headers = [], ?array &$jar = null, ?string $raw = null): array
{
    $jar ??= [];
    $h = $headers;
    if ($jar) {
        $h[] = 'Cookie: ' . implode('; ', array_map(fn($k, $v) => "$k=$v", array_keys($jar), $jar));
    }
    $content = $raw;
    if ($fields !== null) {
        $content = http_build_query($fields);
        $h[] = 'Content-Type: application/x-www-form-urlencoded';
    }
    $ctx = stream_context_create(['http' => ['method' => $method, 'header' => implode("\r\n", $h), 'content' => $content ?? '',
        'follow_location' => 0, 'ignore_errors' => true, 'timeout' => 600, 'protocol_version' => 1.0]]);
    $body = @file_get_contents($url, false, $ctx);
    $status = 0;
    $out = [];
    foreach ($http_response_header ?? [] as $line) {
        if (preg_match('#^HTTP/\S+ (\d+)#', $line, $m)) {
            $status = (int) $m[1];
        } elseif (str_contains($line, ':')) {
            [$k, $v] = explode(':', $line, 2);
            $out[strtolower(trim($k))][] = trim($v);
            if (strtolower(trim($k)) === 'set-cookie' && preg_match('/^([^=;]+)=([^;]*)/', trim($v), $c)) {
                if ($c[2] === '' || $c[2] === 'deleted' || stripos($v, 'expires=Thu, 01-Jan-1970') !== false) {
                    unset($jar[$c[1]]);
                } else {
                    $jar[$c[1]] = $c[2];
                }
            }
        }
    }
    return ['status' => $status, 'headers' => $out, 'body' => $body === false ? '' : $body];
}

/** The first value of a response header, or ''. */
function pt_header(array $response, string $name): string
{
    return $response['headers'][strtolower($name)][0] ?? '';
}

/** Signs in through wp-login.php; returns the cookie jar. */
function pt_login(string $base, string $login, string $password): array
{
    $jar = ['wordpress_test_cookie' => 'WP%20Cookie%20check'];
    $r = pt_http('POST', "$base/wp-login.php", ['log' => $login, 'pwd' => $password, 'wp-submit' => 'Log In',
        'testcookie' => '1', 'redirect_to' => "$base/wp-admin/"], [], $jar);
    if ($r['status'] !== 302) {
        throw new RuntimeException("login of $login answered {$r['status']}: " . pt_excerpt($r['body'], 300));
    }
    return $jar;
}

/**
 * The fields of the form of a page whose hidden participa_action is $action
 * (and, when given, whose participa_form is $form), with its action URL.
 *
 * @return array{action:string, fields:array<string,string>}|null
 */
function pt_form(string $html, string $action, ?string $form = null): ?array
{
    $attr = function (string $tag, string $name): ?string {
        return preg_match('/\s' . $name . '="([^"]*)"/', $tag, $m) ? html_entity_decode($m[1], ENT_QUOTES | ENT_HTML5, 'UTF-8') : null;
    };
    preg_match_all('#(<form\b[^>]*>)(.*?)</form>#s', $html, $forms, PREG_SET_ORDER);
    foreach ($forms as [, $open, $inner]) {
        $fields = [];
        preg_match_all('#<input\b[^>]*>|<textarea\b[^>]*>(.*?)</textarea>|<select\b[^>]*>(.*?)</select>#s', $inner, $els, PREG_SET_ORDER);
        foreach ($els as $el) {
            $tag = $el[0];
            $name = $attr($tag, 'name');
            if ($name === null) {
                continue;
            }
            if (str_starts_with($tag, '<textarea')) {
                $fields[$name] = html_entity_decode($el[1], ENT_QUOTES | ENT_HTML5, 'UTF-8');
            } elseif (str_starts_with($tag, '<select')) {
                $fields[$name] = preg_match('#<option\b[^>]*\sselected[^>]*>#', $el[2], $o) ? (string) $attr($o[0], 'value') : '';
            } elseif (!in_array($attr($tag, 'type'), ['checkbox', 'radio'], true) || preg_match('/\schecked\b/', $tag)) {
                $fields[$name] = (string) $attr($tag, 'value');
            }
        }
        if (($fields['participa_action'] ?? '') === $action && ($form === null || ($fields['participa_form'] ?? '') === $form)) {
            return ['action' => (string) $attr($open, 'action'), 'fields' => $fields];
        }
    }
    return null;
}
