"""llm (the LLM command-line tool) as a real host in the slow suite: a pluggy host that loads the
`llm` entry-point group and never calls check_pending() (examples/contracts/llm.toml).

llm's own `llm plugins` (which loads every plugin through pm.load_setuptools_entrypoints) is the
oracle: each plugin it lists loaded gets no error and no warning. llm-anthropic imports the
anthropic SDK, which takes seconds of wall time on a loaded machine: a host without a lifecycle
times no step, so that is not a PC401 timeout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run

pytestmark = pytest.mark.slow

LLM = "llm==0.36"
PLUGINS = {  # distribution pin -> the entry-point name `llm plugins` lists
    "llm-anthropic==0.30": "llm-anthropic",
    "llm-cmd==0.2a0": "llm-cmd",
    "llm-echo==0.5": "llm-echo",
    "llm-fragments-github==0.4": "llm-fragments-github",
    "llm-jq==0.1.1": "llm-jq",
    "llm-markov==0.1": "llm-markov",
    "llm-templates-github==0.1": "llm-templates-github",
}


def test_llm_plugins(tmp_path: Path) -> None:
    python = _cached_venv("llm", [LLM, *PLUGINS], [])
    proc = _run(python, "-m", "llm", "plugins", LLM_USER_PATH=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert {p["name"] for p in json.loads(proc.stdout)} == set(PLUGINS.values())

    data = _check(python, "llm.toml")
    assert len(data["plugins"]) == len(PLUGINS)
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["severity"] != "info"
    ]
    assert noise == []
