import csv
import json

from typer.testing import CliRunner

from netra.cli import app
from netra.registry.models import Pegawai, Region
from tests.registry.conftest import HEADER
from tests.registry.test_roster import GOOD

runner = CliRunner()


def test_regions_load_and_resolve(db):
    result = runner.invoke(app, ["regions", "load", "--to", "kabupaten", "--province", "21"])
    assert result.exit_code == 0, result.output
    assert Region.objects.filter(code__startswith="21").count() == 8
    resolved = runner.invoke(app, ["regions", "resolve", "Kepri"])
    assert resolved.exit_code == 0 and "Kepulauan Riau" in resolved.output
    assert runner.invoke(app, ["regions", "resolve", "Atlantis"]).exit_code == 1
    assert runner.invoke(app, ["regions", "load", "--to", "dusun"]).exit_code == 2


def test_import_roster_writes_the_error_report(agencies, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_text("\n".join([HEADER, *GOOD, "123,Nama Salah,BKN,,,PNS,"]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "roster", str(path)])
    assert result.exit_code == 2, result.output
    assert Pegawai.objects.count() == 4
    with (tmp_path / "pegawai.errors.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["baris", "kolom", "nilai", "alasan"]
    assert rows[1][:3] == ["6", "nip", "123"] and "18 digit" in rows[1][3]


def test_import_roster_clean_file_exits_zero_and_custom_errors_path(agencies, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_text("\n".join([HEADER, *GOOD]) + "\n", encoding="utf-8")
    errors = tmp_path / "out" / "e.csv"
    result = runner.invoke(app, ["import", "roster", str(path), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "4 baru" in result.output and not errors.exists()


def test_import_roster_missing_column(agencies, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_text("nama,instansi\nJoko,BKN\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "roster", str(path)])
    assert result.exit_code == 1 and "nip" in result.output


def test_import_agencies(agencies, tmp_path):
    path = tmp_path / "unit.csv"
    path.write_text("nama,induk,jenis_unit\nPuskesmas Cileunyi,Pemkab Bandung,puskesmas\nX,Y,dinas\n")
    result = runner.invoke(app, ["import", "agencies", str(path)])
    assert result.exit_code == 2 and "1 baru" in result.output
    assert (tmp_path / "unit.errors.csv").exists()


def test_geo_import_reports_unknown_codes(regions, tmp_path):
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    features = [
        {"type": "Feature", "properties": {"kode": c}, "geometry": square} for c in ("32.04", "99.01")
    ]
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    result = runner.invoke(app, ["geo", "import", str(path), "--simplify", "0.01"])
    assert result.exit_code == 2 and "99.01" in result.output and "1 batas wilayah" in result.output


def test_match_json(roster):
    result = runner.invoke(app, ["match", "Drs. Djoko Santoso", "--region", "96", "--json"])
    assert result.exit_code == 0, result.output
    matches = json.loads(result.output)
    assert [m["nip"] for m in matches] == ["198101012005011004"]
    assert matches[0]["reasons"] and matches[0]["region_code"] == "96.01"
    assert matches[0]["namesakes"] == 1
