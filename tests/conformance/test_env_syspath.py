"""modscope env's sys_path against `python -c 'import sys; print(sys.path[1:])'`
for both interpreters, venvs made with `python -m venv` (plain and
--system-site-packages, from each interpreter), a venv holding editable
installs of the fixture projects (tests/fixtures/editable_*: a src layout,
which setuptools installs as a path .pth, and a flat layout, which it
installs as an __editable__ finder), .pth files of every kind, and bad
input.  Prints "N passed, N failed" last."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODSCOPE = os.environ.get("MODSCOPE", os.path.join(ROOT, "build", "modscope"))
DEBIAN = "/usr/bin/python3"
PYENV = os.path.expanduser("~/.pyenv/versions/3.11.7/bin/python3")
counts = [0, 0]


def check(label, ok, detail=""):
    counts[0 if ok else 1] += 1
    if not ok:
        print(f"FAIL {label}\n  {detail}")


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONNOUSERSITE", "PYTHONUSERBASE")}
    env.update(extra)
    return env


def real_path(python, cwd, env):
    out = subprocess.run([python, "-c", "import sys, json; print(json.dumps(sys.path[1:]))"],
                         capture_output=True, text=True, check=True, cwd=cwd, env=env).stdout
    return json.loads(out)


def modscope(args, cwd, env):
    return subprocess.run([MODSCOPE] + args, capture_output=True, text=True, cwd=cwd, env=env)


def compare(label, python, cwd="/", path=(), env=None, extra=()):
    env = env or clean_env()
    penv = dict(env)
    if path:
        penv["PYTHONPATH"] = os.pathsep.join(path)
    want = real_path(python, cwd, penv)
    args = ["env", "--python", python, "--format", "json", *extra]
    for p in path:
        args += ["--path", p]
    p = modscope(args, cwd, env)
    if p.returncode != 0:
        check(label, False, f"exit {p.returncode}: {p.stderr}")
        return None
    got = json.loads(p.stdout)
    check(label, got["sys_path"] == want, f"\n  modscope: {got['sys_path']}\n  python:   {want}")
    return got


def main():
    tmp = tempfile.mkdtemp(prefix="modscope-env-")
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{counts[0]} passed, {counts[1]} failed")


def run(tmp):
    cache = os.path.join(tmp, "cache")
    base_env = clean_env(XDG_CACHE_HOME=cache)
    for py in (DEBIAN, PYENV):
        if not os.path.exists(py):
            continue
        got = compare(f"plain {py}", py, env=base_env)
        if got:
            facts = json.loads(subprocess.run(
                [py, "-I", "-S", "-c", "import sys, json, importlib.machinery as m, _imp; print(json.dumps("
                 "[sys.version.split()[0], sorted(sys.builtin_module_names), m.EXTENSION_SUFFIXES,"
                 " sys.base_prefix, [n for n in _imp._frozen_module_names() if _imp.find_frozen(n)]]))"],
                capture_output=True, text=True, check=True).stdout)
            check(f"facts {py}", [got["version"], got["builtin_modules"], got["extension_suffixes"],
                                  got["base_prefix"], got["frozen_modules"]] == facts,
                  f"{got['version']} {got['base_prefix']} vs {facts[0]} {facts[3]}")
            # the second run reads the cache
            again = json.loads(modscope(["env", "--python", py], "/", base_env).stdout)
            check(f"cache hit {py}", again["cache"] == "hit" and again["sys_path"] == got["sys_path"],
                  again["cache"])
        # PYTHONPATH-like entries: relative, duplicated, missing, '..'
        os.makedirs(os.path.join(tmp, "pp", "a"), exist_ok=True)
        compare(f"--path {py}", py, cwd=os.path.join(tmp, "pp"),
                path=["a", "./a/../a", "", os.path.join(tmp, "pp") + "//a/", "nonexistent"], env=base_env)
        # the user site, switched on by existing
        home = os.path.join(tmp, "home")
        user_site = os.path.join(home, ".local", "lib", "python3.11", "site-packages")
        os.makedirs(user_site, exist_ok=True)
        with open(os.path.join(user_site, "user.pth"), "w") as f:
            f.write("../../../../userextra\n")
        os.makedirs(os.path.join(home, ".local", "userextra"), exist_ok=True)
        compare(f"user site {py}", py, env=clean_env(XDG_CACHE_HOME=cache, HOME=home))
        compare(f"PYTHONNOUSERSITE {py}", py, env=clean_env(XDG_CACHE_HOME=cache, HOME=home,
                                                            PYTHONNOUSERSITE="1"))
        compare(f"PYTHONUSERBASE {py}", py, env=clean_env(XDG_CACHE_HOME=cache, HOME="/nonexistent",
                                                          PYTHONUSERBASE=os.path.join(home, ".local")))
        for flag in ([], ["--system-site-packages"]):
            name = os.path.join(tmp, "venv-" + os.path.basename(os.path.dirname(os.path.dirname(py)))
                                + ("-sys" if flag else ""))
            subprocess.run([py, "-m", "venv", "--without-pip", *flag, name], check=True)
            vpy = os.path.join(name, "bin", "python")
            got = compare(f"venv {flag} {py}", vpy, env=base_env)
            if got:
                check(f"venv prefix {flag} {py}", got["prefix"] == name and got["venv"] is not None,
                      got["prefix"])
            # chosen through $VIRTUAL_ENV, and through .venv/ in the project root
            p = modscope(["env"], tmp, dict(base_env, VIRTUAL_ENV=name))
            check(f"VIRTUAL_ENV {flag} {py}", p.returncode == 0 and json.loads(p.stdout)["executable"] == vpy,
                  p.stderr)
            proj = os.path.join(tmp, "proj" + str(len(flag)) + os.path.basename(name))
            os.makedirs(proj, exist_ok=True)
            if not os.path.exists(os.path.join(proj, ".venv")):
                os.symlink(name, os.path.join(proj, ".venv"))
            p = modscope(["env"], proj, base_env)
            check(f".venv {flag} {py}", p.returncode == 0 and
                  json.loads(p.stdout)["executable"] == os.path.join(proj, ".venv", "bin", "python"), p.stderr)
            # a user site is ignored by a venv without system site-packages
            compare(f"venv user site {flag} {py}", vpy, env=clean_env(XDG_CACHE_HOME=cache, HOME=home))
    pth_cases(tmp, base_env)
    editable(tmp, base_env)
    bad_input(tmp, base_env)


def pth_cases(tmp, env):
    """.pth files in a venv's site-packages: sorted order, relative lines,
    import lines (recorded, never run), missing dirs, duplicates, comments,
    blank lines, CRLF, dot-files, a directory named *.pth."""
    v = os.path.join(tmp, "venv-pth")
    subprocess.run([DEBIAN, "-m", "venv", "--without-pip", v], check=True)
    sp = os.path.join(v, "lib", "python3.11", "site-packages")
    for d in ("d1", "d2", "d3", "rel/inner", "dup"):
        os.makedirs(os.path.join(tmp, "pthdirs", d), exist_ok=True)
    base = os.path.join(tmp, "pthdirs")
    files = {
        "b.pth": f"{base}/d2\n# comment\n\n   \n{base}/missing\n{base}/dup\n",
        "a.pth": f"{base}/d1\r\n{base}/dup\r\nimport sys; sys.stderr.write('')\n",
        "c.pth": f"../../../../pthdirs/rel/inner\n{base}/d3/\n{base}/d1/../d2\nimport\tos\n",
        ".hidden.pth": f"{base}/rel\n",
        "d.pth.txt": f"{base}/rel\n",
        "e.pth": "importnotanimport\n",
    }
    for name, text in files.items():
        with open(os.path.join(sp, name), "w", newline="") as f:
            f.write(text)
    os.makedirs(os.path.join(sp, "dir.pth"), exist_ok=True)
    with open(os.path.join(tmp, "marker"), "w") as f:
        f.write("")
    got = compare("pth files", os.path.join(v, "bin", "python"), env=env)
    if got:
        names = [os.path.basename(p["path"]) for p in got["pth_files"]]
        check("pth order", names == [".hidden.pth", "a.pth", "b.pth", "c.pth", "e.pth"], names)
        imports = [(os.path.basename(p["path"]), i["line"]) for p in got["pth_files"] for i in p["imports"]]
        check("pth import lines recorded", imports == [("a.pth", 3), ("c.pth", 4)], imports)
        # an import line is never executed: one that would create a file
        marker = os.path.join(tmp, "executed")
        with open(os.path.join(sp, "f.pth"), "w") as f:
            f.write(f"import os; open({marker!r}, 'w')\n")
        modscope(["env", "--python", os.path.join(v, "bin", "python")], "/", env)
        check("pth import line not executed", not os.path.exists(marker))
        os.unlink(os.path.join(sp, "f.pth"))


def editable(tmp, env):
    v = os.path.join(tmp, "venv-editable")
    subprocess.run([DEBIAN, "-m", "venv", "--system-site-packages", v], check=True)
    for fixture in ("editable_src", "editable_flat"):
        src = os.path.join(tmp, fixture)
        shutil.copytree(os.path.join(ROOT, "tests", "fixtures", fixture), src)
        p = subprocess.run([os.path.join(v, "bin", "pip"), "install", "-q", "-e", src,
                            "--no-build-isolation", "--no-index"], capture_output=True, text=True)
        if p.returncode != 0:
            check(f"pip install -e {fixture}", False, p.stderr[-2000:])
            return
    vpy = os.path.join(v, "bin", "python")
    got = compare("editable installs", vpy, env=env)
    if not got:
        return
    maps = [e["mapping"] for e in got["editable_finders"]]
    check("editable finder mapping read", maps == [{"flatmod": os.path.join(tmp, "editable_flat", "flatmod"),
                                                    "flatpkg": os.path.join(tmp, "editable_flat", "flatpkg")}],
          maps)
    # modscope resolve finds editable modules where the interpreter does
    names = ["flatpkg", "flatmod", "flatpkg.sub", "srcpkg", "flatpkg.nope"]
    p = modscope(["resolve", *names, "--python", vpy], "/", env)
    ours = [json.loads(l) for l in p.stdout.splitlines()]
    code = ("import importlib.util, json, sys\n"
            "for n in sys.argv[1:]:\n"
            "    s = importlib.util.find_spec(n)\n"
            "    print(json.dumps(None if s is None else [s.origin, None if s.submodule_search_locations is None"
            " else list(s.submodule_search_locations)]))\n")
    theirs = [json.loads(l) for l in subprocess.run([vpy, "-c", code, *names], capture_output=True,
                                                    text=True, env=env, cwd="/").stdout.splitlines()]
    for o, t in zip(ours, theirs):
        mine = [o["origin"], o["search_locations"]] if o["found"] else None
        check(f"editable resolve {o['module']}", mine == t, f"{mine} vs {t}")
    check("editable resolve count", len(ours) == len(names) == len(theirs), p.stderr)


def bad_input(tmp, env):
    p = modscope(["env", "--python", "/nonexistent/python3"], "/", env)
    check("missing interpreter", p.returncode == 2 and "not found" in p.stderr, p.stderr)
    p = modscope(["env", "--python", "no-such-python-xyz"], "/", env)
    check("interpreter not on PATH", p.returncode == 2 and "not found" in p.stderr, p.stderr)
    failing = os.path.join(tmp, "failing-python")
    with open(failing, "w") as f:
        f.write("#!/bin/sh\necho 'boom: cannot start' >&2\nexit 3\n")
    os.chmod(failing, 0o755)
    p = modscope(["env", "--python", failing, "--no-cache"], "/", env)
    check("failing interpreter", p.returncode == 2 and "exit 3" in p.stderr and "boom" in p.stderr, p.stderr)
    liar = os.path.join(tmp, "liar-python")
    with open(liar, "w") as f:
        f.write("#!/bin/sh\necho '{not json'\n")
    os.chmod(liar, 0o755)
    p = modscope(["env", "--python", liar, "--no-cache"], "/", env)
    check("interpreter answering garbage", p.returncode == 2 and "not JSON" in p.stderr, p.stderr)
    # a broken pyvenv.cfg: home points nowhere, the interpreter cannot start
    v = os.path.join(tmp, "venv-broken")
    subprocess.run([DEBIAN, "-m", "venv", "--without-pip", v], check=True)
    vpy = os.path.join(v, "bin", "python")
    os.unlink(vpy)
    shutil.copy(os.path.realpath(DEBIAN), vpy)
    with open(os.path.join(v, "pyvenv.cfg"), "w") as f:
        f.write("home = /nonexistent/bin\ninclude-system-site-packages = false\n")
    real = subprocess.run([vpy, "-c", "pass"], capture_output=True, text=True)
    p = modscope(["env", "--python", vpy, "--no-cache"], "/", env)
    check("broken pyvenv.cfg", (real.returncode != 0) == (p.returncode == 2) and
          (p.returncode == 0 or "modscope env:" in p.stderr), f"python {real.returncode}, modscope {p.returncode}: {p.stderr}")
    # pyvenv.cfg that is not text site can read
    v2 = os.path.join(tmp, "venv-garbled")
    subprocess.run([DEBIAN, "-m", "venv", "--without-pip", v2], check=True)
    with open(os.path.join(v2, "pyvenv.cfg"), "a") as f:
        f.write("no equals sign here\ninclude-system-site-packages = TRUE\n")
    compare("pyvenv.cfg odd lines", os.path.join(v2, "bin", "python"), env=env)
    # an unwritable cache is not an error
    p = modscope(["env", "--python", DEBIAN], "/", dict(env, XDG_CACHE_HOME="/proc/modscope-cache"))
    check("unwritable cache", p.returncode == 0, p.stderr)
    p = modscope(["env", "--bogus"], "/", env)
    check("unknown option", p.returncode == 2, p.stderr)


main()
