"""How numbers read for people, in one place: the pages (the `numbers` template filters), the
PDFs and the API's text fields all format through here, so one value never reads two ways.

The rounding rule: half up, away from zero, on the decimal value as written (2.5 -> 3,
0.125 -> 0.13, -2.5 -> -3), what people learn at school and what a spreadsheet shows. Python's
round() and f-strings round half to even on the binary value (2.5 -> 2, 0.125 -> 0.12) and
Django's number_format cuts digits off (2980.6 -> 2.980): both are avoided here.
Grouping always (Dutch 12.345,6; English 12,345.6), a true minus sign (−), never "−0".
Amounts are whole euros by default: a plan's or an initiative's costs come from list prices,
caps and percentages, and cents (€ 2.980,01) suggest a precision they do not have.

Pure: no Django; the language is a parameter ("nl" or "en", as banenbrug.language gives it).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MINUS = "\u2212"
NBSP = "\u00a0"  # between € and the amount: they never break apart
DASH = "—"  # an unknown value
SEPARATORS = {"nl": (".", ","), "en": (",", ".")}  # (thousands, decimal)

Number = float | int | Decimal | str


def rounded(value: Number, decimals: int = 0) -> Decimal:
    """The value rounded half up to `decimals` places (the one rule)."""
    try:
        exact = Decimal(str(value))  # str: the shortest decimal that reads back as the float
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not exact.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: Number | None, decimals: int = 0, lang: str = "nl", *,
           signed: bool = False) -> str:
    """12345.678 -> '12.346' (nl) or '12,346' (en); `signed` adds '+' to what is above zero."""
    if value is None or value == "":
        return DASH
    thousands, point = SEPARATORS.get(lang, SEPARATORS["nl"])
    amount = rounded(value, decimals)
    digits = f"{abs(amount):,.{decimals}f}"  # exact on a Decimal: no second rounding
    text = digits.replace(",", "\0").replace(".", point).replace("\0", thousands)
    if amount < 0:
        return MINUS + text
    return f"+{text}" if signed and amount > 0 else text


def euros(value: Number | None, lang: str = "nl", *, decimals: int = 0,
          signed: bool = False) -> str:
    """2980.01 -> '€ 2.980'; -1234.5 -> '−€ 1.235'; `decimals=2` for a price per hour."""
    if value is None or value == "":
        return DASH
    text = number(value, decimals, lang, signed=signed)
    sign = text[0] if text[0] in (MINUS, "+") else ""
    return f"{sign}€{NBSP}{text[len(sign):]}"


def percent(share: Number | None, decimals: int = 0, lang: str = "nl", *,
            signed: bool = False) -> str:
    """A share as a percentage: 0.734 -> '73%', 0.0735 with one decimal -> '7,4%'."""
    if share is None or share == "":
        return DASH
    return number(Decimal(str(share)) * 100, decimals, lang, signed=signed) + "%"


def span(low: Number | None, high: Number | None, decimals: int = 0, lang: str = "nl") -> str:
    """Two bounds as '1.200–3.400' (an en dash, no spaces); the wording of an interval in a
    sentence ('tussen … en …') belongs to the translated text around it."""
    return f"{number(low, decimals, lang)}–{number(high, decimals, lang)}"
