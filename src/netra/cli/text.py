"""``netra analyze``: reading Indonesian news articles (and, from netra.cli.posts, posts)."""

import typer

analyze_app = typer.Typer(help="Read Indonesian text: news facts and post scoring.", no_args_is_help=True)


def register(app: typer.Typer, import_app: typer.Typer) -> None:
    """Add this module's commands to the ``netra`` app."""
    app.add_typer(analyze_app, name="analyze")
