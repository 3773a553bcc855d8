"""The local cache on this workstation: the mirror of what the officer may see, the outbox of their pending
operations, the overlay that shows those at once, and the indexes that search it."""
