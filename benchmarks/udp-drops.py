#!/usr/bin/env python3
"""Receive-queue drops of every UDP socket of the given processes, from `ss -uanpme`, sampled every 0.5 s until
they exit. A socket's counter only grows while it is open, so the maximum seen per socket (by inode) is summed;
prints "pid drops max_queued_bytes" per process. Used by calls-load.sh (a socket that overflows shows here, whatever
its lifetime: the kernel's own per-socket counter, read in one pass for all sockets)."""
import re, subprocess, sys, time, os

pids = [int(p) for p in sys.argv[1:]]
drops = {p: {} for p in pids}
queued = {p: 0 for p in pids}
record = re.compile(r'pid=(\d+)[^\n]*?ino:(\d+).*?skmem:\([^)]*?,d(\d+)\)', re.S)
while any(os.path.exists(f'/proc/{p}') for p in pids):
    out = subprocess.run(['ss', '-uanpme'], capture_output=True, text=True).stdout
    total = {p: 0 for p in pids}
    for entry in re.split(r'\n(?=UNCONN|ESTAB)', out):
        m = record.search(entry)
        if not m:
            continue
        pid, ino, d = int(m.group(1)), m.group(2), int(m.group(3))
        if pid in drops:
            drops[pid][ino] = max(drops[pid].get(ino, 0), d)
            fields = entry.split()
            if len(fields) > 1 and fields[1].isdigit():
                total[pid] += int(fields[1])
    for p in pids:
        queued[p] = max(queued[p], total[p])
    time.sleep(0.5)
for p in pids:
    print(p, sum(drops[p].values()), queued[p])
