"""A settings class whose quoted annotation names a type imported for the type checker only:
get_type_hints() on the class evaluates it at import."""

from typing import TYPE_CHECKING, get_type_hints

from demo_host import hookimpl

if TYPE_CHECKING:
    from decimal import Decimal


class Settings:
    limit: "Decimal"


FIELDS = get_type_hints(Settings)  # expect: PC212


@hookimpl
def demo_handle(request, context):
    return FIELDS.get(request)
