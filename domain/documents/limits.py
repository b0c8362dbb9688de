"""How much of a document we are willing to read, in one place.

Every limit bounds memory or time before the costly step: the file's bytes before any library
sees it; a .docx's parts by their uncompressed sizes (what the zip says, which Python's zipfile
enforces while reading) before python-docx inflates and parses them; its XML elements,
paragraphs and table rows by a streaming count before the document tree is built; a PDF's pages
and the text gathered so far, page by page. A refusal names the limit it hit.
"""

from __future__ import annotations

MB = 1024 * 1024

MAX_FILE_BYTES = 20 * MB  # the upload itself (a chat upload is refused earlier, at 10 MB)
MAX_TEXT_CHARS = 400_000  # extracted text: about 150 pages of a plan; kept in the conversation until saved
READ_SECONDS = 60.0  # one reading in a child process (chat, `tdc-bot import`); a plan reads in seconds

DOCX_MAX_PARTS = 2_000  # entries in the zip (a 60-page plan with images has under 100)
DOCX_MAX_PART_BYTES = 25 * MB  # one part, uncompressed (the document.xml of a 60-page plan: about 3 MB)
DOCX_MAX_TOTAL_BYTES = 60 * MB  # every part, uncompressed: python-docx holds them all in memory
DOCX_MAX_RATIO = 100  # uncompressed / compressed size of a part larger than DOCX_RATIO_FLOOR
DOCX_RATIO_FLOOR = 1 * MB  # small parts may compress very well (styles, settings); their size is harmless
DOCX_MAX_ELEMENTS = 1_500_000  # XML elements over all parts: bounds python-docx's tree
DOCX_MAX_PARAGRAPHS = 20_000
DOCX_MAX_TABLE_ROWS = 5_000

PDF_MAX_PAGES = 300


def count(value: int) -> str:
    """12000 → '12.000', as Vietnamese writes numbers."""
    return f"{value:,}".replace(",", ".")


def megabytes(value: int) -> str:
    """Bytes as MB for a message: '7,7 MB' (one decimal below 10, else whole)."""
    size = value / MB
    return (f"{size:.1f}".replace(".", ",") if size < 10 else f"{size:.0f}") + " MB"
