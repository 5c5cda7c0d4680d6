"""The host runner: the I/O the engine never does, over a connection the caller opened.

It takes the deployers' lock, reads and writes the history table, runs a plan statement by
statement recording progress, and reports a failure with the database's own error text.
Every decision comes from the engine; this module only moves SQL and rows. Connections are
wrapped by an adapter (``from_sqlite3``, ``from_psycopg``, ``from_pymysql``) with ``dialect``,
``query(sql) -> list[dict]``, ``exec(sql)`` and ``namespace()``.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, Optional

from . import WaymarkError, call, deploy_plan as _deploy_plan, down as _down
from . import down_to as _down_to, from_rows, introspection_queries
from . import recover as _recover, status as _status


class MigrationError(Exception):
    """A migration failed: ``id``, ``statement`` (0-based) and the database's ``db_error``."""

    code = "migration-failed"

    def __init__(self, id: str, statement: int, db_error: str):
        self.id = id
        self.statement = statement
        self.db_error = db_error
        super().__init__(f"{id} failed at statement {statement + 1}: {db_error}")


class PreCheckFailed(Exception):
    """A recovery or down would drop tables or columns that hold data."""

    code = "pre-check-failed"

    def __init__(self, checks: List[Dict[str, Any]]):
        self.checks = checks
        super().__init__("pre-checks found data: " + "; ".join(c["message"] for c in checks))


def _options(table: Optional[str], policy: Optional[str], lock_timeout_seconds: Optional[int]):
    o: Dict[str, Any] = {}
    if table is not None:
        o["table"] = table
    if policy is not None:
        o["policy"] = policy
    if lock_timeout_seconds is not None:
        o["lock_timeout_seconds"] = lock_timeout_seconds
    return o


def _prelude(db, table=None, policy=None, lock_timeout_seconds=None):
    return call("prelude", {"dialect": db.dialect, "options": _options(table, policy, lock_timeout_seconds)})


def _records(db, pre) -> List[Dict[str, Any]]:
    for sql in pre["setup"]:
        db.exec(sql)
    return db.query(pre["read"])


@contextmanager
def locked(db, table=None, lock_timeout_seconds=None) -> Iterator[Dict[str, Any]]:
    """Holds the deployers' lock (on SQLite: the write transaction) around the block."""
    pre = _prelude(db, table, None, lock_timeout_seconds)
    lock = pre["lock"]
    for i, sql in enumerate(lock["acquire"]):
        if lock["check_result"] and i == len(lock["acquire"]) - 1:
            rows = db.query(sql)
            got = str(next(iter(rows[0].values()))) if rows else None
            if got != "1":
                raise WaymarkError(lock["not_acquired"])
        else:
            db.exec(sql)
    try:
        yield pre
    finally:
        for sql in lock["release"]:
            db.exec(sql)


def _history(db, migrations, applied):
    return {"dialect": db.dialect, "local": migrations, "applied": applied}


def status(db, migrations: List[Dict[str, Any]], policy: str = "strict", table: Optional[str] = None):
    """The state of every migration."""
    applied = _records(db, _prelude(db, table))
    return _status({"history": _history(db, migrations, applied), "policy": policy})


def deploy(
    db,
    migrations: List[Dict[str, Any]],
    policy: str = "strict",
    table: Optional[str] = None,
    lock_timeout_seconds: Optional[int] = None,
    on_progress: Optional[Callable[[Dict[str, Any]], None]] = None,
) -> List[str]:
    """Applies the pending migrations; returns the ids that ran. Raises MigrationError after
    recording a failure, and WaymarkError when the history forbids the deploy."""
    with locked(db, table, lock_timeout_seconds) as pre:
        applied = _records(db, pre)
        plan = _deploy_plan(
            {
                "history": _history(db, migrations, applied),
                "options": _options(table, policy, lock_timeout_seconds),
            }
        )
        for b in plan["baselines"]:
            for sql in b["statements"]:
                db.exec(sql)
        ran = []
        for m in plan["migrations"]:
            for sql in m["begin"] + m["start"]:
                db.exec(sql)
            for i, s in enumerate(m["statements"]):
                if on_progress:
                    on_progress({"id": m["id"], "statement": i, "total": len(m["statements"])})
                try:
                    db.exec(s["sql"])
                except Exception as e:  # the driver's own error: its text is what we record
                    text = str(e)
                    writes = call("deploy_failure", {"plan": plan, "id": m["id"], "failed": i, "error": text})
                    for sql in writes["statements"]:
                        db.exec(sql)
                    raise MigrationError(m["id"], i, text) from None
                db.exec(s["progress"])
            for sql in m["finish"]:
                db.exec(sql)
            ran.append(m["id"])
        return ran


