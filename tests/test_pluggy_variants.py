"""Generated pluggy plugins, judged by real pluggy and by plugcheck's static pass (slow).

Each variant is one plugin module built from independent choices — how the marker is named and
applied, the hook and its parameters, def/async/generator/lambda, wrapper options and what the
wrapper body does, and where the definition sits (dead branches, deleted names, a class inside
the module). ``pluggy_oracle.py`` gives the truth (register + check_pending, then one call of
every hook); plugcheck's static findings give the prediction. The confusion matrices are
printed (``pytest -m slow -s -k variants``); ``PLUGCHECK_VARIANTS_SEED`` draws another set.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json

pytestmark = pytest.mark.harness


ORACLE = Path(__file__).with_name("pluggy_oracle.py")
API = TESTDATA / "rules" / "PC503" / "bad" / "api"
REJECTING = {"PC501", "PC502", "PC503", "PC504", "PC505"}

MARKERS = {
    "plain": "from demo_host import hookimpl\n",
    "alias": 'from pluggy import HookimplMarker as HM\n\nhookimpl = HM("demo")\n',
    "module": "import demo_host\n\nhookimpl = demo_host.hookimpl\n",
}
HOOKS = {
    "startup": ("demo_startup", ["config"]),
    "handle": ("demo_handle", ["request", "context"]),
    "unknown": ("demo_bogus", ["config"]),
    "private": ("_demo_private", ["config"]),
}
PARAMS = ["same", "fewer", "extra", "kwonly", "kwonly_default", "default"]
KINDS = ["def", "async", "generator", "lambda"]
OPTIONS = ["none", "wrapper", "hookwrapper", "wrapper_const", "optional"]
BODIES = ["once", "twice", "never", "old_protocol"]
APPLY = ["decorator", "call"]
LAYERS = ["none"] * 4 + ["contextmanager", "wraps_helper"]
"""A decorator between the marker and the function (only for decorated definitions)."""
PLACES = ["top"] * 6 + ["type_checking", "old_python", "deleted", "in_class", "else_branch"]


def _params(base: list[str], how: str) -> str:
    match how:
        case "fewer":
            return ", ".join(base[:-1])
        case "extra":
            return ", ".join([*base, "session"])
        case "kwonly":
            return ", ".join(["*", *base])
        case "kwonly_default":
            return ", ".join(["*", *(f"{a}=None" for a in base)])
        case "default":
            return ", ".join([*base[:-1], f"{base[-1]}=None"])
    return ", ".join(base)


def _body(kind: str, option: str, body: str) -> str:
    wraps = option in ("wrapper", "hookwrapper", "wrapper_const")
    if not wraps:
        return "yield None" if kind == "generator" else "return None"
    match body:
        case "twice":
            return "first = yield\nsecond = yield\nreturn second"
        case "never":
            return "return None\nyield"
        case "old_protocol":
            return "outcome = yield\nreturn outcome.get_result()"
    return "return (yield)" if option != "hookwrapper" else "outcome = yield"


def variant(rng: random.Random) -> str:
    """One plugin module's source."""
    marker = rng.choice(list(MARKERS))
    hook, base = HOOKS[rng.choice(list(HOOKS))]
    params = _params(base, rng.choice(PARAMS))
    kind = rng.choice(KINDS)
    option = rng.choice(OPTIONS)
    apply = rng.choice(APPLY)
    place = rng.choice(PLACES)
    layer = rng.choice(LAYERS) if apply == "decorator" and kind != "lambda" else "none"
    if kind == "lambda" and (option not in ("none", "optional") or "*" in params):
        kind = "def"
    opts = {
        "none": "",
        "wrapper": "wrapper=True",
        "hookwrapper": "hookwrapper=True",
        "wrapper_const": "wrapper=WRAP",
        "optional": "optionalhook=True",
    }[option]
    body = _body(kind, option, rng.choice(BODIES))
    if kind == "async" and "yield" in body:
        body = "yield"  # `return value` in an async generator is a SyntaxError
    head = "async def" if kind == "async" else "def"
    lines = [
        "import functools",
        "from contextlib import contextmanager as cm",
        "",
        "",
        "def logged(fn):",
        "    @functools.wraps(fn)",
        "    def inner(*args, **kwargs):",
        "        return fn(*args, **kwargs)",
        "",
        "    return inner",
        "",
        "",
        "import sys",
        "from typing import TYPE_CHECKING",
        "",
        MARKERS[marker],
        "WRAP = True",
        "",
    ]
    name = hook if apply == "decorator" else f"_{hook.lstrip('_')}_impl"
    marking = f"hookimpl({opts})" if opts else "hookimpl"
    if kind == "lambda":
        definition = f"{hook} = {marking}(lambda {params}: None)\n"
    else:
        decorator = f"@{marking}\n" if apply == "decorator" else ""
        decorator += {"none": "", "contextmanager": "@cm\n", "wraps_helper": "@logged\n"}[layer]
        definition = f"{decorator}{head} {name}({params}):\n{textwrap.indent(body, '    ')}\n"
        if apply == "call":
            definition += f"\n\n{hook} = {marking}({name})\n"
    match place:
        case "type_checking":
            definition = "if TYPE_CHECKING:\n" + textwrap.indent(definition, "    ")
        case "old_python":
            definition = "if sys.version_info < (3, 0):\n" + textwrap.indent(definition, "    ")
        case "else_branch":
            definition = "if sys.version_info >= (3, 0):\n    pass\nelse:\n" + textwrap.indent(
                definition, "    "
            )
        case "deleted":
            definition += f"\n\ndel {hook}\n"
            if apply == "call" and kind != "lambda":
                definition += f"del {name}\n"
        case "in_class":
            definition = "class Inner:\n" + textwrap.indent(
                definition.replace(f"({params})", f"(self, {params})" if params else "(self)", 1)
                if kind != "lambda"
                else definition,
                "    ",
            )
    return "\n".join(lines) + "\n" + definition


