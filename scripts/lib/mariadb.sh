# shellcheck shell=bash
# A private MariaDB server for tests and the demo: its own data directory and
# unix socket under a directory we choose, never the system's /var/lib/mysql.
#
#   source scripts/lib/mariadb.sh
#   pt_mariadb_start DIR        # initialises DIR/db if needed, starts, waits
#   pt_mariadb_stop DIR         # stops the server started in DIR
#   pt_mariadb_sql DIR "SQL"    # runs SQL as root over the socket
#
# The server listens on DIR/mysqld.sock only (skip-networking), runs as root
# (we are root in CI), and uses small buffers so it starts fast.

pt_mariadb_start() {
    local dir=$1
    mkdir -p "$dir"
    if [ ! -d "$dir/db/mysql" ]; then
        mariadb-install-db --no-defaults --user=root --datadir="$dir/db" \
            --auth-root-authentication-method=socket --skip-test-db >"$dir/install-db.log" 2>&1 || {
            echo "mariadb-install-db failed, see $dir/install-db.log" >&2; return 1; }
    fi
    mariadbd --no-defaults --user=root --datadir="$dir/db" --socket="$dir/mysqld.sock" \
        --skip-networking --pid-file="$dir/mysqld.pid" --log-error="$dir/mysqld.err" \
        --innodb-buffer-pool-size=256M --innodb-log-file-size=64M \
        --max-connections=200 --character-set-server=utf8mb4 \
        --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
    echo $! >"$dir/mariadbd.pid"
    local i
    for i in $(seq 1 120); do
        if mariadb-admin --no-defaults -uroot -S "$dir/mysqld.sock" ping >/dev/null 2>&1; then
            return 0
        fi
        if ! kill -0 "$(cat "$dir/mariadbd.pid")" 2>/dev/null; then
            echo "mariadbd exited; see $dir/mysqld.err" >&2; return 1
        fi
        sleep 0.25
    done
    echo "mariadbd did not answer within 30 s; see $dir/mysqld.err" >&2
    return 1
}

pt_mariadb_stop() {
    local dir=$1 pid
    [ -f "$dir/mariadbd.pid" ] || return 0
    pid=$(cat "$dir/mariadbd.pid")
    mariadb-admin --no-defaults -uroot -S "$dir/mysqld.sock" shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null
    local i
    for i in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$dir/mariadbd.pid"; return 0; }
        sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null
    rm -f "$dir/mariadbd.pid"
}

pt_mariadb_sql() {
    mariadb --no-defaults -uroot -S "$1/mysqld.sock" -e "$2"
}
