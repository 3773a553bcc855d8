"""Local cache, outbox and the pull/push sync engine (see DESIGN.md "Sync")."""
