# shellcheck shell=bash
# A private nginx + php-fpm (Debian's packages) serving one PHP site: every
# config, socket, log, pid and temp folder under a directory we choose, a free
# port picked at run time, nothing of the system's services touched (they need
# not be running; /etc/nginx/mime.types and fastcgi_params are only read).
#
#   source scripts/lib/web.sh
#   pt_web_start DIR DOCROOT ASSETS [-d name=value ...]
#       php-fpm with the -d settings (e.g. extension=..., participa.config=...),
#       nginx on 127.0.0.1:<free port> with DOCROOT as root, /participa/<file>
#       served from ASSETS (the stylesheet and script), every other path to
#       DOCROOT/index.php. Waits until a request is answered; sets PT_WEB_URL.
#   pt_web_stop DIR
#
# Readiness is polled (the socket, then a request), never slept for: on a
# loaded machine it only takes longer. PT_WEB_WAIT (default 600 s) bounds the
# wait for a server that is alive but never answers.

PT_PHP_FPM=${PT_PHP_FPM:-$(command -v php-fpm8.2 || command -v php-fpm || echo /usr/sbin/php-fpm8.2)}
PT_NGINX=${PT_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

# A TCP port nobody listens on now (the kernel's choice). Another process may
# take it before nginx binds it: pt_web_start then tries another one.
pt_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Whether something answers HTTP on 127.0.0.1:PORT (any status): php, so no curl is needed.
pt_web_answers() {
    php -n -r '$c = @fsockopen("127.0.0.1", (int) $argv[1], $no, $msg, 30);
        if (!$c) { exit(1); }
        fwrite($c, "GET $argv[2] HTTP/1.0\r\nHost: 127.0.0.1:$argv[1]\r\n\r\n");
        exit(str_starts_with((string) fgets($c), "HTTP/") ? 0 : 1);' "$1" "${2:-/}"
}

# Whether PID runs (a zombie, an exited child not yet waited for, does not).
pt_web_alive() {
    local stat
    stat=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${stat#Z}" = "$stat" ]
}

# pt_web_poll PIDFILE WHAT CMD...: runs CMD until it succeeds, while the process lives.
pt_web_poll() {
    local pidfile=$1 what=$2 start=$SECONDS; shift 2
    until "$@" >/dev/null 2>&1; do
        if [ ! -s "$pidfile" ] || ! pt_web_alive "$(cat "$pidfile")"; then
            echo "$what exited before it was ready" >&2; return 1
        fi
        if [ $((SECONDS - start)) -gt "${PT_WEB_WAIT:-600}" ]; then
            echo "$what alive but not ready after ${PT_WEB_WAIT:-600} s" >&2; return 1
        fi
        sleep 0.1
    done
}

pt_web_start() {
    local dir=$1 docroot=$2 assets=$3; shift 3
    local user_lines="" nginx_user="" as_root="" port try
    mkdir -p "$dir/nginx-tmp"
    if [ "$(id -u)" -eq 0 ]; then
        # We are root in CI: the workers run as root too, so they can read a
        # work tree and sockets under a mode-700 mktemp folder.
        user_lines=$'user = root\ngroup = root'
        nginx_user="user root;"
        as_root=-R
    fi
    cat >"$dir/php-fpm.conf" <<EOF
[global]
pid = $dir/php-fpm.pid
error_log = $dir/php-fpm.log
daemonize = no

[site]
$user_lines
listen = $dir/php-fpm.sock
listen.mode = 0600
pm = static
pm.max_children = 4
catch_workers_output = yes
clear_env = yes
php_admin_flag[display_errors] = off
php_admin_flag[log_errors] = on
php_admin_value[error_log] = $dir/php-errors.log
php_admin_value[error_reporting] = E_ALL
EOF
    "$PT_PHP_FPM" $as_root -F -y "$dir/php-fpm.conf" "$@" >"$dir/php-fpm.out" 2>&1 &
    echo $! >"$dir/php-fpm.pid.run"
    pt_web_poll "$dir/php-fpm.pid.run" php-fpm test -S "$dir/php-fpm.sock" || { cat "$dir/php-fpm.out" "$dir/php-fpm.log" >&2 2>/dev/null; return 1; }

    for try in 1 2 3 4 5; do
        port=$(pt_free_port)
        cat >"$dir/nginx.conf" <<EOF
$nginx_user
daemon off;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $dir/nginx-access.log;
    client_body_temp_path $dir/nginx-tmp/body;
    fastcgi_temp_path $dir/nginx-tmp/fastcgi;
    proxy_temp_path $dir/nginx-tmp/proxy;
    uwsgi_temp_path $dir/nginx-tmp/uwsgi;
    scgi_temp_path $dir/nginx-tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        root $docroot;
        index index.php;
        location ~ ^/participa/(participa\.(css|js))\$ { alias $assets/\$1; }
        location / { try_files \$uri /index.php\$is_args\$args; }
        location ~ \.php\$ {
            try_files \$uri =404;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            # \$host drops the port: PHP must see the one the browser used.
            fastcgi_param HTTP_HOST \$host:\$server_port;
            fastcgi_pass unix:$dir/php-fpm.sock;
        }
    }
}
EOF
        "$PT_NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log" >"$dir/nginx.out" 2>&1 &
        echo $! >"$dir/nginx.pid.run"
        PT_WEB_URL="http://127.0.0.1:$port"
        if pt_web_poll "$dir/nginx.pid.run" nginx pt_web_answers "$port" /participa/participa.css; then
            PT_WEB_PORT=$port
            export PT_WEB_URL PT_WEB_PORT
            return 0
        fi
        grep -q "Address already in use" "$dir/nginx.out" "$dir/nginx-error.log" 2>/dev/null || break
    done
    cat "$dir/nginx.out" "$dir/nginx-error.log" >&2 2>/dev/null
    return 1
}

# Stops what pt_web_start started in DIR (by the pids it recorded), and waits:
# both stop their workers on TERM; one still alive after 60 s gets KILL.
pt_web_stop() {
    local dir=$1 f pid start
    for f in nginx.pid.run php-fpm.pid.run; do
        [ -s "$dir/$f" ] || continue
        pid=$(cat "$dir/$f")
        kill -TERM "$pid" 2>/dev/null
        start=$SECONDS
        while pt_web_alive "$pid"; do
            [ $((SECONDS - start)) -gt 60 ] && kill -KILL "$pid" 2>/dev/null
            sleep 0.1
        done
        wait "$pid" 2>/dev/null
        rm -f "$dir/$f"
    done
}
