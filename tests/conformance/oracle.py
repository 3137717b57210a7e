"""The interpreter's own answer for module names, printed as the JSON lines
`modscope resolve` prints.  Run under the interpreter being modelled:
    python oracle.py MODE < names      (MODE: pathfinder | find_spec)

pathfinder: top-level names by the meta path's first three finders asked
  directly (BuiltinImporter, FrozenImporter, PathFinder with sys.path[1:] or
  the paths in $ORACLE_PATH); dotted names by PathFinder over the parent's
  search locations found the same way.  Nothing is imported: safe for
  fixtures.
find_spec: importlib.util.find_spec, which imports the parent packages (only
  for the trusted standard library and Debian packages); a name whose parent
  cannot be imported falls back to the pathfinder answer, marked "via".
"""
import importlib.machinery as m
import importlib.util
import json
import os
import sys
import io
import contextlib

path = sys.path[1:]
if os.environ.get("ORACLE_SYS_PATH") is not None:
    # the sys.path[1:] a normal run had (asked with PYTHONPATH set); this
    # process runs with -I so that nothing of a fixture tree is importable
    path = json.loads(os.environ["ORACLE_SYS_PATH"])


def kind_of(spec):
    loader = spec.loader
    lname = type(loader).__name__ if loader is not None else None
    if loader is m.BuiltinImporter or spec.origin == "built-in":
        return "builtin"
    if loader is m.FrozenImporter or spec.origin == "frozen":
        return "frozen"
    if loader is None or lname in ("NamespaceLoader", "_NamespaceLoader"):
        return "namespace"
    if isinstance(loader, m.ExtensionFileLoader):
        return "extension"
    if isinstance(loader, m.SourcelessFileLoader):
        return "bytecode"
    if isinstance(loader, m.SourceFileLoader):
        return "source"
    if lname == "zipimporter":
        return "zip"
    return "other:" + str(lname)


def record(name, spec, via=None):
    if spec is None:
        d = {"module": name, "found": False}
    else:
        k = kind_of(spec)
        locs = spec.submodule_search_locations
        d = {"module": name, "found": True, "kind": k, "package": locs is not None,
             "origin": None if k in ("builtin", "frozen", "namespace") else spec.origin,
             "search_locations": None if locs is None else list(locs)}
    if via:
        d["via"] = via
    return d


cache = {}


def path_finder(name, entries):
    """PathFinder.find_spec without wrapping portions in _NamespacePath
    (which needs the parent in sys.modules)."""
    spec = m.PathFinder._get_spec(name, entries)
    if spec is None:
        return None
    if spec.loader is None:
        if spec.submodule_search_locations:
            spec.origin = None
            return spec
        return None
    return spec


def static_spec(name):
    """_find_and_load's search without loading: parents first."""
    if name in cache:
        return cache[name]
    parent, _, _ = name.rpartition(".")
    spec = None
    if parent:
        ps = static_spec(parent)
        if ps is not None and ps.submodule_search_locations is not None:
            spec = (m.FrozenImporter.find_spec(name)
                    or path_finder(name, list(ps.submodule_search_locations)))
    else:
        spec = (m.BuiltinImporter.find_spec(name) or m.FrozenImporter.find_spec(name)
                or path_finder(name, path))
    cache[name] = spec
    return spec


def relative(name):
    """import.c resolve_name(): __package__ from $ORACLE_FROM_MODULE (the
    module the importing file is, as the test says), then
    importlib._bootstrap._resolve_name."""
    import importlib._bootstrap as b
    level = len(name) - len(name.lstrip("."))
    rest = name[level:]
    package = None
    mod = os.environ.get("ORACLE_FROM_MODULE")
    if mod:
        spec = static_spec(mod)
        if spec is None or os.path.realpath(spec.origin or "") != os.path.realpath(os.environ["ORACLE_FROM"]):
            raise SystemExit(f"oracle: {mod} is not {os.environ['ORACLE_FROM']}")
        package = mod if spec.submodule_search_locations is not None else mod.rpartition(".")[0]
    if not package:
        return None, "attempted relative import with no known parent package"
    try:
        return b._resolve_name(rest, package, level), None
    except ImportError as e:
        return None, str(e)


def main():
    mode = sys.argv[1]
    names = [l.rstrip("\n") for l in sys.stdin if l.strip()]
    out = []
    for name in names:
        if name.startswith("."):
            absolute, error = relative(name)
            if error:
                out.append({"module": name, "found": False, "error": error})
            else:
                out.append(record(absolute, static_spec(absolute)))
            continue
        if mode == "pathfinder" or "." not in name:
            out.append(record(name, static_spec(name)))
            continue
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                spec = importlib.util.find_spec(name)
            out.append(record(name, spec))
        except ModuleNotFoundError as e:
            if e.name and (name == e.name or name.startswith(e.name + ".")):
                out.append(record(name, None))
            else:  # another module is missing while the parent imports
                out.append(record(name, static_spec(name), via="pathfinder: " + repr(e.name)))
        except BaseException as e:  # the parent failed to import
            out.append(record(name, static_spec(name), via="pathfinder: " + type(e).__name__))
    sys.stdout.write("".join(json.dumps(d) + "\n" for d in out))


main()
