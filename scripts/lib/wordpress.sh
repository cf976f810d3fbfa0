# shellcheck shell=bash
# The WordPress site of scripts/demo (and of scripts/wordpress-test and
# bench/wordpress-http.sh): Debian's wordpress package served by Debian's nginx
# and php-fpm, with a private MariaDB, the participa extension and plugin, and
# the sample municipality of examples/wordpress-demo/. Everything lives under
# ONE folder:
#
#   DIR/db, mysqld.sock ...   the private MariaDB (scripts/lib/mariadb.sh)
#   DIR/web/                  php-fpm.conf, nginx.conf, their sockets and pids
#   DIR/logs/                 nginx, php-fpm, PHP and WordPress logs
#   DIR/wp-content/           WordPress's content folder for this site: the
#                             plugin (a link to this checkout's wordpress/participa),
#                             Debian's themes (links), languages, uploads
#   DIR/wp-config.php         the site's WordPress settings; Debian's
#                             /usr/share/wordpress/wp-config.php reaches it
#                             through /etc/wordpress/config-<NAME>.php (a
#                             one-line file, removed by pt_wp_down)
#   DIR/participa.yaml        examples/wordpress-demo/participa.yaml with
#                             `database:` pointed at DIR/mysqld.sock
#   DIR/mail/                 every e-mail WordPress sends (no mail server)
#   DIR/demo.json             the URL, the logins and the pages, once ready
#
# NAME is 127.0.0.1 for the demo (Debian's wp-config.php picks the file by the
# Host header, as /work/shared/recipes/wordpress-e2e.sh does), or a unique
# name for a test run, passed by nginx as WORDPRESS_CONFIG so two sites on one
# machine never share a config file.
#
#   source scripts/lib/wordpress.sh
#   pt_wp_deps                    Debian packages (as root), without starting any service
#   pt_wp_up DIR PORT NAME        starts everything, installs and seeds on first use;
#                                 PORT 0 picks a free port; sets PT_WP_URL
#   pt_wp_down DIR                stops what pt_wp_up started and removes the config file
#   pt_wp_php DIR SCRIPT ARGS...  runs a PHP script with the site's settings (CLI)
#
# Nothing of the system's services is used: php-fpm and nginx run with their
# own configs (their workers as root, like scripts/lib/web.sh: they read this
# checkout wherever it is), MariaDB with its own data directory and socket.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$PT_ROOT/scripts/lib/mariadb.sh"
source "$PT_ROOT/scripts/lib/web.sh"

PT_WP_EXAMPLE=$PT_ROOT/examples/wordpress-demo

