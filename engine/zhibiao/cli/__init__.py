"""The command line: a thin shell over `zhibiao.api`. Nothing else in the package imports it."""

from .main import main

__all__ = ["main"]
