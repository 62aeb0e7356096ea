"""Jobs an operator runs: `python -m workshop migrate | create-workshop | export | backup | delete-expired`.

Each command reads the same settings as the app (DATABASE_URL, PUBLIC_URL, ...) from the environment.
"""

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import Flask
from sqlalchemy.engine import make_url

from . import config, formats, i18n, services
from .domain.errors import DomainError
from .domain.model import LANGUAGES
from .domain.results import FACILITATOR
from .storage.database import Database


def _database() -> Database:
    return Database(config.from_environment()["DATABASE_URL"])


def _app() -> Flask:
    """A Flask app without the live server, for translated labels and the links of a new workshop."""
    from .web import pages

    app = Flask(__name__)
    app.config.update(config.from_environment(), ROOT=config.ROOT)
    i18n.init_app(app)
    app.register_blueprint(pages.bp)
    return app


class Commands(click.Group):
    """Domain errors (unknown code, bad format file) end the command with their message, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DomainError as err:
            raise click.ClickException(err.detail % err.params if err.params else err.detail) from None


@click.group(cls=Commands, help=__doc__)
def cli() -> None:
    pass


@cli.command()
def migrate() -> None:
    """Create or upgrade the database schema; a deployment runs this once before starting the app."""
    db = _database()
    db.upgrade()
    click.echo(f"database schema at {db.revision()}")


@cli.command("create-workshop")
@click.argument("format_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", required=True, help="The workshop's title.")
@click.option("--organisation", "organisations", multiple=True, required=True, help="An organisation; repeat for each.")
@click.option("--language", type=click.Choice(LANGUAGES), help="Defaults to the format's language, else nl.")
@click.option("--role", "roles", multiple=True, help="A role participants pick; repeat. Defaults to the format's roles.")
@click.option("--privacy-threshold", type=int, help="Smallest group shown on its own (default 3).")
@click.option("--json", "as_json", is_flag=True, help="Print the code, secrets and links as JSON.")
def create_workshop(format_file, title, organisations, language, roles, privacy_threshold, as_json) -> None:
    """Create a workshop from a format file (formats/*.json or an exported one); prints its secret links once."""
    from .messages import translate_label
    from .web.links import links

    fmt = formats.parse(format_file.read_bytes())
    data = {
        "title": title,
        "language": language or fmt.get("language") or "nl",
        "organisations": [{"name": name} for name in organisations],
        "roles": list(roles) or fmt.get("roles"),
        "agenda": fmt["agenda"],
    }
    if privacy_threshold is not None:
        data["settings"] = {"privacy_threshold": privacy_threshold}
    app = _app()
    with app.test_request_context("/", base_url=config.site_url(app.config)):
        created = services.create_workshop(_database(), data, translate_label)
        made = {
            "code": created.code,
            "control_token": created.control_token,
            "screen_key": created.screen_key,
            "links": links(created.code, created.control_token, created.screen_key),
        }
    if as_json:
        click.echo(json.dumps(made, indent=2))
        return
    click.echo(f"Workshop {made['code']} created. The control link is shown only now: keep it.")
    for name in ("join", "control", "screen"):
        click.echo(f"  {name:8} {made['links'][name]}")
    if not app.config["PUBLIC_URL"]:
        click.echo("(Set PUBLIC_URL to print the links with your site's address.)", err=True)


@cli.command()
@click.argument("code")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default: stdout).")
def export(code, output) -> None:
    """Export a workshop as JSON: its public data, its agenda as a format, and the results (facilitator's view)."""
    db = _database()
    workshop_id = services.workshop_id_by_code(db, code)
    document = {
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "workshop": services.public_workshop(db, code),
        "format": services.export_format(db, workshop_id),
        "results": services.all_results(db, workshop_id),
        "audience": FACILITATOR,
    }
    json.dump(document, output, ensure_ascii=False, indent=2)
    output.write("\n")


@cli.command()
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
def backup(destination: Path) -> None:
    """Copy the SQLite database to DESTINATION with SQLite's online backup API (safe while the app runs)."""
    url = make_url(config.from_environment()["DATABASE_URL"])
    if url.get_backend_name() != "sqlite":
        raise click.ClickException("backup copies SQLite only; for PostgreSQL use pg_dump (see docs/deploy.md)")
    if not url.database or not Path(url.database).exists():
        raise click.ClickException(f"no SQLite database at {url.database}")
    if destination.exists():
        raise click.ClickException(f"{destination} exists; choose a new file")
    source, target = sqlite3.connect(url.database), sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    click.echo(f"backed up {url.database} to {destination}")


@cli.command("delete-expired")
def delete_expired() -> None:
    """Delete every workshop whose retention period has ended (the app also does this every hour)."""
    from .domain.events import WorkshopDeleted
    from .storage.tables import utcnow

    events = services.delete_expired_workshops(_database(), utcnow())
    deleted = sum(isinstance(event, WorkshopDeleted) for event in events)
    click.echo(f"deleted {deleted} expired workshop{'' if deleted == 1 else 's'}")


def main(argv=None) -> None:
    """Entry point of `python -m workshop`."""
    cli.main(args=argv, prog_name="python -m workshop")
