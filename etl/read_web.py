"""Read a report from a web address: fetch it with care, then keep the article and leave the site around it.

Fetching checks every hop itself instead of leaving it to a library's fetcher: only http and https; the
host's addresses are resolved and the page is refused when any of them is on this machine or in a private,
link-local, reserved, multicast or unspecified range, and the connection then goes to the very address that
was checked, so a name cannot resolve to a public address for the check and a private one for the request.
Redirects are followed by hand, each checked again, up to a limit; the whole fetch has a time budget (the
name look-ups excepted: the resolver keeps its own), the body a size limit counted as it unpacks, and the
content type must be one a reader takes.

POVERTY_ALLOW_LOCAL_FETCH=1 lets the tests serve pages on loopback (127.0.0.0/8, ::1): it opens this machine
only, never a private network.

A web page's article is found by trafilatura, which drops menus, price tickers, related links, comments and
footers, so that no figure of the site around it is proposed; htmldate dates the page when trafilatura
cannot. Other files (PDF, Word, Excel, images) go to etl.read_document like an upload.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import time
import unicodedata
from dataclasses import dataclass, replace
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import urllib3
from lxml import etree

from etl.documents import Document, DocumentBuilder, DocumentError, SourceDetails

DEFAULT_TIMEOUT = 20.0  # seconds for the whole fetch, redirects included
MAX_PAGE_BYTES = 20_000_000  # a long report as PDF is a few megabytes; twenty is surely not one
MAX_REDIRECTS = 5
ALLOW_LOCAL_VARIABLE = "POVERTY_ALLOW_LOCAL_FETCH"
USER_AGENT = "poverty-dashboard/1.0 (report reader of the five-province poverty-reduction dashboard)"
CHUNK_BYTES = 65_536
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# The content types a reader takes, and the file extension the file readers know each one by.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPE = "text/plain"
FILE_EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",  # not a registered type, but some servers send it for JPEG photographs of reports
    "image/tiff": ".tif",
}
ACCEPTED_TYPES = HTML_TYPES | {TEXT_TYPE} | FILE_EXTENSIONS.keys()

# A paragraph just above a table is its caption when it reads like a title: short, not a finished sentence.
CAPTION_MAX_CHARACTERS = 160
SENTENCE_ENDINGS = (".", "!", "?", ";", "…")


@dataclass(frozen=True)
class Fetched:
    url: str  # the address the body came from, after redirects
    content_type: str  # the media type alone, lower case: "text/html"
    charset: str | None  # as the server declared it, None when it did not
    data: bytes


def _shown(text: str, limit: int = 120) -> str:
    """A value from the address or the server, safe to put in a message: printable, no markup, not too long."""
    printable = "".join(character for character in text if character.isprintable() and character not in "<>")
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"


def local_fetch_allowed() -> bool:
    return os.environ.get(ALLOW_LOCAL_VARIABLE) == "1"


def refused_address(address: str, allow_loopback: bool = False) -> bool:
    """Whether a resolved address must not be fetched: on this machine or in a range that is not the internet."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0") is no part of the range
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv6 address can carry an IPv4 one (::ffff:127.0.0.1, 6to4, Teredo); older Pythons judge only the
        # wrapper, and the inside decides where the connection ends.
        inside = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inside is not None:
            return refused_address(str(inside), allow_loopback)
    if allow_loopback and ip.is_loopback:
        return False
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def _checked_addresses(host: str, port: int, url: str) -> list[str]:
    """The addresses to connect to, in the resolver's order: every one the host resolves to must be allowed."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise DocumentError(
            f"{_shown(url)}: the host {_shown(host)} cannot be found; check the address",
            "address_unknown",
            host=_shown(host),
        ) from error
    addresses = [str(answer[4][0]) for answer in answers]
    allow_loopback = local_fetch_allowed()
    for address in addresses:
        if refused_address(address, allow_loopback):
            raise DocumentError(
                f"{_shown(url)}: the host {_shown(host)} is at {address}, an address on this machine or in a "
                "private network; only public internet addresses are read",
                "address_local",
                host=_shown(host),
                address=address,
            )
    return list(dict.fromkeys(addresses))  # once each: a name gives an address per socket type


def _split_address(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and the path with its query, or a refusal naming what is wrong."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise DocumentError(f"{_shown(url)}: not a web address", "address_invalid", url=_shown(url)) from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise DocumentError(
            f"{_shown(url)}: only http and https addresses are read, not {_shown(scheme) or 'this one'}",
            "address_scheme",
            scheme=_shown(scheme),
        )
    if not parts.hostname:
        raise DocumentError(f"{_shown(url)}: the address names no host", "address_invalid", url=_shown(url))
    try:
        # A Vietnamese domain name ("báo.vn") is looked up and asked for in its ASCII form.
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise DocumentError(f"{_shown(url)}: not a web address", "address_invalid", url=_shown(url)) from error
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, host, port or (443 if scheme == "https" else 80), path


def _content_type(header: str | None) -> tuple[str, str | None]:
    """The media type alone, lower case, and the declared charset; ("", None) when there is no header."""
    if not header:
        return "", None
    media_type = header.split(";", 1)[0].strip().lower()
    message = Message()
    message["content-type"] = header
    return media_type, message.get_content_charset()


def _open(scheme: str, host: str, address: str, port: int, timeout: float) -> urllib3.HTTPConnectionPool:
    """A connection pool to the checked address; HTTPS still verifies the certificate against the host name."""
    deadline = urllib3.Timeout(connect=timeout, read=timeout)
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=deadline,
            retries=False,
            maxsize=1,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=deadline, retries=False, maxsize=1)


def _host_header(scheme: str, host: str, port: int) -> str:
    named = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets
    return named if port == (443 if scheme == "https" else 80) else f"{named}:{port}"


def _request(
    scheme: str,
    host: str,
    addresses: list[str],
    port: int,
    path: str,
    current: str,
    url: str,
    budget: float,
    deadline: float,
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    """The answer from the first of the checked addresses that takes the connection (a name often has an IPv6
    address this machine cannot reach, and an IPv4 one it can), with its pool to close after reading."""
    for index, address in enumerate(addresses):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _timed_out(url, budget)
        pool = _open(scheme, host, address, port, remaining)
        try:
            response = pool.urlopen(
                "GET",
                path,
                headers={
                    # The connection goes to an address; the server is still asked for the page under its name.
                    "Host": _host_header(scheme, host, port),
                    "User-Agent": USER_AGENT,
                    "Accept": ", ".join(sorted(ACCEPTED_TYPES)),
                },
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
            )
            return pool, response
        except urllib3.exceptions.SSLError as error:
            pool.close()
            raise DocumentError(
                f"{_shown(current)}: the site's certificate cannot be verified for {_shown(host)}; the page is not "
                "read over a connection that may not be the site's",
                "page_certificate",
                host=_shown(host),
            ) from error
        except urllib3.exceptions.NewConnectionError as error:  # refused, unreachable (a ConnectTimeoutError too)
            pool.close()
            if index == len(addresses) - 1:
                raise _unreachable(current, host, error) from error
        except (urllib3.exceptions.ConnectTimeoutError, urllib3.exceptions.ReadTimeoutError) as error:
            pool.close()
            raise _timed_out(url, budget) from error
        except urllib3.exceptions.HTTPError as error:
            pool.close()
            raise _unreachable(current, host, error) from error
    raise AssertionError("unreachable: a host resolves to one address at least")  # pragma: no cover


def fetch(
    url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_PAGE_BYTES, max_redirects: int = MAX_REDIRECTS
) -> Fetched:
    """The body at `url`, every hop checked; DocumentError names what is wrong, and nothing is kept."""
    started = time.monotonic()
    current = url.strip()
    for hop in range(max_redirects + 1):
        scheme, host, port, path = _split_address(current)
        addresses = _checked_addresses(host, port, current)
        pool, response = _request(scheme, host, addresses, port, path, current, url, timeout, started + timeout)
        try:
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("Location")
                if not location:
                    raise DocumentError(
                        f"{_shown(current)}: the server answered a redirect ({response.status}) to nowhere",
                        "page_status",
                        status=response.status,
                    )
                if hop == max_redirects:
                    raise DocumentError(
                        f"{_shown(url)}: more than {max_redirects} redirects; the address leads nowhere",
                        "page_redirects",
                        limit=max_redirects,
                    )
                current = urljoin(current, location)
                continue
            return _body(response, current, url, started, timeout, max_bytes)
        finally:
            response.release_conn()
            pool.close()
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def _unreachable(url: str, host: str, error: Exception) -> DocumentError:
    return DocumentError(
        f"{_shown(url)}: the server at {_shown(host)} could not be reached ({type(error).__name__})",
        "page_unreachable",
        host=_shown(host),
    )


def _timed_out(url: str, timeout: float) -> DocumentError:
    return DocumentError(
        f"{_shown(url)}: no answer within {timeout:g} seconds; try again later or save the page and upload it",
        "page_timeout",
        seconds=timeout,
    )


def _body(
    response: urllib3.BaseHTTPResponse, current: str, url: str, started: float, timeout: float, max_bytes: int
) -> Fetched:
    if not 200 <= response.status < 300:
        raise DocumentError(
            f"{_shown(current)}: the server answered {response.status} {_shown(response.reason or '')}".rstrip(),
            "page_status",
            status=response.status,
        )
    media_type, charset = _content_type(response.headers.get("Content-Type"))
    if not media_type:
        raise DocumentError(f"{_shown(current)}: the server does not say what the page is", "page_no_type")
    if media_type not in ACCEPTED_TYPES:
        shown_type = _shown(re.sub(r"[^a-z0-9.+/-]", "", media_type), 80)
        raise DocumentError(
            f"{_shown(current)}: the address gives {shown_type}, which is not a web page, text, PDF, Word, Excel "
            "or image file",
            "page_type",
            content_type=shown_type,
        )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(current, max_bytes)
    chunks: list[bytes] = []
    size = 0
    try:
        # read1 returns what has arrived instead of waiting for a whole chunk, so the budget is checked often.
        while chunk := response.read1(CHUNK_BYTES, decode_content=True):
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(current, max_bytes)
            # The read timeout bounds each wait; a server that trickles bytes is bounded by the whole budget.
            if time.monotonic() - started > timeout:
                raise _timed_out(url, timeout)
            chunks.append(chunk)
    except urllib3.exceptions.ReadTimeoutError as error:
        raise _timed_out(url, timeout) from error
    except urllib3.exceptions.HTTPError as error:
        raise DocumentError(
            f"{_shown(current)}: the page was cut off while it was read ({type(error).__name__}); try again",
            "page_unreachable",
            host=_shown(urlsplit(current).hostname or ""),
        ) from error
    return Fetched(current, media_type, charset, b"".join(chunks))


def _too_large(url: str, max_bytes: int) -> DocumentError:
    return DocumentError(
        f"{_shown(url)}: the page is larger than the {max_bytes:,}-byte limit for a report",
        "page_too_large",
        limit=max_bytes,
    )


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _element_text(element: etree._Element) -> str:
    """An element's words; a line break inside a paragraph separates words instead of gluing them."""
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return _folded("".join(element.itertext()))