def _judge(plugins: Path, names: list[str]) -> dict[str, str]:
    script = (
        "import json, sys\n"
        f"sys.path[:0] = [{str(API)!r}, {str(plugins)!r}]\n"
        f"sys.path.append({str(ORACLE.parent)!r})  # after the API: tests/ has a demo_host.py\n"
        "import warnings; warnings.simplefilter('ignore')\n"
        "from pluggy_oracle import verdict\n"
        f"print(json.dumps({{n: verdict('demo', 'demo_host.hookspecs', n) for n in {names!r}}}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-B", "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    judged: dict[str, str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return judged


@pytest.mark.slow
def test_variants_against_real_pluggy(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("PLUGCHECK_VARIANTS_SEED", "12")))
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    sources = {}
    for number in itertools.count():
        source = variant(rng)
        if source in sources.values():
            continue
        sources[f"v{number:03d}"] = source
        if len(sources) == 400:
            break
    for name, source in sources.items():
        (plugins / f"{name}.py").write_text(source)
    (tmp_path / "api").symlink_to(API)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.demo]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        'search-path = ["api"]\n\n[tool.plugcheck.contracts.demo.pluggy]\n'
        'project = "demo"\nhookspecs = ["demo_host.hookspecs"]\n'
    )
    truth = _judge(plugins, sorted(sources))
    report = cli_json("check", str(tmp_path), "--no-dynamic")
    codes: dict[str, set[str]] = {name: set() for name in sources}
    noise = Counter()
    for finding in report["findings"]:  # type: ignore[union-attr]
        if finding["severity"] == "error" or finding["code"] == "PC509":
            codes[finding["plugin"]].add(finding["code"])
        elif truth[finding["plugin"]] == "ok":
            noise[finding["code"]] += 1
    rejected = Counter()
    broken = Counter()
    misses = []
    for name in sorted(sources):
        said_rejected = bool(codes[name] & REJECTING)
        said_broken = bool(codes[name] - REJECTING)
        rejected[(truth[name] == "rejected", said_rejected)] += 1
        if truth[name] == "broken":
            broken[said_broken or said_rejected] += 1
        wrong = (truth[name] == "rejected") != said_rejected or (
            truth[name] == "ok" and said_broken
        )
        if wrong or (truth[name] == "broken" and not said_broken):
            misses.append((name, truth[name], sorted(codes[name])))
    tp, fp = rejected[(True, True)], rejected[(False, True)]
    fn = rejected[(True, False)]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"\n{len(sources)} variants; truth: {dict(Counter(truth.values()))}")
    print(f"host refuses at start-up: tp={tp} fp={fp} fn={fn} tn={rejected[(False, False)]}")
    print(f"  precision={precision:.3f} recall={recall:.3f}")
    print(f"registered but broken: reported {broken[True]} of {sum(broken.values())}")
    print(f"warnings and notes on plugins pluggy runs fine: {dict(noise)}")
    for miss in misses:
        print("  mismatch:", *miss)
    assert "import-error" not in truth.values(), "the generator wrote a broken module"
    assert precision >= 0.99 and recall >= 0.95, misses
    assert broken[True] >= 0.9 * sum(broken.values()), misses
    assert not [m for m in misses if m[1] == "ok"], "a plugin real pluggy accepts was flagged"
