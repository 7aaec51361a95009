"""Documents as users see them: reading one within its rights, the search service
on behalf of someone, and the outbox indexer that feeds the search engine."""
