#!/usr/bin/env bash
# kernel-lab setup: idempotent. Installs the host tools with apt, fetches the newest Debian kernel
# package of each series into .cache/ (apt-get download + dpkg-deb -x, nothing is installed into the
# host), builds labrun (static), one initramfs per kernel and the read-only data disk image.
# A second run with everything present does no apt call and takes a second or two.
#
#   setup.sh [--kernels 6.1,6.12] [--data-mib N] [--refresh]
#
#   --kernels   series to prepare (default 6.1,6.12)
#   --data-mib  size of the data file on the data disk in MiB (default 1536); a smaller image is rebuilt
#   --refresh   look again for the newest package of each series (apt-get update) even if one is cached
set -euo pipefail

LAB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$LAB/.cache"
KERNELS="6.1,6.12"
DATA_MIB=1536
REFRESH=0
# modules the guest needs, loaded in dependency order (from the kernel package's modules.dep,
# which depmod -b writes: the package itself ships without one); builtin ones are skipped
WANTED_MODULES="virtio_pci virtio_blk crc32c_generic ext4"
BACKPORTS_LIST=/etc/apt/sources.list.d/contigsim-kernel-lab-backports.list

while [ $# -gt 0 ]; do
    case "$1" in
        --kernels) KERNELS="$2"; shift 2 ;;
        --data-mib) DATA_MIB="$2"; shift 2 ;;
        --refresh) REFRESH=1; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

log() { echo "setup: $*" >&2; }
prop() { sed -n "s/^$2=//p" "$1"; }
mkdir -p "$CACHE/kernels" "$CACHE/bin"

# ---------------------------------------------------------------- host packages
APT_UPDATED=0
apt_update() {
    if [ "$APT_UPDATED" = 0 ]; then
        log "apt-get update"
        apt-get update -qq >/dev/null
        APT_UPDATED=1
    fi
}
need_pkgs=()
for p in qemu-system-x86 busybox-static cpio e2fsprogs gcc libc6-dev kmod xz-utils zstd; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        need_pkgs+=("$p")
    fi
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
    apt_update
    log "apt-get install ${need_pkgs[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# ---------------------------------------------------------------- kernels
# newest "linux-image-<series>.*-amd64-unsigned" package that apt can fetch: prints "VERSION PACKAGE"
newest_kernel() {
    local series="$1" re
    re="^linux-image-${series//./\\.}\\.[0-9]+(-[0-9]+)?(\\+deb[0-9]+)?-amd64-unsigned\$"
    apt-cache search --names-only "$re" | awk '{print $1}' | while read -r pkg; do
        apt-cache madison "$pkg" | awk -F'|' -v p="$pkg" '{gsub(/ /, "", $2); print $2 " " p}'
    done | sort -V | tail -n 1
}

# dependency order of the wanted modules, as paths relative to lib/modules/REL
module_order() {
    local mdir="$1" m path
    declare -A seen=()
    local -a order=()
    visit() {
        local p="$1" d
        [ -n "${seen[$p]:-}" ] && return
        seen[$p]=1
        for d in $(grep -m1 "^$p:" "$mdir/modules.dep" | cut -d: -f2); do visit "$d"; done
        order+=("$p")
    }
    for m in $WANTED_MODULES; do
        if grep -Eq "/$m\\.ko\$" "$mdir/modules.builtin"; then continue; fi
        path=$(grep -Eo "^[^:]*/$m\\.ko(\\.xz|\\.zst|\\.gz)?:" "$mdir/modules.dep" | head -n1 | tr -d :)
        if [ -z "$path" ]; then echo "setup: module $m is neither builtin nor in modules.dep" >&2; return 1; fi
        visit "$path"
    done
    printf '%s\n' "${order[@]}"
}

