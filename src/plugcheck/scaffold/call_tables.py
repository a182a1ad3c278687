"""The tables of a proposal that say how the host calls a plugin's function (``setup-function``:
its arguments, their stand-ins, what it does with the result) or builds the plugin classes a
module defines (``plugin-classes``), each line with the host's code as evidence."""

from __future__ import annotations

from plugcheck.model import ENTRY_POINT_OBJECT
from plugcheck.scaffold.arguments import Argument
from plugcheck.scaffold.model import ClassPick, Lookup
from plugcheck.scaffold.pyproject import toml_key, toml_stand_in, toml_string


def setup_lines(export: str, lookup: Lookup) -> list[str]:
    """The ``setup-function`` table: the host's arguments (each typed from the host's code where
    it can be), what it does with the result, and stand-ins where the host's code shows how to
    build each argument (the function is only called when every one has one)."""
    called = "the entry point's object" if export == ENTRY_POINT_OBJECT else f"{export}()"
    lines = [f"export = {toml_string(export)}  # host: {lookup.where}"]
    arguments = lookup.arguments or []
    types = [a.type or "" for a in arguments if a.keyword is None]
    if lookup.host and lookup.args and lookup.args[0] == "self" and len(types) == 1:
        lines.append(
            f"argument = {toml_string(lookup.host)}  # the host passes itself: {export}(self)"
        )
    elif len(types) == 1 and types[0]:
        lines.append(f"argument = {toml_string(types[0])}  # the host's {arguments[0].spelled}")
    elif any(types):
        spelled = ", ".join(a.spelled for a in arguments if a.keyword is None)
        listed = ", ".join(map(toml_string, types))
        lines.append(f"arguments = [{listed}]  # the host passes ({spelled})")
    lines += _returns_lines(lookup)
    if lookup.arguments is not None and all(a.stand_in for a in arguments):
        lines += _stand_in_lines(arguments, called)
        return lines
    if lookup.arguments is None:
        missing = "the host passes *args or **kwargs"
    else:
        missing = ", ".join(_missing(a) for a in arguments if not a.stand_in)
    if arguments and all(a.keyword is None and (a.stand_in or a.type) for a in arguments):
        # Each argument left is a host class: named, commented out. Building it with no
        # arguments may do what the host's call never sees (pdm's Core() loads every installed
        # plugin) or fail; a stand-in that fails before any plugin code runs is one finding
        # for the contract (PC418), not a failure of each plugin (docs/stand-ins.md).
        refs = ", ".join(
            toml_stand_in(a.stand_in) if a.stand_in else toml_string(a.type or "")
            for a in arguments
        )
        lines.append(
            f"# stand-ins = [{refs}]  # TODO: the host's classes, built with no arguments"
            f" ({missing}): check that building one does only what the host's call sees, then"
            f" uncomment; only then is {called} called, once per plugin"
        )
        return lines
    lines.append(
        f"# stand-ins = [...]  # TODO: one module:callable per argument the host passes"
        f" ({missing}); only then is {called} called, once per plugin"
    )
    return lines


def _callable(argument: Argument) -> bool:
    """An argument with a stand-in (a callable or a literal)."""
    return bool(argument.stand_in)


def _missing(argument: Argument) -> str:
    spelled = f"{argument.keyword}={argument.spelled}" if argument.keyword else argument.spelled
    if argument.type:
        return f"{spelled}: the host's {argument.type} as set up at the call"
    return spelled


def _stand_in_lines(arguments: list[Argument], called: str) -> list[str]:
    """Every argument is built as the host's code shows: ``stand-ins`` (and keywords)."""
    positional = [a for a in arguments if a.keyword is None]
    keywords = [a for a in arguments if a.keyword is not None]
    if not arguments:
        # Nothing to stand in for: the call is exactly the host's, made once per plugin.
        return [f"stand-ins = []  # the host calls {called} with no arguments"]
    refs = ", ".join(toml_stand_in(a.stand_in or "") for a in positional)
    lines = [f"stand-ins = [{refs}]  # {_built(positional) or 'the host passes only keywords'}"]
    if keywords:
        table = ", ".join(
            f"{toml_key(a.keyword or '')} = {toml_stand_in(a.stand_in or '')}" for a in keywords
        )
        lines.append(f"keyword-stand-ins = {{ {table} }}  # {_built(keywords)}")
    return lines


