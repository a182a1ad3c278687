from . import shapes

__all__ = ["shapes"]
