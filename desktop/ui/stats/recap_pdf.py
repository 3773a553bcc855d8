"""The monthly recap (``desktop/reports/recap.py``) as an A4 PDF, in Indonesian whatever language the window
speaks: the recap is filed and sent on. Title, unit and month, a bar chart of the reports received per week by
channel (drawn with ``QPainter`` into an image the document embeds), the tables of ``recap_tables`` and a line
saying how the figures are computed.

The command line writes it too (``aduan stats recap --pdf``): with no application running, one is made here,
on the offscreen platform, which needs no display. The file appears whole or not at all: it is written beside
the target and renamed into place.
"""

from __future__ import annotations

import os
import sys
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from ...domain.errors import BadInput
from ...domain.whole_files import write_whole
from ...reports.recap import (
    TITLE,
    MonthlyRecap,
    RecapTable,
    local_moment,
    method_text,
    month_name,
    recap_tables,
    unit_label,
    week_label,
    weekly_counts,
    weeks_of,
)

CHART_URL = QUrl("recap://weeks-by-channel.png")
CHART_SIZE = (1800, 820)  # pixels of the image; shown CHART_WIDTH wide on the page
CHART_WIDTH = 640
# Print colours, told apart in greyscale too (the legend names each part, and the table gives each number).
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#393b79", "#637939")  # fmt: skip

_application: QGuiApplication | None = None  # the one made here for the command line, kept for the process


def ensure_application() -> None:
    """Painting text needs a Qt application; the command line has none. Linux servers often have no display:
    there the offscreen platform is asked for, unless QT_QPA_PLATFORM says otherwise."""
    global _application
    if QGuiApplication.instance() is not None:
        return
    argv = ["aduan"]
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    _application = QGuiApplication(argv)


def write_recap_pdf(recap: MonthlyRecap, path: str | os.PathLike[str]) -> None:
    ensure_application()
    target = Path(path)

    def write(name: str) -> None:
        _print(recap, name)
        if os.path.getsize(name) == 0:
            raise BadInput(f"cannot write {target}: the PDF could not be made")

    write_whole(target, write, ".aduan-recap-")


def _print(recap: MonthlyRecap, filename: str) -> None:
    writer = QPdfWriter(filename)
    writer.setTitle(f"{TITLE} — {month_name(recap.month)}")
    writer.setCreator("Aduan")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = recap_document(recap)
    document.print_(writer)
    del writer  # the file is complete once the writer is gone


def recap_document(recap: MonthlyRecap) -> QTextDocument:
    ensure_application()
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(8.5)
    document.setDefaultFont(font)
    document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, weekly_chart(recap))
    document.setHtml(recap_html(recap))
    return document


# -- the page --------------------------------------------------------------------------------------------


def _text(value: str) -> str:
    return escape(value, quote=True)


def _number(value: object) -> str:
    """Indonesian style: "12,5"; "–" where there is no figure."""
    if value is None:
        return "–"
    if isinstance(value, float):
        shown = f"{value:,.2f}"
        shown = shown[:-1] if shown.endswith("0") else shown  # "10,0", "16,5", "33,33"
        return shown.replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def recap_html(recap: MonthlyRecap) -> str:
    tables = recap_tables(recap)
    parts = [
        f"<h2 align='center'>{_text(TITLE)}</h2>",
        f"<p align='center' style='font-size: 11pt'><b>{_text(unit_label(recap))}</b><br/>"
        f"Bulan {_text(month_name(recap.month))}</p>",
        _table_html(tables[0]),
        "<h3>Grafik laporan diterima per minggu menurut kanal</h3>",
        f"<p align='center'><img src='{CHART_URL.toString()}' width='{CHART_WIDTH}'/></p>",
        *(_table_html(t) for t in tables[1:]),
        f"<p style='font-size: 7.5pt'><i>{_text(method_text(recap))}</i></p>",
        f"<p style='font-size: 7.5pt'><i>Dibuat {_text(local_moment(recap, recap.made_at))} oleh Aduan.</i></p>",
    ]
    return "<html><body>" + "".join(parts) + "</body></html>"


def _table_html(table: RecapTable) -> str:
    wide = len(table.headers) > 8
    size = "6.5pt" if wide else "8pt"
    head = "".join(f"<th align='left' bgcolor='#e8e8e8'>{_text(h)}</th>" for h in table.headers)
    rows = []
    for index, row in enumerate(table.rows):
        cells = []
        for value in row:
            shown = _text(_number(value))
            if index in table.total_rows:
                shown = f"<b>{shown}</b>"
            align = "left" if isinstance(value, str) else "right"
            cells.append(f"<td align='{align}'>{shown}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<h3>{_text(table.title)}</h3>"
        f"<table width='100%' border='1' cellspacing='0' cellpadding='3' "
        f"style='border-collapse: collapse; font-size: {size}'>"
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


# -- the chart -------------------------------------------------------------------------------------------


def weekly_chart(recap: MonthlyRecap) -> QImage:
    """Stacked bars: per week of the month, the reports received by each channel; a legend below."""
    width, height = CHART_SIZE
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    names, counts = weekly_counts(recap, recap.by_channel, "channel")
    labels = [week_label(recap, week) for week in weeks_of(recap)]
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setPixelSize(26)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        legend_rows = max(1, -(-len(names) // 4))
        plot = QRectF(110, 30, width - 150, height - 140 - legend_rows * 44)
        top = max([sum(line) for line in counts] + [1])
        step = _tick_step(top)
        top = -(-top // step) * step
        axis = QPen(QColor("#444444"))
        axis.setWidth(2)
        grid = QPen(QColor("#dddddd"))
        for tick in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * tick / top
            painter.setPen(grid if tick else axis)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#222222"))
            label = _number(tick)
            painter.drawText(QPointF(plot.left() - 14 - metrics.horizontalAdvance(label), y + 9), label)
        slot = plot.width() / max(len(labels), 1)
        bar = slot * 0.6
        for i, (label, line) in enumerate(zip(labels, counts, strict=True)):
            x = plot.left() + slot * i + (slot - bar) / 2
            base = plot.bottom()
            for part, count in enumerate(line):
                if not count:
                    continue
                tall = plot.height() * count / top
                painter.fillRect(QRectF(x, base - tall, bar, tall), QColor(COLOURS[part % len(COLOURS)]))
                base -= tall
            painter.setPen(QColor("#222222"))
            total = _number(sum(line))
            painter.drawText(QPointF(x + (bar - metrics.horizontalAdvance(total)) / 2, base - 10), total)
            painter.drawText(
                QRectF(plot.left() + slot * i, plot.bottom() + 10, slot, 40), Qt.AlignmentFlag.AlignHCenter, label
            )
        if not names:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Tidak ada laporan yang diterima pada bulan ini.")
        legend_top = plot.bottom() + 70
        column = (width - 220) / 4
        for part, name in enumerate(names):
            x = 110 + column * (part % 4)
            y = legend_top + 44 * (part // 4)
            painter.fillRect(QRectF(x, y, 28, 28), QColor(COLOURS[part % len(COLOURS)]))
            painter.drawText(QPointF(x + 40, y + 24), name)
    finally:
        painter.end()
    return image


def _tick_step(top: int) -> int:
    """A round step giving at most about six grid lines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if top / step <= 6:
            return step
    return int(10 ** len(str(top // 6)))
