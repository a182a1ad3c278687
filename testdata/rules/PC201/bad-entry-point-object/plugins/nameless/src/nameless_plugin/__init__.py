"""The host's call fits, but its handlers have no name, which the host reads of the second one
(vapi/validating.py): AttributeError on every schema."""

from __future__ import annotations

from typing import Any


class Recorder:
    def on_enter(self, data: object) -> None:
        print(data)


class NamelessPlugin:
    def new_validator(self, schema: dict[str, Any], name: str) -> tuple[Recorder, Recorder]:
        return Recorder(), Recorder()


plugin = NamelessPlugin()  # expect: PC201
