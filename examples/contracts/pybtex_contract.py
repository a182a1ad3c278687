"""Stand-ins for what pybtex passes its plugins (pybtex 0.26).

pybtex finds a plugin class with ``pybtex.plugin.find_plugin(group, name)`` (the entry point's
``ep.load()``), builds it with no arguments and calls one method on it: a formatting style's
``format_bibliography(bib_data)``, a label style's ``format_labels(sorted_entries)`` (iterated),
a name style's ``format(person, abbr)``, a database parser's ``parse_string(text)``.
"""

from __future__ import annotations

from pybtex.database import BibliographyData, Entry, Person, parse_string

BIB = """@article{knuth84,
  author = {Donald E. Knuth and Leslie Lamport},
  title = {Literate Programming},
  journal = {The Computer Journal},
  year = {1984},
  volume = {27},
  pages = {97--111},
}
"""


def bibliography() -> BibliographyData:
    return parse_string(BIB, "bibtex")


def entries() -> list[Entry]:
    return list(bibliography().entries.values())


def person() -> Person:
    return Person("Knuth, Donald E.")


def bibtex() -> str:
    return BIB
