"""Theme and language: the officer's choice is applied, and the system's is followed by default."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from desktop.ui import i18n, theme


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    """Themes change the whole application: put it back for the tests that follow."""
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.styleHints().unsetColorScheme()
    qapp.setStyle(style or "Fusion")
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    i18n.remove(qapp)


def test_dark_and_light_are_forced_and_system_follows_the_platform(restored: QApplication) -> None:
    theme.apply(restored, "dark")
    assert theme.is_dark(restored)
    sheet = restored.styleSheet()
    restored.setStyleSheet("")  # unwraps the style the stylesheet sits on
    assert restored.style().metaObject().className() == "QFusionStyle"
    restored.setStyleSheet(sheet)
    assert "#demoBanner" in restored.styleSheet()
    theme.apply(restored, "light")
    assert not theme.is_dark(restored)
    theme.apply(restored, "dark")
    theme.apply(restored, "system")
    # The offscreen platform has no dark scheme: following the system is the light default here.
    assert theme.is_dark(restored) == (restored.styleHints().colorScheme().name == "Dark")


def test_the_stylesheet_uses_palette_roles_only(restored: QApplication) -> None:
    sheet = theme.STYLESHEET.read_text(encoding="utf-8")
    fixed = re.findall(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|rgba?\(", sheet)
    assert "palette(" in sheet and not fixed, f"fixed colours would break one of the schemes: {fixed}"
    for scheme in ("dark", "light"):
        theme.apply(restored, scheme)
        banner = QLabel("Demo")
        banner.setObjectName("demoBanner")
        banner.resize(300, 40)
        painted = banner.grab().toImage().pixelColor(290, 20)
        assert painted == restored.palette().color(QPalette.ColorRole.AlternateBase), scheme
        banner.deleteLater()


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("auto", "id_ID", "id"),
        ("auto", "de_DE", "en"),
        ("en", "id_ID", "en"),
        ("id", "en_US", "id"),
    ],
)
def test_the_language_follows_the_setting_or_the_system(
    monkeypatch: pytest.MonkeyPatch, setting: str, system: str, expected: str
) -> None:
    monkeypatch.delenv("ADUAN_LANG", raising=False)
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(system)))
    assert i18n.chosen_language(setting) == expected
    monkeypatch.setenv("ADUAN_LANG", "en")
    assert i18n.chosen_language(setting) == "en", "ADUAN_LANG overrides for tests and screenshots"


def test_installing_switches_languages_and_adds_qts_own_catalogue(restored: QApplication) -> None:
    source = "Tracking no."
    assert i18n.install(restored, "id") is not None
    indonesian = QCoreApplication.translate("InboxModel", source)
    i18n.install(restored, "en")
    assert QCoreApplication.translate("InboxModel", source) == source
    assert i18n.qt_translations("en") is not None, "PySide6 ships qtbase_en.qm"
    assert len(i18n._INSTALLED) == 2, "Aduan's and Qt's catalogues, the earlier language removed"
    assert indonesian != source
