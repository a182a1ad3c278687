"""Ends the process at import time, skipping every handler."""
import os

os._exit(3)  # expect: PC401
