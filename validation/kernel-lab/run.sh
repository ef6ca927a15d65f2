#!/usr/bin/env bash
# kernel-lab: boots real Debian kernels under qemu (TCG), runs step files in them and splits the
# serial console into per-run files. Calls setup.sh first (idempotent, seconds when all is there).
#
#   run.sh [--kernels 6.1,6.12] [--memory 1G,2G] [--cpus 1,2] [--workloads NAMES|all]
#          [--out DIR] [--timeout SECONDS] [--repeat N] [--quick] [--no-compare]
#
#   --kernels    kernel series (default 6.1,6.12)
#   --memory     guest memory sizes, qemu syntax (default 1G,2G)
#   --cpus       guest CPU counts (default 1,2)
#   --workloads  comma-separated names of workloads/NAME.steps, or paths to .steps files, or all (default all)
#   --out        output directory (default validation/kernel-lab/out)
#   --timeout    seconds per run before qemu is killed and the run marked failed (default 900)
#   --repeat     boot each combination N times (default 1); with N > 1 run names end in -r1 .. -rN
#   --quick      CI subset: first kernel, 1G, 1 cpu, workload quick (other options still override)
#   --no-compare only boot the guests; otherwise `contigsim lab OUT` then replays every run in the
#                simulator and prints real against simulated and the MAPE per kernel
#
# Runs are sequential. One line per run: status, wall seconds, directory. Exit 1 if any run failed
# (or the comparison could not run), 2 on bad options or a bad step file.
set -euo pipefail

LAB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$LAB/.cache"
KERNELS="" MEMORY="" CPUS="" WORKLOADS="" OUT="$LAB/out" TIMEOUT=900 QUICK=0 REPEAT=1 COMPARE=1

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --kernels) KERNELS="$2"; shift 2 ;;
        --memory) MEMORY="$2"; shift 2 ;;
        --cpus) CPUS="$2"; shift 2 ;;
        --workloads) WORKLOADS="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --timeout) TIMEOUT="$2"; shift 2 ;;
        --repeat) REPEAT="$2"; shift 2 ;;
        --quick) QUICK=1; shift ;;
        --no-compare) COMPARE=0; shift ;;
        -h|--help) usage 0 ;;
        *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
    esac
done
if [ "$QUICK" = 1 ]; then
    KERNELS="${KERNELS:-6.1}"; KERNELS="${KERNELS%%,*}"
    MEMORY="${MEMORY:-1G}"; CPUS="${CPUS:-1}"; WORKLOADS="${WORKLOADS:-quick}"
fi
KERNELS="${KERNELS:-6.1,6.12}" MEMORY="${MEMORY:-1G,2G}" CPUS="${CPUS:-1,2}" WORKLOADS="${WORKLOADS:-all}"
IFS=, read -r -a kernels <<< "$KERNELS"
IFS=, read -r -a memories <<< "$MEMORY"
IFS=, read -r -a cpus_list <<< "$CPUS"

# memory size in MiB from qemu syntax (1G, 1536M, 2048)
mib() {
    case "$1" in
        *[Gg]) echo $(( ${1%[Gg]} * 1024 )) ;;
        *[Mm]) echo "${1%[Mm]}" ;;
        *[!0-9]*|"") echo "run.sh: bad memory size '$1'" >&2; exit 2 ;;
        *) echo "$1" ;;
    esac
}
max_mib=0
for m in "${memories[@]}"; do v=$(mib "$m"); [ "$v" -gt "$max_mib" ] && max_mib=$v; done
case "$REPEAT" in ''|*[!0-9]*|0) echo "run.sh: bad --repeat '$REPEAT'" >&2; exit 2 ;; esac
for c in "${cpus_list[@]}"; do
    case "$c" in ''|*[!0-9]*) echo "run.sh: bad cpu count '$c'" >&2; exit 2 ;; esac
done

