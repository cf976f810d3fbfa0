# shellcheck shell=bash
# `scripts/test --galera`: the database tests against a 3-node Galera cluster.
#
#   1. installs galera-4 if missing, builds (-Wall -Wextra -Werror);
#   2. starts a 3-node cluster on loopback (scripts/lib/galera.sh: a mktemp
#      folder, ports picked free at start);
#   3. runs the PHPT tests that need a database and the C store tests against
#      node 1 (tests that assume a standalone server say so in their SKIPIF
#      by asking @@wsrep_on);
#   4. runs the multi-node drills (tests/galera/drill.inc): concurrent
#      migrate() through two nodes, first use of a thread and a process from
#      three, close() on one node while two others cast, and writers on every
#      node on one process and one thread with a kill -9 of a node and its
#      rejoin (every acknowledged write stored exactly once on every node);
#   5. stops the cluster and prints "N passed, N failed" and the time.
#
# Environment: PT_GALERA_MIGRATE_TRIALS (default 8), PT_GALERA_FIRST_USE_TRIALS
# (default 20), PT_GALERA_SKIP_PHPT=1 / PT_GALERA_SKIP_C=1 (drills only).
# Sourced by scripts/test after scripts/lib/common.sh.

source "$PT_ROOT/scripts/lib/galera.sh"

pt_galera_test() {
    local started=$SECONDS passed=0 failed=0 failures=()
    # global: the EXIT trap runs after this function returned
    PT_GALERA_WORK=$(mktemp -d /tmp/participa-galera-test.XXXXXX) PT_GALERA_CLUSTER=""
    local work=$PT_GALERA_WORK
    mkdir -p "$work/tmp"
    export TMPDIR="$work/tmp"
    g_pass() { passed=$((passed + 1)); }
    g_fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL: $1"; }
    g_counts() {  # adds the last "N passed, N failed" of a log
        local p f
        read -r p f < <(grep -oE '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1 | awk '{print $1, $3}')
        if [ -z "$p" ]; then g_fail "$2 did not finish (log: $1)"; tail -n 20 "$1"; return; fi
        passed=$((passed + p)); failed=$((failed + f))
        [ "$f" -gt 0 ] && failures+=("$2: $f failed")
    }
    # shellcheck disable=SC2317
    g_cleanup() {
        [ -n "${PT_GALERA_CLUSTER:-}" ] && pt_galera_stop "$PT_GALERA_CLUSTER" && rm -rf "$PT_GALERA_CLUSTER"
        rm -rf "${PT_GALERA_WORK:-}"
    }
    trap g_cleanup EXIT

    PT_PACKAGES+=(galera-4)
    pt_install_deps || { echo "0 passed, 1 failed"; return 1; }

    pt_log "build (-Wall -Wextra -Werror)"
    if scripts/build --dev >"$work/build.log" 2>&1; then g_pass; else
        tail -n 40 "$work/build.log"; echo "0 passed, 1 failed"; return 1
    fi
    export PARTICIPA_SO="$PT_ROOT/modules/participa.so"

    pt_log "3-node Galera cluster on loopback"
    local cluster
    cluster=$(pt_galera_dir)
    PT_GALERA_CLUSTER=$cluster
    if pt_galera_start "$cluster"; then g_pass; else
        g_fail "the Galera cluster did not start (logs in $cluster/n*/error.log)"
        echo "$passed passed, $failed failed"; return 1
    fi
    export PARTICIPA_TEST_SOCKET="$cluster/n1/mysqld.sock"
    unset PARTICIPA_TEST_DSN

    if [ "${PT_GALERA_SKIP_PHPT:-0}" != 1 ]; then
        pt_log "PHPT database tests against node 1"
        local tests
        mapfile -t tests < <(grep -l 'participa_test_skip_without_db' tests/*/*.phpt)
        TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 \
            php run-tests.php -q --no-color --show-diff -j2 -d "extension=$PARTICIPA_SO" "${tests[@]}" >"$work/phpt.log" 2>&1
        local p f s kind n
        count() { grep -E "^$1 *:" "$work/phpt.log" | head -n 1 | sed -E 's/^[^:]*: *([0-9]+).*/\1/'; }
        p=$(count 'Tests passed'); p=${p:-0}; f=0
        for kind in 'Tests failed' 'Tests borked' 'Tests leaked' 'Tests warned'; do
            n=$(count "$kind"); f=$((f + ${n:-0}))
        done
        s=$(count 'Tests skipped')
        grep -q '^Tests passed' "$work/phpt.log" || { tail -n 30 "$work/phpt.log"; f=$((f + 1)); }
        passed=$((passed + p)); failed=$((failed + f))
        sed -n '/^\(FAILED\|BORKED\|LEAKED\|WARNED\) TEST SUMMARY/,/^=====/p' "$work/phpt.log" | grep -vE '^(-|=)'
        [ "$f" -gt 0 ] && failures+=("PHPT on Galera: $f failed")
        echo "   phpt: $p pass, $f fail, ${s:-0} skip (${#tests[@]} database tests)"
    fi

    if [ "${PT_GALERA_SKIP_C:-0}" != 1 ]; then
        pt_log "C store tests against node 1 (ASan/UBSan)"
        local t
        for t in $(grep -l PARTICIPA_TEST_SOCKET tests/c/test_*.c); do
            t=$(basename "$t" .c)
            if ! make -s -C tests/c "$PT_ROOT/out/tests/$t" >"$work/c-build-$t.log" 2>&1; then
                tail -n 20 "$work/c-build-$t.log"; g_fail "C test $t did not build"; continue
            fi
            ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
                "$PT_ROOT/out/tests/$t" >"$work/c-$t.log" 2>&1
            grep -E '^(FAIL|  )' "$work/c-$t.log" | head -n 20
            g_counts "$work/c-$t.log" "C test $t"
        done
    fi

    pt_log "multi-node drills (tests/galera/drill.inc)"
    local mode
    for mode in "migrate ${PT_GALERA_MIGRATE_TRIALS:-8}" "first-use ${PT_GALERA_FIRST_USE_TRIALS:-20}" \
            "close 800" "writers 150"; do
        # shellcheck disable=SC2086
        php -d "extension=$PARTICIPA_SO" tests/galera/drill.inc "$cluster" $mode >"$work/drill-${mode%% *}.log" 2>&1
        grep -vE '^[0-9]+ passed' "$work/drill-${mode%% *}.log"
        g_counts "$work/drill-${mode%% *}.log" "drill ${mode%% *}"
    done

    pt_log "stop the cluster"
    if pt_galera_stop "$cluster"; then g_pass; else g_fail "the cluster did not stop"; fi
    rm -rf "$cluster"
    PT_GALERA_CLUSTER=""

    if [ ${#failures[@]} -gt 0 ]; then
        echo; echo "failures:"; printf '  %s\n' "${failures[@]}"
    fi
    echo
    echo "galera: $((SECONDS - started)) s"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
