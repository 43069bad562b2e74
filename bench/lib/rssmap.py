#!/usr/bin/env python3
"""rssmap.py PID [N]: where a Go process's resident memory is, by mapping and by Go package.

The memory profile behind bench/RESULTS.md's RSS rows. Resident pages come from
/proc/PID/pagemap (the "present" bit, readable without privileges); pages of the executable
are attributed to the symbol they start in (`go tool nm -n -size` of /proc/PID/exe) and summed
per package, separately for code (r-xp), read-only data (r--p: pclntab, type descriptors,
strings) and writable data. Anonymous memory is listed per mapping (the Go heap is the big
one). Note that Linux maps file pages around each fault (fault-around, 64 KB), so one touched
byte can make up to 16 pages resident.
"""
import bisect
import collections
import os
import re
import struct
import subprocess
import sys


def main():
    pid = int(sys.argv[1])
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    exe = os.readlink(f"/proc/{pid}/exe")
    syms = []
    for line in subprocess.run(["go", "tool", "nm", "-n", "-size", f"/proc/{pid}/exe"],
                               capture_output=True, text=True, check=True).stdout.splitlines():
        f = line.split()
        if len(f) >= 4:
            try:
                syms.append((int(f[0], 16), " ".join(f[3:])))
            except ValueError:
                pass
    syms.sort()
    addrs = [a for a, _ in syms]
    by_pkg, by_map = collections.Counter(), collections.Counter()
    with open(f"/proc/{pid}/pagemap", "rb") as pm:
        for line in open(f"/proc/{pid}/maps"):
            f = line.split()
            lo, hi = (int(x, 16) for x in f[0].split("-"))
            name = f[5] if len(f) > 5 else "[anon]"
            pm.seek(lo // 4096 * 8)
            data = pm.read((hi - lo) // 4096 * 8)
            for i in range(len(data) // 8):
                if not struct.unpack_from("<Q", data, i * 8)[0] >> 63:
                    continue
                by_map[(name, f[1])] += 4
                if name == exe:
                    j = bisect.bisect_right(addrs, lo + i * 4096) - 1
                    by_pkg[(f[1], package(syms[j][1]) if j >= 0 else "?")] += 4
    print("resident KB by mapping:")
    for (name, perm), kb in by_map.most_common(10):
        print(f"  {kb:8d}  {perm}  {name}")
    print(f"executable's resident KB by package (top {top}):")
    for (perm, pkg), kb in by_pkg.most_common(top):
        print(f"  {kb:8d}  {perm}  {pkg}")


def package(sym):
    """The Go package of a symbol, shortened to the module for third-party code."""
    if sym.startswith(("go:", "type:")):
        return sym.split(".")[0]
    if sym.startswith("runtime.pclntab") or sym in ("runtime.findfunctab", "runtime.functab"):
        return "runtime.pclntab"
    m = re.match(r"([\w./%-]+?)\.[^/]*$", sym)
    p = m.group(1) if m else sym
    parts = p.split("/")
    if parts[0] in ("github.com", "golang.org", "google.golang.org", "go.etcd.io"):
        return "/".join(parts[:3])
    return p if "." in parts[0] else parts[0]


if __name__ == "__main__":
    main()
