"""A wrapper that catches another class, and one that logs and raises again: the host's call
still fails."""

import logging

from demo_host import hookimpl


@hookimpl(specname="demo_handle")
def handle_plain(request):
    raise RuntimeError("handler not configured")  # expect: PC546


@hookimpl(wrapper=True)
def demo_handle(request):
    try:
        return (yield)
    except ValueError:
        return "bad request"
    except RuntimeError:
        logging.getLogger(__name__).exception("handler failed")
        raise
