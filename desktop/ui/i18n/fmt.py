"""Numbers, percentages, sizes and dates in the interface language's QLocale (install_language sets the default
locale): pt-BR writes 1.000.000.000, 24,00 GB, 73,4%, "30 de nov."; English 1,000,000,000, 24.00 GB, 73.4%,
"Nov 30". Input fields read both decimal separators."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime


def _locale() -> QLocale:
    return QLocale()


def integer(value: int) -> str:
    return _locale().toString(int(value))


def decimal(value: float, decimals: int = 2) -> str:
    return _locale().toString(float(value), "f", decimals)


def number(value: float, significant: int = 3) -> str:
    """A value with at most `significant` significant digits, without a trailing exponent for everyday sizes."""
    return _locale().toString(float(value), "g", significant)


def percent(fraction: float, decimals: int = 1) -> str:
    """0.734 -> "73,4%" (pt-BR) / "73.4%" (English)."""
    return decimal(100 * fraction, decimals) + "%"


def decimal_point() -> str:
    return _locale().decimalPoint()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def short_date(day: date | datetime) -> str:
    """Day and month: "30 de nov." / "Nov 30"."""
    if isinstance(day, datetime):
        day = day.date()
    fmt = QCoreApplication.translate("Dates", "MMM d")
    return _locale().toString(qdate(day), fmt)


def weekday_date(day: date | datetime) -> str:
    """"seg., 30 de nov." / "Mon, Nov 30"."""
    if isinstance(day, datetime):
        day = day.date()
    return _locale().toString(qdate(day), QCoreApplication.translate("Dates", "ddd, MMM d"))


def long_date(day: date | datetime) -> str:
    """With the year: "30 de nov. de 2026" / "Nov 30, 2026"."""
    if isinstance(day, datetime):
        day = day.date()
    return _locale().toString(qdate(day), QCoreApplication.translate("Dates", "ddd, MMM d, yyyy"))


def date_time(moment: datetime) -> str:
    """Local date and time, short: "30 de nov., 14:05" / "Nov 30, 2:05 PM"."""
    local = moment.astimezone()
    when = QDateTime(qdate(local.date()), QTime(local.hour, local.minute))
    return _locale().toString(when, QCoreApplication.translate("Dates", "MMM d, HH:mm"))


def month_name(day: date) -> str:
    """Short month name: "nov." / "Nov"."""
    return _locale().toString(qdate(day), "MMM")


def weekday_name(weekday: int) -> str:
    """Short weekday name for Monday=0 … Sunday=6: "seg." / "Mon"."""
    return _locale().dayName(weekday + 1, QLocale.FormatType.ShortFormat)


_NUMBER = re.compile(r"^\s*([+-]?)(\d[\d.,\s\u00a0]*)\s*$")


def parse_decimal(text: str, locale: QLocale | None = None) -> float:
    """Read a number typed with either decimal separator: "1,5", "1.5", "1.000,5", "1,000.5". A lone separator
    followed by exactly three digits (e.g. "1.000") is read as grouping in the locale that groups with it.
    Raises ValueError naming the text when it is not a number."""
    match = _NUMBER.match(text)
    if not match:
        raise ValueError(f"not a number: {text!r}")
    sign, body = match.groups()
    body = body.replace(" ", "").replace("\u00a0", "")
    last_dot, last_comma = body.rfind("."), body.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        point = "." if last_dot > last_comma else ","
    elif last_dot >= 0 or last_comma >= 0:
        sep = "." if last_dot >= 0 else ","
        head, _, tail = body.rpartition(sep)
        grouping = body.count(sep) > 1 or (len(tail) == 3 and sep == (locale or _locale()).groupSeparator())
        point = "" if grouping else sep
    else:
        point = ""
    group = {".": ",", ",": "."}.get(point, ".," if not point else "")
    cleaned = body
    for g in group:
        cleaned = cleaned.replace(g, "")
    if point:
        cleaned = cleaned.replace(point, ".")
    try:
        return float(sign + cleaned)
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None


def interval(delta: timedelta) -> str:
    """The short label of a review interval on a grade button, Anki's style: 10m, 3h, 4d, 1.5mo, 2.2y in English;
    10 min, 3 h, 4 d, 1,5 mês, 2,2 anos in pt-BR."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return QCoreApplication.translate("Intervals", "{n}m").format(n=integer(max(round(seconds / 60), 1)))
    if seconds < 86400:
        return QCoreApplication.translate("Intervals", "{n}h").format(n=integer(round(seconds / 3600)))
    days = seconds / 86400
    if days < 30:
        return QCoreApplication.translate("Intervals", "{n}d").format(n=integer(round(days)))
    if days < 365:
        value = round(days / 30.4375, 1)
        one = QCoreApplication.translate("Intervals", "{n}mo", "one month")
        many = QCoreApplication.translate("Intervals", "{n}mo", "months")
    else:
        value = round(days / 365.25, 1)
        one = QCoreApplication.translate("Intervals", "{n}y", "one year")
        many = QCoreApplication.translate("Intervals", "{n}y", "years")
    text = integer(int(value)) if value == int(value) else decimal(value, 1)
    return (one if value < 2 else many).format(n=text)


_NUMBER_TOKEN = re.compile(r"(?<![\w.,])[+-]?\d[\d,]*(?:\.\d+)?")


def localize(text: str) -> str:
    """Rewrite the numbers in a text made by Python's formatting (1,000,000.5 and 24.00 GB, as the Qt-free core
    writes them) with the interface locale's separators: 1.000.000,5 and 24,00 GB in pt-BR. Other text is kept."""
    locale = _locale()
    point, group = locale.decimalPoint(), locale.groupSeparator()
    if (point, group) == (".", ","):
        return text
    swap = {".": point, ",": group}
    return _NUMBER_TOKEN.sub(lambda m: "".join(swap.get(ch, ch) for ch in m.group(0)), text)


_TYPED_TOKEN = re.compile(r"\d[\d.,]*")


def delocalize(text: str, locale: QLocale | None = None) -> str:
    """The reverse for what a student types: numbers written with either decimal separator (1,5 or 1.5) and the
    locale's grouping (1.000.000 in pt-BR) become the plain form the core parsers read (1.5, 1000000). A lone comma
    or point followed by three digits is grouping only where the locale groups with it."""

    def plain(match: re.Match[str]) -> str:
        token = match.group(0)
        try:
            value = parse_decimal(token, locale)
        except ValueError:
            return token
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)

    return _TYPED_TOKEN.sub(plain, text)


def delocalize_from_other(text: str) -> str:
    """delocalize() for a text written in the previous interface language (after a live switch)."""
    from desktop.ui.i18n import previous_language, qt_locale

    return delocalize(text, qt_locale(previous_language()))
