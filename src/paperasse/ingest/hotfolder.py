"""The mailroom hot folder: files dropped by the copier become documents.

A file is taken once its size and time have not changed for a moment (the
copier may still be writing). It leaves the inbox only after its original is in
the blob store and its row is committed; a file that cannot be taken goes to
``failed/`` with a ``.reason.txt`` beside it. The first sub-folder may name the
service it comes from (``inbox/urbanisme/scan.pdf``); a sub-folder that names no
service of the town hall sends its files to ``failed/`` with that reason.

Only regular files that live in the inbox are read. Whoever can write to the
inbox could otherwise make the service read any file it can read (a symbolic or
hard link to a citizen's original, a device, a pipe that blocks forever): the
inbox is walked without following links, each file is opened relative to its
folder with ``O_NOFOLLOW`` and checked again once open (a regular file with one
name, within the size limit by ``stat`` before any byte is read). Anything else
goes to ``failed/`` as it is: renaming a link moves the link, never its target,
and nothing is read through it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from paperasse.context import Context
from paperasse.errors import InputError, PaperasseError
from paperasse.ingest.deposit import Depositor, deposit, deposit_batch
from paperasse.ingest.intake import too_large
from paperasse.models.tables import Document, Receipt

log = logging.getLogger(__name__)

RESERVED = {"processed", "failed"}
DEPOSITOR = Depositor("hotfolder", "courrier:dossier-partage")
IGNORED_SUFFIXES = (".tmp", ".part", ".reason.txt")
READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One name found in the inbox, with what ``lstat`` said of it."""

    relative: Path
    dir_fd: int
    info: os.stat_result

    @property
    def name(self) -> str:
        return self.relative.name

    @property
    def signature(self) -> tuple[int, int]:
        return self.info.st_size, self.info.st_mtime_ns


def not_a_plain_file(name: str, what: str) -> InputError:
    return InputError(
        f"« {name} » n'a pas été lu : c'est {what}, pas un fichier déposé dans le dossier "
        "partagé. Déposez le fichier lui-même (une copie), pas un lien vers lui.",
        details={"filename": name},
    )


