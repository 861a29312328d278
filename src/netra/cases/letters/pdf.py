"""PDF through typst: the shipped ``letter.typ`` plus one call to its ``letter`` function.

User text enters the source only as content blocks ``[...]`` written by ``typst_escape``, so no input
can reach typst's code, math or markup syntax.
"""

import tempfile
import unicodedata
from datetime import UTC, date, datetime, time
from importlib import resources
from pathlib import Path

import typst

from netra.cases.letters.data import (
    Letter,
    Letterhead,
    Terlapor,
    clean_text,
    date_id,
    logo_format,
    logo_pixels,
)

TEMPLATE = "letter.typ"
LOGO_FILE = "logo"
MAX_LOGO_PIXELS = 4000  # per side: a kop logo is printed 2.2 cm tall
_SUSPECTS = b"/Suspects false"


def _escape_char(ch: str) -> str:
    if ch.isalnum() or ch == " ":
        return ch
    if ch == "\n":
        # A forced break and no source newline (typst would print it as a space). Whatever follows
        # cannot extend the call: every ASCII punctuation character is escaped.
        return "#linebreak()"
    if ch.isascii():
        return "\\" + ch  # typst reads backslash + any non-blank character as that character
    if ch.isspace() or unicodedata.category(ch).startswith(("Z", "C", "M")):
        return f"\\u{{{ord(ch):x}}}"  # typst collapses Unicode blanks, and a mark would join the escape
    return ch


def typst_escape(text: str) -> str:
    """``text`` as typst markup that prints exactly that text.

    Line ends become line breaks; runs of spaces print as one (typst collapses them); control
    characters are dropped (``clean_text``).
    """
    return "".join(_escape_char(ch) for ch in clean_text(text))


def _content(text: str) -> str:
    return "[" + typst_escape(text) + "]"


def _array(items) -> str:
    # The trailing comma keeps a one-item array an array (``([a])`` is just ``[a]``).
    return "(" + "".join(f"{item}, " for item in items) + ")"


def _terlapor(t: Terlapor) -> str:
    return (
        f"(name: {_content(t.name)}, nip: {_content(t.nip or '-')}, "
        f"position: {_content(t.position or '-')}, agency: {_content(t.agency or '-')})"
    )


def _optional(text: str) -> str:
    return _content(text) if text.strip() else "none"


def _arguments(letter: Letter) -> dict[str, str]:
    head = letter.letterhead
    return {
        "kop": _array(_content(line) for line in head.lines),
        "address": _content(head.address) if head.address.strip() else "[]",
        "contact": _content(head.contact_line()) if head.contact_line() else "[]",
        "logo": f'"{LOGO_FILE}.{head.logo_format}"' if head.logo_format else "none",
        "number": _content(letter.number),
        "nature": _content(letter.nature),
        "attachment": _content(letter.attachment),
        "subject": _content(letter.subject),
        "place-date": _content(f"{letter.place}, {date_id(letter.date)}"),
        "recipients": _array(_content(r) for r in letter.recipients),
        "copies": _array(_content(c) for c in letter.copies),
        "register": _content(letter.register_number),
        "office": _content(letter.office_name),
        "terlapor": _terlapor(letter.terlapor),
        "facts": _content(letter.facts),
        "violation": _optional(letter.violation),
        "violation-basis": _array(_content(c) for c in letter.violation_basis),
        "referral-basis": _array(_content(c) for c in letter.referral_basis),
        "recommendation": _content(letter.recommendation),
        "signatory-name": _content(letter.signatory_name),
        "signatory-role": _content(letter.signatory_role),
        "title": _content(f"Surat {letter.number}"),
    }


def document_source(template: str, function: str, arguments: dict[str, str]) -> str:
    """A complete typst document: the shipped ``template``, then one call of its ``function``."""
    text = resources.files(__package__).joinpath(template).read_text(encoding="utf-8")
    body = ",\n".join(f"  {name}: {value}" for name, value in arguments.items())
    return f"{text}\n#{function}(\n{body},\n)\n"


def typst_source(letter: Letter) -> str:
    """The complete typst document for ``letter`` (the template, then the call that fills it)."""
    return document_source(TEMPLATE, "letter", _arguments(letter))


def compile_letter(source: str, *, on: date, letterhead: Letterhead) -> bytes:
    """A letter's typst source as PDF; the same source and date always give the same bytes (embedded
    fonts, the letter's date as the timestamp)."""
    stamp = datetime.combine(on, time(0), tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="netra-letter-") as root:
        if letterhead.logo_format:
            # The only file the document may read: typst resolves paths inside ``root``.
            Path(root, f"{LOGO_FILE}.{letterhead.logo_format}").write_bytes(letterhead.logo)
        # typst's stub makes ``output`` required; without it the library returns the bytes.
        pdf = typst.compile(  # type: ignore[call-overload]
            source.encode("utf-8"), root=root, format="pdf", ignore_system_fonts=True, timestamp=stamp
        )
    return _without_default_suspects(pdf)


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF; the same letter always gives the same bytes (embedded fonts, fixed date)."""
    return compile_letter(typst_source(letter), on=letter.date, letterhead=letter.letterhead)


def _without_default_suspects(pdf: bytes) -> bytes:
    """``pdf`` with typst's ``/Suspects false`` blanked out (same length, so the xref stays valid).

    Poppler (22.12, Debian 12) reports "Syntax Error: Suspects object is wrong type (boolean)" for
    an explicit false; the PDF specification makes false the default, so dropping the key changes
    nothing else.
    """
    if pdf.count(_SUSPECTS) != 1:
        return pdf
    return pdf.replace(_SUSPECTS, b" " * len(_SUSPECTS))


def logo_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be a letter's logo: ``"format"`` (not PNG/JPEG), ``"pixels"`` (no size in
    its header, or larger than 4000 x 4000), ``"decode"`` (typst cannot read the image), or None."""
    kind = logo_format(data)
    if kind is None:
        return "format"
    size = logo_pixels(data)
    if size is None or not (0 < size[0] <= MAX_LOGO_PIXELS and 0 < size[1] <= MAX_LOGO_PIXELS):
        return "pixels"
    with tempfile.TemporaryDirectory(prefix="netra-logo-") as root:
        Path(root, f"{LOGO_FILE}.{kind}").write_bytes(data)
        source = f'#image("{LOGO_FILE}.{kind}", width: 1cm)'.encode()
        try:
            typst.compile(source, root=root, format="pdf", ignore_system_fonts=True)  # type: ignore[call-overload]
        except typst.TypstError:
            return "decode"
    return None
