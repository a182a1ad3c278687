"""pylint as a real host in the slow suite: plugins are modules named in `--load-plugins`;
PyLinter.load_plugin_modules() imports each (astroid.modutils.load_module_from_name) and calls
its `register(linter)` with the linter itself (examples/contracts/pylint.toml). No entry-point
group: the plugin modules are passed as paths.

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins, pylint's own
load_plugin_modules() of each module as the oracle, run first. pylint-quotes 0.2.3 imports
IAstroidChecker and ITokenChecker from pylint.interfaces, gone in pylint 3: pylint itself fails
to load it. pylint-pytest saves sys.path and puts it back around pytest.main (no PC353);
pylint-celery and pylint-flask register astroid transforms at import, as astroid documents
(the contract's import-time-calls; PC110 info in init's proposal, which cannot know that).
plugcheck must give no error and no warning to the plugins pylint loads (but perflint's dead
visit_tryexcept, PC568) and name the cause for the one it does not, with the shipped contract
and with `plugcheck init`'s proposal, unedited.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run, _site

pytestmark = pytest.mark.slow

PINS = [
    "pylint==3.3.4",
    "perflint==0.8.1",
    "pylint-pytest==1.1.8",
    "pylint-per-file-ignores==1.4.0",
    "pylint-celery==0.3",
    "pylint-flask==0.6",
]
HEALTHY = {"perflint", "pylint_pytest", "pylint_per_file_ignores", "pylint_celery", "pylint_flask"}
BROKEN = "pylint_quotes"

_ORACLE = """
import json, sys
from pylint.lint import PyLinter
out = {}
for name in sys.argv[1:]:
    linter = PyLinter()
    linter.load_default_plugins()
    try:
        linter.load_plugin_modules([name])
        got = linter._dynamic_plugins.get(name)
        out[name] = f"{type(got).__name__}: {got}" if isinstance(got, Exception) else "ok"
    except Exception as exc:
        out[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


_NODES = "import astroid.nodes as n; print(*(c.__name__ for c in n.ALL_NODE_CLASSES))"


@pytest.mark.harness
def test_pylint_plugins(tmp_path: Path) -> None:
    python = _cached_venv("pylint", PINS, ["pylint-quotes==0.2.3"])
    loads = json.loads(_run(python, "-c", _ORACLE, *sorted(HEALTHY), BROKEN).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "IAstroidChecker" in loads[BROKEN], loads

    paths = [_site(python) / name for name in sorted({*HEALTHY, BROKEN})]
    data = _check(python, "pylint.toml", *paths)
    noise, broken = _judged(data, HEALTHY, BROKEN)
    # perflint loads, but its LoopInvariantChecker.visit_tryexcept (W8205) is dead: astroid 3
    # renamed TryExcept to Try, and pylint calls visit_<node class> only (PC568, true).
    dead = [f for f in data["findings"] if f["code"] == "PC568"]
    assert [(f["plugin"], f["message"].split(" ")[0]) for f in dead] == [
        ("perflint", "LoopInvariantChecker.visit_tryexcept")
    ]
    assert "TryExcept" not in _run(python, "-c", _NODES).stdout.split()
    assert noise == [("perflint", "PC568", "error")]
    assert sorted(f["message"].split("'")[1] for f in broken) == [
        "IAstroidChecker",
        "ITokenChecker",
    ]
    assert {f["code"] for f in broken} == {"PC530"}, broken

    # `plugcheck init` on pylint, unedited (about 25 s: it reads all of pylint).
    proposal, data = _init_checked(python, "pylint", tmp_path, *paths)
    assert "register = " in proposal and "pylint.lint.pylinter:PyLinter" in proposal
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert {f["code"] for f in broken} == {"PC530"}, broken
