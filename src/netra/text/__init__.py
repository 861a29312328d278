"""Reading Indonesian text: news facts (regions, counts, dates, legal references) and post scoring.

Pure Python: nothing here imports Django. The names below load on first use, so importing one
submodule (``netra.text.posts``) does not import the others.
"""

from importlib import import_module

_EXPORTS = {
    "read_news": "netra.text.news",
    "NewsFacts": "netra.text.news",
    "find_regions": "netra.text.gazetteer",
    "RegionMention": "netra.text.gazetteer",
    "region_by_code": "netra.text.gazetteer",
    "find_institutions": "netra.text.institutions",
    "find_legal_refs": "netra.text.legal",
    "find_dates": "netra.text.dates",
    "find_numbers": "netra.text.numbers",
    "parse_number": "netra.text.numbers",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'netra.text' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
