"""Aduan: complaint handling for Indonesian public-complaint units."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aduan")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
