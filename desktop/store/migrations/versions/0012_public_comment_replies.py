"""public comment replies: the unit's public answer under a Facebook or Instagram comment, posted once by the worker

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 02:10:00.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql')


def upgrade() -> None:
    with op.batch_alter_table('social_comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_text', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('reply_state', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('reply_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reply_error', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('reply_external_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('replied_at', _TIMESTAMP, nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_social_comment_reply_by_officer'), 'officer', ['reply_by'], ['id']
        )
        batch_op.create_index('ix_social_comment_reply_state', ['reply_state'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('social_comment', schema=None) as batch_op:
        batch_op.drop_index('ix_social_comment_reply_state')
        batch_op.drop_constraint(batch_op.f('fk_social_comment_reply_by_officer'), type_='foreignkey')
        batch_op.drop_column('replied_at')
        batch_op.drop_column('reply_external_id')
        batch_op.drop_column('reply_error')
        batch_op.drop_column('reply_by')
        batch_op.drop_column('reply_state')
        batch_op.drop_column('reply_text')
