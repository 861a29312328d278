"""The printable periodic report (PDF through typst): the office's letterhead from the letters
engine, the period's figures, the map, the trend and the cases past their deadline.

User text reaches typst only through ``typst_escape`` content blocks, as in the letters."""

import tempfile
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import typst

from netra.analytics.render.maps import choropleth
from netra.cases.letters.data import date_id
from netra.cases.letters.pdf import LOGO_FILE, typst_escape

TEMPLATE = "report.typ"
MAP_FILE = "peta.svg"
# The choropleth's colour classes as fills: typst draws the SVG without the site's stylesheet.
PRINT_FILLS = {
    "shade-0": "#f1f3f6",
    "shade-1": "#dbe6f3",
    "shade-2": "#b3cae6",
    "shade-3": "#7fa4d3",
    "shade-4": "#3f6fae",
    "shade-5": "#17355a",
}


def _content(text) -> str:
    return "[" + typst_escape(str(text)) + "]"


def _array(items) -> str:
    return "(" + "".join(f"{item}, " for item in items) + ")"


def _stat_rows(rows) -> str:
    return _array(
        _array(_content(x) for x in (r.label, r.cases, r.proven, r.recommended, r.sanctioned)) for r in rows
    )


def _arguments(report, logo_format: str | None, has_map: bool) -> dict[str, str]:
    head = report.letterhead
    totals = [
        (_content("Kasus diterima"), _content(report.total.cases)),
        (_content("Terbukti melanggar"), _content(report.total.proven)),
        (_content("Direkomendasikan"), _content(report.total.recommended)),
        (_content("Dijatuhi sanksi"), _content(report.total.sanctioned)),
        (_content("Berjalan melewati tenggat"), _content(report.overdue_total)),
    ]
    overdue = (
        _array(
            _content(x)
            for x in (
                c.register_number or "belum diregistrasi",  # never the receipt code: the report circulates
                c.title,
                c.get_status_display(),
                date_id(c.due_at.date()),
            )
        )
        for c in report.overdue
    )
    more = report.overdue_total - len(report.overdue)
    return {
        "kop": _array(_content(line) for line in head.lines),
        "address": _content(head.address) if head.address.strip() else "[]",
        "contact": _content(head.contact_line()) if head.contact_line() else "[]",
        "logo": f'"{LOGO_FILE}.{logo_format}"' if logo_format else "none",
        "title": _content(f"Laporan Berkala Netralitas ASN {report.office_name}"),
        "period": _content(f"Periode {date_id(report.start)} s.d. {date_id(report.end)}"),
        "generated": _content(f"Dibuat oleh Netra pada {date_id(report.generated_on)}."),
        "totals": _array(_array(pair) for pair in totals),
        "regions": _stat_rows(report.regions),
        "types": _stat_rows(report.types),
        "months": _stat_rows(report.months),
        "overdue": _array(overdue),
        "overdue-more": _content(f"… dan {more} kasus lainnya." if more > 0 else ""),
        "map": f'"{MAP_FILE}"' if has_map else "none",
        "notes": _array(_content(n) for n in report.notes),
    }


def typst_source(report, logo_format: str | None = None, has_map: bool = False) -> str:
    template = resources.files(__package__).joinpath(TEMPLATE).read_text(encoding="utf-8")
    arguments = ",\n".join(f"  {k}: {v}" for k, v in _arguments(report, logo_format, has_map).items())
    return f"{template}\n#report(\n{arguments},\n)\n"


def render_report_pdf(report) -> bytes:
    """The report as PDF (fonts embedded; the same report gives the same bytes)."""
    head = report.letterhead
    drawn = [a for a in report.areas if a.geometry]
    with tempfile.TemporaryDirectory(prefix="netra-report-") as root:
        if head.logo_format:
            Path(root, f"{LOGO_FILE}.{head.logo_format}").write_bytes(head.logo)
        if drawn:
            svg = choropleth(drawn, "", fills=PRINT_FILLS)[0]
            Path(root, MAP_FILE).write_text(
                '<?xml version="1.0"?>' + svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
            )
        source = typst_source(report, head.logo_format, bool(drawn)).encode("utf-8")
        stamp = datetime.combine(report.generated_on, datetime.min.time(), tzinfo=UTC)
        return typst.compile(  # type: ignore[call-overload]
            source, root=root, format="pdf", ignore_system_fonts=True, timestamp=stamp
        )