# pt_wp_apt PACKAGE...: apt-get install (as root), none of them starting a
# service: a temporary policy-rc.d keeps Debian from starting the system's
# nginx, php-fpm or MariaDB when there is none already.
pt_wp_apt() {
    [ $# -gt 0 ] || return 0
    pt_log "installing: $*"
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing packages ($*); run as root or install them" >&2
        return 1
    fi
    local rc_made="" status=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\n# participa: no service starts while it installs packages\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        rc_made=yes
    fi
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"; } >/dev/null || status=$?
    [ -n "$rc_made" ] && rm -f /usr/sbin/policy-rc.d
    return "$status"
}

# Installs what the site needs and is missing (by command or file, so a
# package from another source counts), then what the build needs.
pt_wp_deps() {
    local need=()
    [ -f /usr/share/wordpress/wp-load.php ] || need+=(wordpress)
    [ -d /usr/share/wordpress/wp-content/languages ] || need+=(wordpress-l10n)
    # the demo's block theme, and the classic theme the browser test also draws the pages in
    [ -d /usr/share/wordpress/wp-content/themes/twentytwentythree ] || need+=(wordpress-theme-twentytwentythree)
    [ -d /usr/share/wordpress/wp-content/themes/twentytwentyone ] || need+=(wordpress-theme-twentytwentyone)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
    command -v php-fpm8.2 >/dev/null || [ -x /usr/sbin/php-fpm8.2 ] || need+=(php8.2-fpm)
    [ -f /etc/php/8.2/mods-available/mysqli.ini ] || need+=(php8.2-mysql)
    command -v msgfmt >/dev/null || need+=(gettext)
    command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
    command -v python3 >/dev/null || need+=(python3)
    pt_wp_apt "${need[@]}" || return 1
    pt_install_deps
}

# pt_browser_deps WORK: Debian's chromium and node, and npm's playwright-core
# and axe-core in tests/browser/node_modules (the folder scripts/browser-test
# fills: one install serves both tests). Logs in WORK.
pt_browser_deps() {
    local work=$1 need=()
    command -v chromium >/dev/null || need+=(chromium)
    command -v node >/dev/null || need+=(nodejs)
    command -v npm >/dev/null || need+=(npm)
    pt_wp_apt "${need[@]}" >"$work/apt.log" 2>&1 || { tail -n 20 "$work/apt.log" >&2; return 1; }
    if ! (cd "$PT_ROOT/tests/browser" && node -e 'require.resolve("playwright-core"); require.resolve("axe-core")' 2>/dev/null); then
        pt_log "npm packages (tests/browser/node_modules)"
        (cd "$PT_ROOT/tests/browser" && npm ci --no-audit --no-fund --loglevel=error) >"$work/npm.log" 2>&1 ||
            { tail -n 20 "$work/npm.log" >&2; return 1; }
    fi
}

# The plugin's translations: languages/*.mo from the .po files (gitignored,
# built here when the plugin's own build step has not made them).
pt_wp_plugin_mo() {
    local po mo
    for po in "$PT_ROOT"/wordpress/participa/languages/*.po; do
        [ -f "$po" ] || continue
        mo=${po%.po}.mo
        if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
            msgfmt --check -o "$mo" "$po" || return 1
        fi
    done
}

# pt_wp_php DIR SCRIPT ARGS...: PHP CLI with the extension and the site's
# settings, WordPress selecting this site's config (PT_WP_HOST, PT_WP_CONFIG).
pt_wp_php() {
    local dir=$1; shift
    PT_WP_HOST=$(cat "$dir/web/host") PT_WP_CONFIG=$(cat "$dir/web/config-name") PT_WP_DIR=$dir \
        php -d "extension=$PT_ROOT/modules/participa.so" -d "participa.config=$dir/participa.yaml" \
        -d "participa.templates_dir=$PT_ROOT/templates" -d memory_limit=512M "$@"
}

# The /etc/wordpress file Debian's wp-config.php loads for this site.
pt_wp_config_file() {
    echo "/etc/wordpress/config-$(cat "$1/web/config-name").php"
}

# DIR/wp-content: the plugin from this checkout, Debian's themes and
# languages by link (es_MX read from Debian's es_ES catalogs: Debian ships no
# es_MX one; the theme's few strings from examples/wordpress-demo/), the
# demo's must-use plugin (e-mail to DIR/mail).
pt_wp_content() {
    local dir=$1 c=$1/wp-content f
    mkdir -p "$c/plugins" "$c/themes" "$c/languages/plugins" "$c/languages/themes" "$c/uploads" "$c/mu-plugins" "$dir/mail"
    ln -sfn "$PT_ROOT/wordpress/participa" "$c/plugins/participa"
    ln -sfn "$PT_WP_EXAMPLE/mu-plugin.php" "$c/mu-plugins/participa-demo.php"
    for f in /usr/share/wordpress/wp-content/themes/*/; do
        ln -sfn "${f%/}" "$c/themes/$(basename "$f")"
    done
    for f in /usr/share/wordpress/wp-content/languages/*es_ES*; do
        [ -e "$f" ] || continue
        ln -sfn "$f" "$c/languages/$(basename "$f")"
        ln -sfn "$f" "$c/languages/$(basename "$f" | sed 's/es_ES/es_MX/')"
    done
    for f in /usr/share/wordpress/wp-content/languages/themes/*es_ES*; do
        [ -e "$f" ] || continue
        ln -sfn "$f" "$c/languages/themes/$(basename "$f" | sed 's/es_ES/es_MX/')"
    done
    # Debian ships no theme catalogs: the strings of the theme the demo's pages show.
    msgfmt --check -o "$c/languages/themes/twentytwentythree-es_MX.mo" "$PT_WP_EXAMPLE/twentytwentythree-es_MX.po"
}

# DIR/wp-config.php (kept across restarts: its keys keep sessions valid) and
# the one-line /etc/wordpress file that points Debian's wp-config.php at it.
pt_wp_config() {
    local dir=$1 port=$2 name=$3 etc
    if [ ! -f "$dir/wp-config.php" ]; then
        local keys="" k
        for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
            keys+="define('$k', '$(head -c 32 /dev/urandom | base64 | tr -d '/+=')');"$'\n'
        done
        cat >"$dir/wp-config.php" <<EOF
<?php
// The WordPress settings of the participa demo site in $dir (scripts/lib/wordpress.sh).
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$(cat "$dir/web/db-password")');
define('DB_HOST', 'localhost:$dir/mysqld.sock');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', 'http://$(cat "$dir/web/host")');
define('WP_SITEURL', WP_HOME);
define('WP_CONTENT_DIR', '$dir/wp-content');
define('WP_CONTENT_URL', WP_HOME . '/wp-content');
define('WPLANG', 'es_MX');
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '$dir/logs/wordpress-debug.log');
define('WP_DEBUG_DISPLAY', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ENVIRONMENT_TYPE', 'local');
define('PARTICIPA_DEMO_MAIL_DIR', '$dir/mail');
$keys
EOF
    fi
    # The port may differ from an earlier run: the URL follows it.
    sed -i "s#^define('WP_HOME', .*#define('WP_HOME', 'http://$(cat "$dir/web/host")');#" "$dir/wp-config.php"
    etc=$(pt_wp_config_file "$dir")
    if [ -f "$etc" ] && ! grep -qF "$dir/wp-config.php" "$etc"; then
        echo "$etc belongs to another WordPress site (it does not name $dir): stop that site first" >&2
        return 1
    fi
    mkdir -p /etc/wordpress
    printf "<?php\n// participa demo site (%s); removed when it stops.\nrequire '%s/wp-config.php';\n" "$dir" "$dir" >"$etc"
}

pt_wp_fpm_conf() {
    local dir=$1
    cat >"$dir/web/php-fpm.conf" <<EOF
[global]
pid = $dir/web/php-fpm.pid
error_log = $dir/logs/php-fpm.log
daemonize = no

[participa-demo]
user = root
group = root
listen = $dir/web/php-fpm.sock
listen.mode = 0600
pm = static
pm.max_children = ${PT_WP_FPM_CHILDREN:-4}
catch_workers_output = yes
clear_env = yes
php_admin_value[memory_limit] = 256M
php_admin_flag[display_errors] = off
php_admin_flag[log_errors] = on
php_admin_value[error_log] = $dir/logs/php-errors.log
EOF
}

pt_wp_nginx_conf() {
    local dir=$1 port=$2 name=$3 select=""
    [ "$name" = 127.0.0.1 ] || select="fastcgi_param WORDPRESS_CONFIG $name;"
    cat >"$dir/web/nginx.conf" <<EOF
user root;
daemon off;
worker_processes 2;
pid $dir/web/nginx.pid;
error_log $dir/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $dir/logs/nginx-access.log combined buffer=64k flush=1s;
    client_max_body_size 16m;
    client_body_temp_path $dir/web/tmp/body;
    fastcgi_temp_path $dir/web/tmp/fastcgi;
    proxy_temp_path $dir/web/tmp/proxy;
    uwsgi_temp_path $dir/web/tmp/uwsgi;
    scgi_temp_path $dir/web/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        server_name 127.0.0.1;
        root /usr/share/wordpress;
        index index.php;
        # This site's content folder (Debian's is /var/lib/wordpress/wp-content).
        location ^~ /wp-content/ {
            root $dir;
            location ~ \.php\$ { return 403; }
        }
        location / { try_files \$uri \$uri/ /index.php?\$args; }
        location ~ \.php\$ {
            try_files \$uri =404;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            # \$host drops the port: WordPress must see the one the browser used.
            fastcgi_param HTTP_HOST \$host:\$server_port;
            $select
            fastcgi_pass unix:$dir/web/php-fpm.sock;
        }
    }
}
EOF
}

# pt_wp_up DIR PORT NAME: see the top of this file.
pt_wp_up() {
    local dir=$1 port=$2 name=$3 try
    mkdir -p "$dir/web/tmp" "$dir/logs"
    chmod 755 "$dir"
    echo "$name" >"$dir/web/config-name"
    [ -s "$dir/web/db-password" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/web/db-password"
    pt_wp_plugin_mo || return 1

    pt_log "private MariaDB in $dir"
    pt_mariadb_start "$dir" || return 1
    pt_mariadb_sql "$dir" "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE DATABASE IF NOT EXISTS participa_demo CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY '$(cat "$dir/web/db-password")';
        GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';" || return 1
    sed -e "s#^  socket: .*#  socket: $dir/mysqld.sock#" "$PT_WP_EXAMPLE/participa.yaml" >"$dir/participa.yaml"
    "$PT_ROOT/out/participa" check "$dir/participa.yaml" >/dev/null || { "$PT_ROOT/out/participa" check "$dir/participa.yaml"; return 1; }

    pt_log "php-fpm"
    pt_wp_fpm_conf "$dir"
    # The extension and its settings on the command line: this php-fpm serves
    # only this site, and a pool's php_admin_value cannot set the INI of an
    # extension that the same pool loads.
    "$PT_PHP_FPM" -R -F -y "$dir/web/php-fpm.conf" -d "extension=$PT_ROOT/modules/participa.so" \
        -d "participa.config=$dir/participa.yaml" -d "participa.templates_dir=$PT_ROOT/templates" \
        >"$dir/logs/php-fpm.out" 2>&1 &
    echo $! >"$dir/web/php-fpm.pid.run"
    pt_web_poll "$dir/web/php-fpm.pid.run" php-fpm test -S "$dir/web/php-fpm.sock" ||
        { cat "$dir/logs/php-fpm.out" "$dir/logs/php-fpm.log" >&2 2>/dev/null; return 1; }

    pt_log "nginx"
    for try in 1 2 3 4 5; do
        local p=$port
        [ "$p" = 0 ] && p=$(pt_free_port)
        echo "127.0.0.1:$p" >"$dir/web/host"
        pt_wp_nginx_conf "$dir" "$p" "$name"
        "$PT_NGINX" -p "$dir/web" -c "$dir/web/nginx.conf" -e "$dir/logs/nginx-error.log" >"$dir/logs/nginx.out" 2>&1 &
        echo $! >"$dir/web/nginx.pid.run"
        if pt_web_poll "$dir/web/nginx.pid.run" nginx pt_web_answers "$p" /wp-includes/css/buttons.css; then
            PT_WP_URL=http://127.0.0.1:$p
            break
        fi
        PT_WP_URL=""
        if [ "$port" != 0 ] || ! grep -q "Address already in use" "$dir/logs/nginx.out" "$dir/logs/nginx-error.log" 2>/dev/null; then
            cat "$dir/logs/nginx.out" >&2
            [ "$port" != 0 ] && echo "is something else listening on 127.0.0.1:$port? (scripts/demo --port N)" >&2
            return 1
        fi
    done
    [ -n "$PT_WP_URL" ] || return 1
    export PT_WP_URL

    pt_wp_content "$dir"
    pt_wp_config "$dir" "$p" "$name" || return 1
    pt_log "WordPress and the sample municipality (first time: a minute or more)"
    pt_wp_php "$dir" "$PT_WP_EXAMPLE/install.php" >"$dir/logs/install.log" 2>&1 ||
        { tail -n 30 "$dir/logs/install.log" >&2; return 1; }
    pt_wp_php "$dir" "$PT_WP_EXAMPLE/seed.php" >"$dir/logs/seed.log" 2>&1 ||
        { tail -n 30 "$dir/logs/seed.log" >&2; return 1; }
    # The site answers through nginx and php-fpm, with the plugin drawing a page.
    pt_web_poll "$dir/web/nginx.pid.run" "the site" pt_wp_answers "$dir" ||
        { tail -n 20 "$dir/logs/php-errors.log" >&2 2>/dev/null; return 1; }
}

# pt_demo_start DIR NAME LOG: scripts/demo on a free port in DIR (its
# /etc/wordpress file config-NAME.php), in the background; returns once
# DIR/demo.json exists (the site answers), polling while scripts/demo lives,
# or 1 when it exited first. Sets PT_DEMO_PID. For tests and benchmarks.
pt_demo_start() {
    local dir=$1 name=$2 log=$3
    mkdir -p "$dir"
    "$PT_ROOT/scripts/demo" --dir "$dir" --port 0 --wp-config "$name" >"$log" 2>&1 &
    PT_DEMO_PID=$!
    until [ -s "$dir/demo.json" ]; do
        if ! pt_web_alive "$PT_DEMO_PID"; then
            echo "scripts/demo exited before the site was ready:" >&2
            tail -n 30 "$log" >&2
            PT_DEMO_PID=""
            return 1
        fi
        sleep 0.5
    done
}

# pt_demo_stop DIR LOG: stops what pt_demo_start started, and waits for it.
pt_demo_stop() {
    [ -n "${PT_DEMO_PID:-}" ] || return 0
    "$PT_ROOT/scripts/demo" --stop --dir "$1" >>"$2" 2>&1
    wait "$PT_DEMO_PID" 2>/dev/null
    PT_DEMO_PID=""
}

# A name for /etc/wordpress/config-<name>.php that no other run has: PREFIX and the mktemp folder WORK.
pt_wp_unique_name() {
    echo "participa-$1-$(basename "$2" | tr -dc 'A-Za-z0-9' | tr 'A-Z' 'a-z')"
}

# Whether the front page answers 200 through php-fpm (WordPress loaded).
pt_wp_answers() {
    php -n -r '$c = @fsockopen("127.0.0.1", (int) explode(":", $argv[1])[1], $no, $msg, 30);
        if (!$c) { exit(1); }
        fwrite($c, "GET / HTTP/1.0\r\nHost: $argv[1]\r\n\r\n");
        exit(preg_match("#^HTTP/\S+ 200#", (string) fgets($c)) ? 0 : 1);' "$(cat "$1/web/host")"
}

# pt_wp_down DIR: nginx, php-fpm, MariaDB (each by the pid it recorded), then
# the /etc/wordpress file. Safe to call twice and on a half-started site.
pt_wp_down() {
    local dir=$1 etc
    [ -d "$dir/web" ] && pt_web_stop "$dir/web"
    pt_mariadb_stop "$dir"
    if [ -f "$dir/web/config-name" ]; then
        etc=$(pt_wp_config_file "$dir")
        if [ -f "$etc" ] && grep -qF "$dir/wp-config.php" "$etc"; then
            rm -f "$etc"
        fi
    fi
}