def _built(arguments: list[Argument]) -> str:
    """The evidence for each stand-in: the host builds the argument right before the call
    with no arguments, or passes an empty literal."""
    said = [
        f"the host passes a fresh {a.type}() as {a.spelled}"
        if a.type
        else f"the host passes {a.spelled}"
        for a in arguments
    ]
    return "; ".join(said)


def _returns_lines(lookup: Lookup) -> list[str]:
    if lookup.returns == "any":
        return ['returns = "any"  # the host drops what it returns']
    if lookup.returns in ("instance", "subclass") and lookup.return_type:
        check = "isinstance" if lookup.returns == "instance" else "issubclass"
        lines = [
            f"returns = {toml_string(lookup.returns)}  # the host checks it with {check}()",
            f"return-type = {toml_string(lookup.return_type)}",
        ]
        made = lookup.instantiated
        if lookup.returns == "subclass" and made is not None:
            if all(_callable(a) and a.keyword is None for a in made):
                refs = ", ".join(toml_stand_in(a.stand_in or "") for a in made)
                built = _built(made) or "with no arguments"
                lines.append(f"instantiate-with = [{refs}]  # then the host builds it: {built}")
            else:
                spelled = ", ".join(_missing(a) for a in made if not _callable(a) or a.keyword)
                lines.append(
                    f"# instantiate-with = [...]  # TODO: the host then builds it with ({spelled})"
                )
        return lines
    return ['returns = "any"  # TODO: what the host accepts back (no check found)']


def class_lines(classes: ClassPick) -> list[str]:
    """The ``plugin-classes`` table: the host's base, which classes it builds, and with what."""
    which = {
        "last": "the last one the module defines (it walks them in reverse and returns)",
        "first": "the first one the module defines",
        "every": "every one",
    }[classes.pick]
    lines = [
        f"base = {toml_string(classes.base)}  # host: {classes.where}",
        f"pick = {toml_string(classes.pick)}  # the host builds {which}",
    ]
    if classes.suffix is not None:
        lines = [
            f"name-suffix = {toml_string(classes.suffix)}  # the host takes the module's public"
            f" classes named *{classes.suffix}: {classes.where}",
            '# base = "module:Class"  # TODO: what the host uses them as, if it should be checked',
        ]
    if classes.handed:
        lines.append(
            "defined-here = false  # users may hand it any subclass, imported or made by type()"
        )
        lines.append(
            "submodules = true  # users hand the host the classes, imported from any public "
            "module of the plugin's package"
        )
    elif not classes.defined_here and classes.suffix is None:
        lines.append(
            "defined-here = false  # its scan tests no __module__: it takes every subclass the "
            "module binds, imported or made by type()"
        )
    made = classes.arguments
    fresh = classes.buildable
    if made is not None and all(
        (_callable(a) or a.type in fresh) and a.keyword is None for a in made
    ):
        refs = ", ".join(toml_stand_in(a.stand_in or a.type or "") for a in made)
        said = "; ".join(
            f"the host passes its {a.type} as {a.spelled}: a fresh one builds with no arguments"
            if a.type in fresh and not a.stand_in
            else _built([a])
            for a in made
        )
        lines.append(
            f"stand-ins = [{refs}]  # {said or 'the host calls the class with no arguments'}"
        )
    else:
        spelled = "unknown" if made is None else ", ".join(_missing(a) for a in made)
        lines.append(f"# stand-ins = [...]  # TODO: what the host passes to the class ({spelled})")
    if classes.registered_by:
        lines.append(
            f"accepted-by = {toml_string(classes.registered_by)}  # the host's own registration:"
            " a fresh instance given each plugin class, as a user hands it"
        )
    if classes.exposed:
        lines.append(
            f"# TODO: the host makes each public member of what it built callable through it"
            f" ({classes.exposed}); those run only when a user calls them, which nothing here"
            " does: an accepted-by callable of your own that calls them as users do checks them"
        )
    return lines
