"""The test suite's configuration: only pytest imports it."""

import os

os.environ["NUMBERLY_TESTING"] = "1"