def _reads_like_title(text: str) -> bool:
    return 0 < len(text) <= CAPTION_MAX_CHARACTERS and not text.endswith(SENTENCE_ENDINGS)


def _title_row(rows: list[list[str]]) -> str:
    """The text of a table's first row when it is a title across the table (an HTML <caption>, or one cell
    spanning every column, which trafilatura writes as that cell followed by empty ones)."""
    if not rows or len(rows[0]) < 2 or not rows[0][0] or any(rows[0][1:]):
        return ""
    return rows[0][0] if _reads_like_title(rows[0][0]) else ""


def _decoded(data: bytes, charset: str | None) -> str | bytes:
    """The page as text in its declared charset; the bytes themselves when it declares none or a wrong one, for
    trafilatura to detect (from the page's own <meta charset> or its bytes)."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return data


def read_html(data: bytes, url: str, charset: str | None) -> Document:
    """The article of a web page, its tables cell by cell, and what the page says of itself."""
    # Imported here: trafilatura loads a good deal, and only an address needs it.
    import htmldate
    import trafilatura

    page = _decoded(data, charset)
    if isinstance(page, str):
        page = unicodedata.normalize("NFC", page)
    extracted = trafilatura.bare_extraction(
        page,
        url=url or None,
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_formatting=False,
        # Without it, a page of menus and links alone passes for an article (tests/test_read_web.py).
        favor_precision=True,
        with_metadata=True,
    )
    body = extracted.body if extracted is not None else None
    builder = DocumentBuilder()
    previous = ""
    table_count = 0
    for block in body if body is not None else ():
        if block.tag == "table":
            rows = [[_element_text(cell) for cell in row.findall("cell")] for row in block.findall("row")]
            caption = previous if _reads_like_title(previous) else _title_row(rows)
            if builder.add_table(rows, f"Bảng {table_count + 1}", caption) is not None:
                table_count += 1
            previous = ""
        elif block.tag == "list":
            for item in block.findall("item"):  # a list inside an item stays in that item's words
                builder.add_paragraph(_element_text(item))
            previous = ""
        else:
            previous = _element_text(block)
            builder.add_paragraph(previous)
    if not builder.parts or not any(character.isalpha() for character in "".join(builder.parts)):
        raise DocumentError(
            f"{_shown(url) or 'the page'}: no article was found on the page, only the site around it; open the "
            "article itself, or copy its text and paste it",
            "no_article",
        )
    publication_date = (extracted.date or "") if extracted is not None else ""
    if not publication_date:
        publication_date = htmldate.find_date(page, url=url or None, original_date=True) or ""
    details = SourceDetails(
        title=_folded(extracted.title or ""),
        publisher=_folded(extracted.sitename or ""),
        author=_folded(extracted.author or ""),
        publication_date=publication_date,
        url=url,
        format="web",
    )
    return builder.build(details)


def read_text(data: bytes, url: str, charset: str | None) -> Document:
    """A plain-text report served at an address: its paragraphs, split at blank lines."""
    for encoding in ([charset] if charset else []) + ["utf-8-sig"]:
        try:
            text = data.decode(encoding)
            break
        except (LookupError, UnicodeDecodeError):
            continue
    else:
        raise DocumentError(
            f"{_shown(url)}: the text is not in {_shown(charset or 'UTF-8')} as the server says; save it and upload "
            "it instead",
            "page_encoding",
            charset=_shown(charset or "UTF-8"),
        )
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    builder = DocumentBuilder()
    for paragraph in re.split(r"\n\s*\n", text):
        builder.add_paragraph(paragraph)
    if not builder.parts:
        raise DocumentError(f"{_shown(url)}: the text at this address is empty", "page_empty")
    return builder.build(SourceDetails(url=url, format="txt"))


def file_name(url: str, content_type: str) -> str:
    """A name for a file fetched from an address, whose extension is the one its content type says."""
    stem = PurePosixPath(unquote(urlsplit(url).path)).stem or "report"
    extension = ".html" if content_type in HTML_TYPES else ".txt" if content_type == TEXT_TYPE else None
    return f"{stem}{extension or FILE_EXTENSIONS[content_type]}"


def read_address(url: str) -> Document:
    """The report at a web address, whatever form it takes."""
    return read_fetched(fetch(url))


def read_fetched(fetched: Fetched) -> Document:
    """What a fetched address holds, read by the reader of its content type."""
    if fetched.content_type in HTML_TYPES:
        return read_html(fetched.data, fetched.url, fetched.charset)
    if fetched.content_type == TEXT_TYPE:
        return read_text(fetched.data, fetched.url, fetched.charset)
    # Imported here: the file readers are a module of their own, with their own (heavier) libraries.
    from etl.read_document import read_document

    document = read_document(fetched.data, file_name(fetched.url, fetched.content_type))
    return replace(document, details=replace(document.details, url=fetched.url))
