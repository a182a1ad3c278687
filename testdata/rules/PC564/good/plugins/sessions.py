"""Reads the keys the host's dicts hold, or falls back when one is missing."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    user = context.get("user", "anonymous")
    return f"{request} for {user}"


@hookimpl
def demo_startup(config):
    return config["greeting"].upper()


@hookimpl
def demo_configure(config):
    config["timeout"] = 30
    return config["timeout"]
