"""Pure domain: entities, statuses, claim rules and error types. No Qt, no SQL."""
