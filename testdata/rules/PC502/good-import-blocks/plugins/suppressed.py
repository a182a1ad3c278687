"""A hook defined after an import that fails under `with suppress(ImportError)` never exists:
the block stops at the failing import."""

import contextlib

from demo_host import hookimpl

with contextlib.suppress(ImportError):
    import demo_fancy_renderer_not_installed

    @hookimpl
    def demo_render(page, context, theme):
        return demo_fancy_renderer_not_installed.render(page, theme)


@hookimpl
def demo_startup(config):
    return None
