"""``paperasse records``: the retention schedule, holds, disposal and transfers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from paperasse import originals
from paperasse.archive.search import catch_up
from paperasse.auth import Identity
from paperasse.cli.common import Subparsers, context
from paperasse.errors import InputError
from paperasse.records import certificate, disposal, seda
from paperasse.records.holds import active_holds, hold_search, lift_hold, place_hold
from paperasse.records.retention import close_dossier, due, sync_locks
from paperasse.records.schedule import EVENT_LABELS, load_schedule
from paperasse.search.types import SearchQuery
from paperasse.settings import Settings

OPERATOR = Identity(user_id="cli", username="cli", role="admin", display_name="exploitant")


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError as e:
        raise InputError(f"Date invalide : « {value} » (attendu AAAA-MM-JJ).") from e


def cmd_schedule(args: argparse.Namespace, settings: Settings) -> int:
    schedule = load_schedule()
    for kind, rules in (("document", schedule.documents), ("dossier", schedule.dossiers)):
        for name, rule in rules.items():
            dua = f"{rule.dua_years} an(s)" if rule.dua_years is not None else "non établie"
            checked = "" if rule.verified else " [non vérifiée]"
            print(
                f"{kind}:{name}\t{dua}\tà compter de la {EVENT_LABELS[rule.runs_from]}"
                f"\t{rule.fate}\t{rule.source}{checked}"
            )
    return 0


def cmd_due(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx, ctx.sessions() as session:
        items = due(session, _day(args.date))
    rows = [
        {
            "document": s.document_id,
            "type": s.doc_type,
            "dossier": s.dossier_id,
            "regle": s.rule_id,
            "sort_final": s.rule.fate,
            "echeance": s.due_on.isoformat() if s.due_on else None,
            "bordereau": s.proposed_in,
        }
        for s in items
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        listed = f"\tbordereau {row['bordereau']}" if row["bordereau"] else ""
        print(
            f"{row['document']}\t{row['type'] or '-'}\t{row['regle']}\t{row['sort_final']}"
            f"\téchu le {row['echeance']}{listed}"
        )
    print(f"{len(rows)} document(s) au terme de leur durée d'utilité administrative")
    return 0


def cmd_propose(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        disposal_id = disposal.propose(ctx, "cli", _day(args.date), with_sorting=args.tri)
    if disposal_id is None:
        print("rien à éliminer")
        return 0
    print(f"bordereau {disposal_id} proposé ; approuvez-le avec son visa :")
    print(f"  paperasse records approve {disposal_id} --visa « référence du visa »")
    return 0


def cmd_lists(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx, ctx.sessions() as session:
        for item in disposal.lists(session, args.status):
            count = len(item.items)
            print(f"{item.id}\t{item.status}\t{item.proposed_at:%d/%m/%Y}\t{count} document(s)")
    return 0


def cmd_approve(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        content = disposal.approve(ctx, "cli", args.disposal, args.visa, _day(args.date))
        catch_up(ctx)
    print(f"{content['nombre']} document(s) détruit(s), {len(content['ecartes'])} écarté(s)")
    json_name, pdf_name = certificate.names(args.disposal)
    print(f"bordereau scellé : {json_name}, {pdf_name}")
    return 0


def cmd_cancel(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        disposal.cancel(ctx, "cli", args.disposal)
    print(f"bordereau {args.disposal} abandonné")
    return 0


def cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        result = disposal.verify(ctx, args.disposal)
    if result.ok:
        print(f"bordereau {args.disposal} : intègre, conforme au journal d'audit")
        return 0
    for problem in result.problems:
        print(f"bordereau {args.disposal} : {problem}")
    return 7


def cmd_certificate(args: argparse.Namespace, settings: Settings) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with context(settings) as ctx:
        for name in certificate.names(args.disposal):
            target = out / name.rsplit("/", 1)[-1]
            target.write_bytes(ctx.store.get_named(name))
            print(target)
    return 0


def cmd_hold(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        if args.search:
            query = SearchQuery(text=args.search, principals=[])
            ids = hold_search(ctx, OPERATOR, query, args.reason)
            print(f"{len(ids)} document(s) gelé(s)")
            return 0
        if not args.target:
            raise InputError("Donnez la cible (document:<id> ou dossier:<id>) ou --search.")
        print(place_hold(ctx, OPERATOR, args.target, args.reason))
    return 0


def cmd_unhold(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        lift_hold(ctx, OPERATOR, args.hold, args.reason)
    print(f"gel {args.hold} levé")
    return 0


def cmd_holds(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx, ctx.sessions() as session:
        for hold in active_holds(session):
            print(f"{hold.id}\t{hold.target}\t{hold.placed_at:%d/%m/%Y}\t{hold.reason}")
    return 0


def cmd_close(args: argparse.Namespace, settings: Settings) -> int:
    on = _day(args.on)
    moment = dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC) if on else None
    with context(settings) as ctx:
        close_dossier(ctx, "cli", args.dossier, moment)
    print(f"dossier {args.dossier} clos")
    return 0


def cmd_transfer(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        package = seda.transfer(ctx, "cli", _day(args.date), with_sorting=args.tri)
    if package is None:
        print("rien à verser")
        return 0
    if args.out:
        Path(args.out).write_bytes(package.data)
    print(f"versement {package.transfer_id} : {package.documents} document(s)")
    print(f"paquet SEDA 2.2 scellé : {package.name} (SHA-256 {package.sha256})")
    return 0


def cmd_locks(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        extended = sync_locks(ctx)
        deleted, locked = originals.delete_shredded(ctx)
    print(f"verrous prolongés : {extended} ; originaux détruits supprimés du stockage : {deleted}")
    if locked:
        print(f"{locked} original(aux) détruit(s) restent verrouillés, supprimés à l'échéance")
    return 0


def register(sub: Subparsers) -> None:
    records = sub.add_parser("records", help="conservation : échéances, gels, éliminations")
    cmds = records.add_subparsers(dest="records_command", required=True, metavar="ACTION")

    def add(name: str, handler: object, help_text: str) -> argparse.ArgumentParser:
        parser = cmds.add_parser(name, help=help_text)
        parser.set_defaults(handler=handler)
        return parser

    add("schedule", cmd_schedule, "le tableau de gestion : DUA, événement, sort, source")
    p = add("due", cmd_due, "ce qui a atteint le terme de sa DUA")
    p.add_argument("--date", help="à cette date (AAAA-MM-JJ) plutôt qu'aujourd'hui")
    p.add_argument("--json", action="store_true")
    p = add("propose", cmd_propose, "préparer un bordereau d'élimination")
    p.add_argument("--tri", action="store_true", help="y inclure les documents à trier")
    p.add_argument("--date", help="à cette date (AAAA-MM-JJ)")
    p = add("lists", cmd_lists, "les bordereaux d'élimination")
    p.add_argument("--status", choices=("proposed", "done", "cancelled"))
    p = add("approve", cmd_approve, "approuver un bordereau et éliminer")
    p.add_argument("disposal")
    p.add_argument("--visa", required=True, help="référence du visa des Archives départementales")
    p.add_argument("--date", help="à cette date (AAAA-MM-JJ)")
    add("cancel", cmd_cancel, "abandonner un bordereau proposé").add_argument("disposal")
    add("verify", cmd_verify, "vérifier un bordereau et le journal").add_argument("disposal")
    p = add("certificate", cmd_certificate, "écrire un bordereau (JSON et PDF)")
    p.add_argument("disposal")
    p.add_argument("--out", default=".", help="dossier de destination")
    p = add("hold", cmd_hold, "geler un document, un dossier ou un résultat de recherche")
    p.add_argument("target", nargs="?", help="document:<id> ou dossier:<id>")
    p.add_argument("--search", help="geler tous les documents de cette recherche")
    p.add_argument("--reason", required=True, help="motif du gel")
    p = add("unhold", cmd_unhold, "lever un gel")
    p.add_argument("hold")
    p.add_argument("--reason", required=True, help="motif de la levée")
    add("holds", cmd_holds, "les gels en cours")
    p = add("close", cmd_close, "clore un dossier (fait courir sa DUA)")
    p.add_argument("dossier")
    p.add_argument("--on", help="date de clôture (AAAA-MM-JJ), aujourd'hui par défaut")
    p = add("transfer", cmd_transfer, "verser aux archives (paquet SEDA 2.2)")
    p.add_argument("--tri", action="store_true", help="y inclure les documents à trier")
    p.add_argument("--out", help="écrire aussi le paquet dans ce fichier")
    p.add_argument("--date", help="à cette date (AAAA-MM-JJ)")
    add("locks", cmd_locks, "prolonger les verrous du stockage, supprimer ce qui est détruit")
