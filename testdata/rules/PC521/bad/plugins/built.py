"""Builds its class at import time from the wrong base."""  # expect: PC521

Plugin = type("Plugin", (object,), {})
