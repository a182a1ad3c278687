"""Written for an older release of the tool, which had a CoveragePlugin base class."""

from covhost import CoveragePlugin  # expect: PC530


class Tracer(CoveragePlugin):
    pass


def coverage_init(reg, options):
    reg.add_file_tracer(Tracer())
