"""Python 2 shims."""

import sys

reload(sys)  # noqa: F821
sys.stdout.write("quiet: running on Python 2\n")
