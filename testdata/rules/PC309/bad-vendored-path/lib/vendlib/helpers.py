from otherlib import VALUE
import missinglib_not_vendored  # expect: PC309

__all__ = ["VALUE", "missinglib_not_vendored"]
