"""The Python host runner against real databases: SQLite (the standard library's sqlite3),
PostgreSQL 15 (psycopg 3) and MariaDB (PyMySQL). Each deploys a history, then the seed
migration fails on a duplicate email; status, the recovery plan, its diagnostic query, a way
out, a redeploy and a down follow."""

import os
import sqlite3

import psycopg
import pymysql
import pytest

from waymark import runner

UNIQUE = f"waymark_py_{os.getpid()}"

SEED = {
    "postgres": (
        "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, birth_date date);",
        "ALTER TABLE users DROP COLUMN birth_date;\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\nALTER TABLE users ADD COLUMN signup_date date;",
    ),
    "mysql": (
        "CREATE TABLE users (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(191) NOT NULL, birth_date date NULL);",
        "ALTER TABLE users DROP COLUMN birth_date;\nALTER TABLE users ADD UNIQUE INDEX users_email_key (email);\nALTER TABLE users ADD COLUMN signup_date date NULL AFTER email;",
    ),
    "sqlite": (
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, birth_date TEXT);",
        "ALTER TABLE users DROP COLUMN birth_date;\nCREATE UNIQUE INDEX users_email_key ON users (email);\nALTER TABLE users ADD COLUMN signup_date TEXT;",
    ),
}


def scenario(db):
    init, change = SEED[db.dialect]
    history = [{"id": "0001_users", "sql": init}]
    progress = []
    assert runner.deploy(db, history, on_progress=progress.append) == ["0001_users"]
    assert progress == [{"id": "0001_users", "statement": 0, "total": 1}]
    db.exec(
        "INSERT INTO users (email, birth_date) VALUES ('ann@example.com', '1990-01-01'), "
        "('bob@example.com', '1985-05-05'), ('ann@example.com', '1991-02-02')"
    )
    migrations = history + [{"id": "0002_seed", "sql": change}]
    with pytest.raises(runner.MigrationError) as failed:
        runner.deploy(db, migrations)
    assert failed.value.id == "0002_seed" and failed.value.statement == 1
    assert "duplicate" in failed.value.db_error.lower() or "unique" in failed.value.db_error.lower()
    state = {e["id"]: e["state"] for e in runner.status(db, migrations)["entries"]}
    assert state["0002_seed"] == ("partially_applied" if db.dialect == "mysql" else "failed")

    plan = runner.recover(db, migrations, "0002_seed")
    assert plan["failed"]["index"] == 1 and plan["drift"] == []
    [found] = runner.diagnose(db, plan)
    assert found["query"]["code"] == "may-fail-unique"
    assert [(r["email"], str(r["count"])) for r in found["rows"]] == [("ann@example.com", "2")]

    if db.dialect == "mysql":
        assert "birth_date comes back empty" in "\n".join(plan["summary"])
        db.exec("DELETE FROM users WHERE id = 3")
        runner.apply_recovery(db, plan, "forward")
    else:
        assert "nothing of it remains" in "\n".join(plan["summary"])
        runner.apply_recovery(db, plan, "back")
        state = {e["id"]: e["state"] for e in runner.status(db, migrations)["entries"]}
        assert state["0002_seed"] == "rolled_back"
        db.exec("DELETE FROM users WHERE id = 3")
        assert runner.deploy(db, migrations) == ["0002_seed"]
    assert [e["state"] for e in runner.status(db, migrations)["entries"]] == ["applied", "applied"]

    down = runner.down(db, migrations, id="0002_seed")
    assert down["migrations"][0]["source"] == "auto_reverse"
    users = next(t for t in runner.introspect(db)["schema"]["tables"] if t["name"] == "users")
    assert any(c["name"] == "birth_date" for c in users["columns"])
    assert runner.status(db, migrations)["entries"][1]["state"] == "rolled_back"


def test_sqlite(tmp_path):
    conn = sqlite3.connect(tmp_path / "app.db")
    try:
        scenario(runner.from_sqlite3(conn))
    finally:
        conn.close()


def test_postgres():
    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test") as conn:
        db = runner.from_psycopg(conn)
        db.exec(f"DROP SCHEMA IF EXISTS {UNIQUE} CASCADE")
        db.exec(f"CREATE SCHEMA {UNIQUE}")
        db.exec(f"SET search_path TO {UNIQUE}")
        try:
            scenario(db)
        finally:
            db.exec(f"DROP SCHEMA IF EXISTS {UNIQUE} CASCADE")


def test_mariadb():
    conn = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="")
    db = runner.from_pymysql(conn)
    db.exec(f"DROP DATABASE IF EXISTS {UNIQUE}")
    db.exec(f"CREATE DATABASE {UNIQUE}")
    db.exec(f"USE {UNIQUE}")
    try:
        scenario(db)
    finally:
        db.exec(f"DROP DATABASE IF EXISTS {UNIQUE}")
        conn.close()
