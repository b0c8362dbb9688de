"""update keys: handled updates keyed by bot, conversation state keyed by person

- inboundupdate gains bot_id (update ids are numbered per bot) and an index on handled_at, for
  pruning marks older than a day; the unique key becomes (channel, bot_id, update_key). Marks
  written before this revision carry bot_id '' and are simply pruned.
- conversationstate gains user_id in its primary key, so that in a chat shared by several
  people each has their own state. Rows of private chats (chat id = the person's id) keep their
  owner: user_id is filled with chat_id (a group's old row then belongs to nobody). A flow in
  progress from before this revision has no recorded member and unit, so the engine ends it at
  its next step with a note rather than guess whose draft it is.

Revision ID: 0006_update_keys
Revises: 0007_plan_hash
Create Date: 2026-12-01 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0006_update_keys'
down_revision: str | None = '0007_plan_hash'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AutoString = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table('inboundupdate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bot_id', AutoString(length=64), server_default='', nullable=False))
        batch_op.drop_constraint('uq_inboundupdate_channel_update_key', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_inboundupdate_channel_bot_id_update_key'),
                                          ['channel', 'bot_id', 'update_key'])
        batch_op.create_index(batch_op.f('ix_inboundupdate_handled_at'), ['handled_at'], unique=False)
    with op.batch_alter_table('inboundupdate', schema=None) as batch_op:
        batch_op.alter_column('bot_id', server_default=None)

    with op.batch_alter_table('conversationstate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', AutoString(length=64), server_default='', nullable=False))
    op.execute("UPDATE conversationstate SET user_id = chat_id")
    with op.batch_alter_table('conversationstate', schema=None) as batch_op:
        batch_op.drop_constraint('pk_conversationstate', type_='primary')
        batch_op.create_primary_key('pk_conversationstate', ['channel', 'chat_id', 'user_id'])
        batch_op.alter_column('user_id', server_default=None)


def downgrade() -> None:
    # A chat keeps one state again: the state of whoever is the chat itself (private chats).
    op.execute("DELETE FROM conversationstate WHERE user_id <> chat_id")
    with op.batch_alter_table('conversationstate', schema=None) as batch_op:
        batch_op.drop_constraint('pk_conversationstate', type_='primary')
        batch_op.create_primary_key('pk_conversationstate', ['channel', 'chat_id'])
        batch_op.drop_column('user_id')

    op.execute("DELETE FROM inboundupdate")  # marks of several bots would collide without bot_id
    with op.batch_alter_table('inboundupdate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inboundupdate_handled_at'))
        batch_op.drop_constraint('uq_inboundupdate_channel_bot_id_update_key', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_inboundupdate_channel_update_key'),
                                          ['channel', 'update_key'])
        batch_op.drop_column('bot_id')
