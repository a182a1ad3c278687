"""The run command; RE_ARGS was renamed RE_PLACEHOLDER in this release."""

import re

RE_PLACEHOLDER = re.compile(r"\{args\}")
