"""modscope resolve against the interpreter on fixture layouts: every
tests/cases/resolve/<name>/ (a tree, and case.json giving the path entries,
names and, for relative names, the importing file), plus layouts git cannot
store, made here in a temp dir (.pyc files, Zip archives, symbolic links,
unreadable directories).  Each layout is copied to a temp dir; modscope gets
the entries as --path, the interpreter as PYTHONPATH (both from that dir), and
answers with PathFinder over its own sys.path (oracle.py, nothing imported).
Prints "N passed, N failed" last (one count per layout)."""
import ast
import json
import os
import py_compile
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODSCOPE = os.environ.get("MODSCOPE", os.path.join(ROOT, "build", "modscope"))
CASES = os.path.join(ROOT, "tests", "cases", "resolve")
PYTHONS = [p for p in ("/usr/bin/python3", os.path.expanduser("~/.pyenv/versions/3.11.7/bin/python3"))
           if os.path.exists(p)]
counts = [0, 0]
PYTHON_FOR_PYC = [sys.executable]


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(extra)
    return env


def check_layout(label, d, case, python, user=None):
    names = case["names"]
    pre = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if user else []
    args = pre + [MODSCOPE, "resolve", "--python", python, "--format", "json"]
    for p in case["path"]:
        args += ["--path", p]
    frm = case.get("from")
    if frm:
        args += ["--from", frm]
    env = clean_env(XDG_CACHE_HOME=os.path.join(d, ".cache"))
    p = subprocess.run(args + ["--"] + names, capture_output=True, text=True, cwd=d, env=env)
    if p.returncode not in (0, 1):
        return fail(label, f"modscope exit {p.returncode}: {p.stderr}")
    ours = [json.loads(l) for l in p.stdout.splitlines()]
    # `import sys` only: a fixture may shadow json and the like
    r = subprocess.run(pre + [python, "-c", "import sys; print(repr(sys.path[1:]))"],
                       capture_output=True, text=True, cwd=d,
                       env=clean_env(PYTHONPATH=os.pathsep.join(case["path"])))
    if r.returncode != 0:
        return fail(label, f"python failed: {r.stderr}")
    oenv = clean_env(ORACLE_SYS_PATH=json.dumps(ast.literal_eval(r.stdout)))
    if frm:
        oenv["ORACLE_FROM"] = os.path.join(d, frm)
        if case.get("from_module"):
            oenv["ORACLE_FROM_MODULE"] = case["from_module"]
    q = subprocess.run(pre + [python, "-I", os.path.join(HERE, "oracle.py"), "pathfinder"], input="\n".join(names) + "\n",
                       capture_output=True, text=True, cwd=d, env=oenv)
    if q.returncode != 0:
        return fail(label, f"oracle failed: {q.stderr[-2000:]}")
    theirs = [json.loads(l) for l in q.stdout.splitlines()]
    diffs = [(a, b) for a, b in zip(ours, theirs) if a != b]
    if diffs or len(ours) != len(theirs) or len(ours) != len(names):
        detail = "\n".join(f"  modscope: {json.dumps(a, ensure_ascii=False)}\n  python:   "
                           f"{json.dumps(b, ensure_ascii=False)}" for a, b in diffs)
        return fail(label, detail or f"{len(ours)} answers vs {len(theirs)}: {p.stderr}")
    counts[0] += 1
    return True


def fail(label, detail):
    counts[1] += 1
    print(f"FAIL {label}\n{detail}")
    return False


