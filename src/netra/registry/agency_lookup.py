"""Find agencies by what import files write for them, from one in-memory snapshot (no query per row)."""

import re
from collections import defaultdict
from dataclasses import dataclass

from netra.registry.models import Agency

PATH_SEPARATOR = ">"
_GOVERNMENT = re.compile(r"^(?:pemprov|pemkab|pemkot|pemerintah)\b", re.IGNORECASE)
_GOVERNMENT_KINDS = (Agency.Kind.PEMPROV, Agency.Kind.PEMKAB, Agency.Kind.PEMKOT)
_SPACES = re.compile(r"\s+")


class AgencyNotFound(ValueError):
    """The text names no agency, or several."""


@dataclass(frozen=True)
class AgencyRow:
    id: int
    name: str
    short_name: str
    external_code: str
    parent_id: int | None
    region_id: str | None
    kind: str
    unit_type: str


def agency_key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


class AgencyLookup:
    """Agencies by id, kode, name, singkatan or path ("Pemkab Bandung > Dinas Pendidikan")."""

    def __init__(self, rows: list[AgencyRow]):
        self.by_id: dict[int, AgencyRow] = {}
        self._by_code: dict[str, list[int]] = defaultdict(list)
        self._by_name: dict[str, list[int]] = defaultdict(list)
        self._children: dict[int | None, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self._child_ids: dict[int | None, list[int]] = defaultdict(list)
        self._governments: dict[str, list[int]] = defaultdict(list)  # region code -> Pemprov/Pemkab/Pemkot
        for row in rows:
            self._index(row)

    @classmethod
    def load(cls) -> "AgencyLookup":
        fields = ("id", "name", "short_name", "external_code", "parent_id", "region_id", "kind", "unit_type")
        return cls([AgencyRow(*values) for values in Agency.objects.values_list(*fields).iterator(2000)])

    def add(self, agency: Agency) -> None:
        self._index(
            AgencyRow(
                agency.pk,
                agency.name,
                agency.short_name,
                agency.external_code,
                agency.parent_id,
                agency.region_id,
                agency.kind,
                agency.unit_type,
            )
        )

    def child_named(self, parent_id: int | None, name: str) -> AgencyRow | None:
        """The unit of that exact name directly under a parent (the import's upsert key)."""
        for agency_id in self._children[parent_id].get(agency_key(name), []):
            row = self.by_id[agency_id]
            if agency_key(row.name) == agency_key(name):
                return row
        return None

    def _index(self, row: AgencyRow) -> None:
        if row.id not in self.by_id:
            self._child_ids[row.parent_id].append(row.id)
        self.by_id[row.id] = row
        if row.kind in _GOVERNMENT_KINDS and row.parent_id is None and row.region_id:
            self._governments[row.region_id].append(row.id)
        if row.external_code:
            self._by_code[agency_key(row.external_code)].append(row.id)
        for text in {row.name, row.short_name} - {""}:
            self._by_name[agency_key(text)].append(row.id)
            self._children[row.parent_id][agency_key(text)].append(row.id)

    def find(self, text: str) -> Agency:
        """The agency a file names; raises AgencyNotFound saying why not."""
        return Agency.objects.get(pk=self.find_id(text))

    def find_id(self, text: str, *, within: int | None = None) -> int:
        """The id of the agency named; ``within`` limits the search to that agency's subtree."""
        key = agency_key(text)
        if not key:
            raise AgencyNotFound("instansi kosong")
        if PATH_SEPARATOR in key:
            return self._by_path(key, within)
        if within is None:
            ids = self._by_code.get(key) or self._by_name.get(key) or self._numeric_id(key)
            ids = ids or self._government_of(text)
        else:
            coded = [i for i in self._by_code.get(key, []) if self.is_inside(i, within)]
            numbered = [i for i in self._numeric_id(key) if self.is_inside(i, within)]
            ids = coded or self._named_within(within, key) or numbered
        return self._one(text, ids)

    def _named_within(self, ancestor_id: int, key: str) -> list[int]:
        """Units with that name under an agency: its direct units first, then deeper levels."""
        level = [ancestor_id]
        while level:
            found = [i for parent in level for i in self._children[parent].get(key, [])]
            if found:
                return found
            level = [child for parent in level for child in self._child_ids.get(parent, [])]
        return []

    def is_inside(self, agency_id: int, ancestor_id: int) -> bool:
        """Whether an agency is ``ancestor_id`` itself or one of its (nested) units."""
        current: int | None = agency_id
        for _ in range(32):  # agency trees are shallow; the bound guards against a cycle
            if current is None:
                return False
            if current == ancestor_id:
                return True
            current = self.by_id[current].parent_id
        return False

    def _government_of(self, text: str) -> list[int]:
        """ "Pemprov Jabar", "Pemkab Lamsel": the regional government named through a region alias."""
        from netra.registry.resolve import AmbiguousRegion, region_resolve

        if not _GOVERNMENT.match(text.strip()):
            return []
        try:
            region = region_resolve(text)
        except AmbiguousRegion:
            return []
        return self._governments.get(region.code, []) if region else []

    def _numeric_id(self, key: str) -> list[int]:
        return [int(key)] if key.isdigit() and int(key) in self.by_id else []

    def _by_path(self, key: str, within: int | None) -> int:
        parts = [p.strip() for p in key.split(PATH_SEPARATOR)]
        current = self.find_id(parts[0])
        for part in parts[1:]:
            current = self._one(part, self._children[current].get(part, []))
        if within is not None and not self.is_inside(current, within):
            raise AgencyNotFound(f"{key!r} bukan bagian dari instansi yang disebut")
        return current

    def _one(self, text: str, ids: list[int]) -> int:
        unique = sorted(set(ids))
        if not unique:
            raise AgencyNotFound(f"instansi tidak dikenal: {text!r}")
        if len(unique) > 1:
            names = "; ".join(self._label(i) for i in unique[:5])
            raise AgencyNotFound(
                f"{text!r} ambigu ({names}); tulis jalurnya, mis. 'Induk > Unit', atau kodenya"
            )
        return unique[0]

    def _label(self, agency_id: int) -> str:
        row = self.by_id[agency_id]
        parent = self.by_id.get(row.parent_id) if row.parent_id else None
        return f"{parent.name} > {row.name}" if parent else f"{row.name} (id {row.id})"
