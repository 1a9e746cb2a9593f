"""Scanned reports — a PDF page with no text layer, or a photo or scan as an image — read by OCR in Vietnamese.

Tesseract reads the page (Debian's `tesseract-ocr` with its Vietnamese data, `tesseract-ocr-vie`); PDF pages
are drawn first with pypdfium2 at a resolution at which 11-point type is about 45 pixels high, which Tesseract
reads well. Tables of a scan are read as text lines, not cell by cell.

A page that reads as garbled letters Tesseract has no confidence in is tried again turned upright (a page
scanned sideways). A page whose OCR still gives almost no letters, or none read with confidence (a blank
page, a photo, a stamp), is listed as unreadable, so that the page can say so instead of proposing nothing
silently; a document with no usable text at all is refused.
"""

from __future__ import annotations

import contextlib
import io
import os
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pypdfium2
import pytesseract
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from etl.documents import Document, DocumentBuilder, DocumentError, SourceDetails
from etl.paragraphs import text_paragraphs

LANGUAGE = "vie"
PACKAGES = "tesseract-ocr tesseract-ocr-vie"
# 300 dots an inch: 11-point type is 46 pixels high, well within what Tesseract reads best.
RENDER_DPI = 300
# An A4 page at 600 dpi is 35 million pixels; an image much larger is no scan of a page (or a decompression bomb).
MAX_PIXELS = 60_000_000
# Fewer letters than this on a page is no text: a stamp, a page number, specks of a blank scan.
MINIMUM_LETTERS = 20
# Tesseract's mean confidence in a page's words below which its text is not usable. Measured on made pages:
# 96 on a Vietnamese page, 93 on an English one, 36 on the same Vietnamese page read sideways.
MINIMUM_CONFIDENCE = 60
# OCR takes a few seconds a page: past this many scanned pages the reader would wait for many minutes, so the
# part of the report that holds the figures is asked for instead.
MAX_SCANNED_PAGES = 60
# One page that takes longer than this is not a page of a report: Tesseract is stopped.
PAGE_TIMEOUT_SECONDS = 60
# The machine's cores are shared: one thread per Tesseract keeps it from fighting the other work for them.
# Measured on a full A4 page at 300 dpi with the 2 cores loaded by other work: 3.4 s with one thread, 15–18 s
# with OpenMP's default (its threads spin waiting for each other).
_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}


@cache
def _languages() -> tuple[str, ...]:
    return tuple(pytesseract.get_languages(config=""))


def check_ocr(name: str) -> None:
    """Refuse, naming the package and the command, where Tesseract or its Vietnamese data is missing."""
    try:
        languages = _languages()
    except (pytesseract.TesseractNotFoundError, OSError) as error:
        raise DocumentError(
            f"{name}: this is a scan, and reading it needs the OCR program Tesseract, which is not installed; "
            f"install it with: apt-get install {PACKAGES}",
            "ocr_missing",
            name=name,
            command=f"apt-get install {PACKAGES}",
        ) from error
    if LANGUAGE not in languages:
        raise DocumentError(
            f"{name}: this is a scan, and Tesseract has no Vietnamese data to read it; install it with: "
            "apt-get install tesseract-ocr-vie",
            "ocr_missing",
            name=name,
            command="apt-get install tesseract-ocr-vie",
        )


@contextlib.contextmanager
def _one_thread() -> Iterator[None]:
    previous = {key: os.environ.get(key) for key in _ENVIRONMENT}
    os.environ.update(_ENVIRONMENT)
    try:
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dataclass(frozen=True)
class Recognised:
    text: str  # NFC; a line a line, paragraphs separated by a blank line
    confidence: float  # Tesseract's mean confidence in its words, 0–100


def recognise(image: Image.Image, name: str = "") -> Recognised:
    """The text of one page image as Tesseract lays it out, with its confidence in it."""
    try:
        with _one_thread():
            found = pytesseract.image_to_data(
                image, lang=LANGUAGE, output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT_SECONDS
            )
    except (pytesseract.TesseractError, RuntimeError) as error:  # RuntimeError: pytesseract's timeout
        raise DocumentError(
            f"{name}: OCR failed on a page ({error}); scan the report again at 300 dpi, or load the file it was "
            "printed from",
            "ocr_failed",
            name=name,
        ) from error
    paragraphs: dict[tuple[int, int], dict[int, list[str]]] = {}
    confidences: list[float] = []
    for word, confidence, block, paragraph, line in zip(
        found["text"], found["conf"], found["block_num"], found["par_num"], found["line_num"], strict=True
    ):
        if not word.strip() or float(confidence) < 0:
            continue
        confidences.append(float(confidence))
        paragraphs.setdefault((block, paragraph), {}).setdefault(line, []).append(word.strip())
    text = "\n\n".join("\n".join(" ".join(words) for words in lines.values()) for lines in paragraphs.values())
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return Recognised(unicodedata.normalize("NFC", text), mean)


