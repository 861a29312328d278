"""PDF through typst: the shipped ``letter.typ`` plus one call to its ``letter`` function.

User text enters the source only as content blocks ``[...]`` written by ``typst_escape``, so no input
can reach typst's code, math or markup syntax.
"""

import unicodedata
from datetime import UTC, datetime, time
from importlib import resources

import typst

from netra.cases.letters.data import Letter, clean_text, date_id

TEMPLATE = "letter.typ"


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


def _arguments(letter: Letter) -> dict[str, str]:
    t = letter.terlapor
    violations = (
        f"(name: {_content(v.name)}, citations: {_array(_content(c) for c in v.citations)})"
        for v in letter.violations
    )
    return {
        "office": _content(letter.office_name),
        "number": _content(letter.number),
        "nature": _content(letter.nature),
        "attachment": _content(letter.attachment),
        "subject": _content(letter.subject),
        "place-date": _content(f"{letter.place}, {date_id(letter.date)}"),
        "recipients": _array(_content(r) for r in letter.recipients),
        "copies": _array(_content(c) for c in letter.copies),
        "register": _content(letter.register_number),
        "terlapor": (f"(name: {_content(t.name)}, nip: {_content(t.nip or '-')}, "
                     f"position: {_content(t.position or '-')}, agency: {_content(t.agency or '-')})"),
        "facts": _content(letter.facts),
        "violations": _array(violations),
        "reasons": _array(_content(r) for r in letter.reasons),
        "recommendation": _content(letter.recommendation),
        "signatory-name": _content(letter.signatory_name),
        "signatory-role": _content(letter.signatory_role),
        "title": _content(f"Surat {letter.number}"),
    }


def typst_source(letter: Letter) -> str:
    """The complete typst document for ``letter`` (the template, then the call that fills it)."""
    template = resources.files(__package__).joinpath(TEMPLATE).read_text(encoding="utf-8")
    arguments = ",\n".join(f"  {name}: {value}" for name, value in _arguments(letter).items())
    return f"{template}\n#letter(\n{arguments},\n)\n"


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF; the same letter always gives the same bytes (embedded fonts, fixed date)."""
    stamp = datetime.combine(letter.date, time(0), tzinfo=UTC)
    source = typst_source(letter).encode("utf-8")
    return typst.compile(source, format="pdf", ignore_system_fonts=True, timestamp=stamp)
