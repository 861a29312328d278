"""The data files themselves: every rule is cited, marks are known, sources come from domain.md."""

import tomllib
from importlib import resources

from netra.law import sources
from tests.shared_data import shared_path


def _citations():
    for inst in sources.instruments():
        for kind, rules in inst.rules.items():
            for rule in rules:
                for raw in rule.get("citations", []):
                    yield inst, kind, rule, sources.citation_from(raw, inst.short)


def test_every_file_is_one_instrument_with_a_unique_id():
    files = [f for f in resources.files("netra.law").joinpath("data").iterdir() if f.name.endswith(".toml")]
    ids = [tomllib.loads(f.read_text(encoding="utf-8"))["instrument"]["id"] for f in files]
    assert len(ids) == len(set(ids)) == len(sources.instruments())


def test_every_rule_has_a_citation():
    for inst in sources.instruments():
        for kind, rules in inst.rules.items():
            for rule in rules:
                assert rule.get("citations"), f"{inst.id} {kind} {rule.get('id') or rule.get('code')}"


def test_unverified_citations_say_what_is_unverified():
    for inst, kind, rule, citation in _citations():
        if citation.confidence == "M":
            assert citation.note, f"{inst.id} {kind} {rule.get('id') or rule.get('code')}"


def test_every_source_url_is_one_recorded_in_domain_md():
    domain = shared_path("docs", "domain.md").read_text(encoding="utf-8")
    missing = {c.url for _, _, _, c in _citations() if c.url and c.url not in domain}
    assert missing == set()


def test_citation_text():
    citation = sources.Citation("PP 94/2021", "Pasal 5", letter="n", point="3", confidence="S")
    assert str(citation) == "PP 94/2021 Pasal 5 huruf n angka 3 [S]"
    assert citation.unverified is False
    practice = sources.Citation("Praktik Bawaslu", note="diteruskan ke bupati", confidence="S")
    assert practice.label() == "Praktik Bawaslu: diteruskan ke bupati [S]"
