"""Gets extend from a base class mypy cannot read: the call cannot be verified statically
(it works: the harness runs it)."""

from readhost import BaseReader
from readmixins import Extending


class Reader(Extending, BaseReader):  # expect: PC207
    def read(self, text):
        return text
