"""Take a report as it arrives — a web address or a file of any form a reader knows — and keep what was read.

`read_report` gives the `Document` the extractor reads and the original bytes (the file, or the page as
fetched), so that `python -m etl extract` and the Add-a-report page read a report the same way. What a
document says of itself is written beside the proposals as `FILE.source.json` for the reviewer to confirm,
and the text read from it as `FILE.text.txt`, the text every quote is checked against.

Saving keeps the original beside the text (etl/add_report.py): under data/originals/ for a report whose
text is kept in the repository, else in the git-ignored data/originals-local/, with its SHA-256 and the
text's in a small JSON file, so a quote can always be found again in what was received.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from etl.documents import Document, SourceDetails

ORIGINALS_DIRNAME = "originals"
LOCAL_ORIGINALS_DIRNAME = "originals-local"


@dataclass(frozen=True)
class Original:
    """A report as received: the file's name (for a page, a name whose extension says what it served), its bytes
    and the address it was fetched from."""

    name: str
    data: bytes
    url: str = ""

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Intake:
    document: Document
    original: Original


def is_address(location: str) -> bool:
    """Whether what the user gave is a web address rather than a file on this machine."""
    return bool(re.match(r"(?i)^[a-z][a-z0-9+.-]*://", location.strip()))


def read_report(location: str) -> Intake:
    """Read a web address or a file; raises DocumentError (or ReportTextError for text) with what went wrong."""
    if is_address(location):
        return read_address(location.strip())
    path = Path(location)
    return read_upload(path.name, path.read_bytes())


def original_of(location: str) -> Original:
    """The report as received, to keep beside its reviewed text: a file's bytes, or the page fetched again."""
    if is_address(location):
        from etl.read_web import fetch, file_name

        fetched = fetch(location.strip())
        return Original(file_name(fetched.url, fetched.content_type), fetched.data, url=fetched.url)
    path = Path(location)
    return Original(path.name, path.read_bytes())


def pasted(text: str) -> Intake:
    """Text pasted into the page: the document is the text itself, with no table and nothing said of itself."""
    return Intake(Document(text, (), SourceDetails(format="txt")), Original("text.txt", text.encode("utf-8")))


def read_upload(name: str, data: bytes) -> Intake:
    """A file as uploaded or found on disk."""
    from etl.read_document import read_document  # the readers of each file form

    return Intake(read_document(data, name), Original(name, data))


def read_address(url: str) -> Intake:
    """A web address: the page's article, or the PDF, Word or Excel file it serves."""
    from etl.read_web import fetch, file_name, read_fetched

    fetched = fetch(url)
    original = Original(file_name(fetched.url, fetched.content_type), fetched.data, url=fetched.url)
    return Intake(read_fetched(fetched), original)


def source_id_from(location: str) -> str:
    """A default source id from a file's name or an address's last part."""
    stem = Path(urlsplit(location).path).stem if is_address(location) else Path(location).stem
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "report"


def details_record(intake: Intake) -> dict[str, object]:
    """What `FILE.source.json` holds: the document's own account of itself, and how it was read."""
    document = intake.document
    return {
        **asdict(document.details),
        "original": intake.original.name,
        "original_sha256": intake.original.sha256,
        "read_by_ocr": document.ocr,
        "converted_from": document.converted_from,
        "unreadable_pages": list(document.unreadable_pages),
        "tables": len(document.tables),
    }


def sidecar_paths(out: Path) -> tuple[Path, Path]:
    """Beside `--out FILE.csv`: FILE.source.json and FILE.text.txt."""
    return out.with_suffix(".source.json"), out.with_suffix(".text.txt")


def write_sidecars(intake: Intake, out: Path) -> tuple[Path, Path]:
    """Write FILE.source.json and FILE.text.txt beside the proposals, each through a temporary file."""
    details_path, text_path = sidecar_paths(out)
    _write_text(details_path, json.dumps(details_record(intake), ensure_ascii=False, indent=2) + "\n")
    _write_text(text_path, intake.document.text)
    return details_path, text_path


def _write_text(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.incoming")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def originals_dirname(text_in_repository: bool) -> str:
    """Where a report's original is kept: beside its text, in the repository or only on this machine."""
    return ORIGINALS_DIRNAME if text_in_repository else LOCAL_ORIGINALS_DIRNAME


def original_files(source_id: str, original: Original, text: str) -> dict[str, bytes]:
    """The files that keep an original, by name under its folder: the bytes, and a record of both hashes."""
    record = {
        "source_id": source_id,
        "received_as": original.name,
        "url": original.url,
        "sha256": original.sha256,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    return {
        f"{source_id}{original.suffix or '.bin'}": original.data,
        f"{source_id}.json": (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }
