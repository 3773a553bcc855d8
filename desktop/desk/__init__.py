"""The officer's commands, offline-first: checked against the cache, queued in the outbox, shown at once."""
