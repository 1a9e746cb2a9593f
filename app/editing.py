"""Who may change the data: signed-in editors, or, where no sign-in is set up, only this machine.

Viewing never needs sign-in. Sign-in is Streamlit's own (st.login, OpenID Connect through Authlib),
set up in .streamlit/secrets.toml; the editors are the e-mail addresses in data/editors.csv, a file
reviewed like code. Without an identity provider, editing is allowed only to a browser on the machine
that runs the dashboard, and never through a proxy, which would make every visitor look local.
The editing page asks on every run, so a save or withdrawal is judged by the rights of the run that
carries the click, never by what they were when the page was first drawn.
"""

from __future__ import annotations

import csv
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from etl.audit import plain_who

EDITORS_FILENAME = "editors.csv"
# What st.login() needs in the [auth] section of .streamlit/secrets.toml for its one provider.
SIGN_IN_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
# Set by a reverse proxy: the connection then comes from the proxy, not from the person.
PROXY_HEADERS = ("X-Forwarded-For", "X-Real-Ip", "Forwarded")


@dataclass(frozen=True)
class Rights:
    """Whether this session may change the data, who it is for the audit trail, and why (a label key)."""

    may_edit: bool
    who: str
    reason: str


def rights(data_dir: Path) -> Rights:
    """This session's right to edit, decided afresh on every call."""
    if sign_in_configured():
        user = signed_in_user()
        if user is None:
            return Rights(False, "", "editing_sign_in")
        email = plain_who(user.get("email") or "").lower()
        if user.get("email_verified") is False or email not in editors(data_dir):
            return Rights(False, email, "editing_not_editor")
        return Rights(True, email, "editing_signed_in")
    if client_is_local():
        return Rights(True, "local:127.0.0.1", "editing_local")
    return Rights(False, "", "editing_needs_sign_in")


def editors(data_dir: Path) -> set[str]:
    """The editors' e-mail addresses, lower case; none when the file is missing."""
    path = data_dir / EDITORS_FILENAME
    if not path.exists():
        return set()
    with path.open(encoding="utf-8-sig", newline="") as file:
        return {row["email"].strip().lower() for row in csv.DictReader(file) if (row.get("email") or "").strip()}


def sign_in_configured() -> bool:
    """Whether .streamlit/secrets.toml names an identity provider for st.login."""
    try:
        auth = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file at all
        return False
    return bool(auth) and all(auth.get(key) for key in SIGN_IN_KEYS)


def signed_in_user() -> dict | None:
    """The identity provider's claims for this session, or None when nobody is signed in."""
    return dict(st.user) if st.user.get("is_logged_in", False) else None


def client_is_local() -> bool:
    """Whether the browser runs on this machine and reaches the dashboard directly, without a proxy."""
    headers = request_headers()
    if any(headers.get(name) for name in PROXY_HEADERS):
        return False
    address = client_address()
    if address is None:  # Streamlit gives no address for a browser on localhost
        return True
    return is_loopback(address)


def is_loopback(address: str) -> bool:
    """Whether a client address is this machine: IPv4 127.0.0.0/8, IPv6 ::1, or IPv4 loopback written as an
    IPv4-mapped IPv6 address (::ffff:127.0.0.1), which is how a server listening on both reports a browser
    that opened http://127.0.0.1 (Python 3.11's is_loopback says False for that form)."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("%lo") names no other machine
    except ValueError:
        return False
    mapped = parsed.ipv4_mapped if isinstance(parsed, ipaddress.IPv6Address) else None
    return (mapped or parsed).is_loopback


def client_address() -> str | None:
    return st.context.ip_address


def request_headers() -> Mapping[str, str]:
    return st.context.headers
