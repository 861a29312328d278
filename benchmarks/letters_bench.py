"""Letter rendering cost (``netra.cases.letters``): CPU milliseconds per PDF (typst) and per DOCX
(docxtpl) for the surat penerusan rekomendasi and for a notice-layout letter (an escalation letter
with particulars, points and basis), best of ``--runs`` rounds of ``--letters`` each.

This bounds the work ``followup_escalate_due`` does per escalation step (one or two letters, each
PDF + DOCX) and ``forward_recommendation`` per recommendation (one letter archived).

    python benchmarks/letters_bench.py [--letters 20] [--runs 3]
"""

import argparse
import json
import os
import platform
import time
from datetime import date
from pathlib import Path

from netra.cases.letters import Letter, Letterhead, Terlapor, render_docx, render_pdf
from netra.cases.letters.notice import Notice, render_notice_docx, render_notice_pdf

KOP = Letterhead(("Badan Pengawas Pemilihan Umum", "Kabupaten Bintan"), address="Jalan Uji 1", phone="0771")
BASIS = (
    "Pasal 5 huruf n angka 7 Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    "Pasal 3 Peraturan Presiden Nomor 92 Tahun 2024 tentang Badan Kepegawaian Negara",
)
FORWARDING = Letter(
    number="123/PP.01/K.KR-01/XI/2024",
    date=date(2024, 11, 3),
    place="Bintan",
    letterhead=KOP,
    office_name="Bawaslu Kabupaten Bintan",
    recipients=("Kepala Badan Kepegawaian Negara",),
    copies=("Pejabat Pembina Kepegawaian Pemerintah Kabupaten Bintan",),
    terlapor=Terlapor("Budi Santoso", "199001012015031001", "Kepala SDN 001", "Dinas Pendidikan"),
    register_number="001/Reg/LP/PW/Kab/21.01/XI/2024",
    facts="Terlapor mengajak guru memilih pasangan calon nomor 2 dalam rapat dinas. " * 4,
    violation="mengajak memilih",
    violation_basis=BASIS[:1],
    referral_basis=BASIS[1:],
    recommendation="Menindaklanjuti sesuai ketentuan peraturan perundang-undangan.",
    signatory_name="Rina Kartika",
    signatory_role="Ketua Badan Pengawas Pemilihan Umum Kabupaten Bintan",
)
REPRIMAND = Notice(
    number="001/TG/21.01/XII/2024",
    date=date(2024, 12, 20),
    place="Bintan",
    letterhead=KOP,
    subject="Teguran atas Rekomendasi yang Belum Ditindaklanjuti",
    recipients=("Pejabat Pembina Kepegawaian Pemerintah Kabupaten Bintan",),
    copies=("Kepala Badan Kepegawaian Negara",),
    opening="Bawaslu Kabupaten Bintan telah meneruskan rekomendasi atas nama Budi Santoso.",
    particulars=(("Nama", "Budi Santoso"), ("NIP", "199001012015031001"), ("Instansi", "Dinas Pendidikan")),
    points=("Permintaan tindak lanjut belum dijawab.", "Kami menegur Saudara.", "Target layanan."),
    basis_intro="Rekomendasi tersebut berdasarkan:",
    basis=BASIS,
    closing="Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.",
    signatory_name="Rina Kartika",
    signatory_role="Ketua Badan Pengawas Pemilihan Umum Kabupaten Bintan",
)


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _best_ms(render, letter, count: int, runs: int) -> float:
    render(letter)  # warm: fonts and templates load once per process
    best = float("inf")
    for _run in range(runs):
        started = time.process_time()
        for _ in range(count):
            render(letter)
        best = min(best, (time.process_time() - started) / count)
    return round(best * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    machine = {
        "python": platform.python_version(),
        "processor": _cpu_model(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(f"machine: {json.dumps(machine)}")
    for label, render, letter in (
        ("penerusan rekomendasi PDF", render_pdf, FORWARDING),
        ("penerusan rekomendasi DOCX", render_docx, FORWARDING),
        ("teguran (notice) PDF", render_notice_pdf, REPRIMAND),
        ("teguran (notice) DOCX", render_notice_docx, REPRIMAND),
    ):
        print(f"{label:<28} {_best_ms(render, letter, args.letters, args.runs):>7} ms CPU per letter")


if __name__ == "__main__":
    main()
