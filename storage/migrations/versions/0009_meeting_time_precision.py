"""meeting_time_precision: how a meeting's time reads when the letter gives no hour

`meeting.time_label` holds "ngày 25/9/2026" or "cuối tháng 9/2026" for a meeting whose letter
gives only a day or a period; `start_at` is then the first minute of that window, for ordering,
and is never shown as "00h00". Meetings stored before keep NULL: their time has an hour, or
reads as its day when it starts at midnight (handlers/meeting_when.py).

Revision ID: 0009_meeting_time_precision
Revises: 0008_deadline_requests
Create Date: 2026-12-02 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0009_meeting_time_precision'
down_revision: str | None = '0008_deadline_requests'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_label', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('time_label')
