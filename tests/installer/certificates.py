"""A throwaway CA certificate for the unit-configuration and installer tests, made by the real openssl."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import missing


def throwaway_ca(pem: Path) -> Path:
    """Write a CA certificate to ``pem`` (its private key beside it, in ``ca.key``, kept out of the PEM)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        missing("openssl is not installed (Debian package openssl)")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        + ["-keyout", str(pem.with_name("ca.key")), "-out", str(pem), "-days", "3650"]
        + ["-subj", "/CN=Kanreg 1 Test CA"],
        check=True,
        capture_output=True,
    )
    return pem
