"""deadline_series: one row per occurrence of a recurring deadline (issue 12)

A recurring deadline rolls when its occurrence's due moment passes: the next occurrence is a row
of its own with the first's id as `series_id`. (series_id, due_at) is unique so that two planners
rolling the same series at once store it once; rows without a series (NULL) never collide.

Revision ID: 0010_deadline_series
Revises: 0009_meeting_time_precision
Create Date: 2026-12-02 03:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0010_deadline_series'
down_revision: str | None = '0009_meeting_time_precision'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_deadline_series_id_due_at'), ['series_id', 'due_at'])


def downgrade() -> None:
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_deadline_series_id_due_at'), type_='unique')
