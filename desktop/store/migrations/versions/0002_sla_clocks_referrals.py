"""service-level clocks, referrals, warning share and restart per policy, index of duplicates' masters

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 11:52:19.867534
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sla_clock',
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('clock', sa.String(length=20), nullable=False),
    sa.Column('target_minutes', sa.Integer(), nullable=False),
    sa.Column('used_minutes', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('running_since', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('stopped_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('due_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('warn_percent', sa.SmallInteger(), server_default=sa.text('75'), nullable=False),
    sa.Column('offline_minutes', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('escalated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_sla_clock_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('ticket_id', 'clock', name=op.f('pk_sla_clock'))
    )
    with op.batch_alter_table('sla_clock', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sla_clock_change_seq'), ['change_seq'], unique=False)

    op.create_table('referral',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('from_unit_id', sa.Integer(), nullable=False),
    sa.Column('to_unit_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=False),
    sa.Column('asked_by', sa.Integer(), nullable=False),
    sa.Column('answer', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=True),
    sa.Column('answered_by', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('note_id', sa.Uuid(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['answered_by'], ['officer.id'], name=op.f('fk_referral_answered_by_officer')),
    sa.ForeignKeyConstraint(['asked_by'], ['officer.id'], name=op.f('fk_referral_asked_by_officer')),
    sa.ForeignKeyConstraint(['from_unit_id'], ['unit.id'], name=op.f('fk_referral_from_unit_id_unit')),
    sa.ForeignKeyConstraint(['note_id'], ['note.id'], name=op.f('fk_referral_note_id_note')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_referral_ticket_id_ticket')),
    sa.ForeignKeyConstraint(['to_unit_id'], ['unit.id'], name=op.f('fk_referral_to_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral'))
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_ticket_id'), ['ticket_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_to_unit_id'), ['to_unit_id'], unique=False)

    with op.batch_alter_table('calendar', schema=None) as batch_op:
        batch_op.add_column(sa.Column('national_holidays', sa.Boolean(), server_default=sa.text('true'), nullable=False))

    with op.batch_alter_table('sla_policy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('warn_percent', sa.SmallInteger(), server_default=sa.text('75'), nullable=False))
        batch_op.add_column(sa.Column('restart_on_transfer', sa.Boolean(), server_default=sa.text('false'), nullable=False))

    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_master_id'), ['master_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_master_id'))

    with op.batch_alter_table('sla_policy', schema=None) as batch_op:
        batch_op.drop_column('restart_on_transfer')
        batch_op.drop_column('warn_percent')

    with op.batch_alter_table('calendar', schema=None) as batch_op:
        batch_op.drop_column('national_holidays')

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_to_unit_id'))
        batch_op.drop_index(batch_op.f('ix_referral_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_referral_change_seq'))

    op.drop_table('referral')
    with op.batch_alter_table('sla_clock', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sla_clock_change_seq'))

    op.drop_table('sla_clock')
