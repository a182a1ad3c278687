"""Raises SystemExit at import time."""
import sys

sys.exit("plugin refuses to load")  # expect: PC401
