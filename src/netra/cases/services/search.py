"""The case's ``search_text``: the words of everything staff search by, as the full-text index reads them.

Words are lower-case ASCII letters and digits separated by single spaces ("Dinas Pendidikan
21.01/2024" -> "dinas pendidikan 21 01 2024"), so PostgreSQL's ``simple`` text search parser and
SQLite's FTS5 ``unicode61`` tokenizer cut exactly the same words and both engines find the same
cases (``netra.cases.fulltext``).
"""

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY_WORDS = 8  # more words narrow nothing a person types, and cost the index


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _SPACE.sub(" ", re.sub(r"[^\w./-]+", " ", folded.lower())).strip()


def search_words(text: str) -> list[str]:
    """The searchable words of ``text`` (accents folded, punctuation dropped), in order."""
    return _WORD.findall(normalise(text))


def search_text_of(*parts: str | None) -> str:
    """The ``search_text`` value for the given texts."""
    return " ".join(search_words(" ".join(p for p in parts if p)))


def search_text_for(case, terlapor=None) -> str:
    """``terlapor``: the case's terlapor when they are at hand (not yet stored); else they are read."""
    parts = [case.register_number or "", case.title, case.description, case.place]
    for person in case.terlapor.all() if terlapor is None else terlapor:
        parts += [person.name, person.nip, person.agency_name, person.position]
        if person.agency_id:
            parts.append(person.agency.name)
    return search_text_of(*parts)


def search_text_refresh(case) -> None:
    type(case).objects.filter(pk=case.pk).update(search_text=search_text_for(case))
