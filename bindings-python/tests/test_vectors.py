"""The cross-binding vectors through the Python extension: byte-identical to Rust's output."""

import json
import pathlib

import pytest

import waymark

VECTORS = sorted((pathlib.Path(__file__).parents[2] / "tests" / "vectors").glob("*.json"))


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_there_are_vectors():
    assert len(VECTORS) >= 20


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_vector(path):
    v = json.loads(path.read_text())
    text = compact(v["input"])
    if "error" in v:
        with pytest.raises(waymark.WaymarkError) as caught:
            waymark.call_json(v["op"], text)
        assert compact(caught.value.diagnostic) == compact(v["error"])
        assert caught.value.code == v["error"]["code"]
    else:
        assert waymark.call_json(v["op"], text) == compact(v["output"])


@pytest.mark.parametrize(
    "op, input, code",
    [
        ("plan", "not json", "invalid-input"),
        ("plan", "[1]", "invalid-input"),
        ("nope", "{}", "unknown-operation"),
        ("load", '{"dialect":"db2","source":{"kind":"empty"}}', "unknown-dialect"),
        ("load", '{"dialect":"sqlite"}', "invalid-input"),
    ],
)
def test_bad_json_input(op, input, code):
    with pytest.raises(waymark.WaymarkError) as caught:
        waymark.call_json(op, input)
    assert caught.value.code == code


def test_wrong_python_types():
    with pytest.raises(waymark.WaymarkError) as caught:
        waymark.plan({"dialect": "sqlite", "from": {"kind": "empty"}, "to": object()})
    assert caught.value.code == "invalid-input"
    with pytest.raises(waymark.WaymarkError) as caught:
        waymark.load({"dialect": "sqlite", "source": {"kind": "sql", "sql": 42}})
    assert caught.value.code == "invalid-input"


def test_huge_string():
    sql = "x" * 5_000_000
    with pytest.raises(waymark.WaymarkError) as caught:
        waymark.load({"dialect": "sqlite", "source": {"kind": "sql", "sql": sql}})
    assert caught.value.code == "syntax-error"
    assert caught.value.location == {"line": 1, "column": 1}


def test_functions_match_operations():
    assert waymark.operations() == waymark.version({})["operations"]
    for op in waymark.operations():
        assert callable(getattr(waymark, op))
