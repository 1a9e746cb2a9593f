"""Reading a report from a web address: the article without the site around it, or a clear refusal.

Every page is served on 127.0.0.1 by a server the test starts; no request leaves this machine (a guard below
fails any connection to another address, whatever the code under test does)."""

from __future__ import annotations

import gzip
import ipaddress
import re
import shutil
import ssl
import subprocess
import sys
import threading
import types
import unicodedata
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import urllib3.util.connection

from app import labels
from etl import read_web
from etl.documents import Document, DocumentBuilder, DocumentError, SourceDetails

NEWS_PAGE = (Path(__file__).parent / "web" / "provincial_news.html").read_bytes()

# Every figure the article of NEWS_PAGE prints (its headline, paragraphs and table), as printed.
ARTICLE_FIGURES = [
    "1,23%",
    "2024",
    "0,87",
    "4.512",
    "6.078",
    "3.250",
    "5.432",
    "215.600",
    "98,7%",
    "1.204",
    "7,41",
    "689",
    "4,02",
    "2025",
    "0,5",
    "2022-2025",
]
# Every number of the site around the article: menu, price ticker, related links (in the article's box and
# below it), comments and footer.
SURROUNDING_NUMBERS = [
    "35",
    "84,50",
    "21.870",
    "95",
    "25.415",
    "12",
    "150",
    "700",
    "46",
    "92",
    "3",
    "37",
    "18",
    "61",
    "273",
    "0210",
    "3852",
    "491",
]
SURROUNDING_WORDS = ["Giá vàng", "Tin liên quan", "Bình luận", "Xem thêm", "Điện thoại", "Thời sự", "Ảnh:"]

MENU_ONLY_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Chuyên mục</title></head>
<body><nav><ul><li><a href="/thoi-su">Thời sự</a></li><li><a href="/kinh-te">Kinh tế</a></li>
<li><a href="/xa-hoi">Xã hội</a></li></ul></nav><footer><a href="/lien-he">Liên hệ</a></footer></body></html>
""".encode()

Route = tuple[int, dict[str, str], bytes]


def html(body: bytes, charset: str = "utf-8") -> Route:
    return 200, {"Content-Type": f"text/html; charset={charset}"}, body


def redirect(location: str, status: int = 302) -> Route:
    return status, {"Location": location}, b""


class Server:
    """Pages served on 127.0.0.1: `routes` maps a path to its answer, or to a function that answers; over TLS
    when given a certificate and its key."""

    def __init__(self, certificate: tuple[Path, Path] | None = None) -> None:
        self.routes: dict[str, Route | Callable[[BaseHTTPRequestHandler], None]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.released = threading.Event()  # set at the end, so that a stalling answer stops waiting
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if callable(route):
                    route(self)
                    return
                status, headers, body = route
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.port = self.http.server_address[1]
        if certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
            self.http.socket = context.wrap_socket(self.http.socket, server_side=True)
        self.thread = threading.Thread(target=self.http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.released.set()
        self.http.shutdown()
        self.http.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection to an address off this machine, should a check under test let one through."""
    connect = urllib3.util.connection.create_connection

    def guarded(address: tuple[str, int], *args: object, **kwargs: object):
        host = address[0].strip("[]")
        assert ipaddress.ip_address(host).is_loopback, f"a test tried to connect to {host}"
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", guarded)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    monkeypatch.setenv(read_web.ALLOW_LOCAL_VARIABLE, "1")
    served = Server()
    yield served
    served.stop()


def has_number(text: str, number: str) -> bool:
    """Whether `number` is printed in `text` as a number of its own, not as part of a longer one."""
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", text) is not None


def refusal(code: str, action: Callable[[], object]) -> DocumentError:
    """The error `action` raises, checked to have `code` and a message in both languages without markup."""
    with pytest.raises(DocumentError) as caught:
        action()
    error = caught.value
    assert error.code == code, str(error)
    for language in ("vi", "en"):
        message = labels.text(f"document_{error.code}", language, **error.values)
        assert message and "{" not in message and "<" not in message
    assert "<" not in str(error)
    return error


