"""A loader for Pythons without importlib.metadata."""

import logging

logging.basicConfig()
