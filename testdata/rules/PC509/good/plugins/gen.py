from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):
    return (yield)


@hookimpl
def demo_startup(config):
    def lines():
        yield "a nested generator is not the hookimpl's"

    return list(lines())
