"""public web form: reports filed through it, with their status links' hashes, and the form's signing key

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 19:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('web_report',
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('secret_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_web_report_ticket_id_ticket')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_web_report_unit_id_unit')),
    sa.PrimaryKeyConstraint('ticket_id', name=op.f('pk_web_report')),
    sa.UniqueConstraint('secret_sha256', name=op.f('uq_web_report_secret_sha256'))
    )
    op.create_index('ix_web_report_unit_id_created_at', 'web_report', ['unit_id', 'created_at'], unique=False)
    op.create_table('web_form_key',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('secret', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_web_form_key'))
    )


def downgrade() -> None:
    op.drop_table('web_form_key')
    op.drop_index('ix_web_report_unit_id_created_at', table_name='web_report')
    op.drop_table('web_report')
