"""Proof on real hosts of two more shapes: entry points naming an object, and a host that makes
its own calls instead of init/run/shutdown (issue 20 items 2 and 3).

- Babel: `babel.extractors` entry points name a function Babel calls as
  extract(fileobj, keywords, comment_tags, options) (examples/contracts/babel.toml);
- Python-Markdown: `markdown.extensions` entry points name an Extension subclass; Markdown builds
  it, checks isinstance and calls ext.extendMarkdown(md) (examples/contracts/markdown.toml).

As in test_ecosystems.py: a cached venv with pinned hosts, plugins the host itself loads, and one
real older release per host that the host itself fails to load; the host's own loading is the
oracle. plugcheck must raise no error on the first and name the cause of the second.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _errors, _run

pytestmark = pytest.mark.slow

BABEL = ["babel==2.17.0", "mako==1.3.10", "Babel-Godot==1.2"]
# Jinja2 2.11.3's extractor module imports markupsafe.soft_unicode, gone since MarkupSafe 2.1:
BABEL_BROKEN = ["Jinja2==2.11.3"]
MARKDOWN = ["markdown==3.8.2", "types-Markdown==3.11.3.20261108"]
# python-markdown-math 0.6 imports markdown.util.etree (removed in Markdown 3.2) and defines
# extendMarkdown(self, md, md_globals) (md_globals no longer passed since Markdown 3.4):
MARKDOWN_BROKEN = ["python-markdown-math==0.6"]

_BABEL_ORACLE = """
import io, json
from importlib.metadata import entry_points
from babel.messages.extract import extract
verdicts = {}
for ep in entry_points(group="babel.extractors"):
    try:
        list(extract(ep.name, io.BytesIO(b"x = _('hello')\\n")))
        verdicts[ep.name] = "ok"
    except Exception as exc:
        verdicts[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(verdicts))
"""

_MARKDOWN_ORACLE = """
import json
from importlib.metadata import entry_points
import markdown
verdicts = {}
for ep in entry_points(group="markdown.extensions"):
    try:
        markdown.Markdown(extensions=[ep.name]).convert("# Title\\n\\nsome *text*\\n")
        verdicts[ep.name] = "ok"
    except Exception as exc:
        verdicts[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(verdicts))
"""


def _oracle(python: Path, script: str) -> dict[str, str]:
    proc = _run(python, "-c", script)
    assert proc.returncode == 0, proc.stderr
    verdicts: dict[str, str] = json.loads(proc.stdout)
    return verdicts


def _split(verdicts: dict[str, str]) -> tuple[set[str], set[str]]:
    good = {name for name, verdict in verdicts.items() if verdict == "ok"}
    return good, set(verdicts) - good


# An extractor whose fourth parameter is not called `options`: Babel passes options=... by
# keyword, so its own extract() fails on it (checked below with Babel itself).
_RENAMED = """
def extract_renamed(fileobj, keywords, comment_tags, opts):
    yield from ()
"""

_BABEL_CALL_ORACLE = """
import io, sys
from babel.messages.extract import extract
sys.path.insert(0, sys.argv[1])
from renamed_extractor import extract_renamed
try:
    list(extract(extract_renamed, io.BytesIO(b"x = _('hello')\\n")))
except TypeError as exc:
    print(exc)
"""


@pytest.mark.harness
def test_babel_extractors(tmp_path: Path) -> None:
    python = _cached_venv("shapes-babel", BABEL, BABEL_BROKEN)
    verdicts = _oracle(python, _BABEL_ORACLE)
    good, broken = _split(verdicts)
    assert good == {"ignore", "javascript", "python", "mako", "godot_scene", "godot_resource"}
    assert broken == {"jinja2"} and "soft_unicode" in verdicts["jinja2"]

    data = _check(python, "babel.toml")
    assert {p["name"] for p in data["plugins"]} == set(verdicts)
    assert _errors(data, good) == []
    (finding,) = _errors(data, broken)
    assert finding["code"] == "PC401"
    assert "cannot import name 'soft_unicode' from 'markupsafe'" in finding["message"]

    # Every extractor is called as Babel calls it; one Babel rejects is found at its def line,
    # statically (PC561: its parameters do not take Babel's call; the call's PC532 explained).
    project = tmp_path / "renamed"
    (project / "src" / "renamed_extractor").mkdir(parents=True)
    (project / "src" / "renamed_extractor" / "__init__.py").write_text(_RENAMED)
    (project / "pyproject.toml").write_text(
        '[project]\nname = "renamed-extractor"\nversion = "1.0"\n\n'
        '[project.entry-points."babel.extractors"]\n'
        'renamed = "renamed_extractor:extract_renamed"\n'
    )
    refused = _run(python, "-c", _BABEL_CALL_ORACLE, str(project / "src"))
    assert "unexpected keyword argument 'options'" in refused.stdout, refused.stderr
    data = _check(python, "babel.toml", project)
    (finding,) = _errors(data, {"renamed"})
    assert finding["code"] == "PC561" and finding["line"] == 2
    assert "no parameter 'options', which the host passes by keyword" in finding["message"]


@pytest.mark.harness
def test_markdown_extensions() -> None:
    python = _cached_venv("shapes-markdown", MARKDOWN, MARKDOWN_BROKEN)
    verdicts = _oracle(python, _MARKDOWN_ORACLE)
    good, broken = _split(verdicts)
    assert len(good) >= 15 and "toc" in good  # Markdown's own extensions, all entry points
    assert broken == {"mdx_math"} and "etree" in verdicts["mdx_math"]

    data = _check(python, "markdown.toml")
    assert {p["name"] for p in data["plugins"]} == set(verdicts)
    assert _errors(data, good) == []
    found = {f["code"]: f["message"] for f in _errors(data, broken)}
    assert set(found) == {"PC530", "PC204"}
    assert "markdown.util has no 'etree'" in found["PC530"]
    assert "extendMarkdown" in found["PC204"] and "md_globals" in found["PC204"]
    # The host only calls extendMarkdown: no plugin is driven through init/run/shutdown.
    lifecycle = {"PC405", "PC407", "PC408", "PC409", "PC410"}
    assert [f for f in data["findings"] if f["code"] in lifecycle] == []
