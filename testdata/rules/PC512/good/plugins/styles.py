from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):
    result = yield
    return result


@hookimpl(hookwrapper=True)
def demo_startup(config):
    outcome = yield
    outcome.get_result()
