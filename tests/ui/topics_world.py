"""Reports at fixed moments with a topic rising in one past week, for the Topics tab and the rising-topic alert:
this week is 9-11 March 2026 (as of the Wednesday), with six reports about OTP against one a week in the eight
weeks before, and one about a street lamp against four in the weeks before."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.domain.vocabulary import Role
from desktop.store.service import Store
from tests.reports.helpers import received_at
from tests.store.helpers import add_officer_without_login

MONDAY = date(2026, 3, 9)
UNTIL = date(2026, 3, 11)  # a Wednesday: this week is 9-11 March 2026
OTP = ("Kode OTP tidak terkirim", "Kode OTP aplikasi layanan tidak terkirim ke HP saya")
LAMP = ("Lampu jalan Merdeka mati", "Lampu jalan di Jalan Merdeka mati, gelap sekali")


def with_a_rising_topic(org_url: str) -> str:
    """The organisation at ``org_url`` with an admin "adi" and the reports above, received by "ani" in humas."""
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    owner.dispose()
    ani = Store(org_url, "ani")
    try:
        moments = [(OTP, MONDAY - timedelta(weeks=w, days=-1)) for w in range(1, 9)]
        moments += [(OTP, MONDAY + timedelta(days=n % 3)) for n in range(6)]
        moments += [(LAMP, MONDAY - timedelta(weeks=w, days=-2)) for w in range(1, 5)] + [(LAMP, MONDAY)]
        for (subject, body), day in moments:
            at = datetime(day.year, day.month, day.day, 2, 0)
            received_at(ani, at, "humas", subject=subject, body=body, anonymous=False, confidential=False)
    finally:
        ani.dispose()
    return org_url
