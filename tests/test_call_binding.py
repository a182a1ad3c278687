"""The static rules' one model of Python's argument binding (``static.syntax.call_refusal``,
behind PC201/PC204/PC561/PC562) agrees with Python itself: every signature of up to three
parameters in every shape (positional-only, defaults, ``*args``, keyword-only, ``**kwargs``),
called with up to three positional arguments and any two keywords."""

from __future__ import annotations

import ast
import itertools

from plugcheck.static.syntax import call_fits, call_refusal


def _signatures() -> set[str]:
    found = set()
    for count, slash, star, keyword_only, kwargs in itertools.product(
        range(3), (False, True), ("", "*args", "*"), ((), ("c",), ("c=1",)), ("", "**kw")
    ):
        if star == "*" and not keyword_only:
            continue
        for defaults in range(count + 1):
            names = ["a", "b"][:count]
            parts = [n if i < count - defaults else f"{n}=1" for i, n in enumerate(names)]
            if slash and names:
                parts.append("/")
            if star or keyword_only:
                parts += [star or "*", *keyword_only]
            if kwargs:
                parts.append(kwargs)
            found.add(", ".join(parts))
    return found


def test_binding_agrees_with_python() -> None:
    calls = [
        (positional, keywords)
        for positional in range(4)
        for r in range(3)
        for keywords in itertools.combinations(["a", "b", "c", "d"], r)
    ]
    disagree = []
    for signature in sorted(_signatures()):
        args = ast.parse(f"def f({signature}): pass").body[0].args  # type: ignore[attr-defined]
        space: dict[str, object] = {}
        exec(f"def f({signature}): pass", space)
        function = space["f"]
        for positional, keywords in calls:
            try:
                function(*range(positional), **dict.fromkeys(keywords, 1))  # type: ignore[operator]
                python = True
            except TypeError:
                python = False
            ours = call_refusal(args, positional, keywords) is None
            if ours != python or call_fits(args, positional, keywords) != python:
                disagree.append((signature, positional, keywords, python))
    assert disagree == []
