"""Names its hooks through a StrEnum: one member misspelt, one left to auto(), which gives
the member's name in lower case ('render'), not the hook's."""

import enum

from demo_host import hookimpl


class Hook(enum.StrEnum):
    STARTUP = "demo_statrup"
    RENDER = enum.auto()


@hookimpl(specname=Hook.STARTUP)
def on_startup(config):  # expect: PC501
    return None


@hookimpl(specname=Hook.RENDER)
def on_render(page, context):  # expect: PC501
    return str(page)
