"""Read articles from files: plain text, saved news pages and JSON Lines, whatever their encoding.

`read_documents(path)` yields one `Document` per article it could read and one `DocumentError` per input it
had to refuse, so that a load goes on past bad files and says why each one was skipped.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from orgkg.loaders.document import Document

MAX_TEXT_BYTES = 5_000_000
"""Default ceiling on an article's text (UTF-8 bytes): a meeting report is a few kB; 5 MB is a runaway dump."""

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
# In a directory, files in these formats are articles we cannot read (a saved PDF, a Word file): they are reported,
# so no article vanishes unnoticed. Other files (annotation records in .json, notes, code) are passed over.
_UNREADABLE_ARTICLES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".xhtml", ".shtml", ".mht", ".mhtml", ".xml")

_MIN_HTML_WORDS = 8
_DOMAIN = re.compile(r"(?i)(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+")

# A saved page is mostly markup; refuse before parsing when even a generous share of it could not be text.
_HTML_OVERHEAD = 10


@dataclass(frozen=True)
class DocumentError:
    """An input that could not be read as an article; `reason` is one sentence a user can act on."""

    origin: str  # "path" or "path:line"
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class _Refused(Exception):
    """Internal: carries the reason an input is refused up to the point where its origin is known."""


def read_documents(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> Iterator[Document | DocumentError]:
    """Yield the articles in `path` (an article file or a directory of them, read recursively in name order).

    Each unreadable input, or each bad line of a .jsonl file, yields a `DocumentError` and reading goes on.
    """
    path = Path(path)
    if path.is_dir():
        yield from _read_directory(path, max_bytes)
    elif not path.exists():
        yield DocumentError(str(path), "no such file or directory")
    else:
        yield from _read_file(path, max_bytes)


def _read_directory(root: Path, max_bytes: int) -> Iterator[Document | DocumentError]:
    seen: dict[str, str] = {}
    files = sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p.relative_to(root)))
    for path in files:
        suffix = path.suffix.lower()
        if suffix not in ARTICLE_SUFFIXES and suffix not in _UNREADABLE_ARTICLES:
            continue
        for item in _read_file(path, max_bytes):
            if isinstance(item, Document):
                # The id keys the article in the graph: a second article with the same id would overwrite the first.
                if item.id in seen:
                    yield DocumentError(item.origin, f"article id '{item.id}' is already used by {seen[item.id]}; "
                                                     "rename one of the two files")
                    continue
                seen[item.id] = item.origin
            yield item


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _read_file(path: Path, max_bytes: int) -> Iterator[Document | DocumentError]:
    suffix = path.suffix.lower()
    origin = str(path)
    if suffix not in ARTICLE_SUFFIXES:
        yield DocumentError(origin, f"'{path.suffix or path.name}' is not an article format; "
                                    f"use {', '.join(ARTICLE_SUFFIXES)}")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        limit = max_bytes * (_HTML_OVERHEAD if suffix in (".html", ".htm") else 4)  # 4: UTF-32 is the widest
        if size > limit:
            raise _Refused(f"file is {_mb(size)}, too large to be one article (limit {_mb(limit)}); "
                           "split it or raise max_bytes")
        data = path.read_bytes()
        if suffix == ".txt":
            yield _from_text(path.stem, decode_bytes(data), origin, max_bytes)
        else:
            yield _from_html(path.stem, data, origin, max_bytes)
    except _Refused as refused:
        yield DocumentError(origin, str(refused))
    except OSError as err:
        yield DocumentError(origin, f"cannot be read ({err.strerror or err})")


# --- plain text ----------------------------------------------------------------------------------------------


def _from_text(doc_id: str, raw: str, origin: str, max_bytes: int) -> Document:
    text = clean_text(raw)
    _check_text(text, max_bytes)
    return Document(id=doc_id, text=text, title=_first_line(text), origin=origin)


def _first_line(text: str) -> str | None:
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


def _check_text(text: str, max_bytes: int) -> None:
    if not text.strip():
        raise _Refused("has no text (the file is empty or holds only whitespace)")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise _Refused(f"text is {_mb(size)}, over the {_mb(max_bytes)} limit for one article; "
                       "split it or raise max_bytes")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# Control characters (C0, C1) other than tab and newline, and invisible format characters that split words
# (zero-width space, soft hyphen, stray byte-order marks, bidi marks) carry no text and break tokenisation.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060\ufeff]")
# Other line breaks (vertical tab, form feed, NEL, Unicode line and paragraph separators) become newlines.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def clean_text(raw: str) -> str:
    """Normalise to NFC, unify line ends, drop control and invisible characters (tabs and newlines stay)."""
    text = _BREAKS.sub("\n", raw)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


