"""The ``waymark`` command. Every decision is the engine's (waymark::cli, docs/cli.md): this
module does the I/O it asks for (files, the database through the runner), prints what it says
and exits with its code. bindings-node/npm/cli.js is the same loop in JavaScript."""

from __future__ import annotations

import datetime
import importlib
import json
import os
import sys
from typing import Any, Dict, List, Optional

from . import WaymarkError, cli_progress, cli_step, runner


def _emit(out: Dict[str, Any]) -> None:
    # Bytes, so the output is UTF-8 whatever the locale says (and the same as Node's).
    for name, stream in (("stdout", sys.stdout), ("stderr", sys.stderr)):
        if out.get(name):
            stream.flush()
            stream.buffer.write(out[name].encode("utf-8"))
            stream.buffer.flush()


def _list(path: str) -> Optional[List[Dict[str, Any]]]:
    try:
        names = os.listdir(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return [{"name": n, "dir": os.path.isdir(os.path.join(path, n))} for n in names]


def _read(path: str) -> Optional[str]:
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except (FileNotFoundError, NotADirectoryError):
        return None


def _write(files: List[Dict[str, str]]) -> Dict[str, Any]:
    for f in files:
        parent = os.path.dirname(f["path"])
        if parent:
            os.makedirs(parent, exist_ok=True)
        with open(f["path"], "wb") as out:
            out.write(f["text"].encode("utf-8"))
    return {}


class _MissingDriver(Exception):
    def __init__(self, name: str):
        self.driver = name
        super().__init__(f"cannot import {name}")


def _driver(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        raise _MissingDriver(name) from None


def _open(d: Dict[str, Any]):
    if d["dialect"] == "sqlite":
        conn = _driver("sqlite3").connect(d["path"])
        return runner.from_sqlite3(conn), conn.close
    if d["dialect"] == "postgres":
        conn = _driver("psycopg").connect(d["url"])
        return runner.from_psycopg(conn), conn.close
    conn = _driver("pymysql").connect(
        host=d["host"], port=d["port"], user=d["user"], password=d["password"], database=d["database"]
    )
    return runner.from_pymysql(conn), conn.close


def _call(args: List[str], db, c: Dict[str, Any]):
    kind, table = c["call"], c.get("table")
    if kind == "status":
        return runner.status(db, c["migrations"], table=table)
    if kind == "deploy":
        progress = lambda event: _emit(cli_progress({"args": args, "event": event}))  # noqa: E731
        return runner.deploy(db, c["migrations"], table=table, on_progress=progress)
    if kind == "introspect":
        return runner.introspect(db)
    if kind == "recover":
        plan = runner.recover(db, c["migrations"], c["id"], table=table)
        return {"plan": plan, "diagnostics": runner.diagnose(db, plan)}
    if kind == "down":
        return runner.down(
            db, c["migrations"], id=c.get("id"), to=c.get("to"), accept_loss=c["accept_loss"], table=table
        )
    if kind == "resolve":
        return runner.resolve(db, c["migrations"], c["id"], c["resolution"], table=table)
    raise ValueError(f"unknown runner call {kind}")


def _host_error(e: BaseException) -> Dict[str, Any]:
    """What went wrong, by kind; the engine words the message."""
    if isinstance(e, runner.MigrationError):
        return {"kind": "migration", "message": str(e), "id": e.id, "statement": e.statement, "db_error": e.db_error}
    if isinstance(e, _MissingDriver):
        return {"kind": "missing_driver", "message": str(e), "driver": e.driver}
    if isinstance(e, WaymarkError):
        return {"kind": "engine", "message": str(e), "diagnostic": e.diagnostic}
    if isinstance(e, runner.PreCheckFailed):
        return {"kind": "pre_check", "message": str(e), "pre_checks": e.checks}
    return {"kind": "database", "message": str(e)}


def _db(args: List[str], step: Dict[str, Any]) -> Dict[str, Any]:
    results: List[Any] = []
    close = None
    try:
        db, close = _open(step["database"])
        for c in step["calls"]:
            results.append(_call(args, db, c))
        return {"results": results}
    except Exception as e:  # the driver's own errors have no common class
        return {"results": results, "error": _host_error(e)}
    finally:
        if close is not None:
            try:
                close()
            except Exception:  # the results are in; a failing close changes nothing
                pass


def _perform(args: List[str], step: Dict[str, Any]) -> Any:
    if step["do"] == "db":
        result = _db(args, step)
    else:
        try:
            if step["do"] == "fs":
                result = {"list": [_list(p) for p in step["list"]], "read": [_read(p) for p in step["read"]]}
            elif step["do"] == "write":
                result = _write(step["files"])
            else:
                raise ValueError(f"unknown step {step['do']}")
        except OSError as e:
            result = {"error": {"kind": "io", "message": str(e)}}
    # Rows may hold values JSON has no form for (bytes, dates): as text.
    return json.loads(json.dumps(result, default=str))


def main(argv: Optional[List[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
    results: List[Any] = []
    try:
        while True:
            step = cli_step({"args": args, "results": results, "now": now})
            if step["do"] == "exit":
                _emit(step)
                return step["code"]
            results.append(_perform(args, step))
    except WaymarkError as e:  # only a bug gets here: the engine reports expected failures
        _emit({"stderr": f"error[{e.code}]: {e.diagnostic.get('message', '')}\n"})
        return 1


if __name__ == "__main__":
    sys.exit(main())
