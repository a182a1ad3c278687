"""A base's __init_subclass__ copies the subclass's members into the module's globals() under
names it computes while the class statement runs: which names register() finds, source cannot
tell (the plain copy loop, `globals()[key] = value` for each `key` of `vars(cls)`, is read)."""

from demo_host import hookimpl


class _Exporter:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for key, value in vars(cls).items():
            if key.startswith("impl_"):
                globals()["demo_" + key.removeprefix("impl_")] = value  # expect: PC524


class _Hooks(_Exporter):
    @hookimpl
    def impl_startup(config):
        return None
