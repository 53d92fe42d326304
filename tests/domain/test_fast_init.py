"""`fast_init` must build exactly what the dataclass's own `__init__` builds, and stay frozen."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from aitrader.domain.enums import OrderType, Side
from aitrader.domain.fast_init import fast_init
from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection
from aitrader.domain.position import Position, PositionTarget
from aitrader.domain.proposal import Adjust, Enter, Exit, Target
from aitrader.domain.trade import TradeRecord
from aitrader.execution.matching import Match, MatchOrder
from aitrader.risk.account import AccountState


def _pair() -> tuple[type, type]:
    """The same dataclass twice: with the dataclass's `__init__` and with `fast_init`'s."""

    def make() -> type:
        @dataclass(frozen=True, slots=True)
        class Sample:
            a: int
            b: str = "b"
            c: list[int] = field(default_factory=list)
            d: float | None = None

            def __post_init__(self) -> None:
                if self.a < 0:
                    raise ValueError("a must not be negative")

        return Sample

    return make(), fast_init(make())


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((1,), {}), ((1, "x"), {}), ((1, "x", [2], 0.5), {}), ((), {"a": 3, "d": 1.5}), ((2,), {"c": [7]})],
)
def test_builds_what_the_dataclass_builds(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    slow, fast = _pair()
    a, b = slow(*args, **kwargs), fast(*args, **kwargs)
    assert dataclasses.asdict(a) == dataclasses.asdict(b)
    assert repr(a).split("(", 1)[1] == repr(b).split("(", 1)[1]


def test_default_factory_gives_a_fresh_object_each_time() -> None:
    _, fast = _pair()
    x, y = fast(1), fast(1)
    assert x.c == []
    assert x.c is not y.c


def test_signature_errors_and_post_init_match_the_dataclass() -> None:
    slow, fast = _pair()
    assert list(inspect.signature(fast.__init__).parameters) == list(
        inspect.signature(slow.__init__).parameters
    )
    for cls in (slow, fast):
        with pytest.raises(TypeError):
            cls()
        with pytest.raises(TypeError):
            cls(1, "b", [], None, "one too many")
        with pytest.raises(TypeError):
            cls(1, e=2)
        with pytest.raises(ValueError, match="must not be negative"):
            cls(-1)


def test_instances_stay_frozen_hashable_and_comparable() -> None:
    _, fast = _pair()
    x = fast(1, "x", d=2.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        x.a = 2
    assert x == fast(1, "x", d=2.0)
    assert x != fast(2)
    assert dataclasses.replace(x, a=5).a == 5


def test_refuses_shapes_it_does_not_handle() -> None:
    class Plain:
        pass

    @dataclass(slots=True)
    class NotFrozen:
        a: int

    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(frozen=True, slots=True, kw_only=True)
    class KwOnly:
        a: int

    @dataclass(frozen=True, slots=True)
    class HasNoInitField:
        a: int
        b: int = field(init=False, default=0)

    for cls in (Plain, NotFrozen, NoSlots, KwOnly, HasNoInitField):
        with pytest.raises(TypeError, match="fast_init"):
            fast_init(cls)


def test_the_hot_domain_types_use_it_and_still_validate() -> None:
    for cls in (
        OrderRequest,
        OrderPlan,
        Rejection,
        Target,
        Enter,
        Exit,
        Adjust,
        PositionTarget,
        Position,
        TradeRecord,
        AccountState,
        MatchOrder,
        Match,
    ):
        assert cls.__init__.__code__.co_filename == "<string>", cls
    with pytest.raises(ValueError, match="qty must be positive"):
        Position("BTCUSDT", Side.BUY, Decimal(0), Decimal(1), Decimal(1))
    req = OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, quantity=Decimal("0.1"))
    plan = OrderPlan(
        "p", 1, PlanKind.OPEN, "BTCUSDT", Side.BUY, Decimal("0.1"), Decimal(100), None, entry=req
    )
    assert plan.evidence == {}
    assert plan.targets == ()
    assert plan.entry is req
