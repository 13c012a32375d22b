"""Backups and restores: one archive holds the database, the files of the two storages (uploads
under ``media/``, personal-data archives under ``exports/``), and the secret key when it is kept
in the var directory.

The files are copied whatever the storage: a directory on disk is archived as it is; a bucket
(ALLIAGE_STORAGE_URL) is read object by object through the storage API, streamed into the
archive, and a restore puts back exactly the archive's objects (those it does not hold are
deleted). So an archive is whole by itself, and moves a site between the disk and a bucket
either way. A bucket's own versioning or replication is welcome on top, not relied on.

The database is read through its own tool, never copied as a file: SQLite through its backup
API (a plain copy of a database in WAL mode misses what is still in the ``-wal`` file: 16
registrations were lost that way), PostgreSQL through ``pg_dump -Fc``. The matching index is
not archived: the restore rebuilds it (``matching_rebuild``).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

import alliage

from .storage import storage_walk

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
SECRET_FILE = "secret_key"  # noqa: S105 (a file name)
KEY_FROM_ENVIRONMENT = (
    "The secret key comes from ALLIAGE_SECRET_KEY and is not in the archive: keep it "
    "elsewhere (a password manager, the deployment's secrets). Restoring without it logs "
    "everyone out and voids password-reset and signed download links."
)


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says why."""


@dataclass
class BackupReport:
    archive: Path
    warnings: list[str] = field(default_factory=list)


def _stores() -> dict[str, Storage]:
    """The storages whose files an archive holds, by the folder they take in it."""
    return {"media": storages["default"], "exports": storages["exports"]}


def _store_archive(tar: tarfile.TarFile, name: str, storage: Storage) -> bool:
    """Add the files of ``storage`` under ``name/``; False when there is nothing to keep
    (a directory never made)."""
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.location)
        if not path.is_dir():
            return False
        tar.add(path, arcname=name)
        return True
    for key, modified in storage_walk(storage):
        with storage.open(key, "rb") as handle:
            info = tarfile.TarInfo(f"{name}/{key}")
            info.size = handle.size
            info.mtime = int(modified.timestamp())
            info.mode = 0o600
            tar.addfile(info, handle)
    return True


def _store_restore(source: Path, storage: Storage) -> None:
    """Make ``storage`` hold exactly the files under ``source``."""
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.location)
        path.mkdir(parents=True, exist_ok=True)
        for child in path.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        if source.is_dir():
            shutil.copytree(source, path, dirs_exist_ok=True)
        return
    wanted = (
        {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()}
        if source.is_dir()
        else set()
    )
    for key, _modified in list(storage_walk(storage)):
        if key not in wanted:
            storage.delete(key)
    for key in sorted(wanted):
        storage.delete(key)  # the same name, not a new one beside it
        with (source / key).open("rb") as content:
            stored = storage.save(key, File(content, name=key))
        if stored != key:
            raise BackupError(f"{key} could not be restored under its name (got {stored}).")


def _secret_path() -> Path | None:
    """The secret key's file when the settings read it from the var directory."""
    if os.environ.get("ALLIAGE_SECRET_KEY"):
        return None
    return Path(settings.VAR_DIR) / SECRET_FILE


def _vendor() -> str:
    vendor = connections["default"].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"No backup for a {vendor} database: SQLite or PostgreSQL only.")
    return vendor


