"""A generic base, reached through an alias."""

import demo_api

Base = demo_api.BasePlugin


class Plugin(Base[dict]):
    pass
