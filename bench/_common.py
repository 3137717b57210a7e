"""Helpers shared by the bench/*.py scripts (imported, never run: bench/run.py
skips files whose name starts with an underscore)."""
import os
import signal
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DIST = "/usr/lib/python3/dist-packages"
OUT = os.path.join(HERE, "out")
PYRIGHT = os.path.join(HERE, "node_modules", ".bin", "pyright")


def py_files(root):
    """The .py files below root, in sorted walk order (no __pycache__ or dot folders)."""
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__" and not x.startswith("."))
        out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return out


def run_timed(argv, cwd=None, timeout=None, stdout=None):
    """(returncode or None on timeout, wall, cpu, peak rss KiB) of argv in a
    fresh process.  CPU time and peak RSS come from wait4() on that process
    (its reaped descendants included), so no wrapper process adds its own
    start-up to the wall time of a run that lasts tens of milliseconds."""
    t0 = time.perf_counter()
    # A session of its own, so a timeout ends the whole tree (node, ...).
    p = subprocess.Popen(argv, cwd=cwd, stdout=stdout or subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    killed = []

    def kill():
        killed.append(True)
        os.killpg(p.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if timer:
        timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    rc = None if killed else p.returncode
    return rc, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss