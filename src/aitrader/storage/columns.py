"""Column types the journal schemas share, portable between SQLite and PostgreSQL.

Both are 64-bit on PostgreSQL, where INTEGER is 32-bit (epoch milliseconds overflow it since
1970-01-25), and stay INTEGER on SQLite, where INTEGER is already 64-bit and `INTEGER PRIMARY KEY`
is the rowid: journal files keep exactly the schema they had.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer

EPOCH_MS = BigInteger().with_variant(Integer(), "sqlite")
"""Epoch milliseconds."""

ROW_ID = BigInteger().with_variant(Integer(), "sqlite")
"""An autoincrementing row id (BIGSERIAL on PostgreSQL, the rowid on SQLite)."""
