"""An extension whose lyrics client is imported by name, only when setup() runs."""

from __future__ import annotations

from importlib import import_module as load

from mhost import ext

CLIENT = "mhost_lyrics.client"


class Extension(ext.Extension):
    ext_name = "lyrics"

    def setup(self, registry: ext.Registry) -> None:
        client = load(CLIENT)
        registry.add("lyrics", client.LyricsClient)
