"""When a static finding explains a dynamic failure away: one policy, for the harness
(``rules.dynamic``), the registration workers (``rules._ecosystem.rejected``) and pluggy's own
hook calls (``kinds.pluggy.dynamic``); and for a static rule's finding a run pass makes
(mypy's PC219) that an earlier static error predicts (``withdraw.explained_earlier``).

A dynamic failure is dropped only when a static finding predicted *that* failure:

=============  ========================================================================
key            the static finding explains the failure away only when
=============  ========================================================================
rule           its code starts with one of the failure rule's :func:`explainers` (the
               rule's ``explained_by``, and every static rule whose ``explains`` names it)
contract       it is the same contract (one contract never hides another's failure)
plugin         it is the same plugin (by its reported name)
what           it names the same subject (the member, hook, module or lifecycle step),
               wherever either points; else it points at the same file and line, and
               when both name a subject the failure's message carries the static one's
               (:func:`~plugcheck.rules.step_subject.names_failure`: "No module named
               'ghost'", "has no attribute 'x'", "it lacks shutdown()"); a module's first
               line names nothing in particular: there, unless both name the same
               subject, only a static rule that declares it ``explains`` the failure's
               code does; such a rule's finding also predicts a failure at another line
               of the same file that names its subject ("it lacks run()" at the class,
               PC203 at ``run = None``), or one at a module's top in another file of the
               plugin (PC561 at an exec() whose def's failed call has no line)
weight         an error only by an error; a warning by a warning or an error; info
               never explains anything (a PC309 warning explains PC401: the plugin's
               own distribution declares the module only under an extra)
=============  ========================================================================

The callers pass only failures that a static reading can predict: an exception the plugin
raised or a refusal of the host's loader. Crashes, exits, hangs and lost processes, and a hook
call after a registration (which the pass of that call judges), never reach this policy. Every
drop is said in a note by the caller and recorded (``model.Explained``): when the real run later
withdraws the static finding that explained it, or a suppression silences it (an error), the
failure is reported after all (``withdraw.readmitted``). A failure that stays is linked
(``related``) to the static findings about it (:func:`linked`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import replace

from plugcheck.model import Finding, Related, Severity
from plugcheck.registry import RULES, explainers
from plugcheck.rules.step_subject import names_failure


def candidates(failure: Finding, static: Iterable[Finding]) -> Iterator[Finding]:
    """The static findings about the same failure (any weight): of a rule that may explain it,
    for the same contract and plugin, about the same subject or at the same place."""
    prefixes = explainers(failure.code)
    if not prefixes:
        return
    for other in static:
        if (
            other.code.startswith(prefixes)
            and other.contract == failure.contract
            and other.plugin == failure.plugin
            and _same_failure(other, failure)
        ):
            yield other


def explanation(failure: Finding, static: Iterable[Finding]) -> Finding | None:
    """The static finding that predicted ``failure`` with at least its weight, if any (the
    module's table)."""
    return next((o for o in candidates(failure, static) if _outweighs(o, failure)), None)


def linked(failure: Finding, static: Iterable[Finding]) -> Finding:
    """``failure`` with the static findings about it (at most three) as related locations."""
    links = related(failure, static)
    return replace(failure, related=(*failure.related, *links)) if links else failure


def related(failure: Finding, static: Iterable[Finding]) -> tuple[Related, ...]:
    """The static findings about ``failure`` (at most three), as its related locations."""
    return tuple(
        Related(o.location, f"{o.code} ({o.severity.value}) said: {o.message}")
        for o in itertools.islice(candidates(failure, static), 3)
    )


def _outweighs(static: Finding, failure: Finding) -> bool:
    if static.severity is Severity.INFO:
        return False
    optional = static.code == "PC309" and failure.code == "PC401"
    return failure.severity <= static.severity or optional


def _same_failure(static: Finding, failure: Finding) -> bool:
    if static.subject is not None and static.subject == failure.subject:
        return True
    here, there = static.location, failure.location
    same_file = here.path.resolve() == there.path.resolve()
    if not same_file or here.line != there.line:
        # A failure that names what it is about ("it lacks run()", at the class's line) is the
        # one a rule declaring it explains that code predicts about that subject (PC203 at
        # `run = None`), wherever in the file either points; and wherever in the plugin, for a
        # failure at a module's top, which has no place of its own (the failed call of a def
        # an exec() made in another module, PC561 at that exec).
        return (
            (same_file or there.line <= 1)
            and static.subject is not None
            and _declares(static, failure)
            and names_failure(static.subject, failure.message, failure.subject)
        )
    if static.subject is not None and failure.subject is not None:
        # Another member or module is another failure: at the same line the same failure may
        # carry other names (names_failure).
        return names_failure(static.subject, failure.message, failure.subject)
    if here.line <= 1 and static.subject != failure.subject:
        # The top of a module names nothing in particular, unless the static rule says it
        # explains this failure, which it places at the statement that fails (PC530 for an
        # `import host.gone` on line 1).
        return _declares(static, failure)
    return True


def _declares(static: Finding, failure: Finding) -> bool:
    """Whether ``static``'s rule declares it explains ``failure``'s code (its ``explains``)."""
    return static.code in RULES and failure.code in RULES[static.code].explains
