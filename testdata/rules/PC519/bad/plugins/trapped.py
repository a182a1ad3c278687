"""Registers fine; its render hook fails on every call. Beside it, an object carrying the
marker whose __getattr__ raises: pluggy's register() passes over it (not a function), and
plugcheck's look for such passed-over hooks (PC572) ran that __getattr__, which ended the
plugin's check before its hooks were called: PC416 "gave no answer" instead of this PC519
(red team red45)."""

from demo_host import hookimpl

CONFIG: dict[str, str] = {}


@hookimpl
def demo_render(page):
    return CONFIG["greeting"] + page  # expect: PC519


class _Trap:
    def __call__(self):
        return None

    def __getattr__(self, name):
        raise RuntimeError(name)


trap = _Trap()  # plugcheck: ignore[PC572]  (pluggy passes over it: true)
vars(trap)["demo_impl"] = {}
