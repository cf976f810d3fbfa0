#!/usr/bin/env bash
# WordPress + participa over HTTP, measured with wrk on loopback, in one run:
#
#   1. a thread page through WordPress and participa (a post whose comments
#      the participa thread replaces) against WordPress's own comments page
#      (a page with the same 10,000 comments as WordPress comments): both
#      anonymous GETs of the first comment page, 20 roots, oldest first, threaded;
#   2. casting a ballot through the REST route (POST /wp-json/participa/v1/action,
#      process.cast in the open participatory budget, every request a different
#      resident signed in with an application password), against WordPress's own
#      REST write of a resident (POST /wp-json/wp/v2/comments) as the reference.
#
# Prints requests per second, p50 and p99 latency of each, and the ratios.
# Run as root (it starts the demo site: scripts/demo on a free port in a mktemp
# folder, its own MariaDB, php-fpm and nginx, stopped at the end):
#
#   bench/wordpress-http.sh [--seconds 20] [--connections 4] [--threads 2] [--voters 2000]
#
# The data: bench/wordpress_http_seed.php (the comments from
# bench/lib/wp_comments_10k.php, the generator of bench/wordpress_threads.php).
# Figures depend on the machine and on what else runs on it: the script prints
# nproc and the load average next to them; they are not kept in any README.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib/wordpress.sh"
cd "$ROOT"

seconds=20 connections=4 threads=2 voters=2000
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift ;;
        --connections) connections=$2; shift ;;
        --threads) threads=$2; shift ;;
        --voters) voters=$2; shift ;;
        *) echo "usage: bench/wordpress-http.sh [--seconds N] [--connections N] [--threads N] [--voters N]" >&2; exit 2 ;;
    esac
    shift
done

[ "$(id -u)" = 0 ] || { echo "run as root (apt-get, /etc/wordpress, its own servers)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/participa-wp-bench.XXXXXX")
site=$work/site
name=$(pt_wp_unique_name bench "$work")
cleanup() {
    pt_demo_stop "$site" "$work/demo.log"
    rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM INT
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"

pt_wp_deps >"$work/deps.log" 2>&1 || { tail -n 20 "$work/deps.log"; exit 1; }
command -v wrk >/dev/null || pt_wp_apt wrk || exit 1
[ -f modules/participa.so ] || scripts/build || exit 1

pt_log "the demo site (scripts/demo in $site)"
pt_demo_start "$site" "$name" "$work/demo.log" || exit 1
pt_log "10,000 comments on both sides, $voters voters"
pt_wp_php "$site" bench/wordpress_http_seed.php "$voters" || exit 1
url=$(php -r 'echo rtrim(json_decode(file_get_contents($argv[1]), true)["url"], "/");' "$site/demo.json")
wp_path=$(sed -n 's/^wordpress=//p' "$site/bench/urls")
pt_path=$(sed -n 's/^participa=//p' "$site/bench/urls")
page_id=$(sed -n 's/^page_id=//p' "$site/bench/urls")

# What each page shows (and that it answers 200), then a warm-up: the figures are of a warm site.
for side in wordpress participa; do
    path=$wp_path; pattern='<li id="comment-[0-9]+"'
    [ $side = participa ] && { path=$pt_path; pattern='<li id="[A-Za-z0-9_-]+-c[0-9]+"'; }
    code=$(curl -s -o "$work/$side.html" -w '%{http_code}' "$url$path")
    [ "$code" = 200 ] || { echo "$url$path answered $code" >&2; exit 1; }
    printf '%-9s %s: %d comments on the page, %d bytes\n' "$side" "$path" \
        "$(grep -oE "$pattern" "$work/$side.html" | wc -l)" "$(wc -c <"$work/$side.html")"
    for _ in 1 2 3 4 5; do curl -s -o /dev/null "$url$path"; done
done

run() {   # run LABEL METHOD PATH [BODY]: one wrk run, its line into $work/results
    local label=$1 method=$2 path=$3 body=${4:-}
    local line
    line=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 60s -s bench/wordpress_http.lua "$url" -- \
        "$method" "$path" "$body" "$site/bench/users" "$threads" | grep '^requests ')
    echo "$label $line" | tee -a "$work/results"
}
printf '\nwrk -t%s -c%s -d%ss on 127.0.0.1; %s cores, load average %s\n' "$threads" "$connections" "$seconds" \
    "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
run wp-comments-page GET "$wp_path"
run participa-thread-page GET "$pt_path"
run participa-rest-cast POST /wp-json/participa/v1/action \
    'participa_action=process.cast&process=pp-slp-2027&choice%5B%5D=pozo-villa-de-pozos&choice%5B%5D=rampas-centro&key=bench-{n}'
run wp-rest-comment POST /wp-json/wp/v2/comments \
    "post=$page_id&content=Comentario+{n}+sobre+el+alumbrado+de+la+calle"

# The cast run must not have run out of voters, nor been refused.
php -r '
$r = [];
foreach (file($argv[1], FILE_IGNORE_NEW_LINES) as $l) {
    preg_match("/^(\S+) requests (\d+)  rps ([\d.]+)  p50 ([\d.]+)  p99 ([\d.]+)  non2xx (\d+)  users-left (\S+)/", $l, $m);
    $r[$m[1]] = ["n" => (int) $m[2], "rps" => (float) $m[3], "p50" => (float) $m[4], "p99" => (float) $m[5], "bad" => (int) $m[6], "left" => $m[7]];
}
echo "\n", str_pad("", 34), "   req/s      p50 ms     p99 ms   requests  not 2xx\n";
foreach ($r as $k => $x) printf("%-34s %8.1f %10.2f %10.2f %10d %8d\n", $k, $x["rps"], $x["p50"], $x["p99"], $x["n"], $x["bad"]);
$ratio = fn($a, $b, $k) => $r[$b][$k] > 0 ? $r[$a][$k] / $r[$b][$k] : INF;
printf("\nthread page, participa / WordPress comments: %.2fx the requests per second, %.2fx the p50, %.2fx the p99\n",
    $ratio("participa-thread-page", "wp-comments-page", "rps"), $ratio("participa-thread-page", "wp-comments-page", "p50"), $ratio("participa-thread-page", "wp-comments-page", "p99"));
printf("REST write, participa cast / WordPress comment: %.2fx the requests per second, %.2fx the p50, %.2fx the p99\n",
    $ratio("participa-rest-cast", "wp-rest-comment", "rps"), $ratio("participa-rest-cast", "wp-rest-comment", "p50"), $ratio("participa-rest-cast", "wp-rest-comment", "p99"));
$c = $r["participa-rest-cast"];
if ($c["bad"] > 0 || $c["left"] === "0" || (int) $c["left"] < 0) {
    printf("WARNING: %d casts were not accepted (voters left: %s): rerun with a larger --voters\n", $c["bad"], $c["left"]);
    exit(1);
}
' "$work/results"
