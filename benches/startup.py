#!/usr/bin/env python3
"""Start-up cost of whole `quotelint check` processes (issue 10: `check` on a
6 KB draft within 3 ms of the same process doing nothing).

    cargo build --release && benches/startup.py [DRAFT] [RUNS]

Runs `quotelint --version`, `check` on an empty draft and `check` on DRAFT
(default: fixtures/wire-story.md seven times over, about 6.5 KB) RUNS times
each (default 200), interleaved, and prints the median and the lowest CPU
time (user + system, from wait4) of each, and each one's cost over
`--version`. On a machine shared with other work the median and the minimum
move far less than the mean. QUOTELINT names another binary.
"""
import os, statistics, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
binary = os.environ.get("QUOTELINT", os.path.join(here, "..", "target", "release", "quotelint"))
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200


def cpu_ms(argv):
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed ({status})")
    return (usage.ru_utime + usage.ru_stime) * 1000


with tempfile.TemporaryDirectory() as tmp:
    empty = os.path.join(tmp, "empty.md")
    open(empty, "w").close()
    draft = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tmp, "six-kb.md")
    if len(sys.argv) <= 1:
        story = open(os.path.join(here, "..", "fixtures", "wire-story.md")).read()
        open(draft, "w").write("\n".join([story] * 7))
    cases = [
        ("quotelint --version", [binary, "--version"]),
        ("check, empty draft", [binary, "check", empty]),
        (f"check, {os.path.getsize(draft):,}-byte draft", [binary, "check", draft]),
    ]
    times = {name: [] for name, _ in cases}
    for _ in range(runs):
        for name, argv in cases:
            times[name].append(cpu_ms(argv))

base = statistics.median(times[cases[0][0]])
base_min = min(times[cases[0][0]])
print(f"{runs} runs each, CPU ms (user + system)")
print("| process | median | lowest | median over --version | lowest over --version |")
print("| --- | --- | --- | --- | --- |")
for name, _ in cases:
    med, low = statistics.median(times[name]), min(times[name])
    print(f"| {name} | {med:.2f} | {low:.2f} | {med - base:.2f} | {low - base_min:.2f} |")
