"""Where tomllib says a TOML text is broken, as a line number and a reason a student can read.

tomllib puts the position inside its message ("Invalid value (at line 3, column 9)", or "(at end of document)"
for a text cut short); the content loaders show it as `file:line: reason` instead.
"""

from __future__ import annotations

import re
import tomllib

_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)")
_AT_END = "(at end of document)"


def toml_error_location(exc: tomllib.TOMLDecodeError, text: str, whole: str = "the file") -> tuple[int, str]:
    """(1-based line in `text`, reason without tomllib's position) for an error tomllib raised on `text`.

    An error at the end of the document is placed on the text's last line and said to be "at the end of
    `whole`"."""
    message = str(exc)
    match = _POSITION.search(message)
    if match:
        line = int(match.group(1))
        reason = _POSITION.sub("", message)
    else:
        line = max(text.count("\n") + (0 if text.endswith("\n") else 1), 1)
        reason = message.replace(_AT_END, f"at the end of {whole}")
    return line, reason.strip() or "invalid TOML"
