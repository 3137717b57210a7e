"""modscope resolve against the interpreter for every module of both
standard libraries and of the Debian-packaged libraries the tests install
(django, sympy, numpy, pandas, jsonschema), field by field.

Top-level names: BuiltinImporter, FrozenImporter, PathFinder(name, sys.path)
asked directly.  Submodules: importlib.util.find_spec (imports the trusted
parent packages), in a child process per interpreter (oracle.py).
Prints one line per difference and "N passed, N failed" last."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODSCOPE = os.environ.get("MODSCOPE", os.path.join(HERE, "..", "..", "build", "modscope"))
INTERPRETERS = [p for p in ("/usr/bin/python3",
                            os.path.expanduser("~/.pyenv/versions/3.11.7/bin/python3"))
                if os.path.exists(p)]
TRUSTED = {"django", "sympy", "numpy", "pandas", "jsonschema"}
SUFFIXES = None


def ask(python, code):
    return json.loads(subprocess.run([python, "-c", code], capture_output=True, text=True,
                                     check=True).stdout)


def walk_package(dirpath, prefix, names, depth=0):
    """Submodule names under a package directory, like pkgutil.walk_packages
    but without importing: files with a module suffix, sub-directories."""
    if depth > 12:
        return
    try:
        entries = sorted(os.listdir(dirpath))
    except OSError:
        return
    for e in entries:
        full = os.path.join(dirpath, e)
        if e == "__pycache__" or e.startswith("."):
            continue
        if os.path.isdir(full):
            if "." in e or "-" in e:
                continue
            names.append(prefix + e)
            walk_package(full, prefix + e + ".", names, depth + 1)
            continue
        for s in SUFFIXES:
            if e.endswith(s):
                base = e[: -len(s)]
                if base and "." not in base and base != "__init__":
                    names.append(prefix + base)
                break


def names_for(python):
    global SUFFIXES
    facts = ask(python, "import sys, json, importlib.machinery as m, _imp;"
                "print(json.dumps([sys.path[1:], list(sys.builtin_module_names),"
                " list(_imp._frozen_module_names()), m.all_suffixes()]))")
    path, builtins, frozen, SUFFIXES = facts
    stdlib = [p for p in path if os.path.basename(p) in ("python3.11", "lib-dynload")]
    top = set(builtins) | {f for f in frozen if "." not in f}
    subs = [f for f in frozen if "." in f]
    for d in path:
        try:
            entries = os.listdir(d)
        except OSError:
            continue
        for e in entries:
            full = os.path.join(d, e)
            if e == "__pycache__" or e.startswith("."):
                continue
            if os.path.isdir(full):
                if "." in e or "-" in e:
                    continue
                top.add(e)
                if d in stdlib or e in TRUSTED:
                    walk_package(full, e + ".", subs)
            else:
                for s in SUFFIXES:
                    if e.endswith(s) and "." not in e[: -len(s)] and e[: -len(s)]:
                        top.add(e[: -len(s)])
                        break
    return sorted(top), sorted(set(subs))


def run_modscope(python, names):
    p = subprocess.run([MODSCOPE, "resolve", "-", "--python", python, "--format", "json"],
                       input="\n".join(names) + "\n", capture_output=True, text=True,
                       timeout=600)
    if p.returncode not in (0, 1):
        raise SystemExit(f"modscope failed ({p.returncode}): {p.stderr}")
    return [json.loads(l) for l in p.stdout.splitlines()]


def run_oracle(python, names, mode):
    # setuptools' distutils-precedence.pth installs a meta path finder that
    # sends `distutils` to setuptools._distutils: an unmodelled .pth import
    # line, which modscope reports (checked below) instead of guessing; the
    # oracle runs with that finder switched off by its own variable.
    env = dict(os.environ, SETUPTOOLS_USE_DISTUTILS="stdlib")
    p = subprocess.run([python, os.path.join(HERE, "oracle.py"), mode],
                       input="\n".join(names) + "\n", capture_output=True, text=True,
                       timeout=1800, cwd="/", env=env)
    if p.returncode != 0:
        raise SystemExit(f"oracle failed: {p.stderr[-3000:]}")
    return [json.loads(l) for l in p.stdout.splitlines()]


def compare(label, ours, theirs):
    passed = failed = 0
    fallback = 0
    for a, b in zip(ours, theirs):
        if b.pop("via", None):
            fallback += 1
        if a == b:
            passed += 1
        else:
            failed += 1
            if failed <= 40:
                print(f"DIFF {label} {b['module']}\n  modscope: {json.dumps(a)}\n  python:   {json.dumps(b)}")
    if len(ours) != len(theirs):
        failed += 1
        print(f"DIFF {label}: {len(ours)} answers from modscope, {len(theirs)} from python")
    print(f"{label}: {passed} names agree, {failed} differ"
          f" ({fallback} submodules asked by PathFinder because their parent does not import)")
    return passed, failed


def main():
    total_p = total_f = 0
    for python in INTERPRETERS:
        env = json.loads(subprocess.run([MODSCOPE, "env", "--python", python], capture_output=True,
                                        text=True, check=True).stdout)
        hack = [w for w in env["warnings"] if w["file"].endswith("distutils-precedence.pth")]
        has_hack = any(os.path.exists(os.path.join(d, "distutils-precedence.pth"))
                       for d in env["sys_path"])
        if bool(hack) == has_hack:
            total_p += 1
        else:
            total_f += 1
            print(f"DIFF {python}: distutils-precedence.pth reported {bool(hack)}, present {has_hack}")
        top, subs = names_for(python)
        p, f = compare(f"{python} top-level", run_modscope(python, top),
                       run_oracle(python, top, "pathfinder"))
        total_p += p
        total_f += f
        p, f = compare(f"{python} submodules", run_modscope(python, subs),
                       run_oracle(python, subs, "find_spec"))
        total_p += p
        total_f += f
    print(f"{total_p} passed, {total_f} failed")


main()