# The same page as a site without telling class names writes it: only the layout tells article from site.
UNCLASSED_NEWS_PAGE = re.sub(rb' class="[^"]*"', b"", NEWS_PAGE)


@pytest.mark.parametrize("page", [NEWS_PAGE, UNCLASSED_NEWS_PAGE], ids=["as published", "without class names"])
def test_the_article_is_read_without_the_site_around_it(server, page):
    server.routes["/xa-hoi/ty-le-ho-ngheo.html"] = html(page)
    document = read_web.read_address(server.url("/xa-hoi/ty-le-ho-ngheo.html"))
    missing = [figure for figure in ARTICLE_FIGURES if not has_number(document.text, figure)]
    assert missing == []
    leaked = [number for number in SURROUNDING_NUMBERS if has_number(document.text, number)]
    assert leaked == []
    assert [word for word in SURROUNDING_WORDS if word in document.text] == []
    assert "Toàn tỉnh còn 4.512 hộ nghèo và 6.078 hộ cận nghèo." in document.text
    assert document.text == unicodedata.normalize("NFC", document.text)


def test_a_short_notice_with_a_table_is_an_article(server):
    notice = re.sub(
        r'<div class="content">.*?</div>\s*<div class="tags">',
        '<div class="content"><p>Tính đến 30/11/2024, toàn tỉnh còn 4.512 hộ nghèo, chiếm 1,23%.</p>'
        "<table><tr><th>Huyện</th><th>Số hộ nghèo</th></tr><tr><td>Tân Sơn</td><td>1.204</td></tr>"
        '<tr><td>Yên Lập</td><td>689</td></tr></table></div><div class="tags">',
        NEWS_PAGE.decode(),
        flags=re.DOTALL,
    )
    server.routes["/thong-bao"] = html(notice.encode())
    document = read_web.read_address(server.url("/thong-bao"))
    assert "Tính đến 30/11/2024, toàn tỉnh còn 4.512 hộ nghèo, chiếm 1,23%." in document.text
    assert [[cell.text for cell in row] for row in document.tables[0].rows][1:] == [
        ["Tân Sơn", "1.204"],
        ["Yên Lập", "689"],
    ]
    assert [number for number in SURROUNDING_NUMBERS if has_number(document.text, number)] == []


def test_the_page_says_what_it_is_for_the_source_form(server):
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    details = read_web.read_address(server.url("/bai-viet")).details
    assert details == SourceDetails(
        title="Phú Thọ: tỷ lệ hộ nghèo còn 1,23%",
        publisher="Báo Phú Thọ điện tử",
        author="Nguyễn Thị Lan",
        publication_date="2024-11-05",
        url=server.url("/bai-viet"),
        format="web",
    )


def test_the_article_table_is_read_cell_by_cell_with_its_title(server):
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    document = read_web.read_address(server.url("/bai-viet"))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.name == "Bảng 1"
    assert table.caption == "Kết quả giảm nghèo theo huyện năm 2024"
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["Huyện", "Số hộ nghèo", "Tỷ lệ (%)"],
        ["Tân Sơn", "1.204", "7,41"],
        ["Yên Lập", "689", "4,02"],
    ]
    cell = table.rows[2][2]
    assert document.text[cell.offset : cell.offset + len(cell.text)] == "4,02"
    assert document.in_table(cell.offset)
    paragraph = document.text.index("Toàn tỉnh còn")
    assert not document.in_table(paragraph)


def test_a_sentence_above_a_table_is_not_taken_for_its_title(server):
    page = NEWS_PAGE.replace(
        "<p>Kết quả giảm nghèo theo huyện năm 2024</p>".encode(),
        "<p>Hai huyện còn nhiều hộ nghèo nhất được hỗ trợ thêm.</p>".encode(),
    )
    server.routes["/bai-viet"] = html(page)
    assert read_web.read_address(server.url("/bai-viet")).tables[0].caption == ""


