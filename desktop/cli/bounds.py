"""Whole-number options with a range (``--limit``, ``--token``): refused by argparse (exit 2, naming the option)
before the command runs, so that a number no database can hold never reaches SQL."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..domain.bounds import check_range
from ..domain.errors import BadInput


def whole_number(bounds: tuple[int, int]) -> Callable[[str], int]:
    """An argparse ``type=``: the option's value as an int within ``bounds``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:  # also a string of digits too long to be any number a database holds
            raise argparse.ArgumentTypeError("not a whole number") from None
        try:
            return check_range("the value", value, bounds)
        except BadInput as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    parse.__name__ = "whole number"
    return parse