# --- HTML ----------------------------------------------------------------------------------------------------


def _from_html(doc_id: str, data: bytes, origin: str, max_bytes: int) -> Document:
    import trafilatura  # imported here: it is slow to import and only saved pages need it

    html = decode_bytes(data, declared=_declared_charset(data))
    try:
        tree = _parse_html(html)
        footer_site = _footer_site(tree)  # before trafilatura, which prunes the tree in place
        _promote_captions(tree)
        page = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                           include_tables=True)
    except Exception as err:  # lxml and trafilatura raise assorted parser errors on broken markup
        raise _Refused(f"is not a readable HTML page ({type(err).__name__}: {err})") from err
    text = clean_text(page.text or "") if page is not None else ""
    title = _meta(page.title) if page is not None else None
    body = text[len(title):] if title and text.startswith(title) else text
    # trafilatura falls back to any text it finds, so a bare menu comes back as "Trang chủ": too little to report on.
    if len(_WORD.findall(body)) < _MIN_HTML_WORDS:
        raise _Refused("HTML page has no main text that could be found (a menu, a gallery or an empty page?)")
    _check_text(text, max_bytes)
    if title and not text.startswith(title):
        # Keep the .txt shape (title on the first line) so every article reads the same way downstream.
        text = f"{title}\n\n{text}"
    site = _meta(page.sitename)
    if site is None or _DOMAIN.fullmatch(site):
        # trafilatura falls back to the host name ("baonghean.vn"); a footer naming the paper says more.
        site = footer_site or site
    return Document(id=doc_id, text=text, title=title or _first_line(text), url=_meta(page.url),
                    published=_iso_date(page.date), site=site, origin=origin)


def _meta(value: str | None) -> str | None:
    value = clean_text(value) if value else ""
    return value or None


def _declared_charset(data: bytes) -> str | None:
    # The HTML prescan (WHATWG "determining the character encoding") looks at the first bytes for a charset.
    head = data[:4096].decode("ascii", errors="ignore")
    match = re.search(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", head, re.IGNORECASE)
    return match.group(1) if match else None


_PAPER_WORDS = re.compile(r"(?i)\b(báo|tạp chí|đài|cổng thông tin|cổng tin tức|thông tấn)\b")
_COPYRIGHT = re.compile(r"(?i)(©|\(c\)|copyright|bản quyền( thuộc( về)?)?|\b(19|20)\d\d\b|[-–—|:.,]+$)")


def _parse_html(html: str):
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a str that still carries an XML encoding declaration: lxml wants bytes for that
        parser = lxml.html.HTMLParser(encoding="utf-8")
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)


def _promote_captions(tree) -> None:
    """Photo captions often carry the only word that someone spoke or chaired ("X phát biểu tại hội nghị"), and
    trafilatura drops figures whole: put each caption back into the text as a paragraph where its photo was."""
    import lxml.html

    lower = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    captions = tree.xpath(f"//figcaption | //*[contains({lower}, 'caption')]")
    done: set = set()
    for caption in captions:
        if any(ancestor in done for ancestor in caption.iterancestors()):
            continue  # a caption inside a caption already moved
        done.add(caption)
        text = " ".join(caption.text_content().split())
        photo = next((a for a in caption.iterancestors() if a.tag in ("figure", "table")), caption)
        if photo.getparent() is None:
            continue
        paragraph = lxml.html.Element("p")
        paragraph.text = text
        paragraph.tail = photo.tail
        photo.getparent().replace(photo, paragraph)


def _footer_site(tree) -> str | None:
    """The paper's name from a page footer or copyright notice: trafilatura drops both, yet they name the paper
    (and so its province) when the page's metadata does not."""
    lower = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    blocks = tree.xpath(" | ".join(
        ["//footer"] + [f"//*[contains({lower.format(attr)}, '{word}')]"
                        for attr in ("@class", "@id") for word in ("footer", "copyright")]))
    lines = [clean_text(line) for block in blocks for line in block.itertext()]
    lines = [line for line in lines if line and len(line) <= 120]
    named = [line for line in lines if _PAPER_WORDS.search(line)]
    for line in named + [line for line in lines if "©" in line or "bản quyền" in line.lower()]:
        name = _COPYRIGHT.sub(" ", line)
        name = " ".join(name.split()).strip(" -–—|:.,")
        if name:
            return name
    return None


def _iso_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from an ISO date or datetime, or from D/M/YYYY; None if it is neither."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


# --- JSON Lines ----------------------------------------------------------------------------------------------

_JSONL_FIELDS = ("id", "url", "title", "published", "text")


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Document | DocumentError]:
    seen: dict[str, int] = {}
    try:
        handle = path.open("rb")
    except OSError as err:
        yield DocumentError(str(path), f"cannot be read ({err.strerror or err})")
        return
    found_any = False
    with handle:
        for number, raw in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            found_any = True
            try:
                doc = _jsonl_document(raw, origin, max_bytes)
            except _Refused as refused:
                yield DocumentError(origin, str(refused))
                continue
            if doc.id in seen:
                yield DocumentError(origin, f"id '{doc.id}' was already used on line {seen[doc.id]}; ids must be unique")
                continue
            seen[doc.id] = number
            yield doc
    if not found_any:
        yield DocumentError(str(path), "has no lines (the file is empty)")


def _quote(value: str, limit: int = 60) -> str:
    """A bad value as a message can show it: on one line, its start only."""
    shown = value if len(value) <= limit else value[:limit] + "…"
    return repr(shown)


def _jsonl_document(raw: bytes, origin: str, max_bytes: int) -> Document:
    if len(raw) > max_bytes * 2:  # JSON escapes can double a text's size, no more in practice
        raise _Refused(f"line is {_mb(len(raw))}, over the {_mb(max_bytes)} limit for one article")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Refused(f"line is not UTF-8 (bad byte at column {err.start + 1}); JSON Lines must be UTF-8") from err
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise _Refused(f"line is not valid JSON ({err.msg} at column {err.colno})") from err
    except RecursionError as err:
        raise _Refused("line is not valid JSON (nested too deeply to read)") from err
    if not isinstance(record, dict):
        raise _Refused(f"line is a JSON {type(record).__name__}, not an object with {', '.join(_JSONL_FIELDS)}")
    for field in ("id", "text"):
        if not isinstance(record.get(field), str) or not record[field].strip():
            raise _Refused(f"field '{field}' is missing or not a non-empty string")
    for field in ("url", "title", "published"):
        if record.get(field) is not None and not isinstance(record[field], str):
            raise _Refused(f"field '{field}' must be a string or null, not {type(record[field]).__name__}")
    published = record.get("published")
    if published and _iso_date(published) is None:
        raise _Refused(f"field 'published' is {_quote(published)}, not a date (use YYYY-MM-DD)")
    doc_id = clean_text(record["id"])
    if not doc_id or "/" in doc_id or "\n" in doc_id:
        raise _Refused(f"field 'id' is {_quote(record['id'])}; an id is a single line without '/'")
    text = clean_text(record["text"])
    _check_text(text, max_bytes)
    return Document(id=doc_id, text=text, title=_meta(record.get("title")) or _first_line(text),
                    url=_meta(record.get("url")), published=_iso_date(published) if published else None,
                    origin=origin)


# --- decoding ------------------------------------------------------------------------------------------------

# Byte-order marks, longest first (a UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Formats people drop into an article folder by mistake, by their leading bytes, for a message that says what.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx?)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)

# Legacy 8-bit Vietnamese code pages that Python lacks, as 128 characters for bytes 0x80-0xFF (from the
# standards, checked against glibc iconv's VISCII and TCVN5712-1 tables). VISCII also puts six capitals in C0.
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡưàáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
# TCVN 5712:1993 (the "ABC" / .Vn fonts). Files in the VN3 form use only the lowercase half of this table,
# capitals coming from a second font, so decoding with the VN1 table below is right for both.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
)


def _table_decoder(high: str, c0: dict[int, str] | None = None):
    # Latin-1 maps each byte to the code point of the same number, so a translation table finishes the job.
    table = str.maketrans({0x80 + i: ch for i, ch in enumerate(high)} | (c0 or {}))

    def decode(data: bytes) -> str:
        return data.decode("latin-1").translate(table)

    return decode


_LEGACY = {
    "Windows-1258": lambda data: data.decode("cp1258"),
    "VISCII": _table_decoder(_VISCII_HIGH, _VISCII_C0),
    "TCVN3 (ABC)": _table_decoder(_TCVN3_HIGH),
}

