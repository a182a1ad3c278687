"""A plugin that silences one warning of an import it makes (certbot-dns-cloudflare's shape):
`catch_warnings()` restores the host's warning filters when the block exits."""

from __future__ import annotations

import warnings

from plugapi import Plugin

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="legacy shim", category=UserWarning)
    import json


class Greeter:
    def run(self) -> str:
        return json.dumps("hello")


def new() -> Plugin:
    return Greeter()
