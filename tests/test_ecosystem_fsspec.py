"""fsspec as a real host in the slow suite: entry points of `fsspec.specs` name file-system
classes, registered at import as `ep.value.replace(":", ".")` and loaded on first use by
registry._import_class: import_module of all but the last dotted part, getattr of the last
(examples/contracts/fsspec.toml, `entry-point-load = "dotted-path"`).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins; fsspec's own
`get_filesystem_class(name)` for every entry point of the group is the oracle, run first.
morefs 0.2.2 installed without its extras is what fsspec itself refuses: `memfs` needs pygtrie
(morefs[memfs]), `asynclocal` aiofile (morefs[asynclocal]). commoncrawl-fsspec 0.1.2 names its
class with no ':' (`commoncrawl_fsspec.filesystem.CommonCrawlFileSystem`): ep.load() would fail,
fsspec loads it. plugcheck must give no error and no warning to the eleven that load, and name the
cause for the two that do not.
"""

from __future__ import annotations

import json

import pytest
from test_ecosystems import _cached_venv, _check, _run

pytestmark = pytest.mark.slow

PINS = ["fsspec==2026.9.0", "morefs==0.2.2", "archivefs==0.2.0", "commoncrawl-fsspec==0.1.2"]
BROKEN = {  # entry-point name -> (code, what the message names)
    "memfs": ("PC309", "pygtrie"),
    "asynclocal": ("PC309", "aiofile"),
}

_ORACLE = """
import importlib.metadata as md, json, fsspec
out = {}
for ep in md.entry_points(group="fsspec.specs"):
    try:
        fsspec.get_filesystem_class(ep.name)
        out[ep.name] = "ok"
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc.__cause__ or exc}"
print(json.dumps(out))
"""


@pytest.mark.harness
def test_fsspec_plugins() -> None:
    python = _cached_venv("fsspec", PINS, [])
    proc = _run(python, "-c", _ORACLE)
    loads: dict[str, str] = json.loads(proc.stdout)
    healthy = {name for name, said in loads.items() if said == "ok"}
    assert {name for name in loads if name not in healthy} == set(BROKEN), loads
    assert len(healthy) == 11 and "cc" in healthy, loads
    for name, (_, cause) in BROKEN.items():
        assert cause in loads[name], loads[name]

    data = _check(python, "fsspec.toml")
    assert {p["name"] for p in data["plugins"]} == set(loads)
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] in healthy and f["severity"] != "info"
    ]
    assert noise == []
    for name, (code, cause) in BROKEN.items():
        found = [f for f in data["findings"] if f["plugin"] == name and f["code"] == code]
        assert any(cause in f["message"] for f in found), (name, found)
