"""A functools.cached_property under the marker: found on a module it is no function (its
__get__ runs only on instances), so pluggy's register() passes over it."""

import functools

from demo_host import hookimpl

demo_render = hookimpl(functools.cached_property(lambda self: "page"))  # expect: PC575
