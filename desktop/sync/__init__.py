"""The sync engine: push the outbox, pull changes, listen for news; the central side reached directly or through
``aduan server``; the signed-in session that runs it."""
