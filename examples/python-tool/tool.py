"""A Python tool that embeds Waymark: deploys a migrations folder on start and prints the
status, over SQLite (the standard library) or PostgreSQL (psycopg 3). With ``--fail DIR`` it
then deploys the one migration in DIR, which fails, and prints the recovery plan with the rows
the failure tripped on, then rolls it back.

    python examples/python-tool/tool.py [--db sqlite:app.db | --db postgresql://...] \
        [--migrations examples/sample-history] [--fail examples/failing-migration]
"""

import argparse
import pathlib
import sqlite3

import waymark
from waymark import runner


def read_dir(path: pathlib.Path, skip=("data.sql", "fix.sql")):
    return [
        {"id": p.stem, "sql": p.read_text()}
        for p in sorted(path.glob("*.sql"))
        if p.name not in skip
    ]


def connect(url: str):
    if url.startswith("sqlite:"):
        return runner.from_sqlite3(sqlite3.connect(url[len("sqlite:"):] or ":memory:"))
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        return runner.from_psycopg(psycopg.connect(url))
    raise SystemExit(f"unsupported database URL: {url} (sqlite:FILE or postgresql://...)")


def main():
    here = pathlib.Path(__file__).parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="sqlite::memory:")
    ap.add_argument("--migrations", default=str(here.parent / "sample-history"))
    ap.add_argument("--fail", default=None, help="a folder with data.sql and one failing migration")
    a = ap.parse_args()

    db = connect(a.db)
    migrations = read_dir(pathlib.Path(a.migrations))
    ran = runner.deploy(
        db,
        migrations,
        on_progress=lambda p: print(f"  {p['id']}: statement {p['statement'] + 1}/{p['total']}"),
    )
    print(f"deployed {len(ran)} migration(s)")
    for e in runner.status(db, migrations)["entries"]:
        print(f"  {e['state']:<18} {e['id']}")
    if not a.fail:
        return
    fail = pathlib.Path(a.fail)
    db.exec((fail / "data.sql").read_text())
    everything = migrations + read_dir(fail)
    failing = everything[-1]["id"]
    try:
        runner.deploy(db, everything)
        raise SystemExit(f"{failing} was expected to fail")
    except runner.MigrationError as e:
        print(f"\n{e}")
    plan = runner.recover(db, everything, failing)
    print("\nrecovery plan:")
    for line in plan["summary"]:
        print(f"  {line}")
    for d in runner.diagnose(db, plan):
        print(f"  [{d['query']['code']}] {d['query']['message']}: {d['rows']}")
    runner.apply_recovery(db, plan, "back", accept_loss=True)
    state = {e["id"]: e["state"] for e in runner.status(db, everything)["entries"]}
    print(f"\nrolled back: {failing} is now {state[failing]}")


if __name__ == "__main__":
    try:
        main()
    except waymark.WaymarkError as e:
        raise SystemExit(f"error[{e.code}]: {e}")
