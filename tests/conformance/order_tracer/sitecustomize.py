"""Installed (through PYTHONPATH) by tests/conformance/test_order*.py to
observe a real run: records, for modules whose spec lies under
$ORDER_TRACE_ROOT, the order their exec_module starts, and the uncaught
exception (type, str, the traceback's frames under the root).  Writes JSON
to $ORDER_TRACE_OUT when the interpreter exits."""
import atexit
import json
import os
import sys

_root = os.environ.get("ORDER_TRACE_ROOT")
_out = os.environ.get("ORDER_TRACE_OUT")
_order = []
_result = {"order": _order, "error": None, "frames": []}


def _inside(p):
    return bool(p) and (_root == "*" or p.startswith(_root + os.sep))


class _Tracer:
    def find_spec(self, name, path, target=None):
        spec = None
        for f in sys.meta_path:
            if f is self:
                continue
            fs = getattr(f, "find_spec", None)
            if fs is None:
                continue
            spec = fs(name, path, target)
            if spec is not None:
                break
        if spec is None:
            return None
        locs = list(spec.submodule_search_locations or [])
        inside = _inside(spec.origin) or any(_inside(l) for l in locs)
        loader = spec.loader
        if inside and loader is not None and hasattr(loader, "exec_module"):
            orig = loader.exec_module

            def exec_module(module, _orig=orig, _name=name):
                _order.append(_name)
                return _orig(module)

            try:
                loader.exec_module = exec_module
            except Exception:
                pass
        return spec


def _hook(tp, value, tb):
    frames = []
    while tb is not None:
        fn = tb.tb_frame.f_code.co_filename
        if _inside(fn) or fn == _result.get("script"):
            frames.append({"module": tb.tb_frame.f_globals.get("__name__"),
                           "file": fn, "line": tb.tb_lineno})
        tb = tb.tb_next
    _result["error"] = {"type": tp.__name__, "message": str(value)}
    _result["frames"] = frames
    _prev(tp, value, tb)


def _write():
    if _out:
        with open(_out, "w") as f:
            json.dump(_result, f)


if _root and _out:
    _prev = sys.excepthook
    sys.excepthook = _hook
    sys.meta_path.insert(0, _Tracer())
    atexit.register(_write)
    # the tracer's own directory came through PYTHONPATH: take it out so
    # that the run's sys.path is the one modscope models
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p) != _here]
