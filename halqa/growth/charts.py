"""Server-rendered SVG charts: numbers in, coordinates out; templates draw them.

In Arabic, time runs right to left: the newest day is at the left edge and the scale sits on
the right (the start side). Every chart also has a title, a description and a text summary.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean

from django.utils.formats import date_format

from halqa.core.charts import mirrored, scaled
from halqa.growth.enums import Emotion, Mood
from halqa.growth.models import MoodEntry

WIDTH, HEIGHT = 480, 220
PAD_START, PAD_END, PAD_TOP, PAD_BOTTOM = 100, 24, 16, 32
RANGES = (7, 30, 90)
BAR_LABEL = 120  # room for a feeling's name beside its bar


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: date
    score: float


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass
class LineChart:
    days: int
    rtl: bool
    points: list[Point] = field(default_factory=list)
    y_labels: list[Label] = field(default_factory=list)
    x_labels: list[Label] = field(default_factory=list)
    grid: list[float] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def grid_start(self) -> float:
        return mirrored(PAD_START, WIDTH, self.rtl, WIDTH - PAD_START - PAD_END)

    @property
    def grid_end(self) -> float:
        return self.grid_start + WIDTH - PAD_START - PAD_END

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def average(self) -> float | None:
        return round(mean(p.score for p in self.points), 1) if self.points else None

    @property
    def lowest(self) -> float | None:
        return min((p.score for p in self.points), default=None)

    @property
    def highest(self) -> float | None:
        return max((p.score for p in self.points), default=None)


def _x(fraction: float, rtl: bool) -> float:
    """`fraction` of the time axis (0 = oldest) to an x coordinate on the chart."""
    return mirrored(PAD_START + fraction * (WIDTH - PAD_START - PAD_END), WIDTH, rtl)


def _y(score: float) -> float:
    return PAD_TOP + (5 - score) / 4 * (HEIGHT - PAD_TOP - PAD_BOTTOM)


def daily_means(entries: Iterable[MoodEntry]) -> dict[date, float]:
    scores: dict[date, list[int]] = defaultdict(list)
    for entry in entries:
        scores[entry.day].append(entry.score)
    return {day: round(mean(values), 2) for day, values in scores.items()}


def mood_line(entries: Iterable[MoodEntry], today: date, days: int, *, rtl: bool) -> LineChart:
    chart = LineChart(days=days, rtl=rtl)
    first = today - timedelta(days=days - 1)
    means = daily_means(entry for entry in entries if first <= entry.day <= today)
    step = 1 / (days - 1)
    for day in sorted(means):
        chart.points.append(
            Point(_x((day - first).days * step, rtl), _y(means[day]), day, means[day])
        )
    edge = mirrored(PAD_START - 8, WIDTH, rtl)
    for score in Mood.values:
        chart.grid.append(_y(score))
        text = str(Mood(score).label)
        chart.y_labels.append(Label(edge, _y(score) + 5, text, "start" if rtl else "end"))
    # The edge labels lean inwards so that they stay inside the picture.
    oldest, newest = ("end", "start") if rtl else ("start", "end")
    for back, anchor in ((days - 1, oldest), ((days - 1) // 2, "middle"), (0, newest)):
        day = today - timedelta(days=back)
        x = _x((days - 1 - back) * step, rtl)
        chart.x_labels.append(Label(x, HEIGHT - 8, date_format(day, "MONTH_DAY_FORMAT"), anchor))
    return chart


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the member reads it
    x: float
    y: float
    length: float
    label_x: float
    value_x: float

    @property
    def whole(self) -> int:
        return round(self.value)


@dataclass
class BarChart:
    bars: list[Bar]
    rtl: bool
    maximum: float
    width: int = WIDTH
    row: int = 28

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * self.row + 8


def bar_chart(rows: list[tuple[str, float, str]], maximum: float, *, rtl: bool) -> BarChart:
    """Horizontal bars growing from the start side (the right in Arabic)."""
    chart = BarChart([], rtl, maximum)
    span = WIDTH - BAR_LABEL - 40
    for index, (label, value, shown) in enumerate(rows):
        length = max(scaled(value, maximum, span), 0.0)
        x = mirrored(BAR_LABEL, WIDTH, rtl, length)
        label_x = mirrored(BAR_LABEL - 8, WIDTH, rtl)
        value_x = mirrored(BAR_LABEL + length + 6, WIDTH, rtl)
        y = 8 + index * chart.row
        chart.bars.append(Bar(label, value, shown, x, y, length, label_x, value_x))
    return chart


def emotion_bars(entries: Iterable[MoodEntry], *, rtl: bool) -> BarChart:
    counts = Counter(tag for entry in entries for tag in entry.emotions if tag in Emotion.values)
    rows = [(str(Emotion(tag).label), float(n), str(n)) for tag, n in counts.most_common()]
    return bar_chart(rows, float(max(counts.values(), default=0)), rtl=rtl)


@dataclass(frozen=True)
class Comparison:
    with_checkins: float | None
    without_checkins: float | None
    days_with: int
    days_without: int


def compare_with_checkins(means: dict[date, float], done: set[date]) -> Comparison:
    """Average mood on days with at least one done check-in, and on the other days."""
    on = [score for day, score in means.items() if day in done]
    off = [score for day, score in means.items() if day not in done]
    return Comparison(
        round(mean(on), 1) if on else None, round(mean(off), 1) if off else None, len(on), len(off)
    )
