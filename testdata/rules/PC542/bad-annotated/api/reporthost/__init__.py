"""A host that prints a report header and resolves output paths through pluggy hooks."""

import pluggy

hookimpl = pluggy.HookimplMarker("reporthost")
