"""statistics roll-up: reports received per day, unit, channel, kind, category and priority; tickets by reporter

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 18:30:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stats_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_stats_day_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stats_day')),
    sa.UniqueConstraint('day', 'unit_id', 'channel', 'kind', 'category', 'priority',
                        name=op.f('uq_stats_day_day_unit_id_channel_kind_category_priority'))
    )
    op.create_table('stats_counted',
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('day_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['day_id'], ['stats_day.id'], name=op.f('fk_stats_counted_day_id_stats_day')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_stats_counted_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('ticket_id', name=op.f('pk_stats_counted'))
    )
    op.create_table('stats_rollup',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.Column('through', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stats_rollup'))
    )
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_reporter_id', ['reporter_id'], unique=False)
    op.bulk_insert(sa.table('stats_rollup', sa.column('id', sa.Integer), sa.column('zone', sa.String)),
                   [{'id': 1, 'zone': ''}])


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_reporter_id')
    op.drop_table('stats_rollup')
    op.drop_table('stats_counted')
    op.drop_table('stats_day')
