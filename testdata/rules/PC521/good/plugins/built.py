"""Builds its class at import time from the host's base."""

import demo_api

Plugin = type("Plugin", (demo_api.BasePlugin,), {})
