"""Attributes of the plugin's own modules that exist: a name the module binds, one a function
of it binds with `global`, a submodule of the plugin's package, and the standard library's json
under its own name."""

import json as stdlib_json

from demo_host import hookimpl

from . import json, tables


@hookimpl
def demo_handle(request):
    json.configure()
    return stdlib_json.dumps(request, indent=json.INDENT) + str(json.LEVEL) + tables.NAME


@hookimpl
def demo_startup(config):
    return tables.rows
