"""deadline_requests: deadlines from letters and by hand (issue 12)

A deadline now records where it came from, the letter it was read from, who owes it as written,
where it goes, the data cut-off, the contact, a recurrence rule with its series, and whether it
was cancelled. Existing rows keep NULL (or an empty list) and their plan_id or meeting_id.

Revision ID: 0008_deadline_requests
Revises: 0006_update_keys
Create Date: 2026-12-02 03:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types

revision: str = '0008_deadline_requests'
down_revision: str | None = '0006_update_keys'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', _TEXT(length=16), nullable=True))
        batch_op.add_column(sa.Column('title', _TEXT(length=1000), nullable=True))
        batch_op.add_column(sa.Column('document_number', _TEXT(length=100), nullable=True))
        batch_op.add_column(sa.Column('source_name', _TEXT(length=255), nullable=True))
        batch_op.add_column(sa.Column('text_hash', _TEXT(length=64), nullable=True))
        batch_op.add_column(sa.Column('owed_text', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('owed_unmatched', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('address', _TEXT(length=500), nullable=True))
        batch_op.add_column(sa.Column('email', _TEXT(length=255), nullable=True))
        batch_op.add_column(sa.Column('data_cutoff_text', _TEXT(length=200), nullable=True))
        batch_op.add_column(sa.Column('data_cutoff_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('contact', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('recurrence', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('series_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('created_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('updated_at', storage.types.AwareDateTime(), nullable=True))
        batch_op.add_column(sa.Column('cancelled_at', storage.types.AwareDateTime(), nullable=True))
        batch_op.add_column(sa.Column('cancelled_by', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_deadline_source'), ['source'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_text_hash'), ['text_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_series_id'), ['series_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_cancelled_at'), ['cancelled_at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_deadline_series_id_deadline'), 'deadline', ['series_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_deadline_created_by_member'), 'member', ['created_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_deadline_cancelled_by_member'), 'member', ['cancelled_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_deadline_cancelled_by_member'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_deadline_created_by_member'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_deadline_series_id_deadline'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_deadline_cancelled_at'))
        batch_op.drop_index(batch_op.f('ix_deadline_series_id'))
        batch_op.drop_index(batch_op.f('ix_deadline_text_hash'))
        batch_op.drop_index(batch_op.f('ix_deadline_source'))
        for column in ('cancelled_by', 'cancelled_at', 'updated_at', 'created_by', 'series_id', 'recurrence',
                       'contact', 'data_cutoff_on', 'data_cutoff_text', 'email', 'address', 'owed_unmatched',
                       'owed_text', 'text_hash', 'source_name', 'document_number', 'title', 'source'):
            batch_op.drop_column(column)
