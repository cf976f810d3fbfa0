<?php
// Shared by the WordPress plugin's tests (tests/wordpress/plugin-*.php), run by
// scripts/wordpress-plugin-test: WordPress loaded from the CLI against the
// test's own config (WORDPRESS_CONFIG), checks that print "ok"/"not ok", and a
// small HTTP client with a cookie jar for the checks through nginx + php-fpm.
declare(strict_types=1);

require_once __DIR__ . '/checks.php';

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
    foreach (pt_page_forms($html) as $f) {
        if (($f['fields']['participa_action'] ?? '') === $action && ($form === null || ($f['fields']['participa_form'] ?? '') === $form)) {
            return ['action' => $f['action'], 'fields' => $f['fields']];
        }
    }
    return null;
}
