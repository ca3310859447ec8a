"""Loading what briefs cite: the bibliography, the ledger of figures, source snapshots."""