# workloads: names under workloads/ or paths
wl_names=() wl_files=()
if [ "$WORKLOADS" = all ]; then
    for f in "$LAB"/workloads/*.steps; do wl_names+=("$(basename "$f" .steps)"); wl_files+=("$f"); done
else
    IFS=, read -r -a ws <<< "$WORKLOADS"
    for w in "${ws[@]}"; do
        if [ -f "$w" ]; then f="$(cd "$(dirname "$w")" && pwd)/$(basename "$w")"
        else f="$LAB/workloads/$w.steps"; fi
        if [ ! -f "$f" ]; then echo "run.sh: no workload '$w' (no $f)" >&2; exit 2; fi
        wl_names+=("$(basename "$f" .steps)"); wl_files+=("$f")
    done
fi

# the data file must cover the cache steps: 3/4 of the largest memory, at least 1.5 GiB
data_mib=$(( max_mib * 3 / 4 )); [ "$data_mib" -lt 1536 ] && data_mib=1536
"$LAB/setup.sh" --kernels "$KERNELS" --data-mib "$data_mib"

# a bad step file stops everything before any boot: file:line: what is wrong, exit 2
for f in "${wl_files[@]}"; do
    "$CACHE/bin/labrun" --check "$f" || exit 2
done

prop() { sed -n "s/^$2=//p" "$1"; }

QEMU_PID=""
STAGE=""
cleanup() {
    if [ -n "$QEMU_PID" ] && kill -0 "$QEMU_PID" 2>/dev/null; then
        kill -TERM "$QEMU_PID" 2>/dev/null || true
        sleep 1
        kill -KILL "$QEMU_PID" 2>/dev/null || true
    fi
    if [ -n "$STAGE" ]; then rm -rf "$STAGE"; fi
    return 0
}
trap cleanup EXIT
CUR_DIR=""
interrupted() {
    echo "run.sh: interrupted" >&2
    if [ -n "$CUR_DIR" ]; then
        printf 'status=failed\nreason=interrupted\n' >> "$CUR_DIR/run.properties"
    fi
    exit 130
}
trap interrupted INT TERM

# splits console.log into DIR/<snapshot>/<file>, DIR/events.txt, DIR/trace.txt; prints uname -r
split_console() {
    local dir="$1"
    tr -d '\r' < "$dir/console.log" | awk -v dir="$dir" '
        function flush_out() { if (out != "") close(out); out = "" }
        {
            if (out != "") {
                if ($0 == "@@lab end") { flush_out(); next }
                print > out; next
            }
            i = index($0, "@@lab ")
            if (i == 0) next
            line = substr($0, i)
            n = split(line, w, " ")
            if (w[2] == "begin" && n >= 4) {
                system("mkdir -p \"" dir "/" w[3] "\"")
                out = dir "/" w[3] "/" w[4]
                printf "" > out
                next
            }
            if (w[2] == "event") print line > (dir "/events.txt")
            if (w[2] == "kernel") print w[3] > (dir "/.uname")
            if (w[2] != "begin" && w[2] != "end") print line > (dir "/trace.txt")
        }'
    touch "$dir/events.txt" "$dir/trace.txt"
}

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
failed=0 total=0
for k in "${kernels[@]}"; do
    kd="$CACHE/kernels/$k"
    for m in "${memories[@]}"; do
        for c in "${cpus_list[@]}"; do
            for idx in "${!wl_names[@]}"; do
              for r in $(seq 1 "$REPEAT"); do
                w="${wl_names[$idx]}" wf="${wl_files[$idx]}"
                name="$k-$m-${c}cpu-$w"
                [ "$REPEAT" -gt 1 ] && name="$name-r$r"
                dir="$OUT/$name"
                rm -rf "$dir"
                mkdir -p "$dir"
                cp "$wf" "$dir/steps"
                CUR_DIR="$dir"
                STAGE="$(mktemp -d)"
                mkdir -p "$STAGE/lab"
                cp "$wf" "$STAGE/lab/steps"
                echo "$name" > "$STAGE/lab/name"
                # the step file rides in a second cpio archive appended to the kernel's initramfs
                (cd "$STAGE" && printf 'lab/steps\nlab/name\n' | cpio -o -H newc -R 0:0 --quiet > run.cpio)
                cat "$kd/initramfs.cpio" "$STAGE/run.cpio" > "$STAGE/initrd"
                cmd=(qemu-system-x86_64 -accel tcg -cpu max -m "$m" -smp "$c" -nographic -no-reboot -nic none
                     -kernel "$kd/vmlinuz" -initrd "$STAGE/initrd"
                     -append "console=ttyS0 quiet panic=1"
                     -drive "file=$CACHE/data.img,format=raw,if=virtio,readonly=on")
                started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
                t0=$(date +%s.%N)
                set +e
                timeout --kill-after=10 "$TIMEOUT" "${cmd[@]}" < /dev/null > "$dir/console.log" 2> "$dir/qemu.stderr" &
                QEMU_PID=$!
                wait "$QEMU_PID"
                rc=$?
                set -e
                QEMU_PID=""
                t1=$(date +%s.%N)
                wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
                rm -rf "$STAGE"; STAGE=""
                [ -s "$dir/qemu.stderr" ] || rm -f "$dir/qemu.stderr"
                split_console "$dir"
                uname_r=""; [ -f "$dir/.uname" ] && uname_r=$(cat "$dir/.uname") && rm -f "$dir/.uname"
                status=ok reason=""
                if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
                    status=failed reason="timeout after ${TIMEOUT}s"
                elif grep -aq '@@lab failed' "$dir/console.log"; then
                    status=failed reason="$(tr -d '\r' < "$dir/console.log" | grep -ao '@@lab failed.*' | head -n1 | cut -d' ' -f3-)"
                elif ! grep -aq '@@lab done' "$dir/console.log"; then
                    status=failed reason="no '@@lab done' (qemu exit $rc; kernel panic or crash?)"
                elif [ "$rc" != 0 ]; then
                    status=failed reason="qemu exit $rc"
                fi
                {
                    echo "kernel=$k"
                    echo "kernel_package=$(prop "$kd/package.properties" package)"
                    echo "kernel_package_version=$(prop "$kd/package.properties" package_version)"
                    echo "kernel_release=$(prop "$kd/package.properties" release)"
                    echo "uname_r=$uname_r"
                    echo "memory=$m"
                    echo "memory_mib=$(mib "$m")"
                    echo "cpus=$c"
                    echo "workload=$w"
                    echo "workload_file=$wf"
                    echo "repeat=$r"
                    echo "qemu_command=${cmd[*]}"
                    echo "started=$started"
                    echo "wall_seconds=$wall"
                    echo "status=$status"
                    [ -n "$reason" ] && echo "reason=$reason"
                } > "$dir/run.properties"
                CUR_DIR=""
                total=$((total + 1))
                [ "$status" = ok ] || failed=$((failed + 1))
                printf '%-6s %7ss  %s%s\n' "$status" "$wall" "$name" "${reason:+  ($reason)}"
              done
            done
        done
    done
done
echo "kernel-lab: $total runs, $((total - failed)) ok, $failed failed; output in $OUT"
if [ "$COMPARE" = 1 ]; then
    # the same workloads in the simulator, each from its VM's boot-time snapshot (docs/validation.md)
    echo "kernel-lab: real against simulated (contigsim lab $OUT)"
    "$LAB/../../contigsim" lab "$OUT" || exit 1
fi
if [ "$failed" = 0 ]; then exit 0; else exit 1; fi