fetch_kernel() {
    local series="$1" kd="$CACHE/kernels/$1" line ver pkg rel tmp
    if [ -f "$kd/package.properties" ] && [ -f "$kd/vmlinuz" ] && [ "$REFRESH" = 0 ]; then
        return
    fi
    if [ "$series" != "6.1" ]; then
        # 6.12 comes from bookworm-backports (and bookworm-security); 6.1 from bookworm itself
        if [ ! -f "$BACKPORTS_LIST" ]; then
            echo "deb http://deb.debian.org/debian bookworm-backports main" > "$BACKPORTS_LIST"
            APT_UPDATED=0
        fi
    fi
    apt_update
    line=$(newest_kernel "$series")
    if [ -z "$line" ]; then
        echo "setup: no linux-image-$series*-amd64-unsigned package found by apt" >&2
        exit 1
    fi
    ver=${line%% *}
    pkg=${line#* }
    if [ -f "$kd/package.properties" ] && grep -qx "package_version=$ver" "$kd/package.properties" \
        && grep -qx "package=$pkg" "$kd/package.properties" && [ -f "$kd/vmlinuz" ]; then
        log "kernel $series: $pkg $ver already cached"
        return
    fi
    log "kernel $series: downloading $pkg $ver"
    rm -rf "$kd"
    tmp="$CACHE/kernels/.dl-$series"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    (cd "$tmp" && apt-get download -qq "$pkg=$ver" 2>&1 | grep -v 'unsandboxed as root' || true)
    ls "$tmp"/*.deb >/dev/null
    mkdir -p "$tmp/root"
    dpkg-deb -x "$tmp"/*.deb "$tmp/root"
    rel=$(ls "$tmp/root/lib/modules")
    depmod -b "$tmp/root" "$rel"
    mkdir -p "$kd"
    cp "$tmp/root/boot/vmlinuz-$rel" "$kd/vmlinuz"
    cp "$tmp/root/boot/config-$rel" "$kd/config"
    mkdir -p "$kd/modules"
    local mdir="$tmp/root/lib/modules/$rel" p base
    module_order "$mdir" > "$tmp/order"
    : > "$kd/modules.order"
    while read -r p; do
        base=$(basename "$p")
        case "$base" in
            *.ko.xz) xz -dc "$mdir/$p" > "$kd/modules/${base%.xz}" ;;
            *.ko.zst) zstd -qdc "$mdir/$p" > "$kd/modules/${base%.zst}" ;;
            *.ko.gz) gzip -dc "$mdir/$p" > "$kd/modules/${base%.gz}" ;;
            *) cp "$mdir/$p" "$kd/modules/$base" ;;
        esac
        base=${base%%.ko*}
        echo "$base" >> "$kd/modules.order"
    done < "$tmp/order"
    {
        echo "series=$series"
        echo "package=$pkg"
        echo "package_version=$ver"
        echo "release=$rel"
        echo "modules=$(tr '\n' ' ' < "$kd/modules.order" | sed 's/ $//')"
    } > "$kd/package.properties"
    rm -rf "$tmp"
}

# ---------------------------------------------------------------- labrun
LABRUN="$CACHE/bin/labrun"
if [ ! -x "$LABRUN" ] || [ "$LAB/labrun.c" -nt "$LABRUN" ]; then
    log "building labrun"
    gcc -static -O2 -Wall -o "$LABRUN.tmp" "$LAB/labrun.c"
    mv "$LABRUN.tmp" "$LABRUN"
fi

# ---------------------------------------------------------------- initramfs per kernel
build_initramfs() {
    local series="$1" kd="$CACHE/kernels/$1" out="$CACHE/kernels/$1/initramfs.cpio" st
    if [ -f "$out" ] && [ "$out" -nt "$LABRUN" ] && [ "$out" -nt "$LAB/guest-init.sh" ] \
        && [ "$out" -nt "$kd/package.properties" ] && [ "$out" -nt "$LAB/setup.sh" ]; then
        return
    fi
    log "building initramfs for $series"
    st="$kd/.stage"
    rm -rf "$st"
    mkdir -p "$st"/{bin,dev,proc,sys,data,tmp,lab,lib/modules}
    cp /bin/busybox "$st/bin/busybox"
    cp "$LABRUN" "$st/bin/labrun"
    cp "$LAB/guest-init.sh" "$st/init"
    chmod 755 "$st/init"
    cp "$kd"/modules/*.ko "$st/lib/modules/"
    cp "$kd/modules.order" "$st/lab/modules"
    mknod -m 600 "$st/dev/console" c 5 1
    mknod -m 666 "$st/dev/null" c 1 3
    (cd "$st" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$out.tmp"
    mv "$out.tmp" "$out"
    rm -rf "$st"
}

IFS=, read -r -a series_list <<< "$KERNELS"
for s in "${series_list[@]}"; do
    fetch_kernel "$s"
    build_initramfs "$s"
    pp="$CACHE/kernels/$s/package.properties"
    log "kernel $s: $(prop "$pp" package) $(prop "$pp" package_version) (release $(prop "$pp" release))"
done

# ---------------------------------------------------------------- data disk
# ext4 without a journal, holding one file /data of DATA_MIB MiB of non-zero bytes (mke2fs -d turns
# zero blocks into holes, and reading holes would not be real I/O); mounted read-only by every run
IMG="$CACHE/data.img"
have=0
[ -f "$CACHE/data.mib" ] && have=$(cat "$CACHE/data.mib")
if [ ! -f "$IMG" ] || [ "$have" -lt "$DATA_MIB" ]; then
    log "building data disk image ($DATA_MIB MiB data file)"
    d="$CACHE/.data-stage"
    rm -rf "$d" "$IMG" "$CACHE/data.mib"
    mkdir -p "$d"
    yes 'contigsim kernel-lab page cache data' | head -c "$((DATA_MIB * 1048576))" > "$d/data" || true
    mke2fs -q -F -t ext4 -O ^has_journal -L labdata -d "$d" "$IMG" "$((DATA_MIB + DATA_MIB / 16 + 64))M" >/dev/null
    rm -rf "$d"
    echo "$DATA_MIB" > "$CACHE/data.mib"
fi
log "ready ($CACHE)"
