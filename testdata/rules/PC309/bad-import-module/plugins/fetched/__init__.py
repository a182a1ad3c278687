"""Fetches its factory from a submodule by name, in one expression; the name is wrong."""

import importlib

new = importlib.import_module("._factroy", __package__).new  # expect: PC309
