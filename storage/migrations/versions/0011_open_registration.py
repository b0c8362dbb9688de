"""open_registration: enterprises register themselves through a meeting's public link (issue 15)

A unit may now be self-registered (an enterprise that followed the link, in no directory yet)
with its tax code (unique), address and contact person; a meeting may carry the link's code,
the short code typed on Zalo, a cap on organisations, their count, and when the link was closed.
Existing units are not self-registered; existing meetings have no link.

Revision ID: 0011_open_registration
Revises: 0010_deadline_series
Create Date: 2026-12-02 03:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types

revision: str = '0011_open_registration'
down_revision: str | None = '0010_deadline_series'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('open_code', _TEXT(length=64), nullable=True))
        batch_op.add_column(sa.Column('open_short_code', _TEXT(length=16), nullable=True))
        batch_op.add_column(sa.Column('open_cap', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('open_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('open_closed_at', storage.types.AwareDateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_meeting_open_code'), ['open_code'])
        batch_op.create_unique_constraint(batch_op.f('uq_meeting_open_short_code'), ['open_short_code'])
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('self_registered', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('registered_meeting_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('tax_code', _TEXT(length=14), nullable=True))
        batch_op.add_column(sa.Column('address', _TEXT(length=500), nullable=True))
        batch_op.add_column(sa.Column('contact_name', _TEXT(length=120), nullable=True))
        batch_op.add_column(sa.Column('contact_phone', _TEXT(length=20), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_unit_tax_code'), ['tax_code'])
        batch_op.create_foreign_key(batch_op.f('fk_unit_registered_meeting_id_meeting'), 'meeting',
                                    ['registered_meeting_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_unit_registered_meeting_id_meeting'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_unit_tax_code'), type_='unique')
        for column in ('contact_phone', 'contact_name', 'address', 'tax_code', 'registered_meeting_id',
                       'self_registered'):
            batch_op.drop_column(column)
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_meeting_open_short_code'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_meeting_open_code'), type_='unique')
        for column in ('open_closed_at', 'open_count', 'open_cap', 'open_short_code', 'open_code'):
            batch_op.drop_column(column)
