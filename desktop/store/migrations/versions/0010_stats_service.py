"""statistics roll-up: each counted ticket's handler and the verdicts of its first-response and resolution clocks;
tickets by status and receipt

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 22:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stats_counted', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handler_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('response', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('response_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('resolution', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('resolution_minutes', sa.Integer(), nullable=True))
        batch_op.create_index('ix_stats_counted_day_id', ['day_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_stats_counted_handler_id_officer'), 'officer', ['handler_id'], ['id'])
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_status_created_at', ['status', 'created_at'], unique=False)
    # The lines counted so far lack the new columns: the next refresh builds the roll-up again.
    op.execute("UPDATE stats_rollup SET through = NULL")


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_status_created_at')
    with op.batch_alter_table('stats_counted', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stats_counted_handler_id_officer'), type_='foreignkey')
        batch_op.drop_index('ix_stats_counted_day_id')
        batch_op.drop_column('resolution_minutes')
        batch_op.drop_column('resolution')
        batch_op.drop_column('response_minutes')
        batch_op.drop_column('response')
        batch_op.drop_column('handler_id')