def page_text(image: Image.Image, name: str = "") -> Recognised:
    """The text of a page, turned upright first when it was scanned sideways or upside down: read as it is, a
    turned page gives letters Tesseract has little confidence in."""
    read = recognise(image, name)
    if usable(read):
        return read
    rotation = _rotation(image)
    if rotation:
        turned = recognise(image.rotate(-rotation, expand=True, fillcolor=255), name)
        if usable(turned):
            return turned
    return read


def _rotation(image: Image.Image) -> int:
    """The clockwise turn, in degrees, that sets the page upright (Tesseract's orientation detection); 0 when it
    cannot tell (a blank page, too few letters)."""
    try:
        with _one_thread():
            found = pytesseract.image_to_osd(
                image, output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT_SECONDS, config="--dpi 300"
            )
    except (pytesseract.TesseractError, RuntimeError):
        return 0
    return int(found.get("rotate", 0)) % 360


def usable(read: Recognised) -> bool:
    """Enough letters, read with confidence: a blank page gives specks, a page read sideways garbled letters."""
    letters = sum(character.isalpha() for character in read.text)
    return letters >= MINIMUM_LETTERS and read.confidence >= MINIMUM_CONFIDENCE


def render_page(document: pypdfium2.PdfDocument, index: int) -> Image.Image:
    """A PDF page as a greyscale image at RENDER_DPI."""
    page = document[index]
    try:
        return page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()


def add_page_text(builder: DocumentBuilder, read: Recognised) -> bool:
    """Add an OCR'd page's paragraphs; whether it had usable text."""
    if not usable(read):
        return False
    for paragraph in text_paragraphs(read.text):
        builder.add_paragraph(paragraph)
    return True


def _frames(data: bytes, name: str) -> Iterator[Image.Image]:
    try:
        # Pillow warns of a damaged file's details (EXIF, TIFF tags) on stderr: what cannot be read is an error
        # below, and the rest is read.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            for frame in ImageSequence.Iterator(image):
                width, height = frame.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError(f"{width}×{height} pixels")
                # A phone photo is stored sideways with an orientation tag: Tesseract needs it upright.
                yield ImageOps.exif_transpose(frame.convert("L"))
    except Image.DecompressionBombError as error:
        raise DocumentError(
            f"{name}: the image is too large to be a page ({error}); scan the page again at 300 dpi",
            "image_too_large",
            name=name,
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise DocumentError(
            f"{name}: the image cannot be read, it seems damaged ({error}); scan or save the page again",
            "corrupt_image",
            name=name,
        ) from error


def read_image(data: bytes, name: str) -> Document:
    """A photo or scan (PNG, JPEG, TIFF of one page or several) read by OCR."""
    check_ocr(name)
    builder = DocumentBuilder()
    unreadable: list[int] = []
    pages = 0
    for number, frame in enumerate(_frames(data, name), start=1):
        if number > MAX_SCANNED_PAGES:
            raise too_many_scanned_pages(name)
        pages = number
        if not add_page_text(builder, page_text(frame, name)):
            unreadable.append(number)
    if len(unreadable) == pages:
        raise no_text(name, pages)
    return builder.build(SourceDetails(format="image", pages=pages), ocr=True, unreadable_pages=tuple(unreadable))


def too_many_scanned_pages(name: str) -> DocumentError:
    return DocumentError(
        f"{name}: more than {MAX_SCANNED_PAGES} scanned pages, each read by OCR in a few seconds; load the pages "
        "that hold the figures",
        "too_many_scanned_pages",
        name=name,
        limit=MAX_SCANNED_PAGES,
    )


def no_text(name: str, pages: int) -> DocumentError:
    return DocumentError(
        f"{name}: OCR found no text on its {pages} page(s) (blank, a photo, or too faint); scan the report again "
        "at 300 dpi, in black and white, or load the file it was printed from",
        "no_text_ocr",
        name=name,
        pages=pages,
    )
