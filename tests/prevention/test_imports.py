"""Attendance and signatory imports: row errors, roster matching (NIP, name, namesakes), replace."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from typer.testing import CliRunner

from netra.audit.models import Event as AuditEvent
from netra.cli import app
from netra.prevention import services
from netra.prevention.models import Attendee, MatchStatus, Signatory
from tests.prevention.conftest import write_list

pytestmark = pytest.mark.django_db


def test_signatories_match_by_nip_then_by_name_and_keep_namesakes_apart(
    tmp_path, roster, make_pledge, recorder
):
    pledge = make_pledge()
    path = write_list(
        tmp_path / "ttd.csv",
        [
            ("SITI RAHMAWATI, S.Pd.", "19800101 200501 2 001", "Pemkab Bintan", "Guru"),
            ("Dewi Lestari", "", "Pemkab Bintan", ""),
            ("Ahmad Fauzi", "", "Pemkab Bintan", ""),
            ("Orang Luar Roster", "", "", ""),
        ],
    )
    result = services.signatories_import(user=recorder("bintan"), pledge=pledge, path=path)
    assert result.ok and result.rows == 4
    rows = {s.row: s for s in Signatory.objects.filter(pledge=pledge)}
    assert rows[2].match_status == MatchStatus.NIP and rows[2].pegawai == roster[0]
    assert rows[2].nip == "198001012005012001"
    assert rows[3].match_status == MatchStatus.NAME and rows[3].pegawai == roster[4]
    assert rows[4].match_status == MatchStatus.AMBIGUOUS and rows[4].pegawai is None
    assert rows[4].namesakes == 2
    assert rows[5].match_status == MatchStatus.UNMATCHED and rows[5].pegawai is None
    assert result.counts == {"nip": 1, "name": 1, "ambiguous": 1, "unmatched": 1}
    assert {s.election_id for s in rows.values()} == {pledge.election_id}
    assert (
        AuditEvent.objects.filter(action="prevention.pledge_list_import", object_id=str(pledge.pk)).count()
        == 1
    )


def test_a_file_with_row_errors_is_refused_whole_and_each_error_names_row_and_column(
    tmp_path, roster, make_event, recorder
):
    event = make_event()
    path = write_list(
        tmp_path / "hadir.csv",
        [
            ("Siti Rahmawati", "198001012005012001", "", ""),
            ("", "198203042006041002", "", ""),
            ("Dewi Lestari", "12345", "", ""),
            ("Budi", "198001012005012001", "", ""),
        ],
    )
    result = services.attendance_import(user=recorder("bintan"), event=event, path=path)
    assert [(e.row, e.column) for e in result.errors] == [(3, "nama"), (4, "nip"), (5, "nip")]
    assert "baris 2" in result.errors[2].reason
    assert Attendee.objects.count() == 0


def test_a_missing_name_column_is_one_error_on_the_header_row(tmp_path, roster, make_event, recorder):
    path = write_list(tmp_path / "x.csv", [("a", "b")], header=("foo", "bar"))
    result = services.attendance_import(user=recorder("bintan"), event=make_event(), path=path)
    assert len(result.errors) == 1 and result.errors[0].row == 1 and "nama" in result.errors[0].reason


def test_xlsx_import_and_reimport_replaces_the_list(tmp_path, roster, make_event, recorder):
    event = make_event()
    first = write_list(
        tmp_path / "a.xlsx", [("Siti Rahmawati", "198001012005012001", "", ""), ("Dewi Lestari", "", "", "")]
    )
    services.attendance_import(user=recorder("bintan"), event=event, path=first)
    assert event.attendees.count() == 2
    second = write_list(tmp_path / "b.xlsx", [("Budi Santoso", "198203042006041002", "", "")])
    services.attendance_import(user=recorder("bintan"), event=event, path=second)
    assert list(event.attendees.values_list("name", flat=True)) == ["Budi Santoso"]


def test_dry_run_matches_without_writing(tmp_path, roster, make_event, recorder):
    path = write_list(tmp_path / "a.csv", [("Siti Rahmawati", "198001012005012001", "", "")])
    result = services.attendance_import(user=recorder("bintan"), event=make_event(), path=path, dry_run=True)
    assert result.ok and result.matched == 1 and Attendee.objects.count() == 0


def test_outside_the_office_territory_the_import_is_refused(tmp_path, roster, make_event, recorder):
    event = make_event()
    path = write_list(tmp_path / "a.csv", [("Siti Rahmawati", "", "", "")])
    with pytest.raises(PermissionDenied):
        services.attendance_import(user=recorder("lingga"), event=event, path=path)
    with pytest.raises(PermissionDenied):  # analysts do not record
        services.attendance_import(user=recorder("bintan", "analis"), event=event, path=path)


def test_cli_import_signatories_json_and_row_errors(tmp_path, roster, make_pledge):
    pledge = make_pledge()
    good = write_list(tmp_path / "ok.csv", [("Siti Rahmawati", "198001012005012001", "", "")])
    runner = CliRunner()
    result = runner.invoke(app, ["import", "signatories", str(good), "--pledge", str(pledge.pk), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["matched"] == 1 and payload["errors"] == []
    bad = write_list(tmp_path / "bad.csv", [("", "1", "", "")])
    result = runner.invoke(app, ["import", "signatories", str(bad), "--pledge", str(pledge.pk), "--json"])
    assert result.exit_code == 1
    errors = json.loads(result.output)["errors"]
    assert {"row", "column", "reason"} <= set(errors[0]) and errors[0]["row"] == 2
    assert Signatory.objects.count() == 1


def test_cli_import_attendance_unknown_event_is_exit_2(tmp_path, db):
    path = write_list(tmp_path / "a.csv", [("Siti", "", "", "")])
    result = CliRunner().invoke(app, ["import", "attendance", str(path), "--event", "999"])
    assert result.exit_code == 2


def test_one_signatory_typed_on_the_page_is_matched_and_counted(client, roster, make_pledge, recorder):
    from netra.prevention.selectors import region_coverage

    pledge = make_pledge()
    client.force_login(recorder("bintan"))
    response = client.post(f"/pencegahan/ikrar/{pledge.pk}/tambah/", {"nama": "Dewi Lestari", "nip": ""})
    assert response.status_code == 302
    entry = pledge.signatories.get()
    assert entry.match_status == MatchStatus.NAME and entry.pegawai == roster[4] and entry.row == 2
    assert region_coverage("21.01", pledge.election_id).pledged == 1
    again = client.post(
        f"/pencegahan/ikrar/{pledge.pk}/tambah/", {"nama": "Dewi", "nip": "199001012015032005"}
    )
    assert again.status_code == 302
    twice = client.post(
        f"/pencegahan/ikrar/{pledge.pk}/tambah/", {"nama": "Dewi L.", "nip": "199001012015032005"}
    )
    assert twice.status_code == 400 and "baris 3" in twice.content.decode()
    assert pledge.signatories.count() == 2


def test_typing_a_name_needs_the_right_to_act(roster, make_event, recorder):
    with pytest.raises(PermissionDenied):
        services.entry_add(user=recorder("bkn"), parent=make_event(), values={"nama": "Siti Rahmawati"})
