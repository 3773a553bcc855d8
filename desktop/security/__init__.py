"""Credentials (keyring), roles and permissions, masking of protected identities."""
