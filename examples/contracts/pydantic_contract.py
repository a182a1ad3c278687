"""What pydantic does with a plugin: every schema validator it builds asks the plugin for its
handlers (``new_schema_validator(...)``), and each validation calls them."""

from __future__ import annotations

import contextlib
from typing import Any


def validate_with(plugin_object: Any) -> None:
    """The plugin installed alone, as ``get_plugins()`` keeps what ``ep.load()`` gave, then a
    model and a ``TypeAdapter`` built and used in each mode (Python, JSON, strings), a failing
    validation among them: pydantic calls ``new_schema_validator(schema, schema_type,
    schema_type_path, schema_kind, config, plugin_settings)`` for each and unpacks three
    handlers, whose ``on_enter``/``on_success``/``on_error`` it calls."""
    from pydantic import BaseModel, TypeAdapter, ValidationError
    from pydantic.plugin import _loader

    _loader._plugins = {"plugcheck": plugin_object}

    class Model(BaseModel):
        number: int
        text: str = "a"

    Model(number=1)
    Model.model_validate_json('{"number": 2}')
    Model.model_validate_strings({"number": "3"})
    with contextlib.suppress(ValidationError):  # the handlers' on_error
        Model(number="not a number")  # type: ignore[arg-type]
    TypeAdapter(list[int]).validate_python([1, 2])
