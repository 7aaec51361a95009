"""Autogenerate a migration from the models: python tools/make_migration.py "message".

Runs against a scratch SQLite database brought to the current head first.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from paperasse.models.db import alembic_config, make_engine, migrate


def main() -> None:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        migrate(engine)
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True)


if __name__ == "__main__":
    main()
