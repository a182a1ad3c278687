"""Uses the standard library's random at import time."""

import random

CHOOSER = random.Random(4)
