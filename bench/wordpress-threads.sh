#!/bin/bash
# WordPress's own threaded comments against Participa\Thread on a 10,000-comment
# post (bench/wordpress_threads.php). Run as root:
#
#   bench/wordpress-threads.sh [--keep] [bench options: --comments N --per-root K --runs N --html DIR]
#
# Steps (adapted from /work/shared/recipes/wordpress-e2e.sh):
#   1. installs Debian's `wordpress` package if it is missing (apt-get, no
#      recommends: no web server is needed, WordPress is loaded from PHP CLI);
#   2. starts a private MariaDB in $W (default /tmp/participa-wp-bench): its own
#      data directory and unix socket, no TCP, never the system server; creates
#      database wp_bench and user wp for WordPress (participa's database is
#      created by the bench as root over the same socket);
#   3. writes /etc/wordpress/config-participa-bench.php, which Debian's
#      wp-config.php loads when $_SERVER['WORDPRESS_CONFIG'] is
#      'participa-bench' (so no Host-named site config is touched);
#   4. installs the site headlessly (wp_install(), no wizard, no wp-cli);
#   5. runs the bench, then once more with SAVEQUERIES on to list WordPress's
#      SQL per page;
#   6. stops the private MariaDB and removes the config file (--keep leaves both).
#
# Environment: PARTICIPA_SO (default modules/participa.so of this tree),
# W (work directory).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=${W:-/tmp/participa-wp-bench}
SO=${PARTICIPA_SO:-$ROOT/modules/participa.so}
CONF_NAME=participa-bench
CONF=/etc/wordpress/config-$CONF_NAME.php
KEEP=0
ARGS=()
for a in "$@"; do
    if [ "$a" = --keep ]; then KEEP=1; else ARGS+=("$a"); fi
done

[ "$(id -u)" = 0 ] || { echo "run as root (apt-get, /etc/wordpress)" >&2; exit 2; }
[ -f "$SO" ] || { echo "no $SO: run scripts/build first, or set PARTICIPA_SO" >&2; exit 2; }

# 1. WordPress from Debian
if [ ! -f /usr/share/wordpress/wp-load.php ]; then
    echo "== installing Debian's wordpress package"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wordpress >/dev/null
fi
php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' || {
    echo "== installing php-mysql"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends php-mysql >/dev/null
}

# 2. private MariaDB (does not touch /var/lib/mysql or the system service)
if [ -f "$W/mariadbd.pid" ] && kill -0 "$(cat "$W/mariadbd.pid")" 2>/dev/null; then
    echo "a bench server from an earlier --keep run is still up: stop it with" >&2
    echo "  mariadb-admin --no-defaults -uroot -S $W/mysqld.sock shutdown" >&2
    exit 2
fi
rm -rf "$W"; mkdir -p "$W"; chmod 755 "$W"
mariadb-install-db --no-defaults --user=root --datadir="$W/db" --auth-root-authentication-method=socket \
    --skip-test-db >"$W/install-db.log" 2>&1
mariadbd --no-defaults --user=root --datadir="$W/db" --socket="$W/mysqld.sock" --skip-networking \
    --pid-file="$W/mysqld.pid" --log-error="$W/mysqld.err" --innodb-buffer-pool-size=256M \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
echo $! >"$W/mariadbd.pid"
stop() {
    if [ "$KEEP" = 1 ]; then
        echo "kept: MariaDB on $W/mysqld.sock and $CONF (stop with:"
        echo "  mariadb-admin --no-defaults -uroot -S $W/mysqld.sock shutdown; rm $CONF)"
        return
    fi
    rm -f "$CONF"
    local pid
    pid=$(cat "$W/mariadbd.pid" 2>/dev/null) || return 0
    mariadb-admin --no-defaults -uroot -S "$W/mysqld.sock" shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
}
trap stop EXIT
for _ in $(seq 1 120); do
    mariadb-admin --no-defaults -uroot -S "$W/mysqld.sock" ping >/dev/null 2>&1 && break
    kill -0 "$(cat "$W/mariadbd.pid")" 2>/dev/null || { echo "mariadbd exited; see $W/mysqld.err" >&2; exit 1; }
    sleep 0.25
done
mariadb --no-defaults -uroot -S "$W/mysqld.sock" -e "CREATE DATABASE wp_bench CHARACTER SET utf8mb4;
  CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp-bench-pass'; GRANT ALL ON wp_bench.* TO 'wp'@'localhost';"

# 3. the site's config, chosen by WORDPRESS_CONFIG (Debian's wp-config.php)
mkdir -p /etc/wordpress
cat >"$CONF" <<EOF
<?php
define('DB_NAME', 'wp_bench'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp-bench-pass');
define('DB_HOST', 'localhost:$W/mysqld.sock'); define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', 'http://localhost'); define('WP_SITEURL', WP_HOME);
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
foreach (['AUTH_KEY','SECURE_AUTH_KEY','LOGGED_IN_KEY','NONCE_KEY','AUTH_SALT','SECURE_AUTH_SALT','LOGGED_IN_SALT','NONCE_SALT'] as \$k) define(\$k, 'bench-' . \$k);
define('WP_DEBUG', false);                  // production-like: no notices collected
define('DISABLE_WP_CRON', true); define('AUTOMATIC_UPDATER_DISABLED', true); define('WP_HTTP_BLOCK_EXTERNAL', true);
define('SAVEQUERIES', getenv('PT_WP_SAVEQUERIES') === '1');   // only for the query listing run
EOF

# 4. headless install
cat >"$W/install.php" <<'EOF'
<?php
$_SERVER['WORDPRESS_CONFIG'] = 'participa-bench';
$_SERVER['HTTP_HOST'] = 'localhost'; $_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
add_filter('pre_wp_mail', '__return_true');          // no sendmail on the box
if (!is_blog_installed()) {
    wp_install('Participa bench', 'admin', 'admin@example.invalid', false, '', 'admin-bench-pass');
}
EOF
php "$W/install.php" >/dev/null

# 5. the bench, then WordPress's SQL per page
cd "$ROOT"
export PT_WP_CONFIG=$CONF_NAME PARTICIPA_TEST_SOCKET=$W/mysqld.sock
# opcache on, as under php-fpm (CLI leaves it off by default); same for both sides
php -d opcache.enable_cli=1 -d extension="$SO" bench/wordpress_threads.php "${ARGS[@]}"
PT_WP_SAVEQUERIES=1 php -d opcache.enable_cli=1 -d extension="$SO" bench/wordpress_threads.php --queries "${ARGS[@]}"
