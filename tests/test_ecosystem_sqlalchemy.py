"""SQLAlchemy dialects as a real host in the slow suite: every entry point of
`sqlalchemy.dialects` names a dialect class, under the name create_engine() asks for
(`cockroachdb.psycopg2` for cockroachdb+psycopg2://); the registry loads it, URL's
get_dialect_cls() picks the class, create_engine() builds it (examples/contracts/sqlalchemy.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI dialects, SQLAlchemy's
own lookup of each entry point by URL (make_url, _get_entrypoint, get_dialect_cls, issubclass
Dialect, then the class built with no options) as the oracle, run first. sqlalchemy-sybase 1.0.0
imports `processors` from sqlalchemy, gone in SQLAlchemy 2: its pyodbc dialect fails to load
(its other dialects load). cockroachdb.psycopg needs the psycopg driver, not installed: SQLAlchemy
fails to load it as well. plugcheck must give no error and no warning to the dialects SQLAlchemy
loads and name the cause for those it does not, with the shipped contract.

`plugcheck init` on SQLAlchemy reads all of it (about 60 s on the shared 2-core box), so its
unedited proposal is checked by hand, not here: 0 usage errors, 0 errors on the healthy
dialects, both breaks found; trino's `sqlalchemy; extra == "all"` is no PC301 (SQLAlchemy loads
its dialects itself: init proposes ignore = ["PC301"]).
"""

from __future__ import annotations

import json

import pytest
from test_ecosystems import _cached_venv, _check, _run

pytestmark = pytest.mark.slow

PINS = [
    "sqlalchemy==2.0.58",
    "setuptools==69.5.1",  # sqlalchemy-sybase 1.0.0 imports pkg_resources
    "sqlalchemy-cockroachdb==2.0.4",
    "sqlalchemy-redshift==1.0.0",
    "sqlalchemy-firebird==2.2.0",
    "sqlalchemy-monetdb==2.1.0",
    "sqlalchemy-cratedb==0.44.0",
    "trino==0.340.0",
]
BROKEN = {"sybase.pyodbc": "processors", "cockroachdb.psycopg": "psycopg"}

_ORACLE = """
import importlib.metadata as md, json
from sqlalchemy.engine import Dialect, make_url
out = {}
for ep in md.entry_points(group="sqlalchemy.dialects"):
    try:
        url = make_url(ep.name.replace(".", "+", 1) + "://")
        cls = url._get_entrypoint().get_dialect_cls(url)
        assert isinstance(cls, type) and issubclass(cls, Dialect), cls
        cls()
        out[ep.name] = "ok"
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


@pytest.mark.harness
def test_sqlalchemy_dialects() -> None:
    python = _cached_venv("sqlalchemy", PINS, ["sqlalchemy-sybase==1.0.0"])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    healthy = {name for name, said in loads.items() if said == "ok"}
    assert {name for name in loads if name not in healthy} == set(BROKEN), loads
    assert len({name.partition(".")[0] for name in healthy}) == 6, loads  # 6 distributions
    for name, cause in BROKEN.items():
        assert cause in loads[name], loads

    data = _check(python, "sqlalchemy.toml")
    findings = [f for f in data["findings"] if f["severity"] != "info"]
    assert [f for f in findings if f["plugin"] in healthy] == []
    for name, cause in BROKEN.items():
        errors = [f for f in findings if f["plugin"] == name and f["severity"] == "error"]
        assert errors and all(cause in f["message"] for f in errors), errors
    assert {f["code"] for f in findings if f["plugin"] == "sybase.pyodbc"} == {"PC530"}