def test_the_date_comes_from_htmldate_when_trafilatura_finds_none(server, monkeypatch):
    import trafilatura

    extract = trafilatura.bare_extraction

    def undated(*args: object, **kwargs: object):
        extracted = extract(*args, **kwargs)
        extracted.date = None
        return extracted

    monkeypatch.setattr(trafilatura, "bare_extraction", undated)
    page = NEWS_PAGE.replace(b"</head>", b'<meta property="article:published_time" content="2024-11-04"></head>')
    server.routes["/bai-viet"] = html(page)
    assert read_web.read_address(server.url("/bai-viet")).details.publication_date == "2024-11-04"


def test_decomposed_accents_are_composed(server):
    decomposed = unicodedata.normalize("NFD", NEWS_PAGE.decode()).encode()
    server.routes["/bai-viet"] = html(decomposed)
    document = read_web.read_address(server.url("/bai-viet"))
    assert "Toàn tỉnh còn 4.512 hộ nghèo" in document.text
    assert document.details.author == "Nguyễn Thị Lan"


def windows_1258(text: str) -> bytes:
    """Text in Windows-1258, which writes a Vietnamese letter with its vowel mark and adds the tone after it."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    written = bytearray()
    for character in text:
        try:
            written += character.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", character)
        letter = unicodedata.normalize("NFC", base + "".join(mark for mark in marks if mark not in tones))
        written += (letter + "".join(mark for mark in marks if mark in tones)).encode("cp1258")
    return bytes(written)


def test_the_charset_the_server_declares_is_used(server):
    page = NEWS_PAGE.decode().replace('<meta charset="utf-8">', "")
    server.routes["/bai-viet"] = html(windows_1258(page), charset="windows-1258")
    document = read_web.read_address(server.url("/bai-viet"))
    assert "Toàn tỉnh còn 4.512 hộ nghèo và 6.078 hộ cận nghèo." in document.text
    assert document.details.title == "Phú Thọ: tỷ lệ hộ nghèo còn 1,23%"


def test_redirects_are_followed_and_the_final_address_kept(server):
    server.routes["/cu"] = redirect("/moi", 301)
    server.routes["/moi"] = redirect(server.url("/bai-viet"), 307)
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    document = read_web.read_address(server.url("/cu"))
    assert document.details.url == server.url("/bai-viet")
    assert "1,23%" in document.text


def test_the_request_names_the_dashboard(server):
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    read_web.fetch(server.url("/bai-viet"))
    assert server.requests[0][1]["User-Agent"] == read_web.USER_AGENT


def test_plain_text_is_read_in_paragraphs(server):
    text = "Báo cáo kết quả giảm nghèo năm 2024\r\n\r\nTỷ lệ hộ nghèo còn 1,23%.\nSố hộ nghèo: 4.512 hộ.\r\n"
    server.routes["/bao-cao.txt"] = 200, {"Content-Type": "text/plain; charset=utf-8"}, text.encode()
    document = read_web.read_address(server.url("/bao-cao.txt"))
    assert document.text == "Báo cáo kết quả giảm nghèo năm 2024\nTỷ lệ hộ nghèo còn 1,23%.\nSố hộ nghèo: 4.512 hộ."
    assert document.details == SourceDetails(url=server.url("/bao-cao.txt"), format="txt")


def test_text_that_is_not_in_its_declared_charset_is_refused(server):
    server.routes["/bao-cao.txt"] = 200, {"Content-Type": "text/plain"}, "Tỷ lệ hộ nghèo".encode("utf-16")
    error = refusal("page_encoding", lambda: read_web.read_address(server.url("/bao-cao.txt")))
    assert error.values == {"charset": "UTF-8"}


def test_a_pdf_goes_to_the_file_readers_named_by_its_type(server, monkeypatch):
    received: list[tuple[bytes, str]] = []

    def read_document(data: bytes, name: str) -> Document:
        received.append((data, name))
        builder = DocumentBuilder()
        builder.add_paragraph("Tỷ lệ hộ nghèo còn 1,23%.")
        return builder.build(SourceDetails(title="Báo cáo", format="pdf", pages=1))

    module = types.ModuleType("etl.read_document")
    module.read_document = read_document
    monkeypatch.setitem(sys.modules, "etl.read_document", module)
    server.routes["/tai-lieu/download?id=7"] = 200, {"Content-Type": "application/pdf"}, b"%PDF-1.7 made up"
    document = read_web.read_address(server.url("/tai-lieu/download?id=7"))
    assert received == [(b"%PDF-1.7 made up", "download.pdf")]
    assert document.details == SourceDetails(
        title="Báo cáo", format="pdf", pages=1, url=server.url("/tai-lieu/download?id=7")
    )


@pytest.mark.parametrize("status", [404, 500])
def test_an_error_status_is_refused_naming_it(server, status):
    server.routes["/bai-viet"] = status, {"Content-Type": "text/html"}, b"<html><body><h1>Error</h1></body></html>"
    error = refusal("page_status", lambda: read_web.read_address(server.url("/bai-viet")))
    assert error.values == {"status": status}
    assert str(status) in labels.text("document_page_status", "vi", **error.values)


def test_a_server_that_stalls_is_given_up(server):
    def stall(handler: BaseHTTPRequestHandler) -> None:
        server.released.wait(5)

    server.routes["/cham"] = stall
    error = refusal("page_timeout", lambda: read_web.fetch(server.url("/cham"), timeout=0.5))
    assert error.values == {"seconds": 0.5}


def test_a_server_that_trickles_is_given_up_within_the_budget(server):
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        # A byte at a time, each sooner than the read timeout: only the whole fetch's budget stops it before the
        # page ends, five seconds on.
        for _ in range(50):
            if server.released.wait(0.1):
                return
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:  # the reader has hung up, as it should
                return

    server.routes["/nho-giot"] = trickle
    refusal("page_timeout", lambda: read_web.fetch(server.url("/nho-giot"), timeout=1.0))


def test_a_body_over_the_limit_is_refused_by_its_declared_length(server):
    server.routes["/lon"] = html(b"<p>" + b"x" * 5_000 + b"</p>")
    error = refusal("page_too_large", lambda: read_web.fetch(server.url("/lon"), max_bytes=1_000))
    assert error.values == {"limit": 1_000}


def test_a_body_over_the_limit_is_cut_off_when_it_declares_no_length(server):
    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(100):
            if server.released.is_set():
                return
            try:
                handler.wfile.write(b"x" * 10_000)
            except OSError:  # the reader has hung up, as it should
                return

    server.routes["/vo-tan"] = endless
    refusal("page_too_large", lambda: read_web.fetch(server.url("/vo-tan"), max_bytes=50_000))


def test_a_redirect_loop_is_refused(server):
    server.routes["/vong"] = redirect("/vong")
    error = refusal("page_redirects", lambda: read_web.fetch(server.url("/vong")))
    assert error.values == {"limit": read_web.MAX_REDIRECTS}
    assert len(server.requests) == read_web.MAX_REDIRECTS + 1


def test_too_many_redirects_are_refused(server):
    for step in range(4):
        server.routes[f"/buoc-{step}"] = redirect(f"/buoc-{step + 1}")
    server.routes["/buoc-4"] = html(NEWS_PAGE)
    refusal("page_redirects", lambda: read_web.fetch(server.url("/buoc-0"), max_redirects=3))
    assert read_web.fetch(server.url("/buoc-0"), max_redirects=4).url == server.url("/buoc-4")


@pytest.mark.parametrize("target", ["http://10.0.0.1/bao-cao", "http://[fc00::1]/bao-cao", "http://169.254.169.254/"])
def test_a_redirect_to_a_private_address_is_refused_before_it_is_followed(server, target):
    server.routes["/chuyen"] = redirect(target)
    error = refusal("address_local", lambda: read_web.fetch(server.url("/chuyen")))
    assert error.values["address"] in target
    assert [path for path, _ in server.requests] == ["/chuyen"]


@pytest.mark.parametrize("content_type", ["application/zip", "application/octet-stream", "text/javascript"])
def test_a_type_no_reader_takes_is_refused_naming_it(server, content_type):
    server.routes["/tep"] = 200, {"Content-Type": content_type}, b"PK\x03\x04 made up"
    error = refusal("page_type", lambda: read_web.fetch(server.url("/tep")))
    assert error.values == {"content_type": content_type}
    assert content_type in labels.text("document_page_type", "vi", **error.values)


def test_a_page_that_does_not_say_its_type_is_refused(server):
    def untyped(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(NEWS_PAGE)

    server.routes["/khong-kieu"] = untyped
    refusal("page_no_type", lambda: read_web.fetch(server.url("/khong-kieu")))


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://127.0.0.1/bao-cao.pdf", "javascript:alert(1)"])
def test_an_address_that_is_not_http_is_refused(server, address):
    error = refusal("address_scheme", lambda: read_web.read_address(address))
    assert error.values["scheme"] == address.split(":", 1)[0]
    assert server.requests == []


def test_an_address_without_a_host_is_refused():
    refusal("address_invalid", lambda: read_web.fetch("http:///bao-cao"))


def test_this_machine_is_refused_without_the_tests_permission(server, monkeypatch):
    monkeypatch.delenv(read_web.ALLOW_LOCAL_VARIABLE)
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    error = refusal("address_local", lambda: read_web.read_address(server.url("/bai-viet")))
    assert error.values == {"host": "127.0.0.1", "address": "127.0.0.1"}
    assert "127.0.0.1" in labels.text("document_address_local", "vi", **error.values)
    assert "private network" in str(error)
    assert server.requests == []


def test_a_page_with_no_article_is_refused(server):
    server.routes["/chuyen-muc"] = html(MENU_ONLY_PAGE)
    refusal("no_article", lambda: read_web.read_address(server.url("/chuyen-muc")))


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.1.1", "::1", "::ffff:127.0.0.1", "fc00::1", "0.0.0.0"]
    + ["100.64.0.1", "224.0.0.1", "fe80::1%eth0", "2002:a00:1::", "2002:7f00:1::"],
)
def test_addresses_off_the_internet_are_refused(address):
    assert read_web.refused_address(address)


def test_a_public_address_is_allowed():
    # Only judged, never connected to.
    assert not read_web.refused_address("8.8.8.8")
    assert not read_web.refused_address("2001:4860:4860::8888")


def test_the_tests_permission_opens_this_machine_only():
    assert not read_web.refused_address("127.0.0.1", allow_loopback=True)
    assert not read_web.refused_address("::ffff:127.0.0.1", allow_loopback=True)
    for address in ("10.0.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "fc00::1"):
        assert read_web.refused_address(address, allow_loopback=True)


def test_the_connection_goes_to_the_address_that_was_checked(server, monkeypatch):
    """A name is resolved once: the page is asked of the address judged, under the name the address gave."""
    looked_up: list[str] = []

    def resolve(host: str, port: int, *args: object, **kwargs: object):
        looked_up.append(host)
        return [(2, 1, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(read_web.socket, "getaddrinfo", resolve)
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    fetched = read_web.fetch(f"http://tin-tuc.example:{server.port}/bai-viet")
    # The connection itself only parses the literal address it is given.
    assert [host for host in looked_up if host != "127.0.0.1"] == ["tin-tuc.example"]
    assert server.requests[0][1]["Host"] == f"tin-tuc.example:{server.port}"
    assert fetched.url == f"http://tin-tuc.example:{server.port}/bai-viet"
    assert fetched.content_type == "text/html" and fetched.charset == "utf-8" and fetched.data == NEWS_PAGE


def test_a_name_with_any_private_address_is_refused(server, monkeypatch):
    def resolve(host: str, port: int, *args: object, **kwargs: object):
        return [(2, 1, 6, "", ("8.8.8.8", port)), (2, 1, 6, "", ("192.168.1.10", port))]

    monkeypatch.setattr(read_web.socket, "getaddrinfo", resolve)
    error = refusal("address_local", lambda: read_web.fetch("http://tin-tuc.example/bai-viet"))
    assert error.values == {"host": "tin-tuc.example", "address": "192.168.1.10"}


def test_a_name_that_cannot_be_found_is_refused(monkeypatch):
    def resolve(host: str, port: int, *args: object, **kwargs: object):
        raise read_web.socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(read_web.socket, "getaddrinfo", resolve)
    error = refusal("address_unknown", lambda: read_web.fetch("https://khong-co.example/bai-viet"))
    assert error.values == {"host": "khong-co.example"}


def test_a_server_that_refuses_the_connection_is_named(server):
    port = server.port
    server.http.shutdown()
    server.http.server_close()
    error = refusal("page_unreachable", lambda: read_web.fetch(f"http://127.0.0.1:{port}/bai-viet", timeout=2))
    assert error.values == {"host": "127.0.0.1"}


@pytest.fixture
def secure_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Server, Path]]:
    """An HTTPS server on 127.0.0.1 whose certificate names tin-tuc.example, and the name resolving there."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, certificate = tmp_path / "key.pem", tmp_path / "certificate.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=tin-tuc.example"]
        + ["-addext", "subjectAltName=DNS:tin-tuc.example", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv(read_web.ALLOW_LOCAL_VARIABLE, "1")
    monkeypatch.setattr(
        read_web.socket, "getaddrinfo", lambda host, port, *args, **kwargs: [(2, 1, 6, "", ("127.0.0.1", port))]
    )
    served = Server((certificate, key))
    yield served, certificate
    served.stop()


def test_https_is_read_with_the_certificate_checked_against_the_name(secure_site, monkeypatch):
    server, certificate = secure_site
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))  # trusted as a certificate authority, for this test
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    document = read_web.read_address(f"https://tin-tuc.example:{server.port}/bai-viet")
    assert "Toàn tỉnh còn 4.512 hộ nghèo" in document.text
    assert server.requests[0][1]["Host"] == f"tin-tuc.example:{server.port}"


