"""Names its hooks through enums: a StrEnum member is the string, a plain Enum member's
.value is, and a (str, Enum) member is a string too."""

from enum import Enum, StrEnum

from demo_host import hookimpl


class Hook(StrEnum):
    STARTUP = "demo_startup"


class Legacy(Enum):
    CONFIGURE = "demo_configure"


class Mixed(str, Enum):
    HANDLE = "demo_handle"


@hookimpl(specname=Hook.STARTUP)
def on_startup(config):
    return None


@hookimpl(specname=Legacy.CONFIGURE.value)
def on_configure(config):
    return None


@hookimpl(specname=Mixed.HANDLE)
def on_handle(request, context):
    return None
