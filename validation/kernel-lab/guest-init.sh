#!/bin/busybox sh
# /init of the kernel-lab initramfs (setup.sh copies it there). Loads the block and ext4 modules,
# mounts the data disk read-only at /data, takes the boot snapshot, runs /lab/steps with labrun,
# takes the end snapshot and powers off. Everything it prints goes to ttyS0 (the host's console.log).
/bin/busybox mkdir -p /proc /sys /dev /data /tmp
/bin/busybox mount -t devtmpfs devtmpfs /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s /bin
export PATH=/bin

fail() {
    echo "@@lab failed $*"
    sync
    poweroff -f
    sleep 5
}

mount -t proc proc /proc || fail "cannot mount /proc"
mount -t sysfs sysfs /sys || fail "cannot mount /sys"
# only emergencies on the console from here on, so that kernel messages cannot cut protocol lines;
# the whole kernel log is dumped at the end (end/dmesg)
echo 1 > /proc/sys/kernel/printk

for m in $(cat /lab/modules); do
    insmod "/lib/modules/$m.ko" || fail "insmod $m"
done
i=0
while [ ! -b /dev/vda ] && [ $i -lt 200 ]; do
    usleep 50000
    i=$((i + 1))
done
mount -t ext4 -o ro /dev/vda /data || fail "cannot mount the data disk /dev/vda"

# compaction's own account of every run (why it stopped, deferrals), dumped at the end (end/trace):
# the kernel's mm_compaction tracepoints, the evidence docs/validation.md asks for
T=/sys/kernel/tracing
if mount -t tracefs tracefs $T 2>/dev/null && [ -d $T/events/compaction ]; then
    echo 16384 > $T/buffer_size_kb
    for e in mm_compaction_begin mm_compaction_end mm_compaction_suitable mm_compaction_deferred \
        mm_compaction_defer_compaction mm_compaction_defer_reset mm_compaction_try_to_compact_pages \
        mm_compaction_migratepages mm_compaction_kcompactd_wake mm_compaction_wakeup_kcompactd; do
        [ -w $T/events/compaction/$e/enable ] && echo 1 > $T/events/compaction/$e/enable
    done
    echo 1 > $T/tracing_on
else
    T=""
fi

echo "@@lab kernel $(uname -r)"
labrun --snapshot boot
# the memory-management settings in force (all Debian/kernel defaults), as "path value" lines
echo "@@lab begin boot settings"
echo "/proc/cmdline $(cat /proc/cmdline)"
for f in /sys/kernel/mm/transparent_hugepage/enabled /sys/kernel/mm/transparent_hugepage/defrag \
    /sys/kernel/mm/transparent_hugepage/khugepaged/defrag /proc/sys/vm/min_free_kbytes \
    /proc/sys/vm/watermark_scale_factor /proc/sys/vm/watermark_boost_factor \
    /proc/sys/vm/compaction_proactiveness /proc/sys/vm/extfrag_threshold \
    /proc/sys/vm/compact_unevictable_allowed /proc/sys/vm/percpu_pagelist_high_fraction \
    /proc/sys/vm/zone_reclaim_mode /proc/sys/vm/overcommit_memory /proc/sys/vm/max_map_count \
    /proc/sys/kernel/numa_balancing /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages \
    /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages; do
    [ -r "$f" ] && echo "$f $(cat "$f")"
done
echo "@@lab end"
labrun /lab/steps
rc=$?
labrun --snapshot end
echo "@@lab begin end dmesg"
dmesg
echo "@@lab end"
if [ -n "$T" ]; then
    echo 0 > $T/tracing_on
    echo "@@lab begin end trace"
    grep -v '^#' $T/trace
    echo "@@lab end"
fi
if [ "$rc" = 0 ]; then
    echo "@@lab done"
else
    echo "@@lab failed labrun exit $rc"
fi
sync
poweroff -f
sleep 5
