"""``netra analyze``: reading Indonesian news articles (and, from netra.cli.posts, posts)."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, TextIO

import typer

analyze_app = typer.Typer(help="Read Indonesian text: news facts and post scoring.", no_args_is_help=True)
text_app = typer.Typer(help="Maintain the news reader's learned layer.", no_args_is_help=True)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(analyze_app, name="analyze")
    app.add_typer(text_app, name="text")


@text_app.command("train")
def train_news_model(
    corpus: Annotated[
        Path | None, typer.Option(help="news.jsonl with id and text (default ../shared)")
    ] = None,
    labels: Annotated[Path | None, typer.Option(help="labels JSON Lines keyed by corpus id")] = None,
    output: Annotated[Path | None, typer.Option(help="where to write the model JSON")] = None,
) -> None:
    """Retrain the event-type and count models from the labelled news corpus (reproducible)."""
    from importlib import resources

    from netra.text.news_corpus import DEFAULT_CORPUS, DEV_LABELS, CorpusMissing, load_articles
    from netra.text.news_model import MODEL_RESOURCE
    from netra.text.news_train import train, write

    target = output or Path(str(resources.files("netra.text").joinpath(MODEL_RESOURCE)))
    try:
        articles = load_articles(labels or DEV_LABELS, corpus or DEFAULT_CORPUS)
    except CorpusMissing as error:
        raise typer.BadParameter(str(error), param_hint="--corpus") from error
    model = train(articles)
    write(model, target)
    typer.echo(f"trained on {len(articles)} articles; wrote {target} ({target.stat().st_size // 1024} KiB)")


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
    """(id, text) per article, reading JSON Lines a line at a time so large files stream."""
    for name in files:
        with _open(name) as stream:
            try:
                lines = iter(stream)
                head, first = _leading_blank_lines(lines)
                rest = itertools.chain(head, [first], lines)
                if first.lstrip().startswith("{"):
                    yield from _jsonl_articles(name, rest)
                else:
                    yield (None if name == "-" else Path(name).stem), "".join(rest)
            except UnicodeDecodeError as error:
                raise typer.BadParameter(f"{name}: not UTF-8 text ({error})", param_hint="FILES") from error


def _leading_blank_lines(lines: Iterator[str]) -> tuple[list[str], str]:
    """The blank lines at the start and the first line with content ("" if none)."""
    head: list[str] = []
    for line in lines:
        if line.strip():
            return head, line
        head.append(line)
    return head, ""


def _open(name: str) -> contextlib.AbstractContextManager[TextIO]:
    if name == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        stream = io.TextIOWrapper(buffer, encoding="utf-8") if buffer is not None else sys.stdin
        return contextlib.nullcontext(stream)
    path = Path(name)
    if not path.is_file():
        raise typer.BadParameter(f"{name}: no such file", param_hint="FILES")
    return path.open(encoding="utf-8")


def _jsonl_articles(name: str, lines: Iterable[str]) -> Iterator[tuple[str | None, str]]:
    for number, line in enumerate(lines, start=1):
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
