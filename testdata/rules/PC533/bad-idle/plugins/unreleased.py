"""Implements only a hook the host never defined (proposed upstream, never released): it loads,
and nothing of it ever runs."""

from demo_host import hookimpl


@hookimpl
def demo_render_signature(signatures):  # expect: PC533
    return "\n".join(signatures)
