"""What ``aduan server`` and ``aduan worker`` share as services: their ``--config`` file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import BadInput
from .core import Cli

if TYPE_CHECKING:
    from ..server.config import ServiceConfig


def service_config(cli: Cli, flags: tuple[str, ...]) -> ServiceConfig | None:
    """The ``--config`` file of ``aduan server`` or ``aduan worker``, or None without one.

    With a file, the file is the whole configuration: a service option on the command line as well (or
    ``--db``/``ADUAN_DB``) is refused rather than one silently winning over the other, so that what runs is
    what the file says. The file's database (with its password) becomes the command's ``--db``."""
    from ..server.config import load_service_config

    args = cli.args
    if args.config is None:
        return None
    given = [flag for flag in flags if getattr(args, flag.removeprefix("--").replace("-", "_")) is not None]
    if args.db:
        given.insert(0, "--db (or ADUAN_DB)")
    if given:
        raise BadInput(
            f"--config {args.config} is the whole configuration: give {', '.join(given)} in the file, not beside it"
        )
    config = load_service_config(Path(args.config))
    args.db = config.database_url
    return config
