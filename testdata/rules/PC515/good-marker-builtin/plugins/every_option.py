"""Calls the hookimpl marker with options it takes: the import succeeds."""

from demo_host import hookimpl


@hookimpl(tryfirst=True, trylast=False, optionalhook=False, specname="demo_handle")
def handle_first(request):
    return None


@hookimpl(wrapper=True, hookwrapper=False)
def demo_startup(config):
    result = yield
    return result
