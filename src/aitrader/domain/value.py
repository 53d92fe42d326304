"""`Value`: the base of the immutable value types built on every decision and fill.

Proposals, plans, order requests, account snapshots, positions, trade records and the matching
facts are built tens of thousands of times in a backtest. They are `msgspec.Struct`s, which are
constructed in C: about six times faster than a frozen dataclass (0.23 µs against 1.5 µs for a
nine-field `OrderRequest`). They behave like frozen dataclasses: keyword or positional arguments,
defaults, `__post_init__` validation, assignment raises `AttributeError`, equality and hashing by
value, a readable repr. Use `msgspec.structs.replace/asdict/fields` where a dataclass would use
`dataclasses.replace/asdict/fields`.

`gc=False`: value objects never form reference cycles, so the cyclic collector need not track
them (less work for it on a run that keeps a million of them alive).
"""

from __future__ import annotations

import msgspec


class Value(msgspec.Struct, frozen=True, gc=False):
    """An immutable value (see the module docstring)."""
