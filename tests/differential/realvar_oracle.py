"""realvar's oracle, run in the real host's venv: the host's own code judges each variant.

    python -I realvar_oracle.py HOST ROOT NAME...

The host is imported once; each variant is judged in a forked child with only its folder
(``ROOT/NAME``: its module and ``.dist-info``) added to ``sys.path``. One JSON line per variant:
``{"plugin", "verdict": ok|refused|broken, "step", "detail"}``. ``refused``: the host fails to
start with the plugin (load, registration, option parsing); ``broken``: it starts, then fails
while using the plugin, or the plugin's effect is missing from the host's output.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from pathlib import Path

SAMPLE = "import os\n\nx = os.sep\n"
TEST = "def test_realvar(realvar_value):\n    assert realvar_value == 42\n"


def _why(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()[-400:]


SKIP_FLAKE8 = {"flake8-debugger", "flake8-isort"}
"""The cached venvs' own broken flake8 plugins (test_ecosystem_flake8, ..._shapes): left out, or
flake8 refuses to start whatever the variant is."""


def _flake8(name: str, work: Path) -> tuple[str, str, str]:
    from flake8.main.application import Application
    from flake8.plugins import finder

    found = finder.find_plugins
    finder.find_plugins = lambda *a: [p for p in found(*a) if p.package not in SKIP_FLAKE8]

    out = work / f"{name}.out"
    app = Application()
    argv = [str(work / "sample.py"), "--isolated", "--jobs=1", f"--output-file={out}"]
    try:
        app.initialize(argv)
    except BaseException as exc:
        return "refused", "load", _why(exc)
    try:
        app.run_checks()
        app.report()
    except BaseException as exc:
        return "broken", "run", _why(exc)
    said = out.read_text() if out.exists() else ""
    if f"realvar {name}" not in said:
        return "broken", "effect", f"no report from the plugin in: {said[-300:]!r}"
    return "ok", "", ""


def _pylint(name: str, work: Path) -> tuple[str, str, str]:
    from pylint.lint import PyLinter, Run
    from pylint.reporters import CollectingReporter

    linter = PyLinter()
    linter.load_default_plugins()
    try:
        linter.load_plugin_modules([name])
        got = linter._dynamic_plugins.get(name)
        if isinstance(got, Exception):
            return "refused", "load", _why(got)
    except BaseException as exc:
        return "refused", "load", _why(exc)
    reporter = CollectingReporter()
    argv = [str(work / "sample.py"), f"--load-plugins={name}", "--persistent=n"]
    argv += ["--disable=C,R,W,I", "--enable=W9901", f"--rcfile={work / 'empty.rc'}"]
    try:
        Run(argv, reporter=reporter, exit=False)
    except BaseException as exc:
        return "broken", "run", _why(exc)
    symbols = [m.symbol for m in reporter.messages]
    bad = [
        f"{m.symbol}: {m.msg[:200]}"
        for m in reporter.messages
        if m.category == "fatal" or m.symbol == "bad-plugin-value"
    ]
    if bad:
        return "broken", "run", "; ".join(bad)[:400]
    if "realvar-seen" not in symbols:
        return "broken", "effect", f"no realvar-seen message: {symbols}"
    return "ok", "", ""


def _pytest(name: str, work: Path) -> tuple[str, str, str]:
    import pytest

    # As `pytest` runs by default: `-q` would skip the header hooks (pytest_report_header).
    common = ["-p", name, "-p", "no:cacheprovider", f"--rootdir={work}"]
    test = str(work / "test_realvar.py")
    try:
        code = pytest.main([test, "--co", *common])
    except BaseException as exc:
        return "refused", "load", _why(exc)
    if code not in (0, 5):
        return "refused", "load", f"pytest --co exit {int(code)}: {_tail(work, name)}"
    try:
        code = pytest.main([test, *common])
    except BaseException as exc:
        return "broken", "run", _why(exc)
    if code != 0:
        return "broken", "run", f"pytest exit {int(code)}: {_tail(work, name)}"
    return "ok", "", ""


def _tail(work: Path, name: str) -> str:
    sys.stdout.flush()
    sys.stderr.flush()
    lines = [ln for ln in (work / f"{name}.log").read_text(errors="replace").splitlines() if ln]
    return " | ".join(lines[-4:])[-400:]


def _mkdocs(name: str, work: Path) -> tuple[str, str, str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = work / f"site-{name}"
    config = work / f"{name}.yml"
    config.write_text(
        f"site_name: realvar\ndocs_dir: {work / 'docs'}\nsite_dir: {site}\nplugins:\n  - {name}\n"
    )
    try:
        loaded = load_config(config_file=str(config))
    except BaseException as exc:
        return "refused", "load", _why(exc)
    try:
        build(loaded)
    except BaseException as exc:
        return "broken", "run", _why(exc)
    page = site / "index.html"
    if f"realvar {name}" not in (page.read_text() if page.exists() else ""):
        return "broken", "effect", "the plugin's text is not on the built page"
    return "ok", "", ""


JUDGES = {"flake8": _flake8, "pylint": _pylint, "pytest": _pytest, "mkdocs": _mkdocs}
PRELOAD = {"flake8": "flake8.main.application", "pylint": "pylint.lint", "pytest": "pytest"}
PRELOAD["mkdocs"] = "mkdocs.commands.build"


def main() -> None:
    host, root, names = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    (root / "sample.py").write_text(SAMPLE)
    (root / "test_realvar.py").write_text(TEST)
    (root / "empty.rc").write_text("")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # the venv's other pytest11 plugins
    os.environ["PYLINTHOME"] = str(root / "pylint-home")  # pylint's crash reports
    judge = JUDGES[host]
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n")
    os.environ["DISABLE_MKDOCS_2_WARNING"] = "true"
    __import__(PRELOAD[host])
    for name in names:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            log = os.open(root / f"{name}.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(log, 1)
            os.dup2(log, 2)
            signal.alarm(60)
            sys.path.insert(0, str(root / name))
            try:
                verdict, step, detail = judge(name, root)
            except BaseException as exc:  # the judge itself: the plugin ended the host
                verdict, step, detail = "broken", "run", _why(exc)
            with os.fdopen(write, "w") as out:
                out.write(json.dumps({"verdict": verdict, "step": step, "detail": detail}))
            os._exit(0)
        os.close(write)
        with os.fdopen(read) as got:
            said = got.read()
        _, status = os.waitpid(pid, 0)
        answer = (
            json.loads(said)
            if said
            else {
                "verdict": "broken",
                "step": "run",
                "detail": f"the host's process died ({status})",
            }
        )
        print(json.dumps({"plugin": name, **answer}), flush=True)


if __name__ == "__main__":
    main()
