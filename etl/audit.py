"""The audit trail: one line per saved change to data/ (a report added or withdrawn), appended and never
rewritten, with who made it, when, which report, and its figures before and after.

`data/audit.jsonl` holds one JSON object per line. Lines are only ever appended, each in one write
flushed to disk, so an interrupted write can damage at most the last line, which history() skips and
names. Who made a change is whatever the sign-in or the command line said, stored as plain text.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

AUDIT_FILENAME = "audit.jsonl"
ACTIONS = ("report_added", "report_withdrawn")
# Long enough for any e-mail address (254) and a name beside it; a claim longer than this is cut.
WHO_LENGTH = 320
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def command_line_user() -> str:
    """Who runs `python -m etl …`: the account on this machine."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli:unknown"


def plain_who(who: object) -> str:
    """An identity claim as plain, bounded text: control characters become spaces."""
    return _CONTROL.sub(" ", str(who or "unknown")).strip()[:WHO_LENGTH] or "unknown"


def record(
    data_dir: Path,
    who: object,
    action: str,
    source_id: str,
    before: list[dict[str, str]],
    after: list[dict[str, str]],
) -> dict:
    """Append one change to the trail and return it."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; expected one of {', '.join(ACTIONS)}")
    entry = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "who": plain_who(who),
        "action": action,
        "source_id": source_id,
        "before": before,
        "after": after,
    }
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with (data_dir / AUDIT_FILENAME).open("a", encoding="utf-8") as file:
        file.write(line)
        file.flush()
        os.fsync(file.fileno())
    return entry


def history(data_dir: Path) -> list[dict]:
    """The trail, oldest first. A damaged line is reported as an entry whose action is "unreadable", so
    that nothing is hidden."""
    path = data_dir / AUDIT_FILENAME
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            entry = {"when": "", "who": "", "action": "unreadable", "source_id": "", "line": number}
        entries.append(entry)
    return entries
