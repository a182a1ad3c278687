from demo_api import BasePlugin


class Mixin:
    pass


class Common(Mixin, BasePlugin):
    pass
