<?php
// Helpers shared by the PHPT suite.
//
// Database tests need a MariaDB server: scripts/test starts a private one and
// exports PARTICIPA_TEST_SOCKET (a unix socket where `root` connects without a
// password, as Debian's socket authentication allows). PARTICIPA_TEST_DSN may
// name another server instead: "unix:/path/to.sock" or "tcp:host:port", with
// PARTICIPA_TEST_USER / PARTICIPA_TEST_PASSWORD. Every test creates and drops
// its own database, so the suite runs in parallel safely.

const PARTICIPA_REPO = __DIR__ . '/../..';

function participa_test_server(): ?array
{
    $dsn = getenv('PARTICIPA_TEST_DSN') ?: '';
    $socket = getenv('PARTICIPA_TEST_SOCKET') ?: '';
    if ($dsn === '' && $socket !== '') {
        $dsn = "unix:$socket";
    }
    if ($dsn === '') {
        return null;
    }
    $server = ['user' => getenv('PARTICIPA_TEST_USER') ?: 'root', 'password' => getenv('PARTICIPA_TEST_PASSWORD') ?: null];
    if (str_starts_with($dsn, 'unix:')) {
        $server['socket'] = substr($dsn, 5);
    } elseif (preg_match('/^tcp:([^:]+):(\d+)$/', $dsn, $m)) {
        $server['host'] = $m[1];
        $server['port'] = (int) $m[2];
    } else {
        return null;
    }
    return $server;
}

/** For --SKIPIF--: prints "skip ..." when there is no server or mysqli. */
function participa_test_skip_without_db(): void
{
    if (!extension_loaded('mysqli')) {
        echo "skip mysqli is needed to prepare test databases\n";
    } elseif (participa_test_server() === null) {
        echo "skip no test database: set PARTICIPA_TEST_SOCKET or PARTICIPA_TEST_DSN\n";
    }
}

/**
 * For --SKIPIF-- after participa_test_skip_without_db(), in a test that
 * assumes a standalone server (scripts/test --galera runs the suite on a
 * Galera node): prints "skip ..." naming the assumption when @@wsrep_on.
 */
function participa_test_skip_on_galera(string $assumes): void
{
    if (!extension_loaded('mysqli') || participa_test_server() === null) {
        return;
    }
    try {
        $on = participa_test_admin()->query("SELECT @@wsrep_on")->fetch_row()[0];
    } catch (mysqli_sql_exception $e) {
        return;   // a server built without wsrep
    }
    if ((int) $on === 1) {
        echo "skip assumes a standalone server, not Galera: $assumes\n";
    }
}

/** A mysqli connection to the test server as the admin user (for setup and inspection). */
function participa_test_admin(?string $database = null): mysqli
{
    $s = participa_test_server();
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    return new mysqli($s['host'] ?? 'localhost', $s['user'], $s['password'], $database, $s['port'] ?? 0, $s['socket'] ?? null);
}

/**
 * Writes a configuration for a fresh database named after the test and
 * returns its path. $yamlBody is appended after the site and database
 * sections (territories, roles ...). The database is created empty; call
 * participa_test_drop() in --CLEAN-- (or at the end).
 */
function participa_test_config(string $name, string $yamlBody = '', bool $createDb = true, ?string $path = null): string
{
    $s = participa_test_server();
    $db = 'pt_' . preg_replace('/[^a-z0-9_]/', '_', strtolower($name));
    if ($createDb && $s !== null) {
        $admin = participa_test_admin();
        $admin->query("DROP DATABASE IF EXISTS `$db`");
        $admin->query("CREATE DATABASE `$db` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        $admin->close();
    }
    $lines = ["site:", "  name: Prueba $name", "database:"];
    if (isset($s['socket'])) {
        $lines[] = "  socket: {$s['socket']}";
    } elseif ($s !== null) {
        $lines[] = "  host: {$s['host']}";
        $lines[] = "  port: {$s['port']}";
    } else {
        $lines[] = "  socket: /nonexistent/mysqld.sock";
    }
    $lines[] = "  name: $db";
    $lines[] = "  user: " . ($s['user'] ?? 'root');
    if (($s['password'] ?? null) !== null) {
        putenv('PARTICIPA_TEST_DB_PASSWORD=' . $s['password']);
        $lines[] = "  password_env: PARTICIPA_TEST_DB_PASSWORD";
    }
    $path ??= sys_get_temp_dir() . "/participa-test-$name.yaml";
    file_put_contents($path, implode("\n", $lines) . "\n" . $yamlBody);
    return $path;
}

/**
 * A path in the temp directory that no other test and no other run of the
 * suite uses ($name only helps a reader of /tmp); the caller unlinks it.
 * Pass it as $path to participa_test_config() / participa_test_yaml().
 */
function participa_test_unique_path(string $name, string $suffix = '.yaml'): string
{
    return sys_get_temp_dir() . "/participa-test-$name-" . getmypid() . '-' . bin2hex(random_bytes(6)) . $suffix;
}

function participa_test_drop(string $name): void
{
    if (participa_test_server() === null || !extension_loaded('mysqli')) {
        return;
    }
    $db = 'pt_' . preg_replace('/[^a-z0-9_]/', '_', strtolower($name));
    $admin = participa_test_admin();
    $admin->query("DROP DATABASE IF EXISTS `$db`");
    $admin->close();
    @unlink(sys_get_temp_dir() . "/participa-test-$name.yaml");
}

/** Writes a YAML file with the given text to a temp path and returns it. */
function participa_test_yaml(string $name, string $text, ?string $path = null): string
{
    $path ??= sys_get_temp_dir() . "/participa-test-$name.yaml";
    file_put_contents($path, $text);
    return $path;
}

/**
 * Command line for a child PHP process that loads the same participa build
 * as this test (scripts/test exports PARTICIPA_SO).
 */
function participa_test_php_command(array $args): array
{
    $php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
    $so = getenv('PARTICIPA_SO');
    return array_merge([$php], $so ? ['-d', "extension=$so"] : [], $args);
}
