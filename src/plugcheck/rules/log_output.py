"""The contract key that says the host's output is a log a person reads (Sphinx's build log),
not data a program parses: a plugin that writes a line to it is information, not a warning."""

from __future__ import annotations

from plugcheck import config as _config
from plugcheck.model import Contract

OUTPUT_IS_LOG = "output-is-log"

FIELDS = {
    OUTPUT_IS_LOG: _config.Field(
        _config.boolean,
        _config.BOOLEAN,
        "The host's standard output and error are a log a person reads (Sphinx's build log), "
        "not data a program parses: a plugin's print() at import (PC110) or during a step "
        "(PC412) is information (default false).",
    ),
}
"""Contract keys of the host's output (the Python kinds; an exec plugin's stdout is its
protocol)."""

NOTE = "a line in the host's log (output-is-log)"
"""What a message adds when the key made a write information."""


def output_is_log(contract: Contract) -> bool:
    """Whether the contract says the host's output is a log a person reads."""
    return contract.options.get(OUTPUT_IS_LOG, False) is True
