"""ticket checksum index: the count and checksum of an officer's scope after every pull read from an index alone

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 02:00:00.000000
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index(
            'ix_ticket_row_version_deleted_at_unit_id_claimed_by',
            ['row_version', 'deleted_at', 'unit_id', 'claimed_by'],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_row_version_deleted_at_unit_id_claimed_by')
