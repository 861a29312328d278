"""``read_news``: the facts of an Indonesian news article about civil-servant neutrality.

What happened (event types), where (regions where the reported activity happens), how many people or
cases (violations), which laws (legal references), when (the main event's date) and, for every item,
the spans of text that support it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from netra.law import regioncode
from netra.text.dates import find_dates
from netra.text.gazetteer import RegionMention, find_regions
from netra.text.institutions import NATIONAL_KINDS, InstitutionMention, find_institutions
from netra.text.legal import NEWS_KINDS, LegalRef, find_legal_refs
from netra.text.news_counts import CountMention, dominant_subject, find_counts
from netra.text.news_events import EVENT_TYPES, find_events, statistic_cue
from netra.text.news_model import LinearModel, NewsModel, article_features, count_features, shipped_model
from netra.text.numbers import NUMBER_WORDS, find_numbers
from netra.text.sentences import Span, split_lines, split_sentences

_I = re.IGNORECASE
_BOILERPLATE_LINE = re.compile(
    r"(?:lompat\s+ke\s+isi\s+utama|berita|tag|tags|tak\s+berkategori|berita\s+terkait|news\s+update"
    r"|artikel\s+terkait|bagikan|share|(?:editor|penulis|reporter|pewarta|sumber|foto|redaktur)\s*[:|].*"
    r"|(?:ilustrasi|foto|laporan\s+wartawan|copyright|\(foto)\b.*|.*(?:©|copyright).*|\|)\s*",
    _I,
)
_SEE_ALSO = re.compile(
    r"\b(?:baca\s+juga|simak\s+juga|lihat\s+juga|artikel\s+terkait|berita\s+terkait|berita\s+terkini)\b"
    r"\s*:?[^\n]*|\bbaca\s*:[^\n]*",
    _I,
)
# A "Baca juga" or "Berita terkait" header alone on its line: the headlines of other articles follow it.
_SEE_ALSO_HEADER = re.compile(
    r"\s*(?:[-•]\s*)?(?:baca\s+juga|berita\s+terkait|berita\s+terkini|artikel\s+terkait|baca\s+lainnya"
    r"|bacaan\s+lainnya|populer|terpopuler)\s*:?\s*",
    _I,
)
_HEADLINE_ITEM = re.compile(r"\s*(?:[-•*]|\d+\.)\s+\S.*")
_TOPIC = re.compile(
    r"netral|keberpihakan|berpihak|politik\s+praktis|kampanye|pelanggaran\s+pemilu|pasangan\s+calon|paslon"
    r"|partai\s+politik|deklarasi\s+dukungan|calon\s+(?:bupati|wali\s*kota|gubernur|presiden|legislatif)"
    r"|pilkada|pemilu\b|pemilihan\s+(?:umum|kepala\s+daerah)",
    _I,
)
_CIVIL_SERVANT = re.compile(
    r"\b(?:asn|pns|pppk|ppnpn|honorer|aparatur|pegawai|kepala\s+desa|kades|perangkat\s+desa|lurah|camat"
    r"|birokrasi|non[\s-]?asn|kepala\s+dinas|kadis|guru|sekda|sekretaris\s+daerah|pejabat)\b",
    _I,
)
_ATTENDEES = re.compile(r"\b(?:dihadiri|hadir|turut\s+hadir|diikuti|terundang|mengundang|undangan)\b", _I)
_SPEAKING = re.compile(
    r"\b(?:mengatakan|menyampaikan|disampaikan|dikatakan|diungkapkan|ujar|ujarnya|kata|katanya|menuturkan"
    r"|menegaskan|menjelaskan|berbicara"
    r"|saat\s+(?:ditemui|dikonfirmasi)|dalam\s+keterangan|pidato)\b",
    _I,
)
_NATIONAL_ACTOR = re.compile(r"\b(?:menteri|menpan[\s-]?rb|mendagri|bawaslu\s+ri|ketua\s+bawaslu\s+ri)\b", _I)
_NATIONAL_SCOPE = re.compile(
    r"\b(?:nasional|se-?indonesia|seluruh\s+indonesia|di\s+indonesia|tanah\s+air|secara\s+nasional)\b", _I
)
# Dozens of people are an aggregate, not a single finding ("Sebanyak 1.376 ASN terbukti melanggar").
_AGGREGATE_COUNT = 50
_QUALIFIER_GAP = re.compile(
    r"\s*[,(/]?\s*(?:di\s+|,\s*)?", re.IGNORECASE
)  # "Bintan, Kepri", "Lingga di Kepri"
_DATELINE_END = re.compile(r"\s*(?:,\s*[\w./]+\s*)?(?:\([^)]{0,40}\)\s*)?[,\-–—:|]")
# Before a dateline on its line: nothing, or the site's name ("Holopis.com HOLOPIS.COM, ", "DARA | ").
_DATELINE_PREFIX_WORD = re.compile(r"[^a-z]+|\S*\.(?:com|id|co|net|news)\S*")
_QUALIFIER_PAREN = re.compile(r"\s*\([^()\n]{1,30}\)")  # "Luwu Utara (Lutra), Sulawesi Selatan"
# A statement's venue: "kata Lolly di Manado, Sulawesi Utara, Kamis"; "saat ditemui di Surabaya".
_STATEMENT_VENUE = re.compile(
    r"\b(?:kata|katanya|ujar|ujarnya|ucap|ucapnya|tutur|tuturnya|jelas|jelasnya|tegas|tegasnya|ungkap"
    r"|ungkapnya"
    r"|terang|terangnya|mengatakan|menjelaskan|menyampaikan|menegaskan|mengungkapkan|mengemukakan|ditemui"
    r"|dikonfirmasi|diwawancarai|dihubungi|kepada\s+(?:para\s+)?(?:wartawan|media|awak\s+media))\b[^.;\n]{0,80}?"
    r"\bdi\s+(?:[A-Z][\w.'-]*\s+){0,4}$"
)
# "Rofiuddin di Semarang, Senin, mengatakan ...": the venue named before the speech verb.
_VENUE_THEN_SPEECH = re.compile(
    r",\s*(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b[^,.]{0,20},\s*(?:mengatakan|menyampaikan|menjelaskan"
    r"|menegaskan|mengungkapkan|mengemukakan|menuturkan)\b",
    _I,
)
_SITE_NAME = re.compile(r"\.(?:com|co|id|net)\b", _I)  # "Tribun-Medan.com"
_NAME_LIST = re.compile(r"\s*,\s*[A-Z][\w-]+\s*,\s*[A-Z]")  # "Kecamatan Buleleng, Sawan, Kubutambahan"
_RANKING = re.compile(r"\b(?:rawan|kerawanan|ikp)\b", _I)
_AFTER_VENUE = re.compile(
    r"\s*(?:[,.(]|$|\s+(?:pada\s+)?(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b)", _I
)
# Someone's former office or an institution's name, not a place where anything happens.
_BACKGROUND = re.compile(
    r"\b(?:mantan|eks|sempat\s+menjadi|pernah\s+(?:menjabat|menjadi)|dilantik(?:\s+\w+){0,3}|DPRD|DPD"
    r"|UIN"
    r"|Universitas|Regional(?:\s+[IVX]+)?|kelahiran|asal)\s+(?:\(?\w+\)?\s+){0,3}$"
)
# The seat of a national body: "KASN di Jakarta", "Istana Kepresidenan Jakarta".
_NATIONAL_SEAT = re.compile(
    r"\b(?:KASN|KPU\s+RI|KPU\s+Pusat|Bawaslu\s+RI|Istana|KSP|DPR(?:\s+RI)?|Senayan|Parlemen|Gedung\s+Bawaslu"
    r"|Media\s+Center|Kemendagri|BKN|Mahkamah\s+Konstitusi|MK)\b[^.\n]{0,40}$"
)
_NO_FINDING = re.compile(
    r"\bbelum\s+(?:tercatat|ada\s+(?:laporan|pelanggaran|temuan))|\btidak\s+diikuti\b", _I
)
_PERSON_BEFORE = re.compile(r"\b([A-Z][a-z]{2,})\s$")
_CAPITALISED_NON_NAMES = (
    "Bawaslu Panwaslih Panwaslu Panwascam KPU Pemkab Pemkot Pemprov Pilkada Pilgub Pilbup Pilwalkot "
    "Pemilu Pemilihan Kabupaten Kota Provinsi Kecamatan Desa Kampung Gubernur Bupati Walikota Wali "
    "Sekda Polres Polda Kodim Korem Kejari Kejati Dinas Kantor Warga Masyarakat Dapil Selatan Utara "
    "Barat Timur Tengah Raya Besar Kepulauan Daya Tribun Berita Ketua Anggota Kabupatennya Wilayah "
    "Daerah Pemerintah Pemda Pj Plt Pjs Kabid Kasat Dandim Kapolres Kapolda Danrem Kesbangpol "
    "Inspektorat Sekretariat Satpol Rakor Ibukota Kampanye Distrik Kelurahan Nagari Pulau Teluk "
    "Tanah Bumi Gedung Hotel Kawasan Lapangan Pasar Jalan Jl Di Dari Ke "
)
_NOT_A_FIRST_NAME = frozenset(_CAPITALISED_NON_NAMES.split())
_NOT_THE_EVENT_DATE = re.compile(
    r"(?:pemungutan\s+suara|pencoblosan|hari\s+h|jadwal|tahapan|paling\s+lambat|batas|hingga|sampai|sejak"
    r"|lahir|diundangkan|mendatang|akan\s+digelar|akan\s+dilaksanakan|dimulai|mulai|tertanggal|dijadwalkan"
    r"|rencananya|penetapan)\W+(?:\w+\W+){0,3}$",
    _I,
)
# Voting days: a date on one of them without a weekday names the election, not the event reported.
_VOTING_DAYS = frozenset({"2019-04-17", "2020-12-09", "2024-02-14", "2024-11-27", "2025-08-27"})


@dataclass(frozen=True, slots=True)
class Violation:
    subject: str
    count: int
    region_code: str | None


@dataclass(slots=True)
class NewsFacts:
    id: str | None
    event_types: list[str]
    regions: list[dict[str, str]]
    violations: list[Violation]
    legal_refs: list[str]
    date: str | None
    evidence: dict[str, Any] = field(default_factory=dict)  # the JSON evidence spans, by kind

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``netra analyze news``."""
        return {
            "id": self.id,
            "event_types": list(self.event_types),
            "regions": [dict(r) for r in self.regions],
            "violations": [
                {"subject": v.subject, "count": v.count, "region_code": v.region_code}
                for v in self.violations
            ],
            "legal_refs": list(self.legal_refs),
            "date": self.date,
            "evidence": self.evidence,
        }


