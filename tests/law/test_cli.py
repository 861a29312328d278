"""``netra rules``: the exact JSON shapes, readable output, clear errors, and no Django on start."""

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from netra.cli import app
from tests.law.test_deadline_answers import REPORT_KEYS

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["rules", *args])


def test_deadlines_json_shape_for_pemilu():
    result = run(
        "deadlines", "--regime", "pemilu", "--known", "2024-02-09", "--registered", "2024-02-12", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["report_window_ends"] == "2024-02-21"
    assert data["decision_due"] == "2024-02-22"
    assert data["decision_due_extended"] == "2024-03-04"
    assert [rule["rule_id"] for rule in data["rules"]] == [
        "pemilu.report_window",
        "pemilu.decision",
        "pemilu.decision_extended",
    ]
    assert {"date": "2024-02-14", "reason": "libur nasional: Hari Pemilihan Umum"} in data["rules"][0][
        "skipped"
    ]


def test_deadlines_json_for_pemilihan_counts_from_received_and_nulls_without_it():
    data = json.loads(
        run(
            "deadlines",
            "--regime",
            "pemilihan",
            "--known",
            "2024-11-20",
            "--received",
            "2024-11-25",
            "--province",
            "94",
            "--json",
        ).stdout
    )
    assert (data["report_window_ends"], data["decision_due"], data["decision_due_extended"]) == (
        "2024-11-27",
        "2024-11-28",
        "2024-11-30",
    )
    assert data["rules"][0]["due_at"] == "2024-11-27T23:59:59.999999+09:00"
    bare = json.loads(run("deadlines", "--regime", "pemilihan", "--known", "2024-11-20", "--json").stdout)
    assert bare["decision_due"] is None and bare["decision_due_extended"] is None


def test_refer_json_shape():
    result = run(
        "refer",
        "--subject",
        "PNS",
        "--regime",
        "pemilu",
        "--forwarded",
        "2024-08-24",
        "--violation",
        "D-10",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["recipients"] == ["BKN", "gakkumdu"] and data["copies"] == ["PPK"]
    assert len(data["reasons"]) == 3 and all(isinstance(reason, str) for reason in data["reasons"])


def test_catalogue_json_shape():
    data = json.loads(run("catalogue", "--json").stdout)
    assert len(data) == 43
    d5 = next(item for item in data if item["code"] == "D-5")
    assert {"code", "name", "sanction", "indicator", "phase", "subjects", "citations"} <= set(d5)
    assert d5["sanction"]["kind"] == "ptdh" and d5["sanction"]["level"] is None
    assert {item["sanction"]["kind"] for item in data} == {"moral", "disiplin", "ptdh", "satgas"}


def test_catalogue_filters():
    data = json.loads(run("catalogue", "--instrument", "skb-2022", "--on", "2024-02-14", "--json").stdout)
    assert len(data) == 20
    found = [item["code"] for item in json.loads(run("catalogue", "-q", "pengurus partai", "--json").stdout)]
    assert found[0] == "D-5" and "SKB2020-16" in found


def test_readable_outputs_in_indonesian():
    explain = run("explain", "d-5")
    assert explain.exit_code == 0
    assert "Menjadi anggota atau pengurus partai politik" in explain.stdout
    assert "UU 5/2014 Pasal 87 ayat (4) huruf c [S]" in explain.stdout
    table = run("deadlines", "--regime", "pemilu", "--known", "2024-02-09")
    assert "Batas pelaporan" in table.stdout and "2024-02-21" in table.stdout
    assert (
        "Penerima: KASN"
        in run("refer", "--subject", "PNS", "--regime", "pemilu", "--forwarded", "2024-01-02").stdout
    )
    assert "KE-1" in run("catalogue").stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["refer", "--subject", "TNI", "--regime", "pemilu", "--forwarded", "2024-01-02"],
            1,
            "subjek tidak dikenal",
        ),
        (["deadlines", "--regime", "pilkada", "--known", "2024-01-02"], 1, "rezim tidak dikenal"),
        (["deadlines", "--regime", "pemilu", "--known", "2024-02-30"], 2, "bukan tanggal"),
        (
            ["deadlines", "--regime", "pemilu", "--known", "2024-02-09", "--province", "99"],
            1,
            "kode provinsi",
        ),
        (["explain", "X-9"], 1, "jenis pelanggaran tidak dikenal"),
        (["catalogue", "--instrument", "uu-99"], 1, "unknown instrument"),
    ],
)
def test_bad_input_exits_non_zero_with_a_message_and_no_traceback(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_installed_script_gives_the_shape_without_loading_django():
    netra = shutil.which("netra") or str(__import__("pathlib").Path(sys.executable).with_name("netra"))
    out = subprocess.run(
        [
            netra,
            "rules",
            "refer",
            "--subject",
            "PPNPN",
            "--regime",
            "pemilihan",
            "--forwarded",
            "2024-10-01",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(out.stdout)["recipients"] == ["kepala_daerah"]
    probe = (
        "import sys; from typer.testing import CliRunner; from netra.cli import app; "
        "r = CliRunner().invoke(app, ['rules', 'catalogue', '--json']); "
        "r2 = CliRunner().invoke(app, "
        "['rules', 'deadlines', '--regime', 'pemilu', '--known', '2024-02-09']); "
        "print(r.exit_code, r2.exit_code, any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    checked = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert checked.stdout.split() == ["0", "0", "False"]


def test_deadlines_json_keys_are_pinned():
    data = json.loads(
        run(
            "deadlines",
            "--regime",
            "pemilu",
            "--known",
            "2024-10-01",
            "--received",
            "2024-10-02",
            "--registered",
            "2024-10-03",
            "--found",
            "2024-10-01",
            "--forwarded",
            "2024-10-10",
            "--json",
        ).stdout
    )
    assert set(data) == REPORT_KEYS
    assert [rule["rule_id"] for rule in data["rules"]] == [
        "pemilu.report_window",
        "pemilu.temuan",
        "pemilu.kajian_awal",
        "pemilu.decision",
        "pemilu.decision_extended",
        "ppk_followup",
    ]
    assert all(
        set(rule) >= {"rule_id", "due", "due_at", "confidence", "interpretation_note", "kind"}
        for rule in data["rules"]
    )
    assert data["rules"][-1]["kind"] == "service_target"


def test_deadlines_step_answers_like_the_case_page():
    data = json.loads(
        run(
            "deadlines",
            "--regime",
            "pemilihan",
            "--known",
            "2024-09-30",
            "--received",
            "2024-10-01",
            "--registered",
            "2024-10-03",
            "--province",
            "64.01",
            "--step",
            "decision",
            "--json",
        ).stdout
    )
    assert set(data) == {"step", "deadline", "reason"}
    due = (data["deadline"]["due"], data["deadline"]["due_at"])
    assert due == ("2024-10-04", "2024-10-04T23:59:59.999999+08:00")
    bare = json.loads(
        run("deadlines", "--regime", "pemilu", "--known", "2024-09-30", "--step", "decision", "--json").stdout
    )
    assert bare["deadline"] is None and bare["reason"].startswith("tanggal registrasi belum ada")
    text = " ".join(
        run(
            "deadlines",
            "--regime",
            "pemilu",
            "--known",
            "2024-09-30",
            "--registered",
            "2024-10-03",
            "--step",
            "decision",
        ).stdout.split()
    )
    assert "2024-10-14 23:59 WIB" in text and "Tafsiran: UU 7/2017 Pasal 454" in text and "[V]" in text
    none = " ".join(
        run("deadlines", "--regime", "pemilu", "--known", "2024-09-30", "--step", "decision").stdout.split()
    )
    assert "tanpa batas waktu (tanggal registrasi belum ada" in none


def test_readable_deadlines_name_interpretations_service_target_and_marks():
    text = " ".join(
        run(
            "deadlines",
            "--regime",
            "pemilihan",
            "--known",
            "2024-09-30",
            "--received",
            "2024-10-01",
            "--forwarded",
            "2024-10-07",
        ).stdout.split()
    )  # rich wraps long lines
    assert "Tindak lanjut (diperpanjang): Tafsiran: UU 1/2015 Pasal 134 ayat (6)" in text
    assert "target layanan kantor, bukan batas waktu undang-undang" in text
    assert "Tanda sumber: [V] naskah peraturan" in text


def test_refer_json_keys_are_pinned():
    data = json.loads(
        run(
            "refer",
            "--subject",
            "perangkat_desa",
            "--regime",
            "pemilu",
            "--forwarded",
            "2024-08-24",
            "--json",
        ).stdout
    )
    assert set(data) == {
        "recipients",
        "copies",
        "reasons",
        "subject",
        "regime",
        "forwarded",
        "violation",
        "routes",
        "unverified",
    }
    assert (data["recipients"], data["copies"]) == (["kepala_desa"], ["camat", "bupati_walikota"])
