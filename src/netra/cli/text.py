"""``netra analyze``: reading Indonesian news articles (and, from netra.cli.posts, posts)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

analyze_app = typer.Typer(help="Read Indonesian text: news facts and post scoring.", no_args_is_help=True)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(analyze_app, name="analyze")


@analyze_app.command("news")
def analyze_news(
    files: Annotated[
        list[str], typer.Argument(help="Plain-text articles, JSON Lines with id and text, or -")
    ],
    output_format: Annotated[
        str, typer.Option("--format", help="Output format (json: one object a line)")
    ] = "json",
) -> None:
    """Extract the facts of news articles: events, regions, counts, laws, date, with evidence."""
    from netra.text.news import read_news

    if output_format != "json":
        raise typer.BadParameter(
            f"unknown format {output_format!r}; the only format is json", param_hint="--format"
        )
    for article_id, text in _articles(files):
        typer.echo(json.dumps(read_news(text, article_id).to_dict(), ensure_ascii=False))


def _articles(files: list[str]) -> Iterator[tuple[str | None, str]]:
    for name in files:
        content = sys.stdin.read() if name == "-" else _read(name)
        if _looks_like_jsonl(content):
            yield from _jsonl_articles(name, content)
        else:
            yield (None if name == "-" else Path(name).stem), content


def _read(name: str) -> str:
    path = Path(name)
    if not path.is_file():
        raise typer.BadParameter(f"{name}: no such file", param_hint="FILES")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise typer.BadParameter(f"{name}: not UTF-8 text ({error})", param_hint="FILES") from error


def _looks_like_jsonl(content: str) -> bool:
    first = content.lstrip()[:1]
    return first == "{"


def _jsonl_articles(name: str, content: str) -> Iterator[tuple[str | None, str]]:
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise typer.BadParameter(
                f"{name} line {number}: invalid JSON ({error.msg})", param_hint="FILES"
            ) from error
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise typer.BadParameter(f"{name} line {number}: needs a string field 'text'", param_hint="FILES")
        article_id = record.get("id")
        yield (None if article_id is None else str(article_id)), record["text"]