def test_a_certificate_that_cannot_be_verified_is_refused(secure_site):
    server, _ = secure_site
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    error = refusal("page_certificate", lambda: read_web.fetch(f"https://tin-tuc.example:{server.port}/bai-viet"))
    assert error.values == {"host": "tin-tuc.example"}
    assert server.requests == []


def test_a_certificate_for_another_name_is_refused(secure_site, monkeypatch):
    server, certificate = secure_site
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    error = refusal("page_certificate", lambda: read_web.fetch(f"https://tin-gia.example:{server.port}/bai-viet"))
    assert error.values == {"host": "tin-gia.example"}


# A table as provincial portals print them: a title row across it, merged headers, a rank and a total column.
SPANNING_TABLE = """<table>
<caption>Tỷ lệ hộ nghèo theo huyện</caption>
<thead><tr><th rowspan="2">TT</th><th rowspan="2">Huyện</th><th colspan="2">Tỷ lệ hộ nghèo (%)</th></tr>
<tr><th>Năm 2023</th><th>Năm 2024</th></tr></thead>
<tbody><tr><td>1</td><td>Tân Sơn</td><td>9,12</td><td>7,41</td></tr>
<tr><td>2</td><td>Yên Lập</td><td>5,30</td><td>4,02</td></tr>
<tr><td colspan="2">Tổng cộng</td><td>2,10</td><td>1,23</td></tr></tbody>
</table>"""


