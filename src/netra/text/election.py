"""Election configuration: who runs, under which numbers, parties, slogans, hashtags and gestures.

``ElectionConfig.load(path)`` reads a TOML file (examples in benchmarks/devset/election_*.toml) and
compiles its phrases once into a matcher, so scoring thousands of posts does no per-post setup.
``parse_config(text, fmt)`` reads the same shape from TOML or JSON text, ``ElectionConfig.check(data)``
lists every problem of such a mapping (each row's, not only the first), and ``dump_toml(data)`` writes
it back. Errors carry a ``code`` and ``params`` so that an interface can word them in its own language.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from netra.law.timezones import UnknownProvince, zoneinfo_for
from netra.text.cues import PARTISAN, Cue, CueSpec, PhraseMatcher, generic_matcher
from netra.text.normalize import Token

REGIMES = ("pemilu", "pemilihan")
# Words after which a number is a ballot number ("nomor urut 2", "paslon 02", "coblos 3").
BALLOT_PREFIXES = frozenset({
    "nomor", "no", "nmr", "nomer", "nmor", "urut", "paslon", "pasangan", "capres", "cawapres", "cagub",
    "cabup", "cawalkot", "calon", "coblos", "nyoblos", "pilih", "salam", "dukung", "kandidat",
})  # fmt: skip
BALLOT_FILLERS = frozenset({"urut", "nomor", "no", "nmr", "nomer", "calon", "paslon"})
NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6}
_GLUED_BALLOT_RE = re.compile(r"^(?:no|nmr|nomor|nomer|paslon|coblos)0?([1-9])$")
_HASHTAG_NUMBER_RE = re.compile(r"(?:^#|\D)0([1-9])(?:\D|$)")
_DATE_PUNCT = "/-:."
# Words before a zero-padded number that make it an address, a class or a time, not a ballot number.
NOT_BALLOT_BEFORE = frozenset(
    ("rt", "rw", "kelas", "lantai", "lt", "blok", "gang", "gg", "jam", "pukul", "tgl", "tanggal", "kamar")
)
# "kader Gerindra", "pengurus PDI Perjuangan": party membership (row D-5).
MEMBERSHIP_ROLES = ("kader", "pengurus", "anggota", "ketua", "sekretaris", "bendahara")


_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
FORMATS = ("toml", "json")


class ElectionConfigError(ValueError):
    """The election configuration file is missing, unreadable or inconsistent.

    ``code`` names the rule (for messages in another language), ``params`` its values; ``section``
    ("candidates", "parties", "period" or "") and ``row`` (1-based) say where, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        params: dict[str, Any] | None = None,
        section: str = "",
        row: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.params = params or {}
        self.section = section
        self.row = row

    def at(self, section: str, row: int | None) -> ElectionConfigError:
        """This error, located at ``row`` of ``section``."""
        located = ElectionConfigError(str(self), code=self.code, params=self.params, section=section, row=row)
        located.__cause__ = self.__cause__
        return located


@dataclass(frozen=True)
class Candidate:
    number: int
    names: tuple[str, ...]
    nicknames: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    gestures: tuple[str, ...] = ()
    colour: str = ""  # "#RRGGBB", for display only

    @property
    def label(self) -> str:
        return f"{self.number:02d}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"number": self.number, "names": list(self.names)}
        for key in ("nicknames", "parties", "slogans", "hashtags", "gestures"):
            data[key] = list(getattr(self, key))
        if self.colour:
            data["colour"] = self.colour
        return data


@dataclass(frozen=True)
class Party:
    name: str
    abbreviations: tuple[str, ...] = ()
    colour: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "abbreviations": list(self.abbreviations)}
        if self.colour:
            data["colour"] = self.colour
        return data


