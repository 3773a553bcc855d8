"""The command line (``aduan COMMAND``, ``python main.py COMMAND``): one module per group of commands, beside
``core`` (the context every command works with) and ``answers`` (what the ticket commands answer)."""

from .main import main

__all__ = ["main"]
