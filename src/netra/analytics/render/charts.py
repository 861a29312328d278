"""Accessible SVG charts rendered on the server: no script, no inline style, a table beside each.

Each bar is a link to the case list the figure counts; the chart carries a title and a description
(``role="img"`` with ``aria-labelledby``) and the same numbers stand in the table under it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT, GAP, LABEL_WIDTH, WIDTH = 22, 8, 250, 640
LABEL_CHARS = 32  # longer labels are cut (the full label is in the bar's title and the table)
SHADES = 5


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""


def drill_url(filters: dict[str, str]) -> str:
    """The case list narrowed to what a figure counts ("" when it has no filter to land on)."""
    return f"{reverse('cases:list')}?{urlencode(filters)}" if filters else ""


def shade(value: float, top: float) -> int:
    """0 (nothing) to SHADES (the largest value) for a choropleth or tile colour class."""
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(SHADES, round(value / top * SHADES + 0.4999)))


def _bar(n: int, bar: Bar, top: int, chart_id: str) -> SafeString:
    y = n * (BAR_HEIGHT + GAP)
    width = 0 if top == 0 else max(2, round(bar.value / top * (WIDTH - LABEL_WIDTH - 60)))
    shape = format_html(
        '<text x="{}" y="{}" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text>',
        LABEL_WIDTH - 6,
        y + BAR_HEIGHT - 6,
        bar.label if len(bar.label) <= LABEL_CHARS else bar.label[: LABEL_CHARS - 1] + "…",
        LABEL_WIDTH,
        y,
        width,
        BAR_HEIGHT,
        LABEL_WIDTH + width + 6,
        y + BAR_HEIGHT - 6,
        bar.value,
    )
    if not bar.href:
        return format_html("<g><title>{}: {}</title>{}</g>", bar.label, bar.value, shape)
    return format_html(
        '<a href="{}" data-testid="{}-bar"><title>{}: {}</title>{}</a>',
        bar.href,
        chart_id,
        bar.label,
        bar.value,
        shape,
    )


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar]) -> SafeString:
    """A horizontal bar chart; ``chart_id`` names its title element and its test hooks."""
    top = max((b.value for b in bars), default=0)
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP)
    body = format_html_join("", "{}", ((_bar(n, bar, top, chart_id),) for n, bar in enumerate(bars)))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="group" aria-labelledby="{}-title" '
        'data-testid="{}-chart"><title id="{}-title">{}</title>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        body,
    )
