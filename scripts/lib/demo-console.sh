# shellcheck shell=bash
# The console demo (scripts/demo --console): from a fresh Debian 12 machine (as
# root) it installs what is missing, builds participa, starts a private MariaDB
# under /tmp/participa-demo, checks and migrates the sample municipality
# (examples/sample-municipality.yaml) and prints what it configured, through
# the `participa` CLI and PHP. This was scripts/demo before the WordPress site.
#
#   pt_demo_console          run, then stop the private server
#   pt_demo_console --keep   leave the server running for exploration

pt_demo_console() {
    local keep=no dir=/tmp/participa-demo config=examples/sample-municipality.yaml demo_config
    [ "${1:-}" = "--keep" ] && keep=yes

    pt_install_deps
    scripts/build
    pt_mariadb_stop "$dir" 2>/dev/null || true
    pt_log "private MariaDB in $dir"
    pt_mariadb_start "$dir"
    [ "$keep" = yes ] || trap "pt_mariadb_stop '$dir'" EXIT
    pt_mariadb_sql "$dir" "DROP DATABASE IF EXISTS participa_demo; CREATE DATABASE participa_demo CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

    pt_log "participa version"
    out/participa version
    pt_log "participa check $config"
    out/participa check "$config"
    pt_log "participa check on a broken file (expected to fail)"
    out/participa check examples/broken/unknown-key.yaml || true
    pt_log "participa migrate $config"
    out/participa migrate "$config"
    pt_log "participa migrate again (nothing to do)"
    out/participa migrate "$config"
    pt_log "participa info $config"
    out/participa info "$config"

    pt_log "the same site from PHP"
    php -d "extension=$PT_ROOT/modules/participa.so" -r '
    $site = Participa\Site::open($argv[1]);
    $print = function (array $nodes, int $depth) use (&$print) {
        foreach ($nodes as $n) {
            printf("%s%s  [%s%s]\n", str_repeat("  ", $depth), $n["name"], $n["id"], $n["kind"] ? ", " . $n["kind"] : "");
            $print($n["children"], $depth + 1);
        }
    };
    echo "Territorios:\n";
    $print($site->territories(), 1);
    $first = $site->territories()[0]["children"][0]["children"][0]["id"] ?? null;
    if ($first) {
        printf("¿%s está dentro de %s? %s\n", $first, $site->territories()[0]["id"],
            $site->territoryWithin($first, $site->territories()[0]["id"]) ? "sí" : "no");
    }
    ' "$config"
    # The sample's voting phases lie in the past; the demo runs on a copy whose
    # voting phases are moved to today and whose results phases are taken out:
    # the demo closes its budget early, and a process without a results date
    # publishes at its close (a results date after the voting would hold the
    # count until that day, as the hardening issue wants).
    demo_config="$dir/site.yaml"
    php -r '
    $yesterday = date("Y-m-d", time() - 86400); $tomorrow = date("Y-m-d", time() + 86400);
    $yaml = file_get_contents($argv[1]);
    $yaml = preg_replace("/^(\s+)voting: \[.*\]$/m", "\$1voting: [$yesterday 00:00, $tomorrow 23:00]", $yaml);
    $yaml = preg_replace("/^\s+results: .*\n/m", "", $yaml);
    file_put_contents($argv[2], $yaml);
    ' "$config" "$demo_config"
    pt_log "the three primitives on the sample municipality (examples/demo.php)"
    out/participa migrate "$demo_config" >/dev/null
    PARTICIPA_DEMO_OUT="$dir" PARTICIPA_SHARED_DIR="${PARTICIPA_SHARED_DIR:-$PT_ROOT/../shared}" \
        php -d "extension=$PT_ROOT/modules/participa.so" -d "participa.templates_dir=$PT_ROOT/templates" examples/demo.php "$demo_config"

    pt_log "tables in participa_demo"
    mariadb --no-defaults -uroot -S "$dir/mysqld.sock" participa_demo -e \
        "SELECT name, state, finished_at FROM participa_migrations;
         SELECT (SELECT COUNT(*) FROM participa_territories) AS territories,
                (SELECT COUNT(*) FROM participa_comments) AS comments,
                (SELECT COUNT(*) FROM participa_commitments) AS commitments;"
    if [ "$keep" = yes ]; then
        echo "server left running: mariadb -uroot -S $dir/mysqld.sock participa_demo; stop with: bash -c 'source scripts/lib/mariadb.sh; pt_mariadb_stop $dir'"
    fi
}