def write(d, rel, text=""):
    p = os.path.join(d, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
    return p


def generated(tmp):
    """(name, builder(dir) -> case) for layouts git cannot store."""
    def pyc(d):
        write(d, "tree/m.py", "x = 1\n")
        py_compile.compile(os.path.join(d, "tree/m.py"), cfile=os.path.join(d, "tree/m.pyc"))
        write(d, "tree/n.py", "x = 1\n")
        py_compile.compile(os.path.join(d, "tree/n.py"), cfile=os.path.join(d, "tree/n.pyc"))
        os.unlink(os.path.join(d, "tree/n.py"))
        write(d, "tree/o.py", "x = 1\n")
        py_compile.compile(os.path.join(d, "tree/o.py"))  # into __pycache__
        os.unlink(os.path.join(d, "tree/o.py"))
        write(d, "tree/pkg/__init__.py", "")
        py_compile.compile(os.path.join(d, "tree/pkg/__init__.py"), cfile=os.path.join(d, "tree/pkg/__init__.pyc"))
        os.unlink(os.path.join(d, "tree/pkg/__init__.py"))
        write(d, "tree/pkg/sub.pyc", "not really bytecode")
        return {"path": ["tree"], "names": ["m", "n", "o", "pkg", "pkg.sub"]}

    def zips(d):
        src = write(d, "scratch/zpyc.py", "x = 1\n")
        out = subprocess.run([PYTHON_FOR_PYC[0], "-c", "import py_compile, sys; print(py_compile.compile(sys.argv[1]))", src],
                             capture_output=True, text=True, check=True).stdout.strip()
        with open(out, "rb") as f:
            pyc_bytes = f.read()
        shutil.rmtree(os.path.join(d, "scratch"))
        os.makedirs(os.path.join(d, "tree"))
        with zipfile.ZipFile(os.path.join(d, "tree/lib.zip"), "w") as z:
            z.writestr("zmod.py", "")
            z.writestr("zpkg/", "")
            z.writestr("zpkg/__init__.py", "")
            z.writestr("zpkg/sub.py", "")
            z.writestr("zpkg/inner/", "")
            z.writestr("zpkg/inner/x.py", "")
            z.writestr("zns/", "")
            z.writestr("zns/a.py", "")
            z.writestr("implicit/b.py", "")
            # valid bytecode of this interpreter (modscope does not check a
            # .pyc's magic or timestamp inside archives: docs/resolve.md)
            z.writestr("zpyc.pyc", pyc_bytes)
            z.writestr("sub/", "")
            z.writestr("sub/deep.py", "")
        return {"path": ["tree/lib.zip"], "names": ["zmod", "zpkg", "zpkg.sub", "zpkg.inner", "zpkg.inner.x",
                                                  "zns", "zns.a", "implicit", "implicit.b", "zpyc", "sub", "sub.deep", "nope"]}

    def zip_subdir(d):
        os.makedirs(os.path.join(d, "tree"))
        with zipfile.ZipFile(os.path.join(d, "tree/lib.zip"), "w") as z:
            z.writestr("sub/", "")
            z.writestr("sub/m.py", "")
            z.writestr("sub/pkg/__init__.py", "")
            z.writestr("top.py", "")
        return {"path": ["tree/lib.zip/sub", "tree/lib.zip/missing/"], "names": ["m", "pkg", "top"]}

    def zip_and_dir_namespace(d):
        write(d, "p1/ns/a.py")
        with zipfile.ZipFile(os.path.join(d, "lib.zip"), "w") as z:
            z.writestr("ns/", "")
            z.writestr("ns/b.py", "")
        write(d, "p3/ns/c.py")
        return {"path": ["p1", "lib.zip", "p3"], "names": ["ns", "ns.a", "ns.b", "ns.c"]}

    def zip_with_comment_and_prefix(d):
        with zipfile.ZipFile(os.path.join(d, "inner.zip"), "w") as z:
            z.writestr("cm.py", "")
            z.comment = b"a comment at the end"
        with open(os.path.join(d, "inner.zip"), "rb") as f:
            data = f.read()
        with open(os.path.join(d, "prefixed.zip"), "wb") as f:
            f.write(b"#!/bin/sh\necho not a zip at the start\n" + data)
        return {"path": ["inner.zip", "prefixed.zip"], "names": ["cm"]}

    def not_a_zip(d):
        write(d, "fake.zip", "just text\n")
        write(d, "tree/m.py")
        return {"path": ["fake.zip", "tree"], "names": ["m", "fake"]}

    def symlinks(d):
        write(d, "real/pkg/__init__.py")
        write(d, "real/pkg/x.py")
        write(d, "real/m.py")
        os.makedirs(os.path.join(d, "tree"))
        os.symlink("../real/pkg", os.path.join(d, "tree/pkg"))
        os.symlink("../real/m.py", os.path.join(d, "tree/m.py"))
        os.symlink("nowhere.py", os.path.join(d, "tree/dangling.py"))
        os.symlink("loop", os.path.join(d, "tree/loop"))
        os.symlink("loop2", os.path.join(d, "tree/loop1"))
        os.symlink("loop1", os.path.join(d, "tree/loop2"))
        os.symlink("tree", os.path.join(d, "linked"))
        return {"path": ["linked", "tree"], "names": ["pkg", "pkg.x", "m", "dangling", "loop", "loop1"]}

    def unreadable(d):
        write(d, "tree/locked/m.py")
        write(d, "tree/locked/pkg/__init__.py")
        write(d, "tree/open/m.py")
        write(d, "tree/noexec/n.py")
        os.chmod(os.path.join(d, "tree/locked"), 0o000)
        os.chmod(os.path.join(d, "tree/noexec"), 0o644)
        return {"path": ["tree/locked", "tree/noexec", "tree/open"], "names": ["m", "pkg", "n"], "user": True}

    return [("gen_pyc_beside_source", pyc), ("gen_zip_on_path", zips), ("gen_zip_subdir_entry", zip_subdir),
            ("gen_zip_and_dir_namespace", zip_and_dir_namespace), ("gen_zip_comment_and_prefix", zip_with_comment_and_prefix),
            ("gen_not_a_zip", not_a_zip), ("gen_symlinks", symlinks), ("gen_unreadable_dirs", unreadable)]


def main():
    tmp = tempfile.mkdtemp(prefix="modscope-layouts-")
    os.chmod(tmp, 0o755)
    try:
        layouts = sorted(os.listdir(CASES))
        for python in PYTHONS:
            for name in layouts:
                with open(os.path.join(CASES, name, "case.json")) as f:
                    case = json.load(f)
                d = os.path.join(tmp, name)
                shutil.rmtree(d, ignore_errors=True)
                shutil.copytree(os.path.join(CASES, name), d, symlinks=True)
                check_layout(f"{name} [{python}]", d, case, python)
            PYTHON_FOR_PYC[0] = python
            for name, build in generated(tmp):
                d = os.path.join(tmp, name)
                shutil.rmtree(d, ignore_errors=True)
                os.makedirs(d)
                os.chmod(d, 0o755)
                case = build(d)
                user = case.pop("user", False)
                if user and os.geteuid() == 0 and (not shutil.which("setpriv") or python.startswith("/root")):
                    print(f"SKIP {name} [{python}]: needs setpriv and an interpreter 'nobody' can run (not counted)")
                    continue
                check_layout(f"{name} [{python}]", d, case, python, user=user and os.geteuid() == 0)
    finally:
        for root, dirs, _ in os.walk(tmp):
            for x in dirs:
                try:
                    os.chmod(os.path.join(root, x), 0o755)
                except OSError:
                    pass
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{counts[0]} passed, {counts[1]} failed")


main()
