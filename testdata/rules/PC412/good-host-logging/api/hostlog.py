"""The host's own console set-up, done when it starts: its log (and the warnings it shows through
logging) goes to stdout."""

import logging
import sys
import warnings

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(name)s: %(message)s")
logging.captureWarnings(True)


def old_api() -> None:
    warnings.warn("old_api() is deprecated", UserWarning, stacklevel=2)
