"""llm (the LLM command-line tool) as a real host in the slow suite: a pluggy host that loads the
`llm` entry-point group and never calls check_pending() (examples/contracts/llm.toml).

llm's own `llm plugins`, loading one distribution's entry points at a time (LLM_LOAD_PLUGINS),
is the oracle. llm-anthropic imports the anthropic SDK, which takes seconds of wall time on a
loaded machine: a host without a lifecycle times no step, so that is no PC401 timeout. Two
plugins import httpx without requiring it; llm 0.36 and the other plugins no longer install it,
so llm itself fails to start with them (every `llm` command dies in load_plugins).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run

pytestmark = pytest.mark.slow

LLM = "llm==0.36"
PLUGINS = {  # distribution pin -> the plugin name (entry point) plugcheck reports
    "llm-anthropic==0.30": "anthropic",
    "llm-cmd==0.2a0": "cmd",
    "llm-echo==0.5": "echo",
    "llm-jq==0.1.1": "jq",
    "llm-markov==0.1": "llm_markov",
}
BROKEN = {  # `import httpx`, not among their requirements
    "llm-fragments-github==0.4": "fragments_github",
    "llm-templates-github==0.1": "templates_github",
}


def _llm_loads(python: Path, pin: str, home: Path) -> bool:
    dist = pin.partition("==")[0]
    proc = _run(python, "-m", "llm", "plugins", LLM_LOAD_PLUGINS=dist, LLM_USER_PATH=str(home))
    return proc.returncode == 0 and dist in {p["name"] for p in json.loads(proc.stdout)}


@pytest.mark.harness
def test_llm_plugins(tmp_path: Path) -> None:
    python = _cached_venv("llm", [LLM, *PLUGINS, *BROKEN], [])
    for pin in PLUGINS:
        assert _llm_loads(python, pin, tmp_path), pin
    for pin in BROKEN:
        assert not _llm_loads(python, pin, tmp_path), pin

    data = _check(python, "llm.toml")
    assert {p["name"] for p in data["plugins"]} == {*PLUGINS.values(), *BROKEN.values()}
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["severity"] != "info" and f["plugin"] not in BROKEN.values()
    ]
    assert noise == []
    for name in BROKEN.values():
        causes = {
            f["code"]
            for f in data["findings"]
            if f["plugin"] == name and f["severity"] == "error" and "httpx" in f["message"]
        }
        assert causes == {"PC309"}, name
