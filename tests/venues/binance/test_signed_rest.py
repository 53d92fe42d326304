"""The live path's signed REST client: Binance's documented HMAC vector, Ed25519 keys, and every
kind of answer classified as the retry policy needs it — against the local exchange on 127.0.0.1."""

from __future__ import annotations

import asyncio
import sys
from decimal import Decimal
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from aitrader.venues.binance.errors import (
    is_clock_skew,
    is_not_found,
    is_rate_limit,
    is_rejection,
    is_unknown_outcome,
    retry_after,
    venue_code,
)
from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.binance.signed_rest import HttpError, SignedRest, _signer
from aitrader.venues.local import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    LocalExchange,
    LocalExchangeConfig,
)


def test_hmac_signature_matches_binances_documented_vector() -> None:
    payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
    assert (
        _signer(DEFAULT_SECRET)(payload) == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
    )


def _exchange(**kw: Any) -> LocalExchange:
    return LocalExchange(LocalExchangeConfig(symbols=("BTCUSDT",), speed=0.0, **kw))


async def _error(rest: SignedRest, method: str, path: str, params: dict[str, str]) -> HttpError:
    with pytest.raises(HttpError) as info:
        await rest.request(method, path, params)
    return info.value


def test_answers_are_classified_for_the_retry_policy() -> None:
    async def scenario() -> None:
        async with _exchange() as ex:
            rest = SignedRest(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
            try:
                account = await rest.private_get_account({"omitZeroBalances": "true"})
                assert {b["asset"] for b in account["balances"]} >= {"USDT"}
                assert "commissionRates" in account

                missing = await _error(
                    rest, "GET", "/api/v3/order", {"symbol": "BTCUSDT", "origClientOrderId": "nope"}
                )
                assert is_not_found(missing)
                assert venue_code(missing)[0] == -2013

                refused = await _error(
                    rest, "POST", "/api/v3/order",
                    {"symbol": "BTCUSDT", "side": "SELL", "type": "MARKET", "quantity": "5", "newClientOrderId": "x1"},
                )  # fmt: skip
                assert is_rejection(refused)
                assert not is_unknown_outcome(refused)
                assert venue_code(refused)[0] == -2010

                rest.options["timeDifference"] = 3_600_000  # our clock an hour ahead of what we think
                skewed = await _error(rest, "GET", "/api/v3/account", {})
                assert is_clock_skew(skewed)
                assert not is_rejection(skewed)
                await rest.load_time_difference()
                assert abs(int(rest.options["timeDifference"])) < 5_000
                await rest.private_get_account({})

                ex.faults.update({"rest_error_share": 1.0, "rest_error_status": 429})
                limited = await _error(rest, "GET", "/api/v3/account", {})
                assert is_rate_limit(limited)
                assert retry_after(rest.last_response_headers, default=-1) >= 0
                ex.faults.update({"rest_error_status": 503})
                down = await _error(rest, "GET", "/api/v3/account", {})
                assert is_unknown_outcome(down)
                ex.faults.update({"rest_error_share": 0.0})
            finally:
                await rest.close()
            dead = SignedRest(DEFAULT_API_KEY, DEFAULT_SECRET, "http://127.0.0.1:9")  # nothing listens there
            try:
                assert is_unknown_outcome(await _error(dead, "GET", "/api/v3/account", {}))
            finally:
                await dead.close()

    asyncio.run(scenario())


def test_ed25519_keys_sign_the_live_requests() -> None:
    private = Ed25519PrivateKey.generate()
    public_pem = private.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    private_pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()
    account = AccountConfig(api_key="ed25519TestKey0001", secret="", ed25519_public_key=public_pem)

    async def scenario() -> dict[str, Any]:
        async with _exchange(accounts=[account]) as ex:
            broker = BinanceBroker.connect(account.api_key, private_pem, ex.rest_url)
            try:
                await broker.start()
                return {a: b.total for a, b in (await broker.balances()).items()}
            finally:
                await broker.close()

    assert asyncio.run(scenario())["USDT"] == Decimal(10000)


def test_the_account_commission_reaches_the_broker() -> None:
    account = AccountConfig(maker_commission=Decimal("0.00075"), taker_commission=Decimal("0.00075"))

    async def scenario() -> tuple[Decimal, Decimal] | None:
        async with _exchange(accounts=[account]) as ex:
            broker = BinanceBroker.connect(DEFAULT_API_KEY, DEFAULT_SECRET, ex.rest_url)
            try:
                return await broker.commission_rates("BTCUSDT")
            finally:
                await broker.close()

    assert asyncio.run(scenario()) == (Decimal("0.00075"), Decimal("0.00075"))


def test_the_live_path_never_imports_ccxt() -> None:
    """ccxt takes seconds to import; a restarted bot must have re-protected within 3 s."""
    import subprocess

    code = "import sys, aitrader.live.runner, aitrader.cli.commands.trade; print('ccxt' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
