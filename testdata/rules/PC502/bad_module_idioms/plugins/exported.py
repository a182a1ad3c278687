"""Hookimpls a class's creation copies into the module (a class decorator, a base's
__init_subclass__, a metaclass's __new__): register() finds each under its own name, and
refuses the argument the hook does not pass."""

from demo_host import hookimpl


def _export(cls):
    for key, value in vars(cls).items():
        if key.startswith("demo_"):
            globals()[key] = value
    return cls


class _Exporter:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for key, value in vars(cls).items():
            if key.startswith("demo_"):
                globals()[key] = value


class _Exporting(type):
    def __new__(mcls, name, bases, namespace):
        for key, value in namespace.items():
            if key.startswith("demo_"):
                globals()[key] = value
        return super().__new__(mcls, name, bases, namespace)


@_export
class _Decorated:
    @hookimpl
    def demo_startup(config, verbose):  # expect: PC502
        return None


class _Subclassed(_Exporter):
    @hookimpl
    def demo_configure(config, verbose):  # expect: PC502
        return None


class _Made(metaclass=_Exporting):
    @hookimpl
    def demo_render(page, theme):  # expect: PC502
        return str(page)
