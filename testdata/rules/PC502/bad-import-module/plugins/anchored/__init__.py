"""Fetches its hookimpl from a sibling module anchored on __package__, in one expression."""

import importlib

demo_handle = importlib.import_module("._impl", __package__).demo_handle
