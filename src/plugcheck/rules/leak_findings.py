"""What a plugin left running, in a finding's words: PC410 after ``shutdown()``, PC421 after the
host dropped the plugin's object (what its finalizers started, after the leak census)."""

from __future__ import annotations

from collections.abc import Iterator

from plugcheck.harness.protocol import AfterShutdownFacts
from plugcheck.harness.results import PluginResult, frame
from plugcheck.model import Finding, Location, Related
from plugcheck.rules.dynamic_rules import PC421


def left_behind(leaks: AfterShutdownFacts) -> tuple[list[str], list[Related]]:
    """The leaks named (threads, child processes, descriptors) and where each thread is."""
    parts: list[str] = []
    related: list[Related] = []
    for thread in leaks.get("threads", []):
        where = frame(thread.get("where"))
        parts.append(f"non-daemon thread {thread['name']!r}")
        if where is not None:
            related.append(Related(Location(where.path, where.line), "the thread is here"))
    if leaks.get("children"):
        parts.append("child processes " + ", ".join(f"`{c}`" for c in leaks["children"]))
    if leaks.get("fds"):
        parts.append(f"open file descriptors {', '.join(leaks['fds'])}")
    return parts, related


def finalizer_leaks(result: PluginResult, described: str, location: Location) -> Iterator[Finding]:
    """PC421 for the non-daemon threads and processes the object's finalizers started and left
    running: the host's interpreter waits for such a thread when it exits (it never exits while
    the thread runs), and a process outlives the host."""
    parts, related = left_behind(result.facts.get("release", {}))
    if not parts:
        return
    waits = "; the host's interpreter waits for a non-daemon thread before it exits"
    yield PC421.at(
        result.plugin,
        related[0].location if related else location,
        f"{described} started and left running {'; '.join(parts)}"
        + (waits if result.facts.get("release", {}).get("threads") else ""),
        related=related[1:],
    )
