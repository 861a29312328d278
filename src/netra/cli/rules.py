"""``netra rules``: the law as code (deadlines, referral, violation catalogue). Never imports Django."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, overload

import typer

rules_app = typer.Typer(
    help="Hukum sebagai kode: tenggat, penerusan rekomendasi, katalog pelanggaran.", no_args_is_help=True
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Keluaran JSON (machine readable)")]


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(rules_app, name="rules")


@overload
def _date(value: str, option: str) -> date: ...
@overload
def _date(value: str | None, option: str) -> date | None: ...
def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} bukan tanggal YYYY-MM-DD", param_hint=option) from None


def _required_date(value: str, option: str) -> date:
    found = _date(value, option)
    assert found is not None  # a required option is never None
    return found


def _fail(error: Exception) -> typer.Exit:
    """Print a library error (bad input, unknown code) without a traceback and exit non-zero."""
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(code=1)


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@rules_app.command("deadlines")
def deadlines_command(
    regime: Annotated[str, typer.Option("--regime", help="pemilu atau pemilihan")],
    known: Annotated[str, typer.Option("--known", help="Tanggal diketahui (YYYY-MM-DD)")],
    received: Annotated[str | None, typer.Option("--received", help="Tanggal laporan diterima")] = None,
    registered: Annotated[str | None, typer.Option("--registered", help="Tanggal registrasi")] = None,
    province: Annotated[str | None, typer.Option("--province", help="Kode wilayah (zona waktu)")] = None,
    found: Annotated[str | None, typer.Option("--found", help="Tanggal temuan ditemukan")] = None,
    forwarded: Annotated[
        str | None, typer.Option("--forwarded", help="Tanggal rekomendasi diteruskan")
    ] = None,
    step: Annotated[
        str | None, typer.Option("--step", help="Hanya satu tahap, seperti di halaman kasus")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Batas waktu pelaporan, kajian awal dan putusan, dengan aturan, tafsiran dan hari yang dilewati."""
    from netra.law import deadlines

    try:
        known_on = _required_date(known, "--known")
        dates = {
            "received": _date(received, "--received"),
            "registered": _date(registered, "--registered"),
            "found": _date(found, "--found"),
            "forwarded": _date(forwarded, "--forwarded"),
        }
        if step is not None:
            facts = deadlines.Facts(regime=regime, province=province, known=known_on, **dates)
            answer = deadlines.answer(step=step, facts=facts)
        else:
            report = deadlines.compute(regime=regime, province=province, known=known_on, **dates)
    except ValueError as error:
        raise _fail(error) from None
    if step is not None and as_json:
        _dump(answer.to_dict())
    elif step is not None:
        _print_answer(answer)
    elif as_json:
        _dump(report.to_dict())
    else:
        _print_deadlines(report)


