"""The ``waymark`` command of the Python package, run as users run it: the console script
maturin installed next to this Python, in a subprocess. SQLite (a temp file) for every command;
deploy and status on PostgreSQL 15 and MariaDB too. Then the parity check: the same ``--json``
commands through this CLI and the Node one (``node bindings-node/npm/cli.js``) print the same
bytes."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pymysql
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "waymark"
NODE_CLI = ROOT / "bindings-node" / "npm" / "cli.js"
UNIQUE = f"waymark_cli_py_{os.getpid()}"

V1 = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, birth_date TEXT);\n"
V2 = (
    "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, signup TEXT);\n"
    "CREATE UNIQUE INDEX users_email ON users (email);\n"
    "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);\n"
)
COMMANDS = ["diff", "status", "deploy", "new", "down", "recover", "resolve", "lint", "drift"]


def run(cwd, *args, program=None):
    cmd = program or [str(SCRIPT)]
    r = subprocess.run([*cmd, *args], cwd=cwd, capture_output=True)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def doc(cwd, *args):
    code, out, err = run(cwd, *args, "--json")
    return code, json.loads(out), err


def test_the_console_script_is_installed():
    assert SCRIPT.exists(), "maturin develop installs the `waymark` script ([project.scripts])"


def test_help_of_every_command(tmp_path):
    code, out, _ = run(tmp_path, "--help")
    assert code == 0 and out.startswith("waymark ")
    for c in COMMANDS:
        code, out, _ = run(tmp_path, c, "--help")
        assert code == 0 and out.startswith(f"waymark {c}: ") and "--json" in out


@pytest.mark.parametrize(
    "args,code",
    [
        (["frobnicate"], "unknown-command"),
        (["status"], "missing-argument"),
        (["diff", "empty"], "missing-argument"),
        (["status", "--db", "oracle://db/x"], "invalid-database-url"),
        (["status", "--db", "sqlite:x.db", "--nope"], "unknown-option"),
        (["diff", "empty", "missing.sql", "--dialect", "sqlite"], "file-not-found"),
    ],
)
def test_bad_input(tmp_path, args, code):
    rc, out, err = run(tmp_path, *args)
    assert rc == 1 and out == "" and err.startswith(f"error[{code}]: ")
    rc, d, _ = doc(tmp_path, *args)
    assert rc == 1 and d["error"]["code"] == code


def test_sqlite_every_command(tmp_path):
    db = "sqlite:app.db"
    (tmp_path / "schema.sql").write_text(V1)
    code, out, err = run(tmp_path, "new", "init", "--schema", "schema.sql", "--dialect", "sqlite")
    assert code == 0, err
    assert out.startswith("wrote migrations/0001_init.sql\nwrote migrations/0001_init.down.sql\n")
    assert 'DROP TABLE "users"' in (tmp_path / "migrations/0001_init.down.sql").read_text()

    code, out, _ = run(tmp_path, "status", "--db", db)
    assert code == 2 and "pending  0001_init" in out
    code, out, err = run(tmp_path, "deploy", "--db", db)
    assert (code, out) == (0, "applying 0001_init [1/1]\ndeployed 1 migration: 0001_init\n"), err
    code, st, _ = doc(tmp_path, "status", "--db", db)
    assert code == 0 and [e["state"] for e in st["entries"]] == ["applied"]

    assert run(tmp_path, "diff", "migrations", db)[0] == 0
    (tmp_path / "schema.sql").write_text(V2)
    code, out, _ = run(tmp_path, "diff", "migrations", "schema.sql", "--dialect", "sqlite")
    assert code == 2 and "+ table posts\n" in out
    code, out, _ = run(tmp_path, "diff", db, "schema.sql", "--script")
    assert code == 2 and 'CREATE TABLE "posts"' in out and "+ table" not in out

    assert run(tmp_path, "drift", "--db", db)[0] == 0
    conn = sqlite3.connect(tmp_path / "app.db", isolation_level=None)
    conn.execute("ALTER TABLE users ADD COLUMN nick TEXT")
    code, d, _ = doc(tmp_path, "drift", "--db", db)
    assert code == 2 and d["summary"] == ["+ column users.nick"]
    conn.execute("ALTER TABLE users DROP COLUMN nick")
    assert run(tmp_path, "drift", "--db", db)[0] == 0

    code, d, err = doc(tmp_path, "new", "change", "--schema", "schema.sql", "--dialect", "sqlite")
    assert code == 0, err
    assert d["files"] == ["migrations/0002_change.sql", "migrations/0002_change.down.sql"]
    code, d, _ = doc(tmp_path, "lint", "migrations/0002_change.sql", "--dialect", "sqlite")
    assert code == 2 and any(h["hazard"]["code"] == "may-fail-unique" for h in d["hazards"])

    conn.execute("INSERT INTO users (email) VALUES ('ann@example.com'), ('ann@example.com'), ('bob@example.com')")
    code, out, err = run(tmp_path, "deploy", "--db", db)
    assert code == 1 and "applying 0002_change [4/4]\n" in out
    assert err.startswith("error[migration-failed]: 0002_change failed at statement 4: UNIQUE constraint failed")
    code, out, _ = run(tmp_path, "status", "--db", db)
    assert code == 2 and "failed   0002_change" in out

    code, out, err = run(tmp_path, "recover", "--db", db)
    assert code == 0, err
    assert "count=2, email=ann@example.com" in out
    assert "roll back: run this, then `waymark resolve 0002_change --rolled-back`" in out
    code, out, err = run(tmp_path, "resolve", "0002_change", "--rolled-back", "--db", db)
    assert code == 0, err
    assert doc(tmp_path, "status", "--db", db)[1]["entries"][1]["state"] == "rolled_back"
    conn.execute("DELETE FROM users WHERE id = 2")
    conn.close()
    assert run(tmp_path, "deploy", "--db", db)[0] == 0

    code, d, err = doc(tmp_path, "down", "0002_change", "--db", db)
    assert code == 0 and d["migrations"][0]["source"] == "hand_written", err
    assert doc(tmp_path, "status", "--db", db)[1]["entries"][1]["state"] == "rolled_back"


def server_scenario(tmp_path, url, dialect):
    (tmp_path / "schema.sql").write_text("CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL);\n")
    assert run(tmp_path, "new", "init", "--schema", "schema.sql", "--dialect", dialect)[0] == 0
    code, out, err = run(tmp_path, "deploy", "--db", url)
    assert code == 0 and "applying 0001_init [1/1]" in out, err
    code, st, err = doc(tmp_path, "status", "--db", url)
    assert code == 0, err
    assert [(e["id"], e["state"]) for e in st["entries"]] == [("0001_init", "applied")]
    assert run(tmp_path, "drift", "--db", url)[0] == 0


def test_postgres(tmp_path):
    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {UNIQUE} CASCADE")
        conn.execute(f"CREATE SCHEMA {UNIQUE}")
        try:
            url = f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{UNIQUE}"
            server_scenario(tmp_path, url, "postgres")
        finally:
            conn.execute(f"DROP SCHEMA IF EXISTS {UNIQUE} CASCADE")


def test_mariadb(tmp_path):
    conn = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="", autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {UNIQUE}")
            cur.execute(f"CREATE DATABASE {UNIQUE}")
        server_scenario(tmp_path, f"mysql://root@127.0.0.1:3306/{UNIQUE}", "mysql")
    finally:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {UNIQUE}")
        conn.close()


# The parity check: one script of commands, each side in its own folder and database; every
# --json stdout (and exit code) must be byte-identical.
PARITY = [
    ("write", "schema.sql", V1),
    ("run", "new", "init", "--schema", "schema.sql", "--dialect", "sqlite"),
    ("run", "status", "--db", "sqlite:app.db"),
    ("run", "deploy", "--db", "sqlite:app.db"),
    ("run", "status", "--db", "sqlite:app.db"),
    ("run", "drift", "--db", "sqlite:app.db"),
    ("write", "schema.sql", V2),
    ("run", "diff", "migrations", "schema.sql", "--dialect", "sqlite"),
    ("run", "diff", "sqlite:app.db", "schema.sql"),
    ("run", "new", "change", "--schema", "schema.sql", "--dialect", "sqlite"),
    ("run", "lint", "migrations/0002_change.sql", "--dialect", "sqlite"),
    ("run", "lint", "--from", "migrations", "--to", "empty", "--dialect", "sqlite"),
    ("sql", "INSERT INTO users (email) VALUES ('ann@example.com'), ('ann@example.com')"),
    ("run", "deploy", "--db", "sqlite:app.db"),
    ("run", "status", "--db", "sqlite:app.db"),
    ("run", "recover", "--db", "sqlite:app.db"),
    ("run", "resolve", "0002_change", "--rolled-back", "--db", "sqlite:app.db"),
    ("sql", "DELETE FROM users WHERE id = 2"),
    ("run", "deploy", "--db", "sqlite:app.db"),
    ("run", "down", "--to", "0001_init", "--db", "sqlite:app.db"),
    ("run", "drift", "--db", "sqlite:app.db"),
    ("run", "status", "--db", "nope://x"),
    ("run", "frobnicate"),
]


def transcript(folder: Path, program):
    folder.mkdir()
    out = []
    for step in PARITY:
        if step[0] == "write":
            (folder / step[1]).write_text(step[2])
        elif step[0] == "sql":
            conn = sqlite3.connect(folder / "app.db", isolation_level=None)
            conn.execute(step[1])
            conn.close()
        else:
            code, stdout, _ = run(folder, *step[1:], "--json", program=program)
            out.append((" ".join(step[1:]), code, stdout))
    return out


def test_node_and_python_print_the_same_bytes(tmp_path):
    # Node is part of the toolchain (README); without it this fails rather than skips.
    assert shutil.which("node"), "the parity check needs node on PATH"
    python = transcript(tmp_path / "py", None)
    node = transcript(tmp_path / "node", ["node", str(NODE_CLI)])
    assert len(python) == len(node) == sum(1 for s in PARITY if s[0] == "run")
    for p, n in zip(python, node):
        assert p == n
    # The transcript did go through failures and recoveries, not only successes.
    assert [code for _, code, _ in python].count(1) >= 3
