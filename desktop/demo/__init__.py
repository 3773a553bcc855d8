"""Demo data and the embedded workspace that opens on it when no server is configured."""