def introspect(db, namespace: Optional[str] = None, database: bool = False) -> Dict[str, Any]:
    """The live schema, as a snapshot, from the engine's catalog queries; ``database=True``
    reads every PostgreSQL schema, not only the current one."""
    ns = namespace if namespace is not None else db.namespace()
    queries = introspection_queries({"dialect": db.dialect, "namespace": ns, "database": database})
    results = {q["id"]: db.query(q["sql"]) for q in queries}
    return from_rows({"dialect": db.dialect, "namespace": ns, "results": results})["schema"]


def recover(db, migrations, id: str, table: Optional[str] = None, namespace: Optional[str] = None):
    """The recovery plan for a failed migration, against the live schema."""
    pre = _prelude(db, table)
    applied = _records(db, pre)
    live = introspect(db, namespace)
    return _recover(
        {
            "history": _history(db, migrations, applied),
            "id": id,
            "live": live,
            "options": {"table": pre["table"]["name"]},
        }
    )


def diagnose(db, plan) -> List[Dict[str, Any]]:
    """Runs each diagnostic query of a recovery plan: [{"query", "rows"}]."""
    return [{"query": q, "rows": db.query(q["sql"])} for q in plan["diagnostics"]]


def _failing(db, checks) -> List[Dict[str, Any]]:
    out = []
    for c in checks:
        rows = db.query(c["sql"])
        if rows and str(next(iter(rows[0].values()))) != "0":
            out.append(c)
    return out


def apply_recovery(db, plan, way: str, accept_loss: bool = False, table: Optional[str] = None):
    """Takes a way out: "back" (roll back, resolve rolled back), "forward" (roll forward,
    resolve applied) or "resume". Refuses when a pre-check finds data, unless accept_loss."""
    if way == "resume":
        resume = plan["resume"]
        if not resume["ready"]:
            raise WaymarkError({"code": "schema-drift", "severity": "error", "message": resume.get("blocked", "")})
        with locked(db, table):
            m = resume["migration"]
            for sql in m["begin"] + m["start"]:
                db.exec(sql)
            for i, s in enumerate(m["statements"]):
                try:
                    db.exec(s["sql"])
                except Exception as e:
                    index = resume["first"] + i
                    writes = call("resume_failure", {"plan": plan, "failed": index, "error": str(e)})
                    for sql in writes["statements"]:
                        db.exec(sql)
                    raise MigrationError(plan["id"], index, str(e)) from None
                db.exec(s["progress"])
            for sql in m["finish"]:
                db.exec(sql)
        return
    if way == "back":
        steps = [sql for s in plan["roll_back"]["steps"] for sql in s["sql"]]
        checks = plan["roll_back"].get("pre_checks", [])
        resolve = plan["resolve"]["rolled_back"]
    elif way == "forward" and plan.get("roll_forward"):
        steps = [sql for s in plan["roll_forward"]["plan"]["steps"] for sql in s["up"]]
        checks = plan["roll_forward"].get("pre_checks", [])
        resolve = plan["resolve"]["applied"]
    else:
        raise ValueError(f'no way "{way}" in this recovery plan')
    failing = _failing(db, checks)
    if failing and not accept_loss:
        raise PreCheckFailed(failing)
    for sql in steps + resolve:
        db.exec(sql)


def down(db, migrations, id: Optional[str] = None, to: Optional[str] = None, all: bool = False,
         accept_loss: bool = False, table: Optional[str] = None):
    """Undoes ``id``, or every applied migration after ``to`` (``all=True``: every one)."""
    with locked(db, table) as pre:
        applied = _records(db, pre)
        input = {
            "history": _history(db, migrations, applied),
            "id": id if id is not None else to,
            "options": {"accept_loss": accept_loss, "table": pre["table"]["name"]},
        }
        if id is None and to is None and not all:
            raise ValueError("name a migration (id=...), a target (to=...), or all=True")
        plan = _down(input) if id is not None else _down_to(input)
        for m in plan["migrations"]:
            failing = _failing(db, m.get("pre_checks", []))
            if failing and not accept_loss:
                raise PreCheckFailed(failing)
            for sql in m["begin"] + m["statements"] + m["finish"]:
                db.exec(sql)
        return plan


def resolve(db, migrations, id: str, resolution: str, table: Optional[str] = None) -> List[str]:
    """Marks failed migration ``id`` "applied" or "rolled_back" (after a way out was run by
    hand); returns the statements it ran."""
    with locked(db, table) as pre:
        applied = _records(db, pre)
        writes = call(
            "resolve",
            {
                "history": _history(db, migrations, applied),
                "id": id,
                "resolution": resolution,
                "table": pre["table"]["name"],
            },
        )
        for sql in writes["statements"]:
            db.exec(sql)
        return writes["statements"]


# Adapters ---------------------------------------------------------------------------------


def _dicts(cursor) -> List[Dict[str, Any]]:
    if cursor.description is None:
        return []
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


class _Adapter:
    def __init__(self, dialect: str, conn, namespace: Callable[[], str]):
        self.dialect = dialect
        self.conn = conn
        self._namespace = namespace

    def namespace(self) -> str:
        return self._namespace()


class _Sqlite3(_Adapter):
    def query(self, sql):
        return _dicts(self.conn.execute(sql))

    def exec(self, sql):
        self.conn.execute(sql)


def from_sqlite3(conn) -> _Sqlite3:
    """The standard library's sqlite3. The runner manages transactions itself, so the
    connection is switched to autocommit (``isolation_level = None``)."""
    conn.isolation_level = None
    return _Sqlite3("sqlite", conn, lambda: "main")


class _Psycopg(_Adapter):
    def query(self, sql):
        with self.conn.cursor() as cur:
            # Everything as PostgreSQL's text form, as the catalog queries expect.
            from psycopg.types.string import TextLoader

            for t in self.conn.adapters.types:
                cur.adapters.register_loader(t.oid, TextLoader)
            cur.execute(sql)
            return _dicts(cur)

    def exec(self, sql):
        with self.conn.cursor() as cur:
            cur.execute(sql)


def from_psycopg(conn) -> _Psycopg:
    """psycopg 3. The connection is switched to autocommit: the runner opens its own
    transactions."""
    conn.autocommit = True
    a = _Psycopg("postgres", conn, lambda: a.query("SELECT current_schema() AS s")[0]["s"])
    return a


class _Pymysql(_Adapter):
    def query(self, sql):
        with self.conn.cursor() as cur:
            cur.execute(sql)
            rows = _dicts(cur)
        out = []
        for r in rows:
            out.append({k: _mysql_value(v) for k, v in r.items()})
        return out

    def exec(self, sql):
        with self.conn.cursor() as cur:
            cur.execute(sql)


def _mysql_value(v):
    # MySQL's text protocol: integers stay numbers, everything else is text.
    if v is None or isinstance(v, int):
        return v
    if isinstance(v, (bytes, bytearray)):
        return v.decode("utf-8", "replace")
    return str(v)


def from_pymysql(conn) -> _Pymysql:
    """PyMySQL, with autocommit (MySQL's DDL commits implicitly anyway)."""
    conn.autocommit(True)
    a = _Pymysql("mysql", conn, lambda: a.query("SELECT DATABASE() AS s")[0]["s"])
    return a
