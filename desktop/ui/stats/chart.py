"""The volumes received as a stacked bar chart (Qt's own QtCharts): one bar per day, week or month, one
coloured part per value of the split, with its legend. Drawn in the palette's colours, light or dark, and
drawn again when the palette changes (the officer switches the theme while the window is open)."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

# The parts' colours, (light theme, dark theme): Okabe and Ito's set, told apart by colour-blind readers too;
# then more, so that every channel has its own; the dark variants lighter, to stand out on a dark base. The
# legend says each in words.
SERIES_COLOURS = (
    ("#0072b2", "#56a8e0"),
    ("#e69f00", "#f5b942"),
    ("#009e73", "#3cc99c"),
    ("#cc79a7", "#e0a3c6"),
    ("#d55e00", "#ff8c42"),
    ("#56b4e9", "#8fd0f5"),
    ("#7a6200", "#e6c84d"),
    ("#5a5a5a", "#b0b0b0"),
    ("#6a3d9a", "#b79ae0"),
    ("#8c510a", "#d9a06a"),
    ("#1b7e7e", "#5fd3d3"),
    ("#c62828", "#ff7a7a"),
)
# Past this many bars the period labels are written upwards, so that each stays readable beside the next.
UPRIGHT_AFTER = 12


def dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < palette.color(QPalette.ColorRole.Text).lightness()


def series_colour(index: int, palette: QPalette) -> QColor:
    light, dim = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    return QColor(dim if dark(palette) else light)


class VolumeChart(QChartView):
    """``show_volumes(periods, parts)``: ``parts`` maps each part's label to its counts, one per period.
    ``part_clicked(part, period)``: a part of a bar was clicked (the part's place in ``parts``, the bar's)."""

    part_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsVolumeChart")
        self.setAccessibleName(self.tr("Reports received per period"))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.periods: list[str] = []
        self.parts: dict[str, list[int]] = {}
        self.per = ""
        self.bar_sets: list[QBarSet] = []
        self._draw()

    def show_volumes(self, periods: list[str], parts: dict[str, list[int]], per: str = "") -> None:
        """``per`` names what a bar counts (the axis' title): a day, a week from Monday, a month."""
        self.per = per
        self.periods = list(periods)
        self.parts = {label: list(counts) for label, counts in parts.items()}
        self._draw()

    def _draw(self) -> None:
        """The one chart of the view, emptied and filled again (the view keeps its chart for its life)."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        series = QStackedBarSeries()
        self.bar_sets = []
        for label, counts in self.parts.items():
            bar_set = QBarSet(label)
            bar_set.append([float(n) for n in counts])
            series.append(bar_set)
            part = len(self.bar_sets)
            bar_set.clicked.connect(lambda period, part=part: self.part_clicked.emit(part, period))
            self.bar_sets.append(bar_set)
        chart.addSeries(series)
        periods = QBarCategoryAxis()
        periods.append(self.periods)
        if len(self.periods) > UPRIGHT_AFTER:
            periods.setLabelsAngle(-90)
        periods.setTitleText(self.per)
        axis = QValueAxis()
        axis.setLabelFormat("%d")
        highest = max((sum(column) for column in zip(*self.parts.values(), strict=True)), default=0)
        axis.setRange(0, max(highest, 1))
        axis.applyNiceNumbers()
        axis.setTitleText(self.tr("Reports received"))
        chart.addAxis(periods, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(periods)
        series.attachAxis(axis)
        chart.legend().setVisible(bool(self.parts))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self._paint_in_palette()

    def _paint_in_palette(self) -> None:
        palette = self.palette()
        chart = self.chart()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Mid)
        chart.setBackgroundBrush(QBrush(base))
        chart.setPlotAreaBackgroundVisible(False)
        self.setBackgroundBrush(QBrush(base))
        chart.legend().setLabelColor(text)
        for axis in chart.axes():
            axis.setLabelsBrush(QBrush(text))
            axis.setTitleBrush(QBrush(text))
            axis.setLinePen(QPen(grid))
            axis.setGridLinePen(QPen(grid, 0.5))
        for index, bar_set in enumerate(self.bar_sets):
            colour = series_colour(index, palette)
            bar_set.setColor(colour)
            bar_set.setBorderColor(base)

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_in_palette()