@dataclass
class HotFolder:
    ctx: Context
    root: Path
    _seen: dict[Path, tuple[int, int, float]] = field(default_factory=dict)
    _stuck: set[Path] = field(default_factory=set)

    def scan_once(self, now: float | None = None) -> int:
        """Take every file that has been stable long enough; returns how many were taken."""
        now = time.monotonic() if now is None else now
        taken = 0
        present = set()
        for entry in self._entries():
            if not stat.S_ISREG(entry.info.st_mode) or entry.info.st_nlink != 1:
                self._set_aside(entry.relative, _kind_refusal(entry).message)
                continue
            present.add(entry.relative)
            if self._stable(entry, now):
                self._take(entry)
                self._seen.pop(entry.relative, None)
                taken += 1
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return taken

    def _entries(self) -> Iterator[Entry]:
        """Names in the inbox (links included, never followed), reserved folders skipped.

        Each entry must be dealt with before the next is asked for: its ``dir_fd`` is
        closed once the walk leaves its folder.
        """
        if not self.root.is_dir():
            return
        for dirpath, dirnames, filenames, dir_fd in os.fwalk(self.root):
            here = Path(dirpath).relative_to(self.root)
            keep = []
            for name in sorted(dirnames):
                if _hidden(name) or (here == Path() and name in RESERVED):
                    continue
                info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    keep.append(name)
                else:  # a link to a folder: never walked into
                    yield Entry(here / name, dir_fd, info)
            dirnames[:] = keep
            for name in sorted(filenames):
                if _hidden(name) or name.endswith(IGNORED_SUFFIXES):
                    continue
                try:
                    info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                except FileNotFoundError:
                    continue
                yield Entry(here / name, dir_fd, info)

    def _stable(self, entry: Entry, now: float) -> bool:
        previous = self._seen.get(entry.relative)
        if previous is None or previous[:2] != entry.signature:
            self._seen[entry.relative] = (*entry.signature, now)
            return False
        return now - previous[2] >= self.ctx.settings.inbox.stable_seconds

    def _take(self, entry: Entry) -> None:
        parts = entry.relative.parts
        service = parts[0] if len(parts) > 1 else None
        try:
            data = self._read(entry)
            self._receive(data, entry.name, service)
        except InputError as e:
            self._set_aside(entry.relative, e.message)
            return
        except (PaperasseError, OSError) as e:
            log.error("inbox file %s left in place, will retry: %s", entry.relative, e)
            return
        self._clear(entry.relative)

    def _read(self, entry: Entry) -> bytes:
        """The file's bytes, opened without following links and refused by size unread."""
        limit = self.ctx.settings.max_upload_bytes
        if entry.info.st_size > limit:
            raise too_large(entry.name, entry.info.st_size, limit)
        if not _inside(self.root, self.root / entry.relative):
            raise not_a_plain_file(entry.name, "un chemin qui sort du dossier partagé")
        fd = os.open(entry.name, READ_FLAGS, dir_fd=entry.dir_fd)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
                raise _kind_refusal(Entry(entry.relative, entry.dir_fd, info))
            if info.st_size > limit:
                raise too_large(entry.name, info.st_size, limit)
            chunks, size = [], 0
            while size <= limit:
                chunk = os.read(fd, CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
        if size > limit:
            raise too_large(entry.name, size, limit)
        return b"".join(chunks)

    def _receive(self, data: bytes, name: str, service: str | None) -> None:
        split = self.ctx.settings.inbox.split
        if split == "off":
            if not self._already_received(data, name):
                deposit(self.ctx, data, name, DEPOSITOR, service=service)
        else:
            deposit_batch(self.ctx, data, name, DEPOSITOR, service=service, split=split)

    def _already_received(self, data: bytes, name: str) -> bool:
        """True when this very file was stored by an earlier pass that died before removing it."""
        sha256 = hashlib.sha256(data).hexdigest()
        stmt = (
            select(Receipt.id)
            .join(Document)
            .where(
                Document.sha256 == sha256, Receipt.filename == name, Receipt.source == "mailroom"
            )
            .limit(1)
        )
        with self.ctx.sessions() as session:
            return session.execute(stmt).first() is not None

    def _clear(self, relative: Path) -> None:
        if self.ctx.settings.inbox.keep_processed:
            if _move(self.root, relative, "processed") is None:
                self._left_in_place(relative, "processed")
                return
        else:
            (self.root / relative).unlink(missing_ok=True)
        log.info("inbox file %s taken", relative)

    def _set_aside(self, relative: Path, reason: str) -> None:
        target = _move(self.root, relative, "failed")
        if target is None:
            self._left_in_place(relative, "failed")
            return
        stamp = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
        text = f"Fichier « {relative.name} » refusé le {stamp}.\n{reason}\n"
        _write_new(target.with_name(target.name + ".reason.txt"), text)
        log.warning("inbox file %s set aside: %s", relative, reason)

    def _left_in_place(self, relative: Path, folder: str) -> None:
        if relative not in self._stuck:  # said once, not at every scan
            self._stuck.add(relative)
            log.error("inbox entry %s left in place: %s/ leads out of the inbox", relative, folder)


def _kind_refusal(entry: Entry) -> InputError:
    mode = entry.info.st_mode
    if stat.S_ISLNK(mode):
        return not_a_plain_file(entry.name, "un lien symbolique")
    if stat.S_ISREG(mode):
        return not_a_plain_file(entry.name, "un lien physique vers un autre fichier")
    if stat.S_ISDIR(mode):
        return not_a_plain_file(entry.name, "un dossier")
    return not_a_plain_file(entry.name, "un fichier spécial (tube, périphérique)")


def _hidden(name: str) -> bool:
    return name.startswith((".", "~"))


def _inside(root: Path, path: Path) -> bool:
    """Whether ``path``'s folder, links resolved, lies within ``root`` (links resolved)."""
    return Path(os.path.realpath(path.parent)).is_relative_to(os.path.realpath(root))


def _move(root: Path, relative: Path, folder: str) -> Path | None:
    """Rename an inbox entry into ``folder`` (the entry itself, never a link's target).

    None, and the entry left where it is, when the destination would lie outside the
    inbox (a link planted in ``failed/``): moving it there would write elsewhere.
    """
    target = root / folder / relative
    if not _inside(root, target) or not _inside(root, root / relative):
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target):
        target = target.with_name(f"{target.stem}-{int(time.time())}{target.suffix}")
    (root / relative).rename(target)
    return target


def _write_new(path: Path, text: str) -> None:
    """Write a new file, never through a link that would be waiting at its name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        log.error("reason file %s already exists; not overwritten", path)
        return
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
