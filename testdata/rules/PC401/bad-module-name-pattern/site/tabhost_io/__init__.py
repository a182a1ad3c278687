"""The host itself: skipped by name (exclude). Its import would fail here."""

raise RuntimeError("pyexcel-io style host package, never imported as a plugin")
