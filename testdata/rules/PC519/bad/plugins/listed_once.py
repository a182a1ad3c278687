"""Its sections as a tuple the first time the host asks (where the hookspec says list[str] and
the host only iterates them: a warning, PC542, ignored here), and it raises the second time:
the host's second build fails. Before, the hook's calls stopped at that warning, and the second
call's error was never seen: one warning, a pass under fail-on = "error" (red team red50)."""

from demo_host import hookimpl

_LISTED = []


@hookimpl
def demo_sections(config):  # plugcheck: ignore[PC542]  (a tuple the host only iterates: true)
    if _LISTED:
        raise RuntimeError("sections already listed")  # expect: PC519
    _LISTED.append(config)
    return ("intro", "results")
