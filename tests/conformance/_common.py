"""Helpers shared by the conformance scripts (imported from beside them, never
run: tests/run.py runs only test_*.py)."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# tests/run.py sets MODSCOPE; a script run by hand uses the default build.
MODSCOPE = os.environ.get("MODSCOPE") or os.path.join(ROOT, "build", "modscope")


def shared_path(rel):
    """rel inside shared/: beside the checkout (as CI has it), else /work/shared."""
    here = os.path.dirname(os.path.abspath(__file__))
    for base in (os.path.join(here, "..", "..", "..", "shared"), "/work/shared"):
        if os.path.exists(os.path.join(base, rel)):
            return os.path.normpath(os.path.join(base, rel))
    return os.path.join("/work/shared", rel)
