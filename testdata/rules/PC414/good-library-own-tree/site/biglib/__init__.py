"""A library that drops its vendored namespace on first import, as setuptools does with
``backports``."""

import sys

sys.modules.pop("vend", None)
