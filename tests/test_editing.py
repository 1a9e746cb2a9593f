"""Only editors change the data: a session that is neither a signed-in editor nor on this machine can save,
edit or withdraw nothing, and data/ and the database stay byte for byte; an editor can, and every save
and withdrawal leaves one record in the audit trail; withdrawing equals never having added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import editing
from etl import add_report as adding
from etl import audit
from etl.build import build_problems
from etl.paths import PROJECT_DIR
from etl.withdraw_report import WITHDRAWN_DIRNAME, withdraw_report
from tests.helpers import read_csv, snapshot, table_contents, write_csv

WITHDRAWN = "longan-2024"  # a seed report, kept in data/reports
EDITOR = "editor@example.org"


@pytest.fixture
def dashboard(data_dir, database, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POVERTY_DATA", str(data_dir))
    monkeypatch.setenv("POVERTY_DB", str(database))
    return AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=120)


def from_address(monkeypatch, address: str, headers: dict | None = None) -> None:
    monkeypatch.setattr(editing, "sign_in_configured", lambda: False)
    monkeypatch.setattr(editing, "client_address", lambda: address)
    monkeypatch.setattr(editing, "request_headers", lambda: headers or {})


def signed_in(monkeypatch, claims: dict | None) -> None:
    monkeypatch.setattr(editing, "sign_in_configured", lambda: True)
    monkeypatch.setattr(editing, "signed_in_user", lambda: claims)
    monkeypatch.setattr(editing, "client_address", lambda: "203.0.113.9")


def add_editor(data_dir: Path, email: str) -> None:
    write_csv(data_dir / "editors.csv", [{"email": email, "name": "Editor"}])


def open_editing_page(app):
    app.run()
    app.switch_page("pages/add_report.py").run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def withdraw_through_the_page(app, source_id: str):
    app.selectbox(key="withdraw_source").set_value(source_id)
    app.checkbox(key="withdraw_confirmed").check()
    app.run()
    next(button for button in app.button if button.label == "Rút báo cáo").click().run()
    return app


# Who may edit


@pytest.mark.parametrize(
    ("address", "headers"),
    [("203.0.113.9", {}), ("2001:db8::1", {}), ("127.0.0.1", {"X-Forwarded-For": "198.51.100.7"})],
    ids=["remote", "remote-ipv6", "through-a-proxy"],
)
def test_a_viewer_elsewhere_without_sign_in_can_change_nothing(
    dashboard, data_dir, database, monkeypatch, address, headers
):
    from_address(monkeypatch, address, headers)
    before, database_before = snapshot(data_dir), database.read_bytes()
    app = open_editing_page(dashboard)
    assert any("chỉ để xem" in warning.value and "secrets.toml" in warning.value for warning in app.warning)
    assert not app.button and not app.text_area and not app.get("file_uploader")
    app.switch_page("pages/sources.py").run()  # viewing needs no sign-in
    assert not app.exception and app.header
    assert snapshot(data_dir) == before and database.read_bytes() == database_before


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:ffff:7f00:1", "::1%lo"]
)
def test_a_browser_on_this_machine_may_edit_whichever_way_its_address_is_written(
    dashboard, data_dir, monkeypatch, address
):
    from_address(monkeypatch, address)
    app = open_editing_page(dashboard)
    assert any("bạn đang ở máy đó" in message.value for message in app.success)
    assert app.text_area and app.get("file_uploader")


@pytest.mark.parametrize(
    ("address", "headers"),
    [("::ffff:203.0.113.9", {}), ("::ffff:127.0.0.1", {"X-Forwarded-For": "198.51.100.7"}), ("localhost", {})],
    ids=["mapped-remote", "mapped-loopback-through-a-proxy", "not-an-address"],
)
def test_an_address_that_only_looks_local_may_not_edit(data_dir, monkeypatch, address, headers):
    from_address(monkeypatch, address, headers)
    assert not editing.rights(data_dir).may_edit


def test_a_save_asks_again_and_is_refused_when_the_right_is_gone(dashboard, data_dir, database, monkeypatch):
    from_address(monkeypatch, "127.0.0.1")
    app = open_editing_page(dashboard)
    app.selectbox(key="withdraw_source").set_value(WITHDRAWN)
    app.checkbox(key="withdraw_confirmed").check()
    app.run()
    before, database_before = snapshot(data_dir), database.read_bytes()
    from_address(monkeypatch, "203.0.113.9")  # e.g. the dashboard is now reached through the network
    next(button for button in app.button if button.label == "Rút báo cáo").click().run()
    assert any("chỉ để xem" in warning.value for warning in app.warning)
    assert snapshot(data_dir) == before and database.read_bytes() == database_before


def test_a_signed_in_user_who_is_not_an_editor_can_change_nothing(dashboard, data_dir, database, monkeypatch):
    add_editor(data_dir, EDITOR)
    signed_in(monkeypatch, {"email": "someone@example.org", "email_verified": True})
    before, database_before = snapshot(data_dir), database.read_bytes()
    app = open_editing_page(dashboard)
    assert any("someone@example" in warning.value and "editors.csv" in warning.value for warning in app.warning)
    assert [button.label for button in app.button] == ["Đăng xuất"]
    assert snapshot(data_dir) == before and database.read_bytes() == database_before


def test_an_unverified_address_is_not_an_editor(data_dir, monkeypatch):
    add_editor(data_dir, EDITOR)
    signed_in(monkeypatch, {"email": EDITOR, "email_verified": False})
    assert not editing.rights(data_dir).may_edit


def test_nobody_signed_in_is_offered_the_sign_in(dashboard, data_dir, monkeypatch):
    signed_in(monkeypatch, None)
    app = open_editing_page(dashboard)
    assert [button.label for button in app.button] == ["Đăng nhập"]


def test_a_signed_in_editor_withdraws_a_report_and_the_trail_says_who(dashboard, data_dir, database, monkeypatch):
    add_editor(data_dir, EDITOR.upper())  # addresses compare without case
    signed_in(monkeypatch, {"email": EDITOR, "email_verified": True, "name": "Ms Editor"})
    figures = [row for row in read_csv(data_dir / "facts.csv") if row["source_id"] == WITHDRAWN]
    app = withdraw_through_the_page(open_editing_page(dashboard), WITHDRAWN)
    assert any(WITHDRAWN in success.value for success in app.success), [error.value for error in app.error]
    [entry] = audit.history(data_dir)
    assert (entry["who"], entry["action"], entry["source_id"]) == (EDITOR, "report_withdrawn", WITHDRAWN)
    assert entry["before"] == figures and entry["after"] == []
    assert not [row for row in read_csv(data_dir / "facts.csv") if row["source_id"] == WITHDRAWN]
    app.switch_page("pages/sources.py").run()
    history = next(frame.value for frame in app.dataframe if "Người thay đổi" in frame.value.columns)
    assert history.iloc[0]["Người thay đổi"] == EDITOR and history.iloc[0]["Số liệu trước"] == len(figures)


# The audit trail and withdrawal


def test_every_save_and_withdrawal_is_one_record(data_dir, database):
    from tests.test_add_report import REPORT, SOURCE, proposals

    rows = proposals(data_dir)
    text = REPORT.read_text(encoding="utf-8")
    assert adding.add_report(data_dir, database, text, SOURCE, rows, proposal=rows, who="a@example.org") == []
    assert withdraw_report(data_dir, database, SOURCE["source_id"], "b@example.org") == []
    added, withdrawn = audit.history(data_dir)
    assert (added["action"], added["who"], len(added["before"]), len(added["after"])) == (
        "report_added",
        "a@example.org",
        0,
        len(rows),
    )
    assert (withdrawn["action"], withdrawn["who"], len(withdrawn["before"]), withdrawn["after"]) == (
        "report_withdrawn",
        "b@example.org",
        len(rows),
        [],
    )
    lines = (data_dir / audit.AUDIT_FILENAME).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["report_added", "report_withdrawn"]


def test_withdrawing_leaves_the_database_equal_to_a_build_without_the_report(data_dir, database, tmp_path):
    report = (
        data_dir
        / "reports"
        / next(row["file"] for row in read_csv(data_dir / "sources.csv") if row["source_id"] == WITHDRAWN)
    )
    text = report.read_text(encoding="utf-8")
    by_hand = tmp_path / "by-hand"
    import shutil

    shutil.copytree(data_dir, by_hand)
    for table in ("facts", "sources", "source_notes_vi"):
        rows = [row for row in read_csv(by_hand / f"{table}.csv") if row["source_id"] != WITHDRAWN]
        write_csv(by_hand / f"{table}.csv", rows)
    (by_hand / "reports" / report.name).unlink()
    expected = tmp_path / "expected.duckdb"
    assert build_problems(by_hand, expected, say=lambda _: None) == []

    assert withdraw_report(data_dir, database, WITHDRAWN, "editor@example.org") == []
    assert table_contents(database) == table_contents(expected)
    [kept] = (data_dir / WITHDRAWN_DIRNAME).iterdir()
    assert (kept / report.name).read_text(encoding="utf-8") == text  # withdrawn text is kept, not deleted
    assert read_csv(kept / "source.csv")[0]["source_id"] == WITHDRAWN
    assert {row["source_id"] for row in read_csv(kept / "facts.csv")} == {WITHDRAWN}
    assert read_csv(kept / "source_note_vi.csv")[0]["note_vi"].startswith("Không ghi ngày")  # its Vietnamese note
    assert not report.exists()


def test_withdrawing_an_unknown_report_changes_nothing(data_dir, database):
    before, database_before = snapshot(data_dir), database.read_bytes()
    assert withdraw_report(data_dir, database, "no-such-report", "editor@example.org") == [
        "sources.csv: no report 'no-such-report' to withdraw"
    ]
    assert snapshot(data_dir) == before and database.read_bytes() == database_before


def test_the_command_line_withdraws_and_records_the_account(data_dir, database, capsys):
    from etl.__main__ import main

    assert main(["withdraw", WITHDRAWN, "--data-dir", str(data_dir), "--database", str(database)]) == 0
    assert "withdrawn" in capsys.readouterr().out
    [entry] = audit.history(data_dir)
    assert entry["who"].startswith("cli:") and entry["action"] == "report_withdrawn"


# Hostile identities


def test_a_hostile_identity_is_stored_and_shown_as_plain_text(dashboard, data_dir, database, monkeypatch):
    claim = "<img src=x onerror=alert(1)>**bold** [x](javascript:alert(1))\n\x07" + "n" * 5000 + "@example.org"
    add_editor(data_dir, audit.plain_who(claim).lower())
    signed_in(monkeypatch, {"email": claim, "email_verified": True})
    app = withdraw_through_the_page(open_editing_page(dashboard), WITHDRAWN)
    assert app.success, [error.value for error in app.error]
    [entry] = audit.history(data_dir)
    assert len(entry["who"]) == audit.WHO_LENGTH and "\x07" not in entry["who"] and "\n" not in entry["who"]
    assert entry["who"].startswith("<img src=x onerror=alert(1)>**bold** [x](javascript:alert(1))")
    app.switch_page("pages/sources.py").run()
    history = next(frame.value for frame in app.dataframe if "Người thay đổi" in frame.value.columns)
    assert history.iloc[0]["Người thay đổi"] == entry["who"]  # a table cell: plain text
    assert not any("onerror" in markdown.value for markdown in app.markdown)


def test_an_identity_provider_in_the_secrets_turns_sign_in_on(dashboard):
    dashboard.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-long-random-string",
        "client_id": "dashboard.apps.example.org",
        "client_secret": "secret",
        "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration",
    }
    app = open_editing_page(dashboard)
    assert [button.label for button in app.button] == ["Đăng nhập"]  # nobody is signed in yet
    assert not app.text_area
