"""petitions: the kiến nghị of a dialogue conference, and a meeting's petition settings (issue 15)

Two new tables; nothing existing changes. The petition cutoff and the conclusion notice live in
`petitionmeeting` (one row per meeting that has them) rather than on `meeting`.

Revision ID: 0012_petitions
Revises: 0011_open_registration
Create Date: 2026-12-02 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types

revision: str = '0012_petitions'
down_revision: str | None = '0011_open_registration'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_AWARE = storage.types.AwareDateTime


def upgrade() -> None:
    op.create_table(
        'petition',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('field', _TEXT(length=20), nullable=False),
        sa.Column('content', _TEXT(length=4000), nullable=False),
        sa.Column('file_ref', _TEXT(length=300), nullable=True),
        sa.Column('file_name', _TEXT(length=255), nullable=True),
        sa.Column('state', _TEXT(length=24), nullable=False),
        sa.Column('assigned_unit_id', sa.Integer(), nullable=True),
        sa.Column('assigned_at', _AWARE(), nullable=True),
        sa.Column('answer_due', _AWARE(), nullable=True),
        sa.Column('answer', _TEXT(length=4000), nullable=True),
        sa.Column('answer_file_name', _TEXT(length=255), nullable=True),
        sa.Column('answer_file', sa.LargeBinary(), nullable=True),
        sa.Column('answered_at', _AWARE(), nullable=True),
        sa.Column('answered_by', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('created_at', _AWARE(), nullable=False),
        sa.Column('updated_at', _AWARE(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_petition_meeting_id_meeting')),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_petition_unit_id_unit')),
        sa.ForeignKeyConstraint(['created_by'], ['member.id'], name=op.f('fk_petition_created_by_member')),
        sa.ForeignKeyConstraint(['assigned_unit_id'], ['unit.id'], name=op.f('fk_petition_assigned_unit_id_unit')),
        sa.ForeignKeyConstraint(['answered_by'], ['member.id'], name=op.f('fk_petition_answered_by_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_petition')),
        sa.UniqueConstraint('meeting_id', 'number', name=op.f('uq_petition_meeting_id_number')),
    )
    with op.batch_alter_table('petition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petition_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_field'), ['field'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_assigned_unit_id'), ['assigned_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_answer_due'), ['answer_due'], unique=False)
    op.create_table(
        'petitionmeeting',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('cutoff', _AWARE(), nullable=True),
        sa.Column('conclusion_text', _TEXT(length=4000), nullable=True),
        sa.Column('conclusion_file_name', _TEXT(length=255), nullable=True),
        sa.Column('conclusion_file', sa.LargeBinary(), nullable=True),
        sa.Column('conclusion_sent_at', _AWARE(), nullable=True),
        sa.Column('conclusion_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', _AWARE(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_petitionmeeting_meeting_id_meeting')),
        sa.ForeignKeyConstraint(['conclusion_by'], ['member.id'], name=op.f('fk_petitionmeeting_conclusion_by_member')),
        sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_petitionmeeting')),
    )


def downgrade() -> None:
    op.drop_table('petitionmeeting')
    with op.batch_alter_table('petition', schema=None) as batch_op:
        for name in ('answer_due', 'assigned_unit_id', 'state', 'field', 'unit_id', 'meeting_id'):
            batch_op.drop_index(batch_op.f(f'ix_petition_{name}'))
    op.drop_table('petition')
