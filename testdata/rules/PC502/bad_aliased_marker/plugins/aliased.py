"""Markers pluggy honours whatever they are called and however they are applied."""

from pluggy import HookimplMarker as HM

impl = HM("demo")


@impl
def demo_handle(request, session):  # expect: PC502
    return None


def _startup(config, verbose):  # expect: PC502
    return None


demo_startup = impl(_startup)
demo_configure = impl(specname="demo_configure")(lambda config, extra: None)  # expect: PC502
