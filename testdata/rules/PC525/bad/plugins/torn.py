"""An old-style hookwrapper whose teardown raises on every call: pluggy warns, then re-raises
it to the host."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True, trylast=True)
def demo_startup(config):
    outcome = yield
    raise RuntimeError(f"teardown failed after {outcome!r}")  # expect: PC525
