"""``plugcheck init``: read a host's code and API package, propose a starter contract.

Nothing is imported: the host's sources are parsed with ``ast`` (:mod:`.survey`). What is
looked for:

- in the API package: ``Protocol`` classes, ABCs, and ``Callable[...]`` type aliases;
- in host code: ``entry_points(group=...)`` calls (also ``.select(group=...)`` and
  ``entry_points()["group"]``), with the group resolved through module-level constants
  (:mod:`.groups`);
- how the host uses a plugin module (:mod:`.lookups`): ``getattr(module, "name")`` (a loop over
  ``("register_v2", "register_v1")`` gives a versioned export) and ``module.name(...)`` calls on
  modules bound by ``import_module``/``ep.load()`` or by iterating a ``ModuleType`` iterator;
  the number of arguments a call passes picks the matching ``Callable`` alias;
- names folded from the host's constants across its modules (:mod:`.constants`);
- what the host does with the object a factory built (:mod:`.uses`): its ``isinstance`` check
  and the methods it calls, proposed as a ``lifecycle`` with ``calls``;
- a pluggy host whose manager and group live in the package it subclasses (Hatch/hatchling).

:mod:`.propose` turns the survey into TOML; :mod:`.pyproject` appends it to a project file.
"""

from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.propose import propose
from plugcheck.scaffold.pyproject import append_contract
from plugcheck.scaffold.survey import survey

__all__ = ["Survey", "append_contract", "propose", "survey"]
