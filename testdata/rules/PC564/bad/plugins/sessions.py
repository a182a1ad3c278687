"""Reads the user from the request context, which the host passes empty."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    user = context["user"]  # expect: PC564
    return f"{request} for {user}"


@hookimpl
def demo_startup(config):
    return int(config["timeout"])  # expect: PC564
