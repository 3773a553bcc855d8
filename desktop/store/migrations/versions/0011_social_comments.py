"""social comments: comments under a Facebook Page's posts or an Instagram account's media, kept until an
officer makes a ticket of one

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 23:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql')


def upgrade() -> None:
    op.create_table('social_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=255), nullable=False),
    sa.Column('post_id', sa.String(length=255), nullable=False),
    sa.Column('author_id', sa.String(length=255), nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=True),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('personal_data', sa.Boolean(), nullable=False),
    sa.Column('created_at', _TIMESTAMP, nullable=False),
    sa.Column('received_at', _TIMESTAMP, nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['channel_account.id'], name=op.f('fk_social_comment_account_id_channel_account')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_social_comment_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_comment'))
    )
    with op.batch_alter_table('social_comment', schema=None) as batch_op:
        batch_op.create_index('uq_social_comment_account_id_external_id', ['account_id', 'external_id'], unique=True)
        batch_op.create_index(
            'ix_social_comment_account_id_ticket_id_created_at', ['account_id', 'ticket_id', 'created_at'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('social_comment', schema=None) as batch_op:
        batch_op.drop_index('ix_social_comment_account_id_ticket_id_created_at')
        batch_op.drop_index('uq_social_comment_account_id_external_id')
    op.drop_table('social_comment')
