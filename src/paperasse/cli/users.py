"""Accounts: paperasse users add/list/disable."""

from __future__ import annotations

import argparse
import getpass
import os

from paperasse.auth import add_user, disable_user, list_users
from paperasse.auth.roles import ROLES
from paperasse.auth.users import enable_user
from paperasse.cli.common import Subparsers, context
from paperasse.errors import InputError
from paperasse.settings import Settings

PASSWORD_ENV = "PAPERASSE_NEW_PASSWORD"


def _password() -> str:
    """From the environment (scripts) or typed twice, never on the command line."""
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Encore une fois : ") != first:
        raise InputError("Les deux mots de passe diffèrent.")
    return first


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        user = add_user(
            ctx,
            args.username,
            _password(),
            args.role,
            services=args.service or [],
            display_name=args.name or "",
            actor="cli",
        )
    print(f"compte créé : {user.username} ({user.role})")
    return 0


def cmd_list(_args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx, ctx.sessions() as session:
        for user in list_users(session):
            state = "désactivé" if user.disabled else "actif"
            services = ",".join(user.services) or "-"
            print(f"{user.username}\t{user.role}\t{services}\t{state}\t{user.display_name}")
    return 0


def cmd_disable(args: argparse.Namespace, settings: Settings) -> int:
    with context(settings) as ctx:
        if args.enable:
            enable_user(ctx, args.username, actor="cli")
        else:
            disable_user(ctx, args.username, actor="cli")
    print(f"compte {'réactivé' if args.enable else 'désactivé'} : {args.username}")
    return 0


def register(sub: Subparsers) -> None:
    users = sub.add_parser("users", help="comptes des agents et des citoyens")
    actions = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help=f"créer un compte (mot de passe demandé, ou {PASSWORD_ENV})"
    )
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--service", action="append", help="service d'un agent (répétable)")
    add.add_argument("--name", help="nom affiché")
    add.set_defaults(handler=cmd_add)
    listing = actions.add_parser("list", help="lister les comptes")
    listing.set_defaults(handler=cmd_list)
    disable = actions.add_parser("disable", help="désactiver un compte")
    disable.add_argument("username")
    disable.add_argument("--enable", action="store_true", help="réactiver plutôt")
    disable.set_defaults(handler=cmd_disable)
