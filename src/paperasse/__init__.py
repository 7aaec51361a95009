"""paperasse: document management and AI triage for French town halls."""

__version__ = "0.1.0"
