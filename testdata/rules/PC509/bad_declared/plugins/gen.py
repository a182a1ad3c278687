"""Registers fine; the hookspecs say the host never iterates these results, so no body runs."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):  # expect: PC509
    print("starting")
    yield


@hookimpl
def demo_handle(request):  # expect: PC509
    yield f"handled {request}"
