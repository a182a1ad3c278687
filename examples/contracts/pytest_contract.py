"""What pytest does with a ``pytest11`` plugin module on every run: it registers the module,
calls its hooks through the whole session (configure, collection, each test's setup, call and
teardown, the terminal summary, unconfigure) and sets up its autouse fixtures for every test. A
hook that raises is an internal error ("INTERNALERROR>", the run fails); one that raises during
collection is a collection error; an autouse fixture that raises is an error in every test.

``session(module)`` runs pytest's own ``pytest.main`` with the module as its only plugin (no
other entry point loaded, no cache written) on one small passing test in a temporary folder:
what the run raises, or the first failure it reports, is pytest's refusal of the module. A
hookimpl pluggy refuses at registration or as an unknown hook (``PluginValidationError``) is left
to the pluggy contract's own checks, which say it without running anything.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from typing import Any

SAMPLE = """\
def add(a, b):
    return a + b


def test_add():
    assert add(1, 2) == 3
"""


class _Failures:
    """A plugin of the run's own, registered after the module: each exception pytest reports as
    a failure of the sample test or its collection (``pytest_exception_interact``) or as an
    internal error; ``registered``: the module's registration (its ``pytest_plugins``, its
    ``pytest_addoption``) went through."""

    def __init__(self) -> None:
        self.seen: list[BaseException] = []
        self.outcome = ""
        self.registered = False
        self.reached = False
        self.ended: BaseException | None = None

    def pytest_plugin_registered(self, plugin: Any) -> None:
        self.registered = self.registered or plugin is self

    def pytest_exception_interact(self, node: Any, call: Any, report: Any) -> None:
        if call.excinfo is not None:
            self.seen.append(call.excinfo.value)

    def pytest_internalerror(self, excrepr: Any, excinfo: Any) -> None:
        self.seen.append(excinfo.value)

    def pytest_keyboard_interrupt(self, excinfo: Any) -> None:
        self.ended = excinfo.value  # pytest.exit() too, whatever status it asks for

    def pytest_deselected(self, items: Any) -> None:
        self.reached = True

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.reached = True
        if report.failed and not self.outcome:
            self.outcome = f"the sample test failed in {report.when}"

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed and not self.outcome:
            self.outcome = "collecting the sample test failed"


def session(module: Any) -> None:
    """Registration itself (pluggy's validation, the module's ``pytest_plugins``, its
    ``pytest_addoption``) is the pluggy contract's to judge, as are unknown hooks
    (``PluginValidationError``): a failure there is not said twice."""
    import pytest
    from pluggy import PluginValidationError

    failures = _Failures()
    old = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # the module alone, not the environment's
    shown = io.StringIO()
    try:
        with tempfile.TemporaryDirectory() as where:
            with open(os.path.join(where, "test_sample.py"), "w", encoding="utf-8") as out:
                out.write(SAMPLE)
            ini = os.path.join(where, "pytest.ini")
            with open(ini, "w", encoding="utf-8") as out:
                out.write("[pytest]\n")
            arguments = ["-c", ini, "--rootdir", where, "-p", "no:cacheprovider", where]
            with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(shown):
                try:
                    code = pytest.main(arguments, plugins=[module, failures])
                except PluginValidationError:
                    return
                except BaseException:
                    if not failures.registered:
                        return
                    raise
    finally:
        if old is None:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = old
    seen = [e for e in failures.seen if not isinstance(e, PluginValidationError)]
    if seen:
        raise seen[0]
    if len(seen) < len(failures.seen) or not failures.registered:
        return
    if failures.ended is not None and not failures.reached:
        # pytest.exit(returncode=0) before any test ran: every run of the host passes, testing
        # nothing (a status other than 0 or 5 is refused below as well)
        said = f"the session ended before the sample test ran, exit status {int(code)}"
        ended = RuntimeError(f"{said}: {type(failures.ended).__name__}: {failures.ended}")
        raise ended.with_traceback(failures.ended.__traceback__)
    if int(code) not in (0, 5):  # 5: no tests collected (a plugin deselecting them is its choice)
        lines = [line for line in shown.getvalue().splitlines() if line.strip()]
        said = failures.outcome or f"pytest exited with {int(code)}"
        raise RuntimeError(f"{said}: {lines[-1] if lines else ''}".rstrip(": "))
