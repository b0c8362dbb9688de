"""Footnotes out of the running text: their markers glued to words and their notes between lines.

A Department's plan cites "(Đề án 68)²" with a footnote; converted to text (PDF, a Word file made
from a PDF, a paste) the marker becomes a digit glued to the word, "(Đề án 68)2", and the note,
"2 Đề án 68: Đề án hỗ trợ doanh nghiệp …", lands where the page broke, in the middle of a task
whose text resumes after it. Both go, so the task reads as one sentence again.

A glued digit is taken for a marker only when it is clearly one: right after a closing
parenthesis, a closing quote or a letter, with a note of that number further on; a numbered line
is taken for a note only when its marker came before it. So "TCVN 7790", "năm 2026" and "100 m2"
are never touched (nor "m²"). Superscript digits (¹ ²) and Markdown footnotes ("[^2]", "[^2]: …") are
markers and notes by their form. A note runs on over the lines that continue it: it has not
ended its sentence and the next line goes on in lower case. This runs on the raw text, before
cleanup, which drops a note's first line but would join its second line to the task above.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUPERSCRIPT_MARKER = re.compile(rf"(?<=\S)[{_SUPERSCRIPTS}]+")
_MARKDOWN_MARKER = re.compile(r"\[\^[\w-]{1,10}\](?!:)")
_MARKDOWN_NOTE = re.compile(r"[ \t]*\[\^[\w-]{1,10}\]:")
# A note line: its number, spaces (never a tab: "1\t…" is a table row), then a capital.
_NOTE = re.compile(rf"[ \u00a0]*(?P<number>\d{{1,2}}|[{_SUPERSCRIPTS}]+)[ \u00a0]+(?P<first>[^\W\d_])")
_GLUED = re.compile(r"(?<=[^\W\d_]|[)”\"’])(?P<number>\d{1,2})(?=[\s,.;:)”\"]|$)")
_WORD_BEFORE = re.compile(r"(\w+)$")
_MEASURES = frozenset({"m", "km", "cm", "mm", "dm", "ha", "m3"})  # "100 m2" is an area, not a marker
_NOTE_ANYWHERE = re.compile(rf"^[ \u00a0]*(?:\d{{1,2}}|[{_SUPERSCRIPTS}]+)[ \u00a0]+[^\W\d_]", re.MULTILINE)
_ENDED = re.compile(r"[.;!?:)]\s*$")


def strip_footnotes(text: str) -> str:
    """The text without footnote notes and markers; text with none comes back unchanged."""
    # `in` first: a plain substring search is far faster than the expressions' scan of the whole text.
    superscripts = any(digit in text for digit in _SUPERSCRIPTS) and bool(_SUPERSCRIPT_MARKER.search(text))
    marked = superscripts or ("[^" in text and bool(_MARKDOWN_MARKER.search(text)))
    if not marked and not _NOTE_ANYWHERE.search(text):
        return text  # most plans: no line that could be a note, one pass of one expression
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    notes, starts = _notes(lines)
    if not notes and not marked:
        return text
    kept = []
    for index, line in enumerate(lines):
        if index in notes:
            continue
        later = {number for at, number in starts[bisect_right(starts, (index, "")):]}
        kept.append(_without_markers(line, later))
    return "\n".join(kept)


def _notes(lines: list[str]) -> tuple[set[int], list[tuple[int, str]]]:
    """The indices of every line of every note, and (first line, number) of each numbered note."""
    notes: set[int] = set()
    starts: list[tuple[int, str]] = []
    glued: set[str] = set()
    index = 0
    while index < len(lines):
        number = _note_number(lines[index], glued)
        if number is None:
            glued.update(match.group("number") for match in _glued_markers(lines[index]))
            index += 1
            continue
        if number.isdigit():
            starts.append((index, number))
        notes.add(index)
        text = lines[index]
        index += 1
        while (following := _next_filled(lines, index)) is not None and _continues_note(
            text, lines[following], glued
        ):
            notes.update(range(index, following + 1))
            text = lines[following]
            index = following + 1
    return notes, starts


def _next_filled(lines: list[str], index: int) -> int | None:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index if index < len(lines) else None


def _note_number(line: str, glued: set[str]) -> str | None:
    if _MARKDOWN_NOTE.match(line):
        return "md"
    match = _NOTE.match(line)
    if not match or "\t" in line:
        return None
    number = match.group("number")
    if not number.isdigit():
        return number
    return number if number in glued and match.group("first").isupper() else None


def _continues_note(note_so_far: str, line: str, glued: set[str]) -> bool:
    """A wrapped note goes on in lower case until its sentence ends; the next note is its own."""
    stripped = line.strip()
    if "\t" in line or _ENDED.search(note_so_far) or _note_number(line, glued) is not None:
        return False
    return stripped[:1].islower()


def _glued_markers(line: str) -> list[re.Match[str]]:
    return [match for match in _GLUED.finditer(line) if not _measured(line, match.start())]


def _measured(line: str, at: int) -> bool:
    word = _WORD_BEFORE.search(line, 0, at)
    return word is not None and word.group(1).lower() in _MEASURES


def _unless_measure(line: str, match: re.Match[str]) -> str:
    """'' for a superscript marker, itself for the power of a measure ("m²")."""
    return match.group(0) if _measured(line, match.start()) else ""


def _without_markers(line: str, numbers: set[str]) -> str:
    """The line without superscript and Markdown markers, and glued digits whose note follows."""
    if not line:
        return line
    line = _MARKDOWN_MARKER.sub("", _SUPERSCRIPT_MARKER.sub(lambda match: _unless_measure(line, match), line))
    if not numbers:
        return line
    for match in reversed(_glued_markers(line)):
        if match.group("number") in numbers:
            line = line[: match.start()] + line[match.end():]
    return line
