"""ticket assignment: who handed the current claim to its holder, and when

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 11:05:00.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('assigned_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_ticket_assigned_by_officer'), 'officer', ['assigned_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ticket_assigned_by_officer'), type_='foreignkey')
        batch_op.drop_column('assigned_at')
        batch_op.drop_column('assigned_by')
