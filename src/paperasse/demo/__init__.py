"""Demonstration data: one account per role with known passwords, and sample
documents processed so that every page has something to show.

``load_demo`` is idempotent: accounts and documents that exist are left alone.
"""

from __future__ import annotations

from paperasse.demo.accounts import DEMO_ACCOUNTS, DemoAccount, ensure_accounts
from paperasse.demo.documents import DemoReport, load_demo, sample_documents

__all__ = [
    "DEMO_ACCOUNTS",
    "DemoAccount",
    "DemoReport",
    "ensure_accounts",
    "load_demo",
    "sample_documents",
]
