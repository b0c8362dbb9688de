"""plan_hash: a plan's text fingerprint, unique, so a re-import is recognised by its content

Plans stored before this revision keep NULL (their text was not kept); NULLs do not collide
under a unique constraint on either engine.

Revision ID: 0007_plan_hash
Revises: 0004_reminders
Create Date: 2026-12-01 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0007_plan_hash'
down_revision: str | None = '0004_reminders'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_plan_text_hash'), ['text_hash'])


def downgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_plan_text_hash'), type_='unique')
        batch_op.drop_column('text_hash')
