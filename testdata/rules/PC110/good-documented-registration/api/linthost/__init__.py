"""A linter whose plugins register transforms at module level, as its documentation says."""

from linthost.manager import MANAGER as MANAGER
from linthost.manager import Chain as Chain
