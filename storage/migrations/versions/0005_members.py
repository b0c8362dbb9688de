"""members: revoked invites, the invite guess limit, erasable attendee phones

Revision ID: 0005_members
Revises: 0004_reminders
Create Date: 2026-12-01 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types


revision: str = '0005_members'
down_revision: str | None = '0004_reminders'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AutoString = sqlmodel.sql.sqltypes.AutoString
Aware = storage.types.AwareDateTime


def upgrade() -> None:
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_at', Aware(timezone=True), nullable=True))
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.alter_column('phone', existing_type=AutoString(length=20), nullable=True)
    op.create_table('inviteguess',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('who', AutoString(length=64), nullable=False),
    sa.Column('at', Aware(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inviteguess'))
    )
    with op.batch_alter_table('inviteguess', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inviteguess_who'), ['who'], unique=False)
        batch_op.create_index(batch_op.f('ix_inviteguess_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inviteguess', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inviteguess_at'))
        batch_op.drop_index(batch_op.f('ix_inviteguess_who'))
    op.drop_table('inviteguess')
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.alter_column('phone', existing_type=AutoString(length=20), nullable=False)
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.drop_column('revoked_at')
