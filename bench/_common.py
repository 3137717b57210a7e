"""Helpers shared by the bench/*.py scripts (imported, never run: bench/run.py
skips files whose name starts with an underscore)."""
import os
import resource
import signal
import subprocess
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
    fresh process run under /usr/bin/time (its output goes to OUT/.rss, so OUT
    must exist)."""
    rss_file = os.path.join(OUT, ".rss")
    t0 = time.perf_counter()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    # A session of its own, so a timeout ends the whole tree (time, node, ...).
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv, cwd=cwd,
                         stdout=stdout or subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    try:
        rc = p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        rc = None
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    try:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        rss = 0
    return rc, wall, cpu, rss