def _pg_command(program: str, *args: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that reach the default database, password in the
    environment (never on the command line, where ``ps`` shows it)."""
    db = connections["default"].settings_dict
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (Debian: apt install postgresql-client).")
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    if sslmode := (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = str(sslmode)
    return [executable, *args, f"--dbname={db['NAME']}"], env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 (pg_dump/pg_restore, arguments from the settings)
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _sqlite_copy(source: Path | str, target: Path | str) -> None:
    """Copy a live SQLite database page by page in one step: a consistent snapshot that
    includes what is committed in the WAL, while other connections keep writing."""
    src = sqlite3.connect(source, timeout=60)
    try:
        dst = sqlite3.connect(target, timeout=60)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_create(*, directory: Path) -> BackupReport:
    """Write ``alliage-<UTC time>.tar.gz`` into ``directory`` (created if need be), readable by
    its owner only. Nothing is left behind if a step fails."""
    vendor = _vendor()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    archive = directory / f"alliage-{stamp}.tar.gz"
    report = BackupReport(archive=archive)
    secret = _secret_path()
    with tempfile.TemporaryDirectory(prefix="alliage-backup-", dir=directory) as tmp:
        work = Path(tmp)
        database = work / DATABASE_FILES[vendor]
        if vendor == "sqlite":
            _sqlite_copy(connections["default"].settings_dict["NAME"], database)
        else:
            command, env = _pg_command("pg_dump", "--format=custom", f"--file={database}")
            _run(command, env)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": alliage.__version__,
            "created": timezone.now().isoformat(),
            "database": vendor,
            "directories": [],
            "secret_key": False,
        }
        partial = work / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(database, arcname=database.name)
            for name, storage in _stores().items():
                if _store_archive(tar, name, storage):
                    manifest["directories"].append(name)
            if secret is not None and secret.is_file():
                tar.add(secret, arcname=SECRET_FILE)
                manifest["secret_key"] = True
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            with tempfile.SpooledTemporaryFile() as buffer:
                buffer.write(data)
                buffer.seek(0)
                tar.addfile(info, buffer)
        partial.chmod(0o600)
        partial.replace(archive)
    if secret is None:
        report.warnings.append(KEY_FROM_ENVIRONMENT)
    return report


def _manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError) as error:
        raise BackupError("This is not an Alliage backup: it has no manifest.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This archive's format is not one this version can restore.")
    return manifest


def backup_restore(*, archive: Path, rebuild_index: bool = True) -> list[str]:
    """Put back the database, the files of both storages and the secret key from an
    archive of ``backup_create``; rebuild the matching index. Stop the web server and the
    worker first. Returns warnings for the operator. The archive is checked whole before
    anything is touched."""
    vendor = _vendor()
    warnings: list[str] = []
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot read {archive}: {error}") from error
    with tar, tempfile.TemporaryDirectory(prefix="alliage-restore-") as tmp:
        manifest = _manifest(tar)
        if manifest.get("database") != vendor:
            raise BackupError(
                f"This archive holds a {manifest.get('database')} database; "
                f"the settings point to {vendor}."
            )
        work = Path(tmp)
        try:
            tar.extractall(work, filter="data")  # refuses absolute paths, links out, devices
        except (OSError, tarfile.TarError) as error:
            raise BackupError(f"Cannot read {archive}: {error}") from error
        database = work / DATABASE_FILES[vendor]
        if not database.is_file():
            raise BackupError("The archive has no database.")
        if vendor == "sqlite":
            try:
                check = sqlite3.connect(database).execute("PRAGMA integrity_check").fetchone()
            except sqlite3.DatabaseError as error:
                raise BackupError(f"The archived database is damaged: {error}") from error
            if check != ("ok",):
                raise BackupError(f"The archived database is damaged: {check}")

        connections.close_all()
        if vendor == "sqlite":
            _sqlite_copy(database, connections["default"].settings_dict["NAME"])
        else:
            command, env = _pg_command(
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                str(database),
            )
            _run(command, env)

        for name, storage in _stores().items():
            if name in manifest.get("directories", []):
                _store_restore(work / name, storage)

        secret = _secret_path()
        if manifest.get("secret_key"):
            if secret is None:
                warnings.append(
                    "The archive holds a secret key but ALLIAGE_SECRET_KEY is set: the "
                    "environment's key stays in use."
                )
            else:
                secret.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(work / SECRET_FILE, secret)
                secret.chmod(0o600)
        else:
            warnings.append(
                "The archive holds no secret key: run with the ALLIAGE_SECRET_KEY the site had "
                "when it was backed up, or everyone is logged out."
            )
    if rebuild_index:
        call_command("matching_rebuild", stdout=io.StringIO())
    return warnings
