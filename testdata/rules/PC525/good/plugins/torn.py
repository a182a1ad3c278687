"""An old-style hookwrapper whose teardown raises only when the hookimpls failed."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True, trylast=True)
def demo_startup(config):
    outcome = yield
    if outcome.exception is not None:
        raise RuntimeError("startup failed") from outcome.exception
