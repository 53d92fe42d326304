"""Binance error answers: `{"code": -1121, "msg": "Invalid symbol."}` with the HTTP status Binance uses."""

from __future__ import annotations

DECIMAL_RANGE = r"^([0-9]{1,20})(\.[0-9]{1,20})?$"
INT_RANGE = r"^[0-9]{1,20}$"
CLIENT_ID_RANGE = r"^[a-zA-Z0-9-_]{1,36}$"


class BinanceError(Exception):
    """An error the server answers with. `status` is the HTTP status (400 unless noted)."""

    def __init__(self, code: int, msg: str, status: int = 400, retry_after: int | None = None) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.status = status
        self.retry_after = retry_after

    def payload(self) -> dict[str, object]:
        return {"code": self.code, "msg": self.msg}


def mandatory(name: str) -> BinanceError:
    return BinanceError(-1102, f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.")


def one_of(a: str, b: str) -> BinanceError:
    return BinanceError(-1102, f"Param '{a}' or '{b}' must be sent, but both were empty/null!")


def illegal(name: str, legal: str) -> BinanceError:
    return BinanceError(-1100, f"Illegal characters found in parameter '{name}'; legal range is '{legal}'.")


def not_required(name: str) -> BinanceError:
    if name == "timeInForce":
        return BinanceError(-1114, "TimeInForce parameter sent when not required.")
    return BinanceError(-1106, f"Parameter '{name}' sent when not required.")


def rejected(msg: str) -> BinanceError:
    return BinanceError(-2010, msg)


BAD_SYMBOL = BinanceError(-1121, "Invalid symbol.")
BAD_INTERVAL = BinanceError(-1120, "Invalid interval.")
INSUFFICIENT_BALANCE = "Account has insufficient balance for requested action."
DUPLICATE_ORDER = "Duplicate order sent."
WOULD_TRIGGER = "Order would trigger immediately."
WOULD_TAKE = "Order would immediately match and take."
OCO_PRICES = "The relationship of the prices for the orders is not correct."
UNKNOWN_ORDER_CANCEL = "Unknown order sent."
NO_SUCH_ORDER = "Order does not exist."
BAD_SIGNATURE = BinanceError(-1022, "Signature for this request is not valid.")
BAD_KEY_FORMAT = BinanceError(-2014, "API-key format invalid.", status=401)
REJECTED_KEY = BinanceError(-2015, "Invalid API-key, IP, or permissions for action.", status=401)
TS_OUTSIDE = BinanceError(-1021, "Timestamp for this request is outside of the recvWindow.")
TS_AHEAD = BinanceError(-1021, "Timestamp for this request was 1000ms ahead of the server's time.")


def cancel_unknown() -> BinanceError:
    return BinanceError(-2011, UNKNOWN_ORDER_CANCEL)


def no_such_order() -> BinanceError:
    return BinanceError(-2013, NO_SUCH_ORDER)