@dataclass(slots=True)
class _Article:
    text: str
    excluded: list[tuple[int, int]]
    title: Span | None
    sentences: list[Span]
    regions: list[RegionMention]
    institutions: list[InstitutionMention]
    _starts: list[int] = field(default_factory=list)
    _by_sentence: dict[int, list[RegionMention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]
        for mention in self.regions:
            index = self.sentence_index(mention.start)
            if index is not None:
                self._by_sentence.setdefault(index, []).append(mention)

    def sentence_index(self, position: int) -> int | None:
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and self.sentences[index].start <= position < self.sentences[index].end:
            return index
        return None

    def sentence_at(self, position: int) -> Span | None:
        index = self.sentence_index(position)
        return None if index is None else self.sentences[index]

    def regions_in(self, sentence: Span) -> list[RegionMention]:
        index = self.sentence_index(sentence.start)
        return self._by_sentence.get(index, []) if index is not None else []

    def in_title(self, position: int) -> bool:
        return self.title is not None and self.title.start <= position < self.title.end


def _spans(text: str, spans: list[tuple[int, int]]) -> list[dict[str, int | str]]:
    return [{"start": s, "end": e, "text": text[s:e]} for s, e in sorted(set(spans))]


@dataclass(slots=True)
class RuleReading:
    """What the rules alone read: the candidates the learned layer decides on (used for training too)."""

    article: _Article
    on_topic: bool
    regions: dict[str, list[RegionMention]]
    counts: list[tuple[Violation, tuple[int, int], bool]]
    events: dict[str, list[tuple[int, int]]]

    def count_features(self, index: int) -> list[str]:
        violation, (start, end), cases = self.counts[index]
        sentence = self.article.sentence_at(start)
        base = sentence.start if sentence else start
        body = sentence.text(self.article.text) if sentence else self.article.text[start:end]
        in_title = self.article.in_title(start)
        return count_features(body, start - base, end - base, violation.subject, cases, in_title)


_SHIPPED = object()  # read_news(model=...) default: the model in the package
# The learned layer saw only article-length texts (the shortest corpus excerpt has 479 characters); a
# shorter text is read by the rules alone.
_MODEL_MIN_CHARS = 400


def read_by_rules(text: str) -> RuleReading:
    article = _prepare(text)
    on_topic = bool(_TOPIC.search(text) and _CIVIL_SERVANT.search(text))
    regions = _relevant_regions(article)
    counts = _violations(article, regions)
    events = _event_types(article, counts)
    return RuleReading(article, on_topic, regions, counts, events)


def read_news(text: str, id: str | None = None, model: NewsModel | object | None = _SHIPPED) -> NewsFacts:
    """The facts of one news article (plain text, as published). ``model``: the learned layer that decides
    event types and which counts are violation counts (default: the one shipped in the package; None:
    the rules alone)."""
    if not isinstance(text, str):
        raise TypeError(f"read_news expects the article text as str, got {type(text).__name__}")
    reading = read_by_rules(text)
    learned = shipped_model() if model is _SHIPPED else model
    if isinstance(learned, NewsModel) and len(text) >= _MODEL_MIN_CHARS:
        event_types, events, counts = _decide(reading, learned)
    else:
        counts = reading.counts if reading.on_topic else []
        events = reading.events if reading.on_topic else {}
        event_types = [e for e in EVENT_TYPES if e in events] if reading.on_topic else ["lainnya"]
    return _facts(reading, id, event_types, events, counts)


def _decide(
    reading: RuleReading, model: NewsModel
) -> tuple[list[str], dict[str, list[tuple[int, int]]], list[tuple[Violation, tuple[int, int], bool]]]:
    """Event types and counts where the model and the rules agree: a type is kept when the model is sure,
    or when a rule fired and the model does not disagree much; each keeps the rule's spans, else the
    words that weighed most."""
    text = reading.article.text
    features = article_features(text)
    probabilities = model.event_probabilities(features)
    with_rule = model.rule_thresholds
    off_topic = model.events.get("lainnya")
    off_topic_p = probabilities.get("lainnya", 0.0)
    if off_topic and _accepted(off_topic, off_topic_p, not reading.on_topic, with_rule.get("lainnya")):
        return ["lainnya"], {"lainnya": _learned_evidence(text, off_topic, features)}, []
    events: dict[str, list[tuple[int, int]]] = {}
    for event in EVENT_TYPES:
        learned = model.events.get(event)
        fired = event in reading.events
        if learned is None:
            if fired:
                events[event] = reading.events[event]
            continue
        if _accepted(learned, probabilities[event], fired, with_rule.get(event)):
            events[event] = reading.events[event] if fired else _learned_evidence(text, learned, features)
    counts = [
        count
        for index, count in enumerate(reading.counts)
        if model.counts.probability(reading.count_features(index)) >= model.counts.threshold
    ]
    finding = "temuan_pelanggaran"
    if counts and finding in reading.events and "statistik" not in events:
        events[finding] = reading.events[finding]  # a kept count of persons found is a finding
    return [e for e in EVENT_TYPES if e in events], events, counts


def _accepted(model: LinearModel, probability: float, fired: bool, with_rule: float | None) -> bool:
    return probability >= model.threshold or (fired and with_rule is not None and probability >= with_rule)


def _learned_evidence(text: str, model: LinearModel, features: set[str]) -> list[tuple[int, int]]:
    """The span of the word or word pair that weighed most for the model's answer."""
    for feature in model.strongest(features):
        kind, _, value = feature.partition(":")
        if kind not in ("w", "b") or not value:
            continue
        pattern = r"\W+".join(re.escape(part) for part in value.split("_"))
        found = re.search(rf"(?<![\w]){pattern}(?![\w])", text, re.IGNORECASE)
        if found:
            return [(found.start(), found.end())]
    return []


def _facts(
    reading: RuleReading,
    id: str | None,
    event_types: list[str],
    events: dict[str, list[tuple[int, int]]],
    counts: list[tuple[Violation, tuple[int, int], bool]],
) -> NewsFacts:
    article, text, regions = reading.article, reading.article.text, reading.regions
    legal, doubtful = _legal_refs(article)
    date = _main_date(article, events)
    violations: dict[Violation, list[tuple[int, int]]] = {}
    for violation, span, _ in counts:
        violations.setdefault(violation, []).append(span)
    evidence = {
        "event_types": {e: _spans(text, events[e]) for e in event_types if e in events},
        "regions": {code: _spans(text, [(m.start, m.end) for m in ms]) for code, ms in regions.items()},
        "violations": [_spans(text, spans) for spans in violations.values()],
        "legal_refs": {ref: _spans(text, spans) for ref, spans in legal.items()},
        "date": _spans(text, [date[1]]) if date else [],
        "warnings": [
            {"field": "legal_refs", "ref": r.ref, "message": r.warning}
            | {"start": r.start, "end": r.end, "text": r.text}
            for r in doubtful
        ],
    }
    return NewsFacts(
        id=id,
        event_types=event_types,
        regions=[{"code": ms[0].code, "name": ms[0].name, "level": ms[0].level} for ms in regions.values()],
        violations=list(violations),
        legal_refs=list(legal),
        date=date[0] if date else None,
        evidence=evidence,
    )


def _prepare(text: str) -> _Article:
    excluded = [(m.start(), m.end()) for m in _SEE_ALSO.finditer(text)]
    lines = split_lines(text)
    excluded += [(ln.start, ln.end) for ln in lines if _BOILERPLATE_LINE.fullmatch(ln.text(text))]
    excluded += _other_headlines(text, lines)
    body_lines = [ln for ln in lines if not _inside(ln.start, excluded)]
    title = None
    if body_lines and len(body_lines[0].text(text)) <= 200 and not body_lines[0].text(text).endswith("."):
        title = body_lines[0]
    sentences = [s for s in split_sentences(text) if not _inside(s.start, excluded)]
    regions = [r for r in find_regions(text) if not _inside(r.start, excluded)]
    return _Article(text, excluded, title, sentences, regions, find_institutions(text, regions))


def _other_headlines(text: str, lines: list[Span]) -> list[tuple[int, int]]:
    """The list of other articles' headlines under a "Baca juga:" or "Berita terkait" header line."""
    spans: list[tuple[int, int]] = []
    in_list = False
    for line in lines:
        body = line.text(text)
        if _SEE_ALSO_HEADER.fullmatch(body):
            in_list = True
            spans.append((line.start, line.end))
        elif in_list and (_HEADLINE_ITEM.fullmatch(body) or (len(body) <= 160 and body.rstrip()[-1:] != ".")):
            spans.append((line.start, line.end))
        elif body.strip():
            in_list = False
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


# --- regions -------------------------------------------------------------------------------------------


def _relevant_regions(article: _Article) -> dict[str, list[RegionMention]]:
    """Code -> the mentions that place the reported activity there, in order of first mention."""
    institutions = article.institutions
    chosen: dict[str, list[RegionMention]] = {}
    for index, mention in enumerate(article.regions):
        if _counts_as_place(article, index, mention, institutions):
            chosen.setdefault(mention.code, []).append(mention)
    return chosen


def _counts_as_place(
    article: _Article, index: int, mention: RegionMention, institutions: list[InstitutionMention]
) -> bool:
    if article.in_title(mention.start):
        return True
    if _is_dateline(article.text, mention) or _qualifies_previous(article, index, mention):
        return False
    sentence = article.sentence_at(mention.start)
    if sentence is None:
        return False
    before = article.text[sentence.start : mention.start]
    if _ATTENDEES.search(before):
        return False  # in the list of those who attended, not where it happened
    if _not_a_locus(article, sentence, before, mention):
        return False
    index = article.sentences.index(sentence)
    context = article.sentences[max(0, index - 1)].start
    return not _national_speech_venue(article.text, sentence, context, mention, institutions)


def _not_a_locus(article: _Article, sentence: Span, before: str, mention: RegionMention) -> bool:
    """A statement's venue, a former office, an institution's name, the seat of a national body, a place
    said to have no case, a person's surname, or one of many kecamatan listed as background."""
    text = article.text
    if _STATEMENT_VENUE.search(before) and _AFTER_VENUE.match(text, mention.end):
        return True
    if before.endswith("di ") and _VENUE_THEN_SPEECH.match(text, mention.end):
        return True
    if _SITE_NAME.match(text, mention.end) or _alias_in_brackets(article, mention):
        return True
    if _ranked_list(article, sentence):
        return True
    if _BACKGROUND.search(before[-60:]) or _NO_FINDING.search(sentence.text(text)):
        return True
    if mention.code.startswith("31") and _NATIONAL_SEAT.search(before[-70:]):
        return True
    if mention.marker is None and mention.level != "provinsi":
        person = _PERSON_BEFORE.search(before[-30:])
        if person and person.group(1) not in _NOT_A_FIRST_NAME and text[mention.end : mention.end + 1] != ",":
            return True  # "Letkol Inf Fernando Batubara": a surname, not the kabupaten
    if mention.level == "kecamatan":
        listed = sum(m.level == "kecamatan" for m in article.regions_in(sentence)) >= 3
        return listed or bool(_NAME_LIST.match(text, mention.end))
    return False


def _alias_in_brackets(article: _Article, mention: RegionMention) -> bool:
    """ "Sulawesi Selatan (Sulsel)": the bracketed alias stands or falls with the name before it."""
    previous = [m for m in article.regions if m.end <= mention.start]
    return (
        bool(previous)
        and previous[-1].code == mention.code
        and (article.text[previous[-1].end : mention.start].strip() == "(")
    )


def _ranked_list(article: _Article, sentence: Span) -> bool:
    """A list of regions ranked by vulnerability (Bawaslu's IKP): risk, not places where anything happened."""
    if len(article.regions_in(sentence)) < 4:
        return False
    index = article.sentence_index(sentence.start) or 0
    context = article.text[article.sentences[max(0, index - 1)].start : sentence.end]
    return bool(_RANKING.search(context))


def _is_dateline(text: str, mention: RegionMention) -> bool:
    """ "Tanjungpinang, ...", "KAJEN – ..." or "Liputan6.com, Palembang - ..." opening a paragraph; a name
    with a marker ("Kabupaten Penajam ...") opening a line is a wrapped sentence, not a dateline."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    prefix = text[line_start : mention.start]
    if mention.marker is not None or len(prefix) > 40:
        return False
    if not all(_DATELINE_PREFIX_WORD.fullmatch(word) for word in prefix.split()):
        return False
    return bool(_DATELINE_END.match(text, mention.end))


def _qualifies_previous(article: _Article, index: int, mention: RegionMention) -> bool:
    """A province written only to say where the kabupaten/kota before it lies: "Bintan, Kepulauan Riau",
    "Luwu Utara (Lutra), Sulawesi Selatan"."""
    if mention.level != "provinsi" or index == 0:
        return False
    previous = article.regions[index - 1]
    gap = article.text[previous.end : mention.start]
    paren = _QUALIFIER_PAREN.match(gap)
    gap = gap[paren.end() :] if paren else gap.lstrip(")")
    return regioncode.below(previous.code, mention.code) and bool(_QUALIFIER_GAP.fullmatch(gap))


def _national_speech_venue(
    text: str, sentence: Span, context: int, mention: RegionMention, institutions: list[InstitutionMention]
) -> bool:
    """The city where a national official spoke ("Kepala BKN ... di Jakarta, mengatakan ..."); the
    official may be named in the sentence before ("Hal itu disampaikan di Jakarta")."""
    body = sentence.text(text)
    if not _SPEAKING.search(body) or not re.search(
        r"\bdi\s+(?:[A-Z][\w&.'-]*,?\s+){0,6}$", text[max(sentence.start, mention.start - 60) : mention.start]
    ):
        return False  # fmt: skip
    nearby = [i for i in institutions if context <= i.start < sentence.end]
    national = any(i.kind in NATIONAL_KINDS or i.level == "nasional" for i in nearby)
    regional = any(i.region_code for i in nearby)
    return (national or bool(_NATIONAL_ACTOR.search(text, context, sentence.end))) and not regional


# --- violations ----------------------------------------------------------------------------------------


def _violations(
    article: _Article, regions: dict[str, list[RegionMention]]
) -> list[tuple[Violation, tuple[int, int], bool]]:
    """Every explicit count with the region it belongs to, its span and whether it counts cases; the
    same count written twice (headline and body) appears twice."""
    default = _article_region(regions)
    places = {id(m) for mentions in regions.values() for m in mentions}
    found: list[tuple[Violation, tuple[int, int], bool]] = []
    subject = None  # a count that does not name its subject ("14 laporan") takes the one before it
    for sentence in article.sentences:
        body = sentence.text(article.text)
        counts = find_counts(body, sentence.start)
        previous_end = sentence.start
        for count in counts:
            code = _count_region(article, sentence, count, previous_end, default, body, places)
            previous_end = count.end
            subject = count.subject or subject or dominant_subject(article.text)
            reported = "ASN" if subject == "PNS" else subject  # news-labels.md: ASN, also PNS
            found.append((Violation(reported, count.count, code), (count.start, count.end), count.cases))
    found += _breakdown_counts(article, places, found)
    return found


_BEFORE_BREAKDOWN = re.compile(
    r"\s*(?:\(|:|,|=)?\s*(?:ada|sebanyak|terdapat|berjumlah|yakni|yaitu|dengan|mencatat|tercatat)?\s*$", _I
)
_AFTER_BREAKDOWN = re.compile(
    r"\s*(?:orang|oknum|asn|pns|kasus|pelanggaran|laporan|temuan|aduan|dugaan)?(?:\s+[a-z]+){0,3}?\s+di\s+$",
    _I,
)
_EACH = re.compile(r"\bmasing[\s-]+masing\s+(?:[a-z]+\s+){0,2}$", _I)
_NOT_A_TALLY = re.compile(
    r"\s*(?:%|persen|tahun|hari|bulan|tps|kecamatan|desa|kelurahan|kabupaten|kota)\b", _I
)
_HAS_NUMBER = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", _I)
_BREAKDOWN_CASES = re.compile(r"\s*(?:kasus|pelanggaran|laporan|temuan|aduan|dugaan)\b", _I)


def _breakdown_counts(
    article: _Article, places: set[int], known: list[tuple[Violation, tuple[int, int], bool]]
) -> list[tuple[Violation, tuple[int, int], bool]]:
    """Regional breakdowns the subject-based rules miss: "Pinrang ada 17, Palopo 8", "8 di Palopo",
    "Sidrap, Sinjai dan Takalar masing-masing 2 pelanggaran". The learned count model decides which
    are violation counts; here every such number is a candidate with its region."""
    taken = [span for _, span, _ in known]
    subject = ""  # the article's main subject, looked up at the first breakdown found
    found: list[tuple[Violation, tuple[int, int], bool]] = []
    for sentence in article.sentences:
        mentions = [m for m in article.regions_in(sentence) if id(m) in places]
        if not mentions:
            continue
        body = sentence.text(article.text)
        if not _HAS_NUMBER.search(body):
            continue  # find_numbers is the costly part; most sentences have no number at all
        previous_number = sentence.start
        for number in find_numbers(body):
            start, end = sentence.start + number.start, sentence.start + number.end
            value = number.value
            if not isinstance(value, int) or value < 1 or re.fullmatch(r"(?:19|20)\d\d", number.text):
                continue
            if any(s <= start < e for s, e in taken) or _NOT_A_TALLY.match(article.text, end):
                previous_number = end
                continue
            codes = _breakdown_regions(article.text, mentions, start, end, previous_number)
            previous_number = end
            cases = bool(_BREAKDOWN_CASES.match(article.text, end))
            if codes and not subject:
                subject = dominant_subject(article.text)
                subject = "ASN" if subject in ("PNS", "lainnya") else subject
            for code in codes:
                found.append((Violation(subject, value, code), (start, end), cases))
    return found


def _breakdown_regions(
    text: str, mentions: list[RegionMention], start: int, end: int, previous_number: int
) -> list[str]:
    before = [m for m in mentions if previous_number <= m.end <= start]
    if before and _BEFORE_BREAKDOWN.fullmatch(text[before[-1].end : start]):
        return [before[-1].code]  # "Pinrang ada 17", "Palopo 8"
    if _EACH.search(text[max(previous_number, start - 40) : start]):
        return [m.code for m in before]  # "Sidrap, Sinjai, dan Takalar masing-masing ditemukan 2"
    after = next((m for m in mentions if end <= m.start <= end + 60), None)
    if after and _AFTER_BREAKDOWN.fullmatch(text[end : after.start]):
        return [after.code]  # "8 di Palopo"
    return []


def _article_region(regions: dict[str, list[RegionMention]]) -> str | None:
    """The region the article is about: the first one named, when every other lies inside it or holds it."""
    codes = list(regions)
    if not codes:
        return None
    first = codes[0]
    related = all(regioncode.related(c, first) for c in codes)
    return first if related else None


def _count_region(
    article: _Article,
    sentence: Span,
    count: CountMention,
    previous_end: int,
    default: str | None,
    body: str,
    places: set[int],
) -> str | None:
    """The region a count belongs to: named before it in the same clause, or "di X" right after it,
    else the article's own region unless the sentence is national."""
    in_sentence = [m for m in article.regions if sentence.start <= m.start < sentence.end and id(m) in places]
    before = [m for m in in_sentence if previous_end <= m.start < count.start]
    if before:
        return before[-1].code
    after = [m for m in in_sentence if count.end <= m.start <= count.end + 60]
    if after and re.search(r"\b(?:di|dari|asal|se)\W*$", article.text[count.end : after[0].start + 3][:60]):
        return after[0].code
    if in_sentence:
        return in_sentence[-1].code
    national_actor = any(
        i.kind in NATIONAL_KINDS or i.level == "nasional"
        for i in article.institutions
        if sentence.start <= i.start < sentence.end
    )
    if national_actor or _NATIONAL_SCOPE.search(body) or _NATIONAL_ACTOR.search(body):
        return None
    return default


# --- events, laws, date --------------------------------------------------------------------------------


def _event_types(
    article: _Article, counts: list[tuple[Violation, tuple[int, int], bool]]
) -> dict[str, list[tuple[int, int]]]:
    """Event types from the trigger words, plus what the counts show: a count in an aggregate sentence
    ("Bawaslu mencatat ...") is a statistic, a count of persons elsewhere a finding."""
    events = find_events(article.text, article.sentences)
    aggregate = {
        sentence
        for violation, span, _ in counts
        if (sentence := article.sentence_at(span[0]))
        and (statistic_cue(sentence.text(article.text)) or violation.count >= _AGGREGATE_COUNT)
    }
    _drop_inside(events, "temuan_pelanggaran", aggregate)
    # A figure in an aggregate sentence is a statistic wherever else it is repeated (the headline).
    statistics = {v for v, span, _ in counts if article.sentence_at(span[0]) in aggregate}
    for violation, span, cases in counts:
        sentence = article.sentence_at(span[0])
        if violation in statistics or violation.count >= _AGGREGATE_COUNT:
            cue = statistic_cue(sentence.text(article.text)) if sentence is not None else None
            if sentence is not None and cue is not None:
                evidence = (sentence.start + cue.start(), sentence.start + cue.end())
            else:
                evidence = span
            events.setdefault("statistik", []).append(evidence)
        elif cases and "statistik" in events:
            events["statistik"].append(span)  # "disusul Kabupaten Gowa dengan 9 laporan"
        elif not cases:
            events.setdefault("temuan_pelanggaran", []).append(span)
    return events


def _drop_inside(events: dict[str, list[tuple[int, int]]], event: str, sentences: set[Span]) -> None:
    kept = [span for span in events.get(event, []) if not any(s.start <= span[0] < s.end for s in sentences)]
    if kept:
        events[event] = kept
    else:
        events.pop(event, None)


def _legal_refs(article: _Article) -> tuple[dict[str, list[tuple[int, int]]], list[LegalRef]]:
    """Normalised reference -> spans, for the kinds news-labels.md lists; and the references whose written
    year looks wrong."""
    refs: dict[str, list[tuple[int, int]]] = {}
    doubtful: list[LegalRef] = []
    for ref in find_legal_refs(article.text):
        if _inside(ref.start, article.excluded) or ref.kind not in NEWS_KINDS:
            continue
        refs.setdefault(ref.ref, []).append((ref.start, ref.end))
        if ref.warning:
            doubtful.append(ref)
    return refs, doubtful


def _main_date(
    article: _Article, events: dict[str, list[tuple[int, int]]]
) -> tuple[str, tuple[int, int]] | None:
    """The ISO date of the main event: a full date, preferring one with a weekday, in an event sentence,
    early in the article; never an election-day or deadline date."""
    event_spans = [span for spans in events.values() for span in spans]
    best, best_score = None, 0
    for rank, mention in enumerate(d for d in find_dates(article.text) if d.iso):
        if _inside(mention.start, article.excluded):
            continue
        if _NOT_THE_EVENT_DATE.search(article.text[max(0, mention.start - 60) : mention.start]):
            continue
        sentence = article.sentence_at(mention.start)
        in_event = sentence is not None and any(sentence.start <= s < sentence.end for s, _ in event_spans)
        if mention.weekday is None and (mention.iso in _VOTING_DAYS or (not in_event and rank > 0)):
            continue  # a bare date outside the sentences that report the event: a schedule, a decree
        score = 1 + 2 * (mention.weekday is not None) + 2 * in_event + (rank == 0)
        if score > best_score:
            best, best_score = mention, score
    return (best.iso, (best.start, best.end)) if best and best.iso else None