@dataclass
class ElectionConfig:
    name: str
    regime: str
    penetapan: dt.date
    candidates: tuple[Candidate, ...]
    parties: tuple[Party, ...] = ()
    level: str = ""
    region_code: str = ""
    period: dict[str, dt.date] = field(default_factory=dict)
    slogans: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    case_sensitive: frozenset[str] = frozenset()
    # False: a configuration without candidates yet is valid (a Pilkada's national part: parties only).
    require_candidates: bool = field(default=True, repr=False)
    matcher: PhraseMatcher = field(init=False, repr=False)
    numbers: frozenset[int] = field(init=False, repr=False)
    hashtag_aliases: tuple[tuple[str, str], ...] = field(init=False, repr=False)
    zone: ZoneInfo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._validate()
        try:
            self.zone = zoneinfo_for(self.region_code)
        except UnknownProvince as exc:
            raise ElectionConfigError(
                f"region_code {self.region_code!r} is not in a known province",
                code="region",
                params={"value": self.region_code},
            ) from exc
        self.numbers = frozenset(candidate.number for candidate in self.candidates)
        self.matcher = generic_matcher()
        self._add_phrases()
        self.hashtag_aliases = self._aliases_for_hashtags()

    @classmethod
    def load(cls, path: str | Path) -> ElectionConfig:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ElectionConfigError(f"{path}: no such election configuration") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ElectionConfigError(
                f"{path}: not valid TOML: {exc}", code="syntax", params={"format": "TOML", "detail": str(exc)}
            ) from exc
        try:
            return cls.from_dict(data)
        except ElectionConfigError as exc:
            raise ElectionConfigError(
                f"{path}: {exc}", code=exc.code, params=exc.params, section=exc.section, row=exc.row
            ) from exc

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, require_candidates: bool = True) -> ElectionConfig:
        period = _dates(data.get("period", {}))
        if "penetapan" not in period:
            raise ElectionConfigError(
                "[period] needs 'penetapan' (date candidates were set, e.g. 2024-09-22)",
                code="penetapan_missing",
                section="period",
            )
        try:
            candidates = tuple(_rows(data, "candidates", _candidate))
            parties = tuple(_rows(data, "parties", _party))
            return cls(
                name=_required_str(data, "name"),
                regime=_required_str(data, "regime"),
                level=str(data.get("level", "")),
                region_code=str(data.get("region_code", "")),
                penetapan=period["penetapan"],
                period=period,
                candidates=candidates,
                parties=parties,
                slogans=_strings(data, "slogans"),
                hashtags=_strings(data, "hashtags"),
                case_sensitive=frozenset(_strings(data, "case_sensitive")),
                require_candidates=require_candidates,
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ElectionConfigError(
                f"malformed entry: {exc}", code="malformed", params={"detail": str(exc)}
            ) from exc

    @classmethod
    def check(cls, data: dict[str, Any], *, require_candidates: bool = True) -> list[ElectionConfigError]:
        """Every problem of ``data``: each bad candidate and party row (``check_rows``), then (if the
        rows are sound) the first problem of the whole (regime, unique numbers, parties named,
        phrases). Empty: valid."""
        errors = check_rows(data)
        if not errors:
            try:
                cls.from_dict(data, require_candidates=require_candidates)
            except ElectionConfigError as exc:
                errors.append(exc)
        return errors

    def to_dict(self) -> dict[str, Any]:
        """The configuration as plain data of the file's shape (``dump_toml`` or ``json.dumps`` it)."""
        data: dict[str, Any] = {"name": self.name, "regime": self.regime}
        if self.level:
            data["level"] = self.level
        data["region_code"] = self.region_code
        data["case_sensitive"] = sorted(self.case_sensitive)
        data["slogans"] = list(self.slogans)
        data["hashtags"] = list(self.hashtags)
        data["period"] = dict(self.period)
        data["candidates"] = [candidate.to_dict() for candidate in self.candidates]
        data["parties"] = [party.to_dict() for party in self.parties]
        return data

    def candidate(self, number: int) -> Candidate:
        for candidate in self.candidates:
            if candidate.number == number:
                return candidate
        raise KeyError(number)

    def local_day(self, moment: dt.datetime) -> dt.date:
        """The calendar day of ``moment`` in the election region's time zone (WIB when national);
        a timestamp without an offset is taken as local time already."""
        return moment.date() if moment.tzinfo is None else moment.astimezone(self.zone).date()

    def is_calon_period(self, day: dt.date) -> bool:
        """True once candidates are formally set (calon, D-* codes); before that: bakal calon, KE-*."""
        return day >= self.penetapan

    def partisan_cues(self, text: str, tokens: Sequence[Token], field_name: str) -> list[Cue]:
        """Ballot-number and hashtag cues that the phrase matcher cannot express."""
        return [*self._ballot_cues(text, tokens, field_name), *self._hashtag_cues(tokens, field_name)]

    # -- construction -------------------------------------------------------------------------------

    def _validate(self) -> None:
        if self.regime not in REGIMES:
            raise ElectionConfigError(
                f"regime must be one of {', '.join(REGIMES)}, not {self.regime!r}",
                code="regime",
                params={"value": self.regime},
            )
        if not self.candidates and self.require_candidates:
            raise ElectionConfigError("at least one [[candidates]] entry is required", code="no_candidates")
        numbers = [candidate.number for candidate in self.candidates]
        if len(set(numbers)) != len(numbers):
            twice = sorted({number for number in numbers if numbers.count(number) > 1})
            raise ElectionConfigError(
                f"ballot numbers must be unique, got {numbers}",
                code="duplicate_number",
                params={"numbers": twice},
                section="candidates",
            )
        party_names = [party.name for party in self.parties]
        if len(set(party_names)) != len(party_names):
            doubled = sorted({name for name in party_names if party_names.count(name) > 1})
            raise ElectionConfigError(
                f"party names must be unique, got {', '.join(doubled)} twice",
                code="duplicate_party",
                params={"names": doubled},
                section="parties",
            )
        known = {party.name for party in self.parties} | {
            abbreviation for party in self.parties for abbreviation in party.abbreviations
        }
        for candidate in self.candidates:
            unknown = [name for name in candidate.parties if name not in known]
            if unknown:
                raise ElectionConfigError(
                    f"candidate {candidate.number} names parties not in [[parties]]: {', '.join(unknown)}",
                    code="unknown_parties",
                    params={"number": candidate.number, "parties": unknown},
                    section="candidates",
                    row=self.candidates.index(candidate) + 1,
                )

    def _add(self, phrase: str, kind: str, weight: float, target: str | None) -> None:
        spec = CueSpec(PARTISAN, kind, weight, target)
        try:
            self.matcher.add(phrase, spec, case_sensitive=phrase in self.case_sensitive)
        except ValueError as exc:
            raise ElectionConfigError(
                f"phrase {phrase!r} has no words", code="phrase", params={"phrase": phrase}
            ) from exc

    def _add_phrases(self) -> None:
        for candidate in self.candidates:
            target = candidate.label
            for phrase in candidate.names:
                self._add(phrase, "candidate", 2.0, target)
            for phrase in candidate.nicknames:
                self._add(phrase, "candidate", 1.5, target)
            for phrase in (*candidate.slogans, *candidate.hashtags):
                self._add(phrase, "slogan" if phrase[0] != "#" else "hashtag", 3.0, target)
            for phrase in candidate.gestures:
                self._add(phrase, "gesture", 1.2 if len(phrase) <= 2 else 3.0, target)
        for party in self.parties:
            target = self._party_target(party)
            for phrase in (party.name, *party.abbreviations):
                self._add(phrase, "party", 1.5, target)
                for role in MEMBERSHIP_ROLES:
                    self._add(f"{role} {phrase}", "membership", 3.0, target)
        for phrase in (*self.slogans, *self.hashtags):
            self._add(phrase, "slogan" if phrase[0] != "#" else "hashtag", 2.5, None)

    def _party_target(self, party: Party) -> str:
        names = {party.name, *party.abbreviations}
        for candidate in self.candidates:
            if names & set(candidate.parties):
                return candidate.label
        return party.abbreviations[0] if party.abbreviations else party.name

    def _aliases_for_hashtags(self) -> tuple[tuple[str, str], ...]:
        """Single-word names of four letters or more, looked for inside hashtags and @mentions."""
        aliases = []
        for candidate in self.candidates:
            for phrase in (*candidate.names, *candidate.nicknames):
                for word in phrase.split():
                    if len(word) >= 4 and word not in self.case_sensitive and word.isalpha():
                        aliases.append((word.lower(), candidate.label))
        return tuple(aliases)

    # -- matching -----------------------------------------------------------------------------------

    def _ballot_cues(self, text: str, tokens: Sequence[Token], field_name: str) -> list[Cue]:
        content = [token for token in tokens if token.kind != "punct"]
        prefixes = BALLOT_PREFIXES
        # Only these tokens can start a ballot cue: visit them in order (a matched "nomor urut 2"
        # moves past its number, so a trigger before ``index`` is skipped).
        triggers = [
            position
            for position, token in enumerate(content)
            if token.kind == "number" or token.lower in prefixes or token.lower[-1].isdigit()
        ]
        cues: list[Cue] = []
        index = 0
        for position in triggers:
            if position < index:
                continue
            index = position
            token = content[index]
            glued = _GLUED_BALLOT_RE.match(token.lower) if token.kind == "word" else None
            prefixed = self._prefixed_number(content, index) if token.lower in BALLOT_PREFIXES else None
            if glued and int(glued.group(1)) in self.numbers:
                cues.append(self._ballot_cue(text, token, token, int(glued.group(1)), field_name, 3.0))
            elif prefixed is not None:
                last, number = prefixed
                cues.append(self._ballot_cue(text, token, last, number, field_name, 3.0))
                index = content.index(last, index)
            elif self._is_padded_number(text, token) and (
                index == 0 or content[index - 1].lower not in NOT_BALLOT_BEFORE
            ):
                cues.append(self._ballot_cue(text, token, token, int(token.lower), field_name, 1.5))
            index += 1
        return cues

    def _prefixed_number(self, content: Sequence[Token], index: int) -> tuple[Token, int] | None:
        """The number token (and its value) after a prefix such as "nomor urut", "paslon" or "coblos"."""
        position = index + 1
        while position < min(len(content), index + 3) and content[position].lower in BALLOT_FILLERS:
            position += 1
        number = _number_value(content[position]) if position < len(content) else None
        if number is not None and number in self.numbers:
            return content[position], number
        return None

    def _is_padded_number(self, text: str, token: Token) -> bool:
        """A zero-padded ballot number ("02") standing alone, not part of a date or time."""
        if token.kind != "number" or len(token.lower) != 2 or token.lower[0] != "0":
            return False
        if int(token.lower) not in self.numbers:
            return False
        before = text[token.start - 1] if token.start > 0 else " "
        after = text[token.end] if token.end < len(text) else " "
        following = text[token.end + 1] if token.end + 1 < len(text) else " "
        return before not in _DATE_PUNCT and after not in "/-:" and not (after == "." and following.isdigit())

    def _ballot_cue(
        self, text: str, first: Token, last: Token, number: int, field_name: str, weight: float
    ) -> Cue:
        label = self.candidate(number).label
        return Cue(
            PARTISAN,
            "ballot_number",
            field_name,
            text[first.start : last.end],
            first.start,
            last.end,
            weight,
            label,
        )

    def _hashtag_cues(self, tokens: Sequence[Token], field_name: str) -> list[Cue]:
        cues = []
        for token in tokens:
            if token.kind not in ("hashtag", "mention"):
                continue
            target = self._hashtag_target(token.lower)
            if target:
                weight = 2.0 if token.kind == "hashtag" else 1.5
                cues.append(
                    Cue(PARTISAN, token.kind, field_name, token.text, token.start, token.end, weight, target)
                )
        return cues

    def _hashtag_target(self, hashtag: str) -> str | None:
        """The candidate a hashtag or @mention names (#GanjarPresiden, @aniesbaswedan, #coblos02)."""
        for alias, target in self.hashtag_aliases:
            if alias in hashtag:
                return target
        number = _HASHTAG_NUMBER_RE.search(hashtag)
        if number and int(number.group(1)) in self.numbers:
            return self.candidate(int(number.group(1))).label
        return None


def _number_value(token: Token) -> int | None:
    if token.kind == "number" and token.lower.isdigit() and len(token.lower) <= 2:
        return int(token.lower)
    return NUMBER_WORDS.get(token.lower)


def _required_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ElectionConfigError(f"'{key}' must be a non-empty string", code="required", params={"key": key})
    return value.strip()


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
        raise ElectionConfigError(
            f"'{key}' must be a list of non-empty strings", code="strings", params={"key": key}
        )
    return tuple(value.strip() for value in values)


def _colour(data: dict[str, Any]) -> str:
    value = data.get("colour", "")
    if value in ("", None):
        return ""
    if not isinstance(value, str) or not _COLOUR_RE.match(value.strip()):
        raise ElectionConfigError(
            f"colour must be #RRGGBB such as #1F77B4, got {value!r}", code="colour", params={"value": value}
        )
    return value.strip().upper()


def _dates(period: object) -> dict[str, dt.date]:
    if not isinstance(period, dict):
        raise ElectionConfigError("[period] must be a table of dates", code="period_table", section="period")
    dates = {}
    for key, value in period.items():
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise ElectionConfigError(
                f"period.{key} must be a date such as 2024-09-22, got {value!r}",
                code="date",
                params={"key": key, "value": value},
                section="period",
            )
        dates[key] = value
    return dates


def check_rows(data: object) -> list[ElectionConfigError]:
    """The problems of each candidate and party row and of the general lists, every one of them."""
    if not isinstance(data, dict):
        return [ElectionConfigError("the configuration must be a table", code="not_table")]
    errors: list[ElectionConfigError] = []
    for key in ("slogans", "hashtags", "case_sensitive"):
        try:
            _strings(data, key)
        except ElectionConfigError as exc:
            errors.append(exc)
    for section, parse in (("candidates", _candidate), ("parties", _party)):
        items = data.get(section, [])
        if not isinstance(items, list):
            errors.append(_error_list(section))
            continue
        for row, item in enumerate(items, start=1):
            try:
                _row(item, parse)
            except ElectionConfigError as exc:
                errors.append(exc.at(section, row))
    return errors


def candidate_from_dict(data: dict[str, Any]) -> Candidate:
    """One [[candidates]] table as a ``Candidate`` (ElectionConfigError when malformed)."""
    return _row(data, _candidate)  # type: ignore[no-any-return]


def party_from_dict(data: dict[str, Any]) -> Party:
    """One [[parties]] table as a ``Party`` (ElectionConfigError when malformed)."""
    return _row(data, _party)  # type: ignore[no-any-return]


def _error_list(section: str) -> ElectionConfigError:
    return ElectionConfigError(
        f"[[{section}]] must be a list of tables", code="not_list", params={"key": section}, section=section
    )


def _row(item: object, parse: Any) -> Any:
    if not isinstance(item, dict):
        raise ElectionConfigError("an entry must be a table", code="not_table")
    try:
        return parse(item)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ElectionConfigError(
            f"malformed entry: {exc}", code="malformed", params={"detail": str(exc)}
        ) from exc


def _rows(data: dict[str, Any], section: str, parse: Any) -> list[Any]:
    items = data.get(section, [])
    if not isinstance(items, list):
        raise _error_list(section)
    rows = []
    for row, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ElectionConfigError("an entry must be a table", code="not_table").at(section, row)
        rows.append(parse(item))
    return rows


def _candidate(data: dict[str, Any]) -> Candidate:
    number = data["number"]
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ElectionConfigError(
            f"candidate number must be a positive integer, got {number!r}",
            code="number",
            params={"value": number},
        )
    names = _strings(data, "names")
    if not names:
        raise ElectionConfigError(
            f"candidate {number} needs at least one name", code="no_name", params={"number": number}
        )
    return Candidate(
        number=number,
        names=names,
        nicknames=_strings(data, "nicknames"),
        parties=_strings(data, "parties"),
        slogans=_strings(data, "slogans"),
        hashtags=_strings(data, "hashtags"),
        gestures=_strings(data, "gestures"),
        colour=_colour(data),
    )


def _party(data: dict[str, Any]) -> Party:
    return Party(
        name=_required_str(data, "name"), abbreviations=_strings(data, "abbreviations"), colour=_colour(data)
    )


# -- files ------------------------------------------------------------------------------------------


def parse_config(text: str, fmt: str) -> dict[str, Any]:
    """The mapping a TOML or JSON configuration text holds (JSON dates are "YYYY-MM-DD" strings)."""
    if fmt not in FORMATS:
        raise ElectionConfigError(
            f"format must be one of {', '.join(FORMATS)}", code="format", params={"value": fmt}
        )
    try:
        data = tomllib.loads(text) if fmt == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ElectionConfigError(
            f"not valid {fmt.upper()}: {exc}",
            code="syntax",
            params={"format": fmt.upper(), "detail": str(exc)},
        ) from exc
    if not isinstance(data, dict):
        raise ElectionConfigError("the configuration must be a table", code="not_table")
    period = data.get("period")
    if fmt == "json" and isinstance(period, dict):
        data["period"] = {key: _json_date(key, value) for key, value in period.items()}
    return data


def _json_date(key: str, value: object) -> object:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return value  # _dates rejects it with the key named


def config_json(data: dict[str, Any]) -> str:
    """``data`` (``ElectionConfig.to_dict`` shape) as indented JSON with ISO dates."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso) + "\n"


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dump_toml(data: dict[str, Any]) -> str:
    """``data`` (``ElectionConfig.to_dict`` shape) as TOML that ``parse_config(..., "toml")`` reads back.

    Only the shapes a configuration has: strings, integers, dates, lists of strings, the [period]
    table and the [[candidates]]/[[parties]] arrays of tables.
    """
    lines: list[str] = []
    tables = {key: value for key, value in data.items() if isinstance(value, dict)}
    arrays = {
        key: value
        for key, value in data.items()
        if isinstance(value, list) and value and isinstance(value[0], dict)
    }
    for key, value in data.items():
        if key not in tables and key not in arrays:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, table in tables.items():
        lines += ["", f"[{_toml_key(key)}]"]
        lines += [f"{_toml_key(name)} = {_toml_value(value)}" for name, value in table.items()]
    for key, rows in arrays.items():
        for row in rows:
            lines += ["", f"[[{_toml_key(key)}]]"]
            lines += [f"{_toml_key(name)} = {_toml_value(value)}" for name, value in row.items()]
    return "\n".join(lines) + "\n"


_BARE_KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY_RE.match(key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        # A JSON string is a TOML basic string once non-ASCII stays raw (both escape \\, \", controls).
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
