"""Where results are kept, from the project's `zhibiao.toml` (next to rules/ and standards/) or the environment.

    [results]
    database = ".zhibiao/results.sqlite3"   # an SQLite file, relative to the repository; or a URL such as
                                            # postgresql+psycopg://质量办@db.college.internal/zhibiao
    save = false                            # true: every `zhibiao score` keeps its run (as with --save)

`ZHIBIAO_DATABASE` (a URL or a file path) overrides the file, and `--db` overrides both.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..errors import Location, Problem, UsageError

CONFIG = "zhibiao.toml"
DEFAULT_DATABASE = ".zhibiao/results.sqlite3"


@dataclass(frozen=True)
class Settings:
    database: str          # an SQLAlchemy URL
    save: bool = False
    configured: bool = False  # the URL came from a file, the environment or an option (not the default)


def database_url(value: str, root: Path) -> str:
    """A URL as given, or a file path (relative to the repository) as an SQLite URL."""
    if "://" in value:
        return value
    path = Path(value)
    if not path.is_absolute():
        path = root / path
    return f"sqlite:///{path}"


def _project(root: Path) -> dict:
    """zhibiao.toml as data ({} when there is none); a syntax error is a located Chinese error."""
    file = root / CONFIG
    data: dict = {}
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            loc = Location(CONFIG, int(m.group(1)), int(m.group(2))) if m else Location(CONFIG)
            raise UsageError([Problem.of("store.config-syntax", loc, detail=str(exc).split(" (at")[0])]) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError([Problem.of("load.unreadable", Location(CONFIG), reason=str(exc))]) from None
    return data


def settings(root: Path, env: Mapping[str, str] | None = None, database: str | None = None) -> Settings:
    env = os.environ if env is None else env
    data = _project(root)
    results = data.get("results") if isinstance(data.get("results"), dict) else {}
    for table, key, value, kind in (("results", "database", results.get("database"), str),
                                    ("results", "save", results.get("save"), bool)):
        if value is not None and not isinstance(value, kind):
            raise UsageError([Problem.of("store.config-type", Location(CONFIG), key=f"[{table}] {key}",
                                         expected="true 或 false" if kind is bool else "文字（URL 或文件路径）",
                                         actual=value)])
    given = database or env.get("ZHIBIAO_DATABASE")  # an option or the environment: relative to where one is
    if given:
        url = database_url(given, Path.cwd())
    else:
        url = database_url(results.get("database") or DEFAULT_DATABASE, root)
    return Settings(url, bool(results.get("save", False)), configured=bool(given or results.get("database")))


def default_author(root: Path) -> str:
    """Who saves a run when `--by` is not given: git's user.name for the repository, else the login name."""
    try:
        name = subprocess.run(["git", "-C", str(root), "config", "user.name"], capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "（未知）"


STORE = "store"  # in [site] results: the results database configured above


def _site_sources(root: Path, env: Mapping[str, str], variable: str, key: str,
                  code: str) -> tuple[list[str], Path, Location] | None:
    """A list of sources for the site: the environment `variable` (separated by “;”, relative to the working
    directory), else `[site] key` in zhibiao.toml (relative to the repository); None when neither is set."""
    given = env.get(variable)
    if given is not None:
        return [x.strip() for x in given.split(";") if x.strip()], Path.cwd(), Location(variable)
    site = _project(root).get("site")
    value = site.get(key) if isinstance(site, dict) else None
    if value is None or value is False:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
        raise UsageError([Problem.of(code, Location(CONFIG), actual=value)])
    return [x.strip() for x in items], root, Location(CONFIG)


def site_results(root: Path, env: Mapping[str, str] | None = None) -> list[str]:
    """Where the handbook site's 考核结果 section reads results from: `ZHIBIAO_SITE_RESULTS` (sources separated
    by “;”, paths relative to the working directory), else `[site] results` in zhibiao.toml (paths relative to
    the repository). A source is "store" (the results database of [results]), a database URL, or a results file
    (`zhibiao score --format json -o …`). Files become absolute paths; nothing configured gives []."""
    found = _site_sources(root, os.environ if env is None else env, "ZHIBIAO_SITE_RESULTS", "results",
                          "site.results-config")
    if found is None:
        return []
    items, base, _ = found
    return [x if x == STORE or "://" in x else str((base / x).resolve()) for x in items]


def site_tasks(root: Path, env: Mapping[str, str] | None = None) -> list[str]:
    """Which results databases the site's 整改任务 page also reads tasks from (besides the YAML registers in
    `tasks/`): `ZHIBIAO_SITE_TASKS` (separated by “;”), else `[site] tasks` in zhibiao.toml. A source is "store"
    (the results database of [results]) or a database URL; nothing configured gives [] (off by default, as
    [site] results: tasks name departments and findings, publishing them is the quality office's choice)."""
    found = _site_sources(root, os.environ if env is None else env, "ZHIBIAO_SITE_TASKS", "tasks",
                          "site.tasks-config")
    if found is None:
        return []
    items, _, where = found
    bad = [x for x in items if x != STORE and "://" not in x]
    if bad:
        raise UsageError([Problem.of("site.tasks-config", where, actual=bad[0])])
    return items


def site_as_of(root: Path, env: Mapping[str, str] | None = None) -> dt.date | None:
    """The day the site's statuses (整改任务: overdue, due soon) are computed for: `ZHIBIAO_SITE_AS_OF`, else
    `[site] as_of` in zhibiao.toml (YYYY-MM-DD); None: the day the site is built. Set it for a build that gives
    the same pages on any day (a published snapshot, a test)."""
    env = os.environ if env is None else env
    given = env.get("ZHIBIAO_SITE_AS_OF")
    where = Location("ZHIBIAO_SITE_AS_OF")
    if not given:
        site = _project(root).get("site")
        given = site.get("as_of") if isinstance(site, dict) else None
        where = Location(CONFIG)
        if given is None:
            return None
    if isinstance(given, dt.date) and not isinstance(given, dt.datetime):
        return given  # TOML's own date: as_of = 2010-02-15
    try:
        return dt.date.fromisoformat(str(given).strip())
    except ValueError:
        raise UsageError([Problem.of("site.as-of-config", where, actual=given)]) from None
