"""Who may see what (access), what was done (the audit log) and what leaves (safe downloads)."""
