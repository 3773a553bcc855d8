"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 03:50:49.021138
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('content', sa.LargeBinary().with_variant(mysql.LONGBLOB(), 'mariadb').with_variant(mysql.LONGBLOB(), 'mysql'), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob'))
    )
    op.create_table('counter',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_counter'))
    )
    op.create_table('officer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=63), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer')),
    sa.UniqueConstraint('login', name=op.f('uq_officer_login'))
    )
    op.create_table('reporter',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('anonymous', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('confidential', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporter'))
    )
    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('lease_seconds', sa.Integer(), server_default=sa.text('14400'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['unit.id'], name=op.f('fk_unit_parent_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_unit_code'))
    )
    op.create_table('applied_op',
    sa.Column('op_id', sa.Uuid(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('applied_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_applied_op_officer_id_officer')),
    sa.PrimaryKeyConstraint('op_id', name=op.f('pk_applied_op'))
    )
    op.create_table('calendar',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('timezone', sa.String(length=40), server_default=sa.text("'Asia/Jakarta'"), nullable=False),
    sa.Column('work_start_minute', sa.SmallInteger(), server_default=sa.text('480'), nullable=False),
    sa.Column('work_end_minute', sa.SmallInteger(), server_default=sa.text('960'), nullable=False),
    sa.Column('weekend_days', sa.String(length=20), server_default=sa.text("'5,6'"), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_calendar_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_calendar_unit_id'))
    )
    with op.batch_alter_table('calendar', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_change_seq'), ['change_seq'], unique=False)

    op.create_table('canned_response',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['officer.id'], name=op.f('fk_canned_response_created_by_officer')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_canned_response_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_canned_response'))
    )
    with op.batch_alter_table('canned_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_canned_response_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index('uq_canned_response_key_version', ['key', 'version'], unique=True)

    op.create_table('channel_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('config', sa.Text(), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('secret_ref', sa.String(length=200), nullable=True),
    sa.Column('enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('last_poll_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('cursor', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_channel_account_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_channel_account'))
    )
    op.create_table('membership',
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_membership_officer_id_officer')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_membership_unit_id_unit')),
    sa.PrimaryKeyConstraint('officer_id', 'unit_id', name=op.f('pk_membership'))
    )
    op.create_table('reporter_contact',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('reporter_id', sa.Uuid(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=320), nullable=False),
    sa.ForeignKeyConstraint(['reporter_id'], ['reporter.id'], name=op.f('fk_reporter_contact_reporter_id_reporter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporter_contact'))
    )
    with op.batch_alter_table('reporter_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reporter_contact_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index('uq_reporter_contact_channel_address', ['channel', 'address'], unique=True)

    op.create_table('sla_policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=True),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('verify_working_days', sa.SmallInteger(), server_default=sa.text('3'), nullable=False),
    sa.Column('follow_up_working_days', sa.SmallInteger(), server_default=sa.text('5'), nullable=False),
    sa.Column('reporter_wait_working_days', sa.SmallInteger(), server_default=sa.text('10'), nullable=False),
    sa.Column('resolution_days', sa.SmallInteger(), server_default=sa.text('60'), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_sla_policy_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sla_policy'))
    )
    with op.batch_alter_table('sla_policy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sla_policy_change_seq'), ['change_seq'], unique=False)

    op.create_table('ticket',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tracking_no', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.Column('priority', sa.SmallInteger(), server_default=sa.text('2'), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('reporter_id', sa.Uuid(), nullable=True),
    sa.Column('external_ref', sa.String(length=100), nullable=True),
    sa.Column('first_response_due_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('due_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('master_id', sa.Uuid(), nullable=True),
    sa.Column('claimed_by', sa.Integer(), nullable=True),
    sa.Column('claim_device', sa.String(length=100), nullable=True),
    sa.Column('claim_token', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('claim_expires_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('row_version', sa.BigInteger(), server_default=sa.text('1'), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.Column('closed_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.ForeignKeyConstraint(['claimed_by'], ['officer.id'], name=op.f('fk_ticket_claimed_by_officer')),
    sa.ForeignKeyConstraint(['created_by'], ['officer.id'], name=op.f('fk_ticket_created_by_officer')),
    sa.ForeignKeyConstraint(['master_id'], ['ticket.id'], name=op.f('fk_ticket_master_id_ticket')),
    sa.ForeignKeyConstraint(['reporter_id'], ['reporter.id'], name=op.f('fk_ticket_reporter_id_reporter')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_ticket_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket')),
    sa.UniqueConstraint('tracking_no', name=op.f('uq_ticket_tracking_no'))
    )
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_ticket_claimed_by'), ['claimed_by'], unique=False)
        batch_op.create_index('ix_ticket_unit_id_status_due_at', ['unit_id', 'status', 'due_at'], unique=False)

    op.create_table('calendar_day_off',
    sa.Column('calendar_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['calendar_id'], ['calendar.id'], name=op.f('fk_calendar_day_off_calendar_id_calendar')),
    sa.PrimaryKeyConstraint('calendar_id', 'day', name=op.f('pk_calendar_day_off'))
    )
    op.create_table('discussion',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['officer.id'], name=op.f('fk_discussion_created_by_officer')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_discussion_ticket_id_ticket')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_discussion_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion'))
    )
    with op.batch_alter_table('discussion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_discussion_unit_id'), ['unit_id'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=True),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('claim_token', sa.BigInteger(), nullable=True),
    sa.Column('online', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('device', sa.String(length=100), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_event_officer_id_officer')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_event_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('handover_item',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('from_officer_id', sa.Integer(), nullable=False),
    sa.Column('to_officer_id', sa.Integer(), nullable=True),
    sa.Column('op_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('payload', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.Column('resolved_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.ForeignKeyConstraint(['from_officer_id'], ['officer.id'], name=op.f('fk_handover_item_from_officer_id_officer')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_handover_item_ticket_id_ticket')),
    sa.ForeignKeyConstraint(['to_officer_id'], ['officer.id'], name=op.f('fk_handover_item_to_officer_id_officer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_item')),
    sa.UniqueConstraint('op_id', name=op.f('uq_handover_item_op_id'))
    )
    with op.batch_alter_table('handover_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_item_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_handover_item_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('message',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('external_id', sa.String(length=255), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body_text', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=False),
    sa.Column('body_html', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=True),
    sa.Column('claim_token', sa.BigInteger(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['officer.id'], name=op.f('fk_message_author_id_officer')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_message_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message'))
    )
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index('ix_message_ticket_id_created_at', ['ticket_id', 'created_at'], unique=False)
        batch_op.create_index('uq_message_channel_external_id', ['channel', 'external_id'], unique=True)

    op.create_table('note',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=False),
    sa.Column('added_offline', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['officer.id'], name=op.f('fk_note_author_id_officer')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_note_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note'))
    )
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('message_id', sa.Uuid(), nullable=True),
    sa.Column('note_id', sa.Uuid(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=127), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('risky', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['message.id'], name=op.f('fk_attachment_message_id_message')),
    sa.ForeignKeyConstraint(['note_id'], ['note.id'], name=op.f('fk_attachment_note_id_note')),
    sa.ForeignKeyConstraint(['sha256'], ['blob.sha256'], name=op.f('fk_attachment_sha256_blob')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_attachment_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('discussion_post',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('discussion_id', sa.Uuid(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['officer.id'], name=op.f('fk_discussion_post_author_id_officer')),
    sa.ForeignKeyConstraint(['discussion_id'], ['discussion.id'], name=op.f('fk_discussion_post_discussion_id_discussion')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_post'))
    )
    with op.batch_alter_table('discussion_post', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_post_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_discussion_post_discussion_id'), ['discussion_id'], unique=False)

    op.create_table('outbound_message',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('message_id', sa.Uuid(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('op_id', sa.Uuid(), nullable=False),
    sa.Column('state', sa.String(length=20), server_default=sa.text("'queued'"), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.Column('sent_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.ForeignKeyConstraint(['message_id'], ['message.id'], name=op.f('fk_outbound_message_message_id_message')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_outbound_message_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbound_message')),
    sa.UniqueConstraint('message_id', name=op.f('uq_outbound_message_message_id')),
    sa.UniqueConstraint('op_id', name=op.f('uq_outbound_message_op_id'))
    )
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbound_message_state_created_at', ['state', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_message_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('mention',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Uuid(), nullable=True),
    sa.Column('post_id', sa.Uuid(), nullable=True),
    sa.Column('seen_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.ForeignKeyConstraint(['note_id'], ['note.id'], name=op.f('fk_mention_note_id_note')),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_mention_officer_id_officer')),
    sa.ForeignKeyConstraint(['post_id'], ['discussion_post.id'], name=op.f('fk_mention_post_id_discussion_post')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mention'))
    )
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mention_officer_id'), ['officer_id'], unique=False)

    op.bulk_insert(sa.table('counter', sa.column('name', sa.String), sa.column('value', sa.BigInteger)),
                   [{'name': 'change', 'value': 0}])


def downgrade() -> None:
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mention_officer_id'))

    op.drop_table('mention')
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbound_message_ticket_id'))
        batch_op.drop_index('ix_outbound_message_state_created_at')

    op.drop_table('outbound_message')
    with op.batch_alter_table('discussion_post', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_post_discussion_id'))
        batch_op.drop_index(batch_op.f('ix_discussion_post_change_seq'))

    op.drop_table('discussion_post')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_change_seq'))

    op.drop_table('attachment')
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_note_change_seq'))

    op.drop_table('note')
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index('uq_message_channel_external_id')
        batch_op.drop_index('ix_message_ticket_id_created_at')
        batch_op.drop_index(batch_op.f('ix_message_change_seq'))

    op.drop_table('message')
    with op.batch_alter_table('handover_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_item_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_handover_item_change_seq'))

    op.drop_table('handover_item')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_event_change_seq'))

    op.drop_table('event')
    with op.batch_alter_table('discussion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_unit_id'))
        batch_op.drop_index(batch_op.f('ix_discussion_change_seq'))

    op.drop_table('discussion')
    op.drop_table('calendar_day_off')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_unit_id_status_due_at')
        batch_op.drop_index(batch_op.f('ix_ticket_claimed_by'))
        batch_op.drop_index(batch_op.f('ix_ticket_change_seq'))

    op.drop_table('ticket')
    with op.batch_alter_table('sla_policy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sla_policy_change_seq'))

    op.drop_table('sla_policy')
    with op.batch_alter_table('reporter_contact', schema=None) as batch_op:
        batch_op.drop_index('uq_reporter_contact_channel_address')
        batch_op.drop_index(batch_op.f('ix_reporter_contact_reporter_id'))

    op.drop_table('reporter_contact')
    op.drop_table('membership')
    op.drop_table('channel_account')
    with op.batch_alter_table('canned_response', schema=None) as batch_op:
        batch_op.drop_index('uq_canned_response_key_version')
        batch_op.drop_index(batch_op.f('ix_canned_response_change_seq'))

    op.drop_table('canned_response')
    with op.batch_alter_table('calendar', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_change_seq'))

    op.drop_table('calendar')
    op.drop_table('applied_op')
    op.drop_table('unit')
    op.drop_table('reporter')
    op.drop_table('officer')
    op.drop_table('counter')
    op.drop_table('blob')
