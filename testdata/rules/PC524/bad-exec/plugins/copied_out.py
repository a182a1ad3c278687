"""A base's __init_subclass__ copies the subclass's hook-named members into the module's
globals() while the class statement runs: which names register() finds, source cannot tell."""

from demo_host import hookimpl


class _Exporter:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for key, value in vars(cls).items():
            if key.startswith("demo_"):
                globals()[key] = value  # expect: PC524


class _Hooks(_Exporter):
    @hookimpl
    def demo_startup(config):
        return None
