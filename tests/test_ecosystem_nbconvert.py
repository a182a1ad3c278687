"""nbconvert as a real host in the slow suite: entry points of `nbconvert.exporters` naming
Exporter classes, built with no required arguments and asked to convert a notebook
(examples/contracts/nbconvert.toml: `from_notebook_node(nb, resources=...)` as a lifecycle call).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI exporters; nbconvert's
own exporter lookup and conversion (what `jupyter nbconvert --to NAME` runs, all exporters in one
process) is the oracle. matlab-nbconvert 0.3.1 names a
template by the nbconvert 5 layout: nbconvert loads it and fails with TemplateNotFound.
Exporters that run an external program (xelatex, playwright) fail here for nbconvert as
for plugcheck: the finding must name the same missing program.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _errors, _run, _site
from test_init_hosts import _check_with

from conftest import run_cli

pytestmark = pytest.mark.slow

NBCONVERT = "nbconvert==7.17.2"
PLUGINS = {  # distribution pin -> its entry-point names that convert here
    "nb-hideinputs==0.2.0": ["HTML_NoInput", "LaTeX_NoInput"],
    "jupyterlab-nbconvert-nocode==0.5.0": ["html_nocode"],
    "jupyter-mkslides==0.1.2": ["mkslides"],
    "nb-offline-convert==0.1.1": ["html-offline"],
    "jupyter-export-html-style==0.1.1": ["styled_html", "styled_slides"],
}
BROKEN = {"matlab-nbconvert==0.3.1": "matlab"}
NEEDS_PROGRAM = {  # entry point -> what nbconvert itself says is missing here
    "PDF_NoInput": "xelatex",
    "pdf_nocode": "xelatex",
    "webpdf_nocode": "Playwright",
    "styled_webpdf": "Playwright",
    "webpdf-offline": "Playwright",
}
# One process writes the notebook and converts it (importing nbformat alone costs 2 s of CPU).
_ORACLE = """
import json, sys
import nbformat
from nbconvert.exporters import get_exporter
cells = [nbformat.v4.new_code_cell("1 + 1")]
nbformat.write(nbformat.v4.new_notebook(cells=cells), "one.ipynb")
result = {}
for name in sys.argv[1:]:
    try:
        get_exporter(name)().from_filename("one.ipynb")
    except BaseException as exc:
        result[name] = f"{type(exc).__name__}: {exc}".strip().splitlines()[-1]
    else:
        result[name] = "ok"
print(json.dumps(result))
"""


def _converts(python: Path, names: list[str], cwd: Path) -> dict[str, str]:
    """nbconvert's own lookup and conversion of one notebook (written in ``cwd``) with each
    exporter, as `jupyter nbconvert --to NAME` runs them (one process for all): "ok", or the
    error it raised."""
    proc = _run(python, "-c", _ORACLE, *names, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.harness
def test_nbconvert_exporters(tmp_path: Path) -> None:
    python = _cached_venv("nbconvert", [NBCONVERT, *PLUGINS], [*BROKEN])
    healthy = {name for names in PLUGINS.values() for name in names}
    converts = _converts(python, [*sorted(healthy), "matlab", *NEEDS_PROGRAM], tmp_path)
    for name in sorted(healthy):
        assert converts[name] == "ok", name
    assert "TemplateNotFound: matlab" in converts["matlab"]
    for name, missing in NEEDS_PROGRAM.items():
        assert missing in converts[name], name

    data = _check(python, "nbconvert.toml")
    assert healthy | {"matlab"} | set(NEEDS_PROGRAM) <= {p["name"] for p in data["plugins"]}
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] in healthy and f["severity"] != "info"
    ]
    assert noise == []
    broken = _errors(data, {"matlab"})
    assert [f["code"] for f in broken] == ["PC541"]
    assert "TemplateNotFound: matlab" in broken[0]["message"]
    for name, missing in NEEDS_PROGRAM.items():
        found = _errors(data, {name})
        assert found and all(missing in f["message"] for f in found), (name, found)

    # `plugcheck init` on nbconvert, unedited: no usage error and no error on a healthy exporter
    # (it proposes no conversion call, so the matlab break is not found that way).
    proc = run_cli("init", str(_site(python) / "nbconvert"))
    assert proc.returncode == 0, proc.stderr
    proposal = tmp_path / "proposal" / "pyproject.toml"
    proposal.parent.mkdir()
    proposal.write_text(proc.stdout)
    assert _errors(_check_with(python, proposal), healthy) == []
