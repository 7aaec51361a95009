"""The mailroom hot folder: files dropped by the copier become documents.

A file is taken once its size and time have not changed for a moment (the
copier may still be writing). It leaves the inbox only after its original is in
the blob store and its row is committed; a file that cannot be taken goes to
``failed/`` with a ``.reason.txt`` beside it. The first sub-folder may name the
service it comes from (``inbox/urbanisme/scan.pdf``); a sub-folder that names no
service of the town hall sends its files to ``failed/`` with that reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from paperasse.context import Context
from paperasse.errors import InputError, PaperasseError
from paperasse.ingest.deposit import Depositor, deposit, deposit_batch
from paperasse.models.tables import Document, Receipt

log = logging.getLogger(__name__)

RESERVED = {"processed", "failed"}
DEPOSITOR = Depositor("hotfolder", "courrier:dossier-partage")


@dataclass
class HotFolder:
    ctx: Context
    root: Path
    _seen: dict[Path, tuple[int, int, float]] = field(default_factory=dict)

    def scan_once(self, now: float | None = None) -> int:
        """Take every file that has been stable long enough; returns how many were taken."""
        now = time.monotonic() if now is None else now
        taken = 0
        present = set()
        for path in self._candidates():
            present.add(path)
            if self._stable(path, now):
                self._take(path)
                self._seen.pop(path, None)
                taken += 1
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return taken

    def _candidates(self) -> list[Path]:
        files = []
        for path in sorted(self.root.rglob("*")):
            relative = path.relative_to(self.root)
            if relative.parts[0] in RESERVED or any(
                p.startswith((".", "~")) for p in relative.parts
            ):
                continue
            if path.is_file() and not path.name.endswith((".tmp", ".part", ".reason.txt")):
                files.append(path)
        return files

    def _stable(self, path: Path, now: float) -> bool:
        try:
            stat = path.stat()
        except FileNotFoundError:
            return False
        signature = (stat.st_size, stat.st_mtime_ns)
        previous = self._seen.get(path)
        if previous is None or previous[:2] != signature:
            self._seen[path] = (*signature, now)
            return False
        return now - previous[2] >= self.ctx.settings.inbox.stable_seconds

    def _take(self, path: Path) -> None:
        relative = path.relative_to(self.root)
        service = relative.parts[0] if len(relative.parts) > 1 else None
        try:
            data = path.read_bytes()
            self._receive(data, path.name, service)
        except InputError as e:
            self._set_aside(path, e.message)
            return
        except (PaperasseError, OSError) as e:
            log.error("inbox file %s left in place, will retry: %s", path, e)
            return
        self._clear(path)

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

    def _clear(self, path: Path) -> None:
        if self.ctx.settings.inbox.keep_processed:
            _move(path, self.root / "processed" / path.relative_to(self.root))
        else:
            path.unlink(missing_ok=True)
        log.info("inbox file %s taken", path)

    def _set_aside(self, path: Path, reason: str) -> None:
        target = _move(path, self.root / "failed" / path.relative_to(self.root))
        stamp = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
        target.with_name(target.name + ".reason.txt").write_text(
            f"Fichier « {path.name} » refusé le {stamp}.\n{reason}\n", encoding="utf-8"
        )
        log.warning("inbox file %s set aside: %s", path, reason)


def _move(path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target = target.with_name(f"{target.stem}-{int(time.time())}{target.suffix}")
    path.replace(target)
    return target
