"""PC517 for a lifecycle method that ends the host says what ends it, in words."""

from __future__ import annotations

import pytest

from conftest import TESTDATA, run_check


@pytest.mark.harness
def test_a_method_that_ends_the_host_is_told_in_words() -> None:
    # The message once showed the (statement, reason) pair: "(<ast.Expr object at 0x...>, ...".
    report = run_check(TESTDATA / "rules/PC517/bad-exit", mypy=False, dynamic=False, cache=False)
    (finding,) = [f for f in report.findings if f.code == "PC517"]
    assert finding.message == (
        "Quitter.run() ends the host on every call (sys.exit(3) raises SystemExit at line 19): "
        "every call the host makes fails"
    )
