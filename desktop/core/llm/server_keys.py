"""Where a server's API key is kept: the operating system's keyring (the `keyring` package: Keychain, Windows
Credential Manager, Secret Service/KWallet), never the SQLite file, a log or the settings.

Where the system has no keyring (a bare Linux without a Secret Service), the key is held in memory for this
session only, or read from an environment variable the student names."""

from __future__ import annotations

import os

SERVICE = "LLM Study Desk"  # the keyring entry's service name; the user name is the server's address

_session_keys: dict[str, str] = {}  # url -> key, for this run only, where there is no keyring


def keyring_status() -> tuple[bool, str]:
    """(available, a sentence saying where keys go)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False, "The keyring package is not installed: the key is kept for this session only."
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 - a broken keyring set-up must not stop the app
        return False, f"The system keyring cannot be used ({exc}): the key is kept for this session only."
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return False, ("This system has no keyring (no Secret Service or KWallet is running): the key is kept for "
                       "this session only, or read from the environment variable you name.")
    return True, f"The key is kept in the system keyring ({type(backend).__name__})."


def load_key(url: str, env_var: str = "") -> str | None:
    """The key for `url`: the named environment variable first, then the keyring, then this session's memory."""
    if env_var and os.environ.get(env_var):
        return os.environ[env_var]
    available, _ = keyring_status()
    if available:
        import keyring

        try:
            value = keyring.get_password(SERVICE, url)
        except Exception:  # noqa: BLE001 - a locked or failing keyring: ask again instead
            value = None
        if value:
            return value
    return _session_keys.get(url)


def save_key(url: str, key: str, remember: bool) -> str:
    """Keep the key; returns a sentence saying where it went. `remember` False keeps it for this session only."""
    _session_keys[url] = key
    if not remember:
        return "The key is kept for this session only."
    available, why = keyring_status()
    if not available:
        return why
    import keyring

    try:
        keyring.set_password(SERVICE, url, key)
    except Exception as exc:  # noqa: BLE001
        return f"The system keyring refused the key ({exc}): it is kept for this session only."
    return "The key is saved in the system keyring."


def forget_key(url: str) -> None:
    _session_keys.pop(url, None)
    available, _ = keyring_status()
    if available:
        import keyring

        try:
            keyring.delete_password(SERVICE, url)
        except Exception:  # noqa: BLE001 - nothing stored is fine
            pass
