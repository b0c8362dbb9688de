"""reminders: the outbox per person, mutes, the meeting's sequence

The old reminderoutbox table was never written to: it is replaced, not altered.

Revision ID: 0004_reminders
Revises: 0003_zalo
Create Date: 2026-12-01 19:51:46
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types


revision: str = '0004_reminders'
down_revision: str | None = '0003_zalo'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AutoString = sqlmodel.sql.sqltypes.AutoString
Aware = storage.types.AwareDateTime


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sequence', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mute_reminders', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.drop_table('reminderoutbox')
    op.create_table('reminderoutbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reminder_key', AutoString(length=200), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', AutoString(length=20), nullable=False),
    sa.Column('subject', AutoString(length=40), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.Column('text', AutoString(length=4000), nullable=True),
    sa.Column('send_at', Aware(timezone=True), nullable=False),
    sa.Column('not_after', Aware(timezone=True), nullable=True),
    sa.Column('state', AutoString(length=16), nullable=False),
    sa.Column('reason', AutoString(length=500), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('channel', AutoString(length=16), nullable=True),
    sa.Column('claimed_by', AutoString(length=64), nullable=True),
    sa.Column('claimed_at', Aware(timezone=True), nullable=True),
    sa.Column('sent_at', Aware(timezone=True), nullable=True),
    sa.Column('created_at', Aware(timezone=True), nullable=False),
    sa.Column('updated_at', Aware(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['channelaccount.id'], name=op.f('fk_reminderoutbox_account_id_channelaccount')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_reminderoutbox_member_id_member')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_reminderoutbox_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminderoutbox')),
    sa.UniqueConstraint('reminder_key', 'member_id', name=op.f('uq_reminderoutbox_reminder_key_member_id'))
    )
    with op.batch_alter_table('reminderoutbox', schema=None) as batch_op:
        batch_op.create_index('ix_reminderoutbox_due', ['state', 'send_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminderoutbox_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminderoutbox_subject'), ['subject'], unique=False)


def downgrade() -> None:
    op.drop_table('reminderoutbox')
    op.create_table('reminderoutbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reminder_key', AutoString(length=200), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('text', AutoString(length=4000), nullable=False),
    sa.Column('due_at', Aware(timezone=True), nullable=False),
    sa.Column('state', AutoString(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_by', AutoString(length=64), nullable=True),
    sa.Column('claimed_at', Aware(timezone=True), nullable=True),
    sa.Column('sent_at', Aware(timezone=True), nullable=True),
    sa.Column('last_error', AutoString(length=500), nullable=True),
    sa.Column('created_at', Aware(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['recipient_id'], ['channelaccount.id'], name=op.f('fk_reminderoutbox_recipient_id_channelaccount')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminderoutbox')),
    sa.UniqueConstraint('reminder_key', 'recipient_id', name=op.f('uq_reminderoutbox_reminder_key_recipient_id'))
    )
    with op.batch_alter_table('reminderoutbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminderoutbox_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminderoutbox_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminderoutbox_state'), ['state'], unique=False)
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_column('mute_reminders')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('sequence')
