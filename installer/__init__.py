"""Builds the frozen program and the Windows installers (see installer/README.md)."""