# Frequent Vietnamese words that carry diacritics: a right decoding is full of them, a wrong one has none.
_COMMON_TEXT = (
    "của và các được năm công tác hội nghị những với đã là có một người này tỉnh đồng chí phát triển thực hiện "
    "nhiệm vụ tổ chức đại biểu chủ tịch kinh tế xã dự về tại để học khoa công nghệ đảng bộ ủy nhân dân sở "
    "tiếp tục đẩy mạnh tăng cường năng lực điều đến trên từ cũng đó thành phố huyện việt nam bầu ban chấp hành "
    "quả kết triển khai sơ tổng báo cáo phó giám đốc trưởng phòng trường đoàn thanh niên nông mặt trận quốc"
)
_COMMON_WORDS = frozenset(_COMMON_TEXT.split())
# Word shapes that only the VNI font encoding produces when read as Windows-1252 ("của" → "cuûa").
_VNI_TEXT = ("cuûa vaø caùc ñöôïc naêm nhöõng ñaõ laø coù ngöôøi naøy moät hoäi nghò tænh ñoàng coâng "
                       "taùc vieät ñaïi")
_VNI_MARKS = frozenset(_VNI_TEXT.split())
_WORD = re.compile(r"\w+")


def _vietnamese_hits(text: str) -> tuple[int, int]:
    """(common Vietnamese words found, words with a non-ASCII letter): how Vietnamese a decoding reads."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text).lower()) if not w.isascii()]
    return sum(w in _COMMON_WORDS for w in words), len(words)


def _reads_vietnamese(text: str) -> bool:
    hits, words = _vietnamese_hits(text)
    return hits >= 2 and hits >= 0.2 * words


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode an article's bytes: BOM-marked Unicode, UTF-8, a declared charset, or a legacy Vietnamese code page
    recognised by its words (Windows-1258, VISCII, TCVN3); refuse binaries and anything that cannot be told apart."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                raise _Refused(f"starts with a {name} byte-order mark but is not valid {name} "
                               f"(bad bytes at offset {err.start + len(bom)})") from err
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _Refused(f"is {what}, not a text article; save it as .txt or .html first")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # A stray NUL in good UTF-8 is noise (clean_text drops it); many mean UTF-16/32 or a binary file.
        if text.count("\x00") > len(text) // 10:
            return _nul_text(data)
        return _unmangle_font_text(text)
    if b"\x00" in data:
        return _nul_text(data)
    if _control_share(data) > 0.05:
        raise _Refused("is a binary file (it is full of control bytes), not a text article")
    try:
        return _legacy_text(data)
    except _Refused:
        # A page's own charset declaration is the last word when no Vietnamese code page reads it.
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        raise


_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")


def _control_share(data: bytes) -> float:
    """Share of C0 control bytes other than tab and line ends: near zero in any text, about 1/9 in random bytes."""
    sample = data[:65536]
    return sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS) / max(len(sample), 1)


def _nul_text(data: bytes) -> str:
    # NUL bytes: UTF-16/32 without a byte-order mark, or not text at all.
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _reads_vietnamese(text):
            return text
    raise _Refused("is a binary file (it contains NUL bytes), not a text article")


def _legacy_text(data: bytes) -> str:
    best: tuple[int, str, str] | None = None
    for name, decode in _LEGACY.items():
        try:
            text = decode(data)
        except UnicodeDecodeError:
            continue
        if _reads_vietnamese(text):
            hits = _vietnamese_hits(text)[0]
            if best is None or hits > best[0]:
                best = (hits, name, text)
    if best is not None:
        return best[2]
    if _looks_vni(data.decode("cp1252", errors="replace")):
        raise _Refused("is in the VNI legacy Vietnamese encoding, which cannot be converted reliably; "
                       "convert it to UTF-8 (e.g. with UniKey's converter) and load it again")
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    if guess is not None and _reads_vietnamese(str(guess)):
        return str(guess)
    named = f" (it looks like {guess.encoding})" if guess is not None else ""
    raise _Refused(f"is not UTF-8 and not recognisable Vietnamese text in a legacy encoding{named}; "
                   "save it as UTF-8 and load it again")


def _looks_vni(text: str) -> bool:
    words = _WORD.findall(text.lower())
    return sum(w in _VNI_MARKS for w in words) >= 2


def _unmangle_font_text(text: str) -> str:
    """Text typed in a TCVN3 (.Vn) font and saved as Unicode arrives as Latin-1 mojibake ("Héi nghÞ"): map it
    back through the font's code page when that makes it read as Vietnamese, refuse VNI mojibake."""
    hits, words = _vietnamese_hits(text)
    if hits or words < 3:
        return text
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return text
    converted = _LEGACY["TCVN3 (ABC)"](raw)
    if _reads_vietnamese(converted):
        return converted
    if _looks_vni(text):
        raise _Refused("is Unicode text typed in a VNI font (mojibake such as 'Hoäi nghò'), which cannot be "
                       "converted reliably; convert it to Unicode with UniKey's converter and load it again")
    return text