def test_a_table_title_row_is_its_caption_and_merged_cells_keep_their_columns(server):
    page = NEWS_PAGE.decode().replace("<p>Kết quả giảm nghèo theo huyện năm 2024</p>", "")
    page = re.sub(r"<table>.*?</table>", SPANNING_TABLE, page, flags=re.DOTALL)
    server.routes["/bai-viet"] = html(page.encode())
    table = read_web.read_address(server.url("/bai-viet")).tables[0]
    assert table.caption == "Tỷ lệ hộ nghèo theo huyện"
    rows = [[cell.text for cell in row] for row in table.rows]
    # A merged cell is written once, in its first column; the columns it also covers are left empty.
    assert rows == [
        ["Tỷ lệ hộ nghèo theo huyện", "", "", ""],
        ["TT", "Huyện", "Tỷ lệ hộ nghèo (%)", ""],
        ["", "", "Năm 2023", "Năm 2024"],
        ["1", "Tân Sơn", "9,12", "7,41"],
        ["2", "Yên Lập", "5,30", "4,02"],
        ["Tổng cộng", "", "2,10", "1,23"],
    ]


def test_an_old_portal_laid_out_in_a_table_gives_its_article_alone(server):
    page = NEWS_PAGE.decode()
    page = page.replace(
        "<main>",
        '<table width="100%"><tr><td class="left"><ul><li><a href="/van-ban">Văn bản 2024</a></li>'
        '<li><a href="/lich">Lịch công tác tuần 45</a></li></ul></td><td class="center">',
    ).replace("</main>", "</td></tr></table>")
    server.routes["/bai-viet"] = html(page.encode())
    document = read_web.read_address(server.url("/bai-viet"))
    assert [figure for figure in ARTICLE_FIGURES if not has_number(document.text, figure)] == []
    assert [number for number in SURROUNDING_NUMBERS + ["45"] if has_number(document.text, number)] == []
    assert len(document.tables) == 1


