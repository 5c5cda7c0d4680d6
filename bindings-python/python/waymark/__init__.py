"""Waymark's migration planning engine.

Every function takes a dict and returns a dict, with the shapes docs/api.md gives; they are
the same functions, with the same output, as in the Node and WASM packages. Errors raise
WaymarkError with the diagnostic's ``code``, ``message``, ``hint``, ``object`` and
``location``.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from . import _waymark

__all__ = [
    "WaymarkError",
    "call",
    "call_json",
    "operations",
    "version",
    "load",
    "diff",
    "plan",
    "lint",
    "status",
    "deploy_plan",
    "recover",
    "resolve",
    "down",
    "down_to",
    "introspection_queries",
    "from_rows",
    "prelude",
    "deploy_failure",
    "resume_failure",
    "cli_step",
    "cli_progress",
]


class WaymarkError(Exception):
    """An engine diagnostic: ``code`` is stable (docs/errors.md)."""

    def __init__(self, diagnostic: Dict[str, Any]):
        self.diagnostic = diagnostic
        self.code: str = diagnostic.get("code", "internal-error")
        self.hint: Optional[str] = diagnostic.get("hint")
        self.object: Optional[str] = diagnostic.get("object")
        self.location: Optional[Dict[str, int]] = diagnostic.get("location")
        super().__init__(f"{self.code}: {diagnostic.get('message', '')}")


def _diagnostic(err: Exception) -> Dict[str, Any]:
    text = err.args[0] if err.args else ""
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return {"code": "internal-error", "severity": "error", "message": str(text)}


def call_json(op: str, input: str) -> str:
    """Runs ``op`` on JSON text and returns JSON text (what the parity vectors compare)."""
    try:
        return _waymark.call_json(op, input)
    except _waymark.WaymarkError as e:
        raise WaymarkError(_diagnostic(e)) from None
    except BaseException as e:  # a Rust panic (pyo3's PanicException) or the like
        if type(e).__name__ == "PanicException":
            raise WaymarkError(
                {"code": "internal-error", "severity": "error", "message": str(e)}
            ) from None
        raise


def call(op: str, input: Any) -> Any:
    """Runs ``op`` on a dict and returns a dict."""
    try:
        text = json.dumps(input, ensure_ascii=False)
    except (TypeError, ValueError) as e:
        raise WaymarkError(
            {"code": "invalid-input", "severity": "error", "message": f"{op}: the input is not JSON data: {e}"}
        ) from None
    return json.loads(call_json(op, text))


def operations() -> List[str]:
    return list(_waymark.operations())


def _op(name: str):
    def f(input: Dict[str, Any]) -> Dict[str, Any]:
        return call(name, input)

    f.__name__ = name
    f.__doc__ = f"The `{name}` operation (docs/api.md)."
    return f


version = _op("version")
load = _op("load")
diff = _op("diff")
plan = _op("plan")
lint = _op("lint")
status = _op("status")
deploy_plan = _op("deploy_plan")
recover = _op("recover")
resolve = _op("resolve")
down = _op("down")
down_to = _op("down_to")
introspection_queries = _op("introspection_queries")
from_rows = _op("from_rows")
prelude = _op("prelude")
deploy_failure = _op("deploy_failure")
resume_failure = _op("resume_failure")
cli_step = _op("cli_step")
cli_progress = _op("cli_progress")
