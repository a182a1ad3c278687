"""Prefix mode: a C function of the standard library bound under a hook name."""

import os

demo_startup = os.getcwd  # expect: PC522