def test_a_vietnamese_domain_name_is_asked_for_in_its_ascii_form(server, monkeypatch):
    looked_up: list[str] = []

    def resolve(host: str, port: int, *args: object, **kwargs: object):
        looked_up.append(host)
        return [(2, 1, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(read_web.socket, "getaddrinfo", resolve)
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    read_web.fetch(f"http://báo-tỉnh.example:{server.port}/bai-viet")
    ascii_name = "báo-tỉnh.example".encode("idna").decode()
    assert looked_up[0] == ascii_name
    assert server.requests[0][1]["Host"] == f"{ascii_name}:{server.port}"


def test_a_compressed_body_is_measured_as_it_unpacks(server):
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    server.routes["/nen"] = 200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb
    error = refusal("page_too_large", lambda: read_web.fetch(server.url("/nen"), max_bytes=1_000_000))
    assert error.values == {"limit": 1_000_000}


def test_the_next_checked_address_is_tried_when_one_takes_no_connection(server, monkeypatch):
    """A name with an IPv6 address nobody answers on and an IPv4 one that serves the page (this server listens
    on 127.0.0.1 alone)."""

    def resolve(host: str, port: int, *args: object, **kwargs: object):
        if host == "::1":  # the connection's own look-up of the literal address: that address alone
            return [(10, 1, 6, "", ("::1", port, 0, 0))]
        if host == "127.0.0.1":
            return [(2, 1, 6, "", ("127.0.0.1", port))]
        return [(10, 1, 6, "", ("::1", port, 0, 0)), (2, 1, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(read_web.socket, "getaddrinfo", resolve)
    server.routes["/bai-viet"] = html(NEWS_PAGE)
    assert read_web.fetch(f"http://tin-tuc.example:{server.port}/bai-viet").data == NEWS_PAGE
