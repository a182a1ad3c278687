"""Helpers moved here from the plugin's module, without their import."""


@functools.cache  # expect: PC557
def banner(greeting: str) -> str:
    return greeting.upper()
