# shellcheck shell=bash
# Shared by scripts/build, scripts/test and scripts/demo.

PT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Debian packages the project needs to build, test and demo.
PT_PACKAGES=(
    build-essential pkg-config autoconf clang libclang-rt-14-dev
    php-dev php-cli php-mysql libphp8.2-embed php-parser
    libmariadb-dev libyaml-dev libpcre2-dev libssl-dev
    mariadb-server mariadb-client valgrind python3 rsync
)

pt_log() { printf '== %s\n' "$*" >&2; }

# Installs whatever of PT_PACKAGES is missing (we run as root on Debian 12).
pt_install_deps() {
    local missing=() p
    for p in "${PT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    pt_log "installing: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing packages (${missing[*]}); run as root or install them" >&2
        return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # policy-rc.d keeps Debian from starting the system MariaDB: we run our own.
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