@rules_app.command("refer")
def refer_command(
    subject: Annotated[str, typer.Option("--subject", help="PNS, PPPK, PPNPN, kepala_desa, perangkat_desa")],
    regime: Annotated[str, typer.Option("--regime", help="pemilu atau pemilihan")],
    forwarded: Annotated[str, typer.Option("--forwarded", help="Tanggal penerusan (YYYY-MM-DD)")],
    violation: Annotated[str | None, typer.Option("--violation", help="Kode jenis pelanggaran")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Penerima rekomendasi dan tembusan, dengan alasan dan dasar hukumnya."""
    from netra.law import referral

    try:
        result = referral.refer(
            subject=subject,
            regime=regime,
            forwarded=_required_date(forwarded, "--forwarded"),
            violation=violation,
        )
    except (ValueError, KeyError) as error:
        raise _fail(error) from None
    if as_json:
        _dump(result.to_dict())
    else:
        _print_referral(result)


@rules_app.command("catalogue")
def catalogue_command(
    query: Annotated[str | None, typer.Option("--search", "-q", help="Cari kata dalam katalog")] = None,
    instrument: Annotated[
        str | None, typer.Option("--instrument", help="skb-2022, pp-94-2021, skb-2020")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Hanya jenis yang berlaku pada tanggal ini")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Katalog jenis pelanggaran netralitas dan sanksinya."""
    from netra.law import catalogue

    try:
        types = catalogue.all_types(on=_date(on, "--on"), instrument=instrument, include_unretrieved=True)
    except ValueError as error:
        raise _fail(error) from None
    if query is not None:  # search order (exact code first), within the filters
        allowed = {vt.code for vt in types}
        types = [vt for vt in catalogue.search(query) if vt.code in allowed]
    if as_json:
        _dump([vt.to_dict() for vt in types])
    else:
        _print_catalogue(types)


@rules_app.command("explain")
def explain_command(code: Annotated[str, typer.Argument(help="Kode jenis pelanggaran, mis. D-5")]) -> None:
    """Penjelasan satu jenis pelanggaran: uraian, contoh, sanksi, pidana terkait dan sumbernya."""
    from netra.law import catalogue

    try:
        vt = catalogue.get(code)
    except KeyError as error:
        raise _fail(error) from None
    _print_explanation(vt)


# --- Human-readable output (rich), in Indonesian -----------------------------------------------------

PHASES = {
    "bakal_calon": "sebelum penetapan (bakal calon)",
    "calon": "setelah penetapan (calon)",
    "any": "kapan saja",
}
INDICATORS = {
    "karier": "karier ASN",
    "hubungan_partai_politik": "hubungan dengan partai politik",
    "kegiatan_kampanye": "kegiatan kampanye",
    "pelayanan_publik": "pelayanan publik",
    None: "ditentukan per kasus",
}
SANCTION_KINDS = {
    "moral": "sanksi moral",
    "disiplin": "hukuman disiplin",
    "ptdh": "pemberhentian tidak dengan hormat",
    "satgas": "diputus Satgas",
}
UNITS = {"hari_kerja": "hari kerja", "hari_kalender": "hari kalender"}
STEPS = {
    "report_window": "Batas pelaporan",
    "temuan": "Penetapan temuan",
    "kajian_awal": "Kajian awal",
    "decision": "Tindak lanjut/putusan",
    "decision_extended": "Tindak lanjut (diperpanjang)",
    "recommendation": "Penerusan rekomendasi",
    "ppk_followup": "Tindak lanjut PPK (target layanan)",
}
MARKS = (
    "Tanda sumber: [V] naskah peraturan; [S] dua sumber sekunder atau lebih; [1] satu sumber sekunder; "
    "[M] belum diverifikasi. * belum terverifikasi (sumber [M] atau diubah NETRA_LAW_OVERRIDES); "
    "\u2020 bersandar pada tafsiran."
)


def _console():
    from rich.console import Console

    return Console()


def _sanction_text(sanction) -> str:
    text = SANCTION_KINDS[sanction.kind]
    return f"{text} {sanction.level}" if sanction.level else text


def _step_label(deadline) -> str:
    marks = (" *" if deadline.unverified else "") + (" \u2020" if deadline.interpretations else "")
    return STEPS[deadline.step] + marks


def _print_deadlines(report) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Tenggat penanganan ({report.regime}, zona {report.report_window.zone})")
    table.add_column("Langkah", no_wrap=True)
    table.add_column("Batas akhir", no_wrap=True)
    for column in ("Mulai", "Jangka", "Dasar"):
        table.add_column(column)
    for deadline in report.rules:
        table.add_row(
            _step_label(deadline),
            deadline.due_at.strftime("%Y-%m-%d %H:%M %Z"),
            deadline.start.isoformat(),
            f"{deadline.days} {UNITS[deadline.unit]}",
            escape(deadline.citation),
        )
    console = _console()
    console.print(table)
    for deadline in report.rules:
        _print_reading(console, deadline)
        for day, reason in deadline.skipped:
            console.print(f"{STEPS[deadline.step]}: {day.isoformat()} dilewati ({reason})", highlight=False)
    for note in report.notes:
        console.print(f"[yellow]Catatan:[/yellow] {escape(note)}")
    console.print(escape(MARKS), highlight=False)


def _print_reading(console, deadline) -> None:
    """One short line per deadline: what it rests on (service target, interpretations)."""
    from rich.markup import escape

    if not deadline.legal:
        console.print(f"{STEPS[deadline.step]}: target layanan kantor, bukan batas waktu undang-undang")
    if deadline.interpretations:
        console.print(f"{STEPS[deadline.step]}: {escape(deadline.interpretation_note)}", highlight=False)


def _print_answer(answer) -> None:
    from rich.markup import escape

    console = _console()
    deadline = answer.deadline
    if deadline is None:
        console.print(f"{STEPS[answer.step]}: tanpa batas waktu ({escape(answer.reason)})", highlight=False)
        return
    console.print(
        f"{_step_label(deadline)}: {deadline.due_at.strftime('%Y-%m-%d %H:%M %Z')} "
        f"(mulai {deadline.start.isoformat()}, {deadline.days} {UNITS[deadline.unit]})",
        highlight=False,
    )
    console.print(f"Dasar: {escape(deadline.citation)} ({deadline.rule_id})", highlight=False)
    _print_reading(console, deadline)
    console.print(escape(MARKS), highlight=False)


def _print_referral(result) -> None:
    console = _console()
    console.print(f"[bold]Penerima:[/bold] {', '.join(result.recipients) or '-'}")
    console.print(f"[bold]Tembusan:[/bold] {', '.join(result.copies) or '-'}")
    for reason in result.reasons:
        console.print(f"- {reason}", highlight=False)


def _print_catalogue(types) -> None:
    from rich.table import Table

    table = Table(title=f"Katalog pelanggaran netralitas ({len(types)} jenis)")
    for column in ("Kode", "Nama", "Sanksi", "Indikator", "Tahap"):
        table.add_column(column)
    for vt in types:
        table.add_row(
            vt.code, vt.name_id, _sanction_text(vt.sanction), INDICATORS[vt.indicator], PHASES[vt.phase]
        )
    _console().print(table)


def _print_explanation(vt) -> None:
    from rich.markup import escape

    console = _console()
    console.print(f"[bold]{vt.code}: {escape(vt.name_id)}[/bold]\n[dim]{escape(vt.name_en)}[/dim]\n")
    if not vt.retrieved:
        console.print("[red]Teks butir ini tidak diperoleh; jangan dipakai untuk klasifikasi.[/red]")
    console.print(escape(vt.description) + "\n")
    if vt.published_text:
        console.print(f"[bold]Rumusan resmi:[/bold] {escape(vt.published_text)}")
    for example in vt.examples:
        console.print(f"[bold]Contoh:[/bold] {escape(example)}")
    console.print(f"[bold]Indikator:[/bold] {INDICATORS[vt.indicator]}")
    console.print(f"[bold]Berlaku bagi:[/bold] {', '.join(vt.subjects)}; {PHASES[vt.phase]}")
    _print_sanction(console, vt)
    _print_sources(console, vt)


def _print_sanction(console, vt) -> None:
    from rich.markup import escape

    console.print(f"[bold]Sanksi:[/bold] {_sanction_text(vt.sanction)}")
    for option in vt.sanction.options:
        console.print(f"  - {escape(option)}")
    if vt.sanction.note:
        console.print(f"  {escape(vt.sanction.note)}")
    for law in vt.criminal_provisions():
        heading = f"Pidana terkait ({law.regime}): {law.instrument} {law.article}"
        console.print(f"[bold]{escape(heading)}[/bold]: {escape(law.penalty)}")


def _print_sources(console, vt) -> None:
    from rich.markup import escape

    console.print("[bold]Sumber:[/bold]")
    for citation in [*vt.citations, *vt.sanction.citations]:
        line = str(citation) + (f" ({citation.note})" if citation.note else "")
        url = f"\n    {citation.url}" if citation.url else ""
        console.print(f"  - {escape(line)}{url}", highlight=False)
    if vt.unverified:
        console.print("[yellow]Sebagian dasar jenis ini belum diverifikasi (\\[M]).[/yellow]")
