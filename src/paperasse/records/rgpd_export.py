"""The copy a person receives of what the town holds on them (RGPD art. 15).

A zip with ``LISEZMOI.txt`` (a summary in French: each document and why it was
found, each dossier, the accounts, the audit events, and how long each document
is kept and why), ``donnees.json`` (the same, structured) and ``documents/`` (the
originals that can still be read).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from sqlalchemy import select

from paperasse import originals
from paperasse.checks.verdict import local_date
from paperasse.context import Context
from paperasse.models.calendar import format_date_fr
from paperasse.models.tables import AuditEvent, Document, Dossier, User
from paperasse.records.retention import standings
from paperasse.records.rgpd import Found, protection
from paperasse.records.seda import EXTENSIONS


def export(ctx: Context, found: Found, who: str, today: dt.date | None = None) -> bytes:
    """The zip of everything in ``found``, for the person named ``who``."""
    day = today or local_date()
    out = io.BytesIO()
    data: dict[str, Any] = {"personne": who, "etabli_le": day.isoformat(), "documents": []}
    with ctx.sessions() as session, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        kept = {s.document_id: s for s in standings(session, list(found.documents))}
        for doc_id, reasons in found.documents.items():
            doc = session.get(Document, doc_id)
            standing = kept.get(doc_id)
            if doc is None or standing is None:
                continue
            entry = {
                "document": doc.id,
                "type": doc.doc_type,
                "recu_le": doc.received_at.date().isoformat(),
                "pourquoi": reasons,
                "conservation": protection(standing, day) or "aucune obligation en cours",
                "fichier": None,
            }
            if originals.readable(session, doc.sha256):
                name = f"documents/{doc.id}.{EXTENSIONS.get(doc.mime, 'bin')}"
                archive.writestr(name, originals.read(ctx, doc.sha256, session))
                entry["fichier"] = name
            data["documents"].append(entry)
        data["dossiers"] = [
            {
                "dossier": d.id,
                "demarche": d.procedure,
                "etat": d.status,
                "ouvert_le": d.created_at.date().isoformat(),
                "pourquoi": found.dossiers[d.id],
            }
            for d in session.execute(
                select(Dossier).where(Dossier.id.in_(list(found.dossiers)))
            ).scalars()
        ]
        data["comptes"] = [
            {"compte": u.username, "role": u.role, "cree_le": u.created_at.date().isoformat()}
            for u in session.execute(
                select(User).where(User.username.in_(found.accounts))
            ).scalars()
        ]
        data["journal"] = [
            {"n": e.seq, "le": e.at, "action": e.action, "objet": e.object}
            for e in session.execute(
                select(AuditEvent)
                .where(AuditEvent.seq.in_(found.audit_events))
                .order_by(AuditEvent.seq)
            ).scalars()
        ]
        archive.writestr(
            "donnees.json", json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
        )
        archive.writestr("LISEZMOI.txt", summary(data, day))
    return out.getvalue()


def summary(data: dict[str, Any], day: dt.date) -> str:
    """The French summary that opens the export."""
    lines = [
        f"Données détenues par la mairie sur {data['personne']}",
        f"Établi le {format_date_fr(day)}, en réponse à votre demande d'accès (RGPD, article 15).",
        "",
        f"Documents : {len(data['documents'])}",
    ]
    for d in data["documents"]:
        fichier = d["fichier"] or "original détruit"
        lines.append(
            f"- {d['type'] or 'document'} reçu le {d['recu_le']} ({', '.join(d['pourquoi'])}) ;"
            f" conservation : {d['conservation']} ; fichier : {fichier}"
        )
    lines += ["", f"Dossiers : {len(data['dossiers'])}"]
    lines += [
        f"- {d['demarche']} ouvert le {d['ouvert_le']}, état {d['etat']}"
        f" ({', '.join(d['pourquoi'])})"
        for d in data["dossiers"]
    ]
    lines += ["", f"Comptes : {len(data['comptes'])}"]
    lines += [f"- {c['compte']} ({c['role']}), créé le {c['cree_le']}" for c in data["comptes"]]
    lines += [
        "",
        f"Journal d'audit : {len(data['journal'])} événements vous concernent (détail dans"
        " donnees.json). Ce journal est infalsifiable et conservé au titre de la traçabilité"
        " des actes de l'administration : il ne peut pas être effacé.",
        "",
        "Vous pouvez demander la rectification ou l'effacement de ces données auprès de la"
        " mairie. L'effacement n'est possible que pour les documents qu'aucune obligation de"
        " conservation ne couvre (code du patrimoine ; RGPD, article 17, 3, b).",
    ]
    return "\n".join(lines) + "\n"
