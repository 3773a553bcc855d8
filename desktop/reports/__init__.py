"""Statistics queries and exports."""
