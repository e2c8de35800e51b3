"""The databases a benchmark run measures, and how each is made ready.

"demo" is the demo site (``manage.py load_demo``, idempotent, so an existing
demo database is only topped up). "seed ×f" is the seed-scale data set at
``f`` times its full size, made by ``manage.py load_scale --scale f`` in a
database emptied first, so every factor starts from the same empty schema.
With ``--no-load`` each database is measured exactly as it is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent


class DatasetError(RuntimeError):
    """A database could not be made ready."""


@dataclass
class Dataset:
    label: str
    url: str
    # The latency targets of issue 12 are set at seed scale; share and queries everywhere.
    seed_scale: bool
    # Fraction of the seed's full size; None for the demo site.
    factor: float | None = None
    # manage.py commands to run first (each a list of arguments); none: measured as loaded.
    load: list[list[str]] = field(default_factory=list)
    recreate: bool = False

    @property
    def title(self) -> str:
        if self.factor is not None:
            return f"Seed scale ×{self.factor:g}"
        return "Seed scale" if self.seed_scale else "Demo site"

    @property
    def database_name(self) -> str:
        return unquote(urlsplit(self.url).path.lstrip("/")) or self.url

    @property
    def public_url(self) -> str:
        """The URL without its password, fit for a document."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}/{self.database_name}"


def manage(*arguments: str, database_url: str, check: bool = True) -> subprocess.CompletedProcess:
    """``manage.py`` for preparing data: development settings, tasks run in-process."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    # DEBUG off so bulk loads do not keep every query in memory.
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="portal.settings.dev", DEBUG="0")
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if check and result.returncode != 0:
        raise DatasetError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-4000:]}")
    return result


def load_scale_available(database_url: str) -> bool:
    return manage("help", "load_scale", database_url=database_url, check=False).returncode == 0


def _maintenance_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    try:
        return psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            dbname="postgres",
            autocommit=True,
        )
    except psycopg.OperationalError as error:
        raise DatasetError(f"PostgreSQL does not answer at {parts.hostname}: {error}") from error


def database_ensure(url: str, *, empty: bool) -> None:
    """Create the PostgreSQL database of ``url`` if missing; drop it first when ``empty``."""
    if not urlsplit(url).scheme.startswith("postgres"):
        raise DatasetError(f"not a PostgreSQL URL: {Dataset('', url, False).public_url}")
    from psycopg import sql

    name = Dataset("", url, False).database_name
    with _maintenance_connection(url) as connection:
        if empty:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def dataset_prepare(dataset: Dataset, *, say) -> None:
    if not dataset.load:
        say(f"{dataset.label}: measured as loaded ({dataset.public_url})")
        return
    say(f"{dataset.label}: preparing {dataset.public_url} …")
    database_ensure(dataset.url, empty=dataset.recreate)
    manage("migrate", "--noinput", database_url=dataset.url)
    for command in dataset.load:
        say(f"{dataset.label}: manage.py {' '.join(command)} …")
        manage(*command, database_url=dataset.url)


def datasets_from_args(args, *, say) -> list[Dataset]:
    """The demo and seed-scale data sets the command line asks for, in the order measured."""
    load = not args.no_load
    datasets = []
    if args.demo:
        datasets.append(
            Dataset("demo", args.demo, seed_scale=False, load=[["load_demo"]] if load else [])
        )
    if args.scale and not load:
        datasets.append(Dataset("seed scale", args.scale, seed_scale=True))
    elif args.scale:
        if not load_scale_available(args.scale):
            say(
                "manage.py load_scale is not available in this checkout: "
                "the seed-scale data set cannot be built, so it is skipped."
            )
        else:
            for factor in args.scale_factors:
                datasets.append(
                    Dataset(
                        f"seed ×{factor:g}",
                        args.scale,
                        seed_scale=factor >= 1,
                        factor=factor,
                        # On top of the demo site, so the Wagtail pages exist at scale too.
                        load=[["load_demo"], ["load_scale", "--scale", f"{factor:g}"]],
                        recreate=True,
                    )
                )
    return datasets
