"""``netra analyze posts``: score social-media posts for civil servants taking sides in an election."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

LANGUAGES = ("id", "en", "other")


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add ``analyze posts`` to the ``analyze`` group (created by netra.cli.text, or here if absent)."""
    _analyze_group(app).command("posts")(analyze_posts)


def _analyze_group(app: typer.Typer) -> typer.Typer:
    for group in app.registered_groups:
        if group.name == "analyze" and group.typer_instance is not None:
            return group.typer_instance
    analyze = typer.Typer(help="Read Indonesian text: news facts and post scoring.", no_args_is_help=True)
    app.add_typer(analyze, name="analyze")
    return analyze


def analyze_posts(
    file: Annotated[
        str,
        typer.Argument(
            help="JSON Lines, one post a line (id, author, bio, text, "
            "created_at, platform, optional action), or - for stdin",
            metavar="FILE",
        ),
    ],
    election: Annotated[
        Path, typer.Option("--election", help="Election configuration (TOML)", metavar="CONFIG")
    ],
    language: Annotated[
        list[str] | None,
        typer.Option(
            "--language", help="Only print posts in this language (id, en, other); repeatable", metavar="LANG"
        ),
    ] = None,
) -> None:
    """Score each post: civil servant supporting a candidate or party (0..1), violation code, cues."""
    from netra.text.election import ElectionConfig, ElectionConfigError
    from netra.text.posts import score_posts

    wanted = _languages(language)
    try:
        config = ElectionConfig.load(election)
    except ElectionConfigError as error:
        raise typer.BadParameter(str(error), param_hint="--election") from error
    records = _records(file)
    left_out = 0
    for result in score_posts(records, config):
        if wanted and result.language not in wanted:
            left_out += 1
            continue
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    if left_out:
        typer.echo(f"{left_out} of {len(records)} posts left out by --language {' '.join(wanted)}", err=True)


def _languages(values: list[str] | None) -> tuple[str, ...]:
    unknown = [value for value in values or () if value not in LANGUAGES]
    if unknown:
        raise typer.BadParameter(
            f"unknown language {', '.join(unknown)}; use id, en or other", param_hint="--language"
        )
    return tuple(values or ())


def _records(name: str) -> list:
    """The posts of a JSON Lines file, each validated; a bad line stops the run naming its number."""
    from netra.text.posts import Post, PostError

    content = sys.stdin.read() if name == "-" else _read(name)
    records = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = Post.from_dict(json.loads(line))
        except (json.JSONDecodeError, PostError) as error:
            raise typer.BadParameter(f"{name}, line {number}: {error}", param_hint="FILE") from error
        records.append(record)
    return records


def _read(name: str) -> str:
    path = Path(name)
    if not path.is_file():
        raise typer.BadParameter(f"{name}: no such file", param_hint="FILE")
    try:
        return path.read_text(encoding="utf-8-sig")  # tolerate the BOM spreadsheet exports add
    except UnicodeDecodeError as error:
        raise typer.BadParameter(f"{name}: not UTF-8 text ({error})", param_hint="FILE") from error
