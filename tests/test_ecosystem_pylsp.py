"""Proof on a real pluggy host that never calls check_pending: python-lsp-server 1.15 (issue 14).

pylsp builds a PluginManager subclass, add_hookspecs(pylsp.hookspecs), imports each `pylsp`
entry point and blocks those whose import fails, then load_setuptools_entrypoints("pylsp")
(examples/contracts/pylsp.toml). The oracle is pylsp itself: a real ``Config``, then for each
entry point whether pylsp blocked it and which of its hooks pylsp has no hookspec for (they are
registered and never called). Broken with pylsp 1.15: pylsp-ruff-signature 0.1.0, whose only
hook, ``pylsp_signatures_to_markdown``, pylsp has no hookspec for (the plugin loads and does
nothing), and python-lsp-autoimport 0.0.1, which declares two bogus entry points
(``pythonPlatform = Linux``) beside its real one; pylsp blocks them. Checked statically
(--no-dynamic): a full run imports mypy, black, ruff and rope, over this suite's budget.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystem_sopel import _check
from test_ecosystems import CONTRACTS, _cached_venv, _run, _site

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["python-lsp-server==1.15.0"]
PLUGINS = [
    "pylsp-mypy==0.8.2",
    "python-lsp-ruff==2.3.4",
    "python-lsp-black==2.0.0",
    "pylsp-rope==0.1.17",
    "python-lsp-isort==0.2.1",
    "pyls-isort==0.2.2",
    "pylsp-inlay-hints==0.1.0",
    "pyls-spyder==0.4.0",
    "pylsp-refactor==0.1.0",
    "pylsp-autoimport==0.1.0",
    "python-lsp-autoimport==0.0.1",
    "pylsp-ruff-signature==0.1.0",
]

_ORACLE = """
import json, logging, tempfile
from importlib.metadata import entry_points
blocked = []
class Blocked(logging.Handler):
    def emit(self, record):
        blocked.append(record.getMessage())
logging.getLogger("pylsp.config.config").addHandler(Blocked())
logging.getLogger("pylsp.config.config").setLevel(logging.INFO)
from pylsp import uris
from pylsp.config.config import Config
pm = Config(uris.from_fs_path(tempfile.mkdtemp()), {}, 0, {}).plugin_manager
verdicts = {}
for ep in entry_points(group="pylsp"):
    if ep.dist.name == "python-lsp-server":
        continue
    if pm.is_blocked(ep.name):
        verdict = next(m for m in blocked if f"'{ep.name}'" in m).partition(": ")[2]
    else:
        hooks = [h.name for h in pm.get_hookcallers(pm.get_plugin(ep.name))]
        unknown = sorted(h for h in hooks if not getattr(pm.hook, h).has_spec())
        verdict = f"never runs: {unknown}" if unknown else "ok"
    verdicts[ep.name] = [ep.dist.name, verdict]
print(json.dumps(verdicts))
"""

# pylsp's own entry points whose tools it declares only under extras, not installed here: PC309
# warnings naming the extra (python-lsp-server[yapf]).
_OWN = {n: {"PC309"} for n in ("autopep8", "flake8", "mccabe", "pycodestyle", "pydocstyle", "yapf")}


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-pylsp", [*HOST, *PLUGINS], [])


@pytest.mark.harness
def test_pylsp_plugins(python: Path, tmp_path: Path) -> None:
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    verdicts = json.loads(proc.stdout)
    assert {d for d, _ in verdicts.values()} == {p.partition("==")[0] for p in PLUGINS}
    failing = {n: v for n, (_, v) in verdicts.items() if v != "ok"}
    assert failing == {
        "signature": "never runs: ['pylsp_signatures_to_markdown']",
        "pythonPlatform": "No module named 'Linux'",
        "pythonVersion": "No module named '3'",
    }

    # Each break by its cause: the idle plugin's hook (PC533, a warning: nothing of it runs),
    # the bogus entry points' modules (PC002). Nothing on a healthy plugin.
    expected = {"signature": {"PC533"}, "pythonPlatform": {"PC002"}, "pythonVersion": {"PC002"}}
    found = _check(python, CONTRACTS / "pylsp.toml", "--no-dynamic")
    assert found == {**expected, **_OWN}

    # init, unedited: the same contract, the same verdicts.
    proc = run_cli("init", str(_site(python) / "pylsp"))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "pylsp"' in proc.stdout
    assert "check-pending = false" in proc.stdout
    proposal = tmp_path / "pyproject.toml"
    proposal.write_text(proc.stdout)
    assert _check(python, proposal, "--no-dynamic") == {**expected, **_OWN}
