# shellcheck shell=bash
# A private 3-node MariaDB Galera cluster on loopback for tests (after
# ../shared/recipes/galera-3-nodes.sh): every node in DIR/nN with its own
# data directory, unix socket and ports picked free at start (none fixed),
# small buffers and gcache so three nodes fit a small machine.
#
#   source scripts/lib/galera.sh
#   pt_galera_start DIR        # creates DIR/n1..n3, bootstraps n1, joins n2, n3
#   pt_galera_stop DIR         # stops the nodes started in DIR (n3, n2, n1)
#   pt_galera_kill DIR N       # kill -9 of node N
#   pt_galera_rejoin DIR N     # starts node N again and waits until it is Synced
#   pt_galera_sql DIR N "SQL"  # runs SQL as root over node N's socket
#   pt_galera_wait DIR N       # waits until node N is Synced
#
# DIR must be traversable by the mysql user (the nodes run as mysql: the
# rsync SST daemon cannot write a root-owned 0700 data directory); use
# pt_galera_dir to make one.

pt_galera_dir() {
    local d
    d=$(mktemp -d /tmp/participa-galera.XXXXXX) || return 1
    chmod 755 "$d"
    echo "$d"
}

# N free TCP ports on 127.0.0.1, held open together so they differ.
pt_free_ports() {
    python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

pt_galera_sql() {
    mariadb --no-defaults -uroot -S "$1/n$2/mysqld.sock" -e "$3"
}

pt_galera_wait() {
    local dir=$1 i=$2 t
    for t in $(seq 1 240); do
        if mariadb --no-defaults -uroot -S "$dir/n$i/mysqld.sock" -Nse \
            "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | grep -q Synced; then
            return 0
        fi
        if [ -f "$dir/n$i/launcher.pid" ] && ! kill -0 "$(cat "$dir/n$i/launcher.pid")" 2>/dev/null; then
            echo "galera node $i exited; see $dir/n$i/error.log" >&2
            return 1
        fi
        sleep 0.5
    done
    echo "galera node $i not Synced within 120 s; see $dir/n$i/error.log" >&2
    return 1
}

pt_galera_launch() {
    local dir=$1 i=$2
    shift 2
    mariadbd --defaults-file="$dir/n$i/my.cnf" "$@" >"$dir/n$i/stdout" 2>&1 &
    echo $! >"$dir/n$i/launcher.pid"
    disown $! 2>/dev/null || true   # no "Killed" job notices when a drill kills it
}

pt_galera_start() {
    local dir=$1 i ports addr=""
    read -r -a ports <<<"$(pt_free_ports 12)"
    for i in 1 2 3; do
        addr="$addr${addr:+,}127.0.0.1:${ports[$(( (i-1)*4 + 1 ))]}"
    done
    for i in 1 2 3; do
        local n=$dir/n$i base=$(( (i-1)*4 ))
        local port=${ports[$base]} gp=${ports[$((base+1))]} ist=${ports[$((base+2))]} sst=${ports[$((base+3))]}
        mkdir -p "$n/tmp"
        cat >"$n/my.cnf" <<EOF
[mysqld]
user=mysql
datadir=$n/data
socket=$n/mysqld.sock
tmpdir=$n/tmp
port=$port
bind-address=127.0.0.1
pid-file=$n/mysqld.pid
log-error=$n/error.log
innodb_buffer_pool_size=32M
innodb_log_file_size=16M
innodb_flush_log_at_trx_commit=2
max_connections=200
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
performance_schema=OFF
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=participa_test_$$
wsrep_cluster_address=gcomm://$addr
wsrep_node_name=n$i
wsrep_node_address=127.0.0.1
wsrep_node_incoming_address=127.0.0.1:$port
wsrep_provider_options="base_host=127.0.0.1;base_port=$gp;gmcast.listen_addr=tcp://127.0.0.1:$gp;ist.recv_addr=127.0.0.1:$ist;gcache.size=32M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$sst
EOF
        chown -R mysql:mysql "$n"
        mariadb-install-db --defaults-file="$n/my.cnf" --auth-root-authentication-method=socket \
            --skip-test-db >"$n/install.log" 2>&1 || { echo "mariadb-install-db failed: $n/install.log" >&2; return 1; }
    done
    pt_galera_launch "$dir" 1 --wsrep-new-cluster
    pt_galera_wait "$dir" 1 || return 1
    for i in 2 3; do
        pt_galera_launch "$dir" $i
        pt_galera_wait "$dir" $i || return 1
    done
}

pt_galera_kill() {
    local dir=$1 i=$2 pid
    pid=$(cat "$dir/n$i/launcher.pid" 2>/dev/null) || return 0
    kill -9 "$pid" 2>/dev/null
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$dir/n$i/launcher.pid"
}

# After a kill -9 the node's grastate.dat says seqno -1: wsrep recovery
# (what mariadb.service does with galera_recovery) reads the last committed
# position from InnoDB, and the node starts from it, so it rejoins by IST
# (the writesets it missed, from a donor's gcache), not by a full copy.
pt_galera_rejoin() {
    local dir=$1 i=$2 pos
    mariadbd --defaults-file="$dir/n$i/my.cnf" --wsrep-recover --log-error="$dir/n$i/recover.log" \
        >/dev/null 2>&1
    pos=$(grep -o 'WSREP: Recovered position: .*' "$dir/n$i/recover.log" 2>/dev/null | tail -n 1 | awk '{print $4}')
    if [ -n "$pos" ]; then
        pt_galera_launch "$dir" "$i" --wsrep-start-position="$pos"
    else
        pt_galera_launch "$dir" "$i"
    fi
    pt_galera_wait "$dir" "$i"
}

pt_galera_stop() {
    local dir=$1 i pid t
    for i in 3 2 1; do
        [ -f "$dir/n$i/launcher.pid" ] || continue
        pid=$(cat "$dir/n$i/launcher.pid")
        kill "$pid" 2>/dev/null
        for t in $(seq 1 240); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.25
        done
        kill -9 "$pid" 2>/dev/null
        rm -f "$dir/n$i/launcher.pid"
    done
}
