"""Article annotations in the shape of ../shared/eval/FORMAT.md, validated.

The extractor emits the same shape (plus evidence spans), so one validator and one converter
(`loaders/facts.py`) serve hand-made records and extracted articles alike. Unknown keys are
ignored, so records from newer tools still load.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from orgkg.schema.text import nfc

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Role = Literal["attended", "chaired", "spoke", "reported", "elected"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None) -> str | None:
    """An ISO date, year-month or year that exists on the calendar ("2023-02-31" does not)."""
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise ValueError(f"{_quote(value)} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = [int(p) for p in value.split("-")]
    dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return value


def _quote(value: str, limit: int = 40) -> str:
    """The start of a value for a message: a 20,000-character string must not become the message."""
    return repr(value[:limit]) + ("…" if len(value) > limit else "")


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class Span(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: tuple[int, int] | None = None


class Evidenced(Record):
    evidence: list[Span] = []


class Meeting(Evidenced):
    name: Text
    kind: str | None = None
    date: str | None = None
    host: str | None = None
    location: str | None = None

    _date = field_validator("date")(classmethod(lambda cls, v: check_date(v)))


class Organization(Evidenced):
    name: Text
    aliases: list[Text] = []
    parent: str | None = None
    kind: str | None = None
    locality: str | None = None


class Position(Evidenced):
    title: Text
    organization: str | None = None
    term: str | None = None


class Person(Evidenced):
    name: Text
    honorific: str | None = None
    honorifics: list[str] = []  # every honorific written before the name (the extractor's; optional)
    positions: list[Position] = []
    boilerplate: bool = False


class Participation(Evidenced):
    person: Text
    meeting: str | None = None
    role: Role


class Election(Evidenced):
    person: Text
    title: Text
    organization: str | None = None
    term: str | None = None
    meeting: str | None = None


class Task(Evidenced):
    text: Text
    organization: str | None = None
    period: str | None = None
    meeting: str | None = None


class ArticleMeta(Record):
    title: str | None = None
    url: str | None = None
    published: str | None = None
    site: str | None = None
    locality: str | None = None

    _published = field_validator("published")(classmethod(lambda cls, v: check_date(v)))


class Annotation(Record):
    """One article's facts, as FORMAT.md describes them."""

    id: str | None = None
    article: ArticleMeta | None = None
    meetings: list[Meeting] = []
    organizations: list[Organization] = []
    people: list[Person] = []
    participation: list[Participation] = []
    elections: list[Election] = []
    tasks: list[Task] = []


MAX_NESTING = 16
"""An annotation nests five levels deep at most; far deeper JSON is noise, refused before it is walked."""


def nfc_tree(value: object, depth: int = 0) -> object:
    """Every string in a JSON value in NFC, without control characters."""
    if depth > MAX_NESTING:
        raise ValueError(f"nested more than {MAX_NESTING} levels deep, which no annotation is")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:  # JSON's \ud800 escapes decode to halves of characters
            bad = value[exc.start]
            raise ValueError(f"text holds an unpaired surrogate (U+{ord(bad):04X}), which is not a character; "
                             "re-export the record as UTF-8") from None
        return nfc(value.replace("\r\n", "\n").replace("\r", "\n"))  # one line end, as articles have
    if isinstance(value, list):
        return [nfc_tree(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: nfc_tree(v, depth + 1) for k, v in value.items()}
    return value


# In JSON text (json.dumps, ensure_ascii=False): the escapes of the control characters nfc_tree removes or
# rewrites (\b, \f, \r, \u0000-\u001f) and DEL, which is written as itself. \t and \n are kept.
_UNCLEAN_JSON = re.compile(r'\\[bfr]|\\u00[01]|\x7f')


def is_clean(data: object) -> bool:
    """Whether nfc_tree would leave every string of `data` as it is (NFC, no control characters, no
    \r, no unpaired surrogate), checked on its JSON text in a few passes of C code rather than by
    walking it. The JSON text is in NFC exactly when each string is: strings are bounded by '"', which
    combines with nothing. False when in doubt (then nfc_tree does the work)."""
    try:
        text = json.dumps(data, ensure_ascii=False)
        text.encode("utf-8")
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        return False
    return not _UNCLEAN_JSON.search(text) and unicodedata.is_normalized("NFC", text)


def parse_annotation(data: object, extracted: bool = False) -> Annotation:
    """The annotation in `data` (NFC), or ValueError with one line saying what is wrong and where.
    `extracted`: data is the extractor's output, whose shape is the extractor's own (never nested too
    deep) and whose strings are cut from a text already in NFC: checked whole (is_clean) instead of
    normalised string by string, which cost a tenth of an article's extraction."""
    if not isinstance(data, dict):
        raise ValueError(f"a record must be a JSON object, not {type(data).__name__}")
    try:
        return Annotation.model_validate(data if extracted and is_clean(data) else nfc_tree(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        msg = " ".join(str(first["msg"]).split())  # one line, however the value was spelled
        raise ValueError(f"{where[:80]}: {msg[:200]}{more}") from None
