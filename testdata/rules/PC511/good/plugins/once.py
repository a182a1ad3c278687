from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):
    if request is None:
        return (yield)
    try:
        result = yield
    except ValueError:
        return None
    for _ in range(3):
        pass
    return result


@hookimpl(hookwrapper=True)
def demo_startup(config):
    if config is not None:
        raise RuntimeError("unsupported")
    outcome = yield
    outcome.get_result()


@hookimpl(wrapper=True, specname="demo_handle")
def handle_in_a_loop(request):
    for _ in range(1):
        result = yield
    return result
