"""The strip the window shows when the server no longer accepts this version of Aduan, in English and in
Indonesian: the version to install, a clickable https:// link or a share path to copy, the admin's note, and
that the queued work stays saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.errors import ClientOutdated
from desktop.ui import i18n
from desktop.ui.update_notice import UpdateRequiredBanner

SHARE = r"\\fileserver\aduan\aduan-0.2.0.exe"
WEB = "https://unduh.example.go.id/aduan-0.2.0.exe?a=1&b=<2>"


def test_the_strip_names_the_version_the_link_and_the_kept_work_in_both_languages(
    qtbot: QtBot, qapp: QApplication
) -> None:
    i18n.install(qapp, "en")  # the English plural forms (aduan_en.ts)
    banner = UpdateRequiredBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    banner.show_outdated(ClientOutdated("0.1.0", "0.2.0", SHARE, "Hubungi TI di ext. 123", queued=3))
    assert not banner.isHidden()
    assert banner.message.text() == (
        f"This version of Aduan (0.1.0) is no longer accepted by the server. Install version 0.2.0 from {SHARE}. "
        "3 queued items stay saved and will be sent after the update."
    )
    assert banner.note.text() == "From your admin: Hubungi TI di ext. 123"
    assert banner.link.isHidden()  # a share path is copied, not clicked
    banner.copy.click()
    assert QApplication.clipboard().text() == SHARE

    banner.show_outdated(ClientOutdated("0.1.0", "0.2.0", WEB, None, queued=1))
    assert not banner.link.isHidden() and banner.note.isHidden()
    assert banner.link.openExternalLinks() and banner.link.textFormat() == Qt.TextFormat.RichText
    # The address is escaped in the one link built here: nothing of it becomes markup.
    escaped = "https://unduh.example.go.id/aduan-0.2.0.exe?a=1&amp;b=&lt;2&gt;"
    assert banner.link.text() == f'<a href="{escaped}">{escaped}</a>'
    assert banner.message.text().endswith("1 queued item stays saved and will be sent after the update.")
    assert banner.message.textFormat() == Qt.TextFormat.PlainText

    try:
        assert i18n.install(qapp, "id") is not None
        banner.show_outdated(ClientOutdated("0.1.0", "0.2.0", SHARE, "Hubungi TI", queued=3))
        assert banner.message.text() == (
            f"Versi Aduan ini (0.1.0) tidak lagi diterima pusat Aduan. Pasang versi 0.2.0 dari {SHARE}. "
            "3 pekerjaan yang menunggu tetap tersimpan dan akan dikirim setelah pembaruan."
        )
        assert banner.note.text() == "Dari admin Anda: Hubungi TI"
        banner.show_outdated(ClientOutdated("0.1.0", "0.2.0", SHARE, None, queued=0))
        assert banner.message.text().endswith("Tidak ada pekerjaan yang menunggu untuk dikirim.")
    finally:
        i18n.install(qapp, "en")
    banner.clear()
    assert banner.isHidden()
