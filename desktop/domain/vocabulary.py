"""The fixed vocabularies of a complaint unit: kinds of report, channels, priorities, roles."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from .errors import BadInput


class Kind(StrEnum):
    ASPIRASI = "aspirasi"
    PENGADUAN = "pengaduan"
    PERMINTAAN_INFORMASI = "permintaan_informasi"


class Channel(StrEnum):
    EMAIL = "email"
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    X = "x"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    LAPOR = "lapor"
    SMS = "sms"
    WEB = "web"
    PHONE = "phone"
    WALK_IN = "walk_in"
    LETTER = "letter"


class Priority(IntEnum):
    """Stored as a number so that "pick next" can order by it."""

    RENDAH = 1
    SEDANG = 2
    TINGGI = 3
    DARURAT = 4

    @classmethod
    def parse(cls, text: str) -> Priority:
        try:
            return cls[text.strip().upper()] if not text.strip().isdigit() else cls(int(text))
        except (KeyError, ValueError):
            names = ", ".join(p.name.lower() for p in cls)
            raise BadInput(f"unknown priority {text!r}: use {names} or 1-{len(cls)}") from None


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def may_steal(self) -> bool:
        return self in (Role.SUPERVISOR, Role.ADMIN)


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"
