from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest

from orgkg.loaders.document import Document
from orgkg.loaders.documents import DocumentError, clean_text, decode_bytes, read_documents

SENTENCE = ("Sáng 12/1, Sở Khoa học và Công nghệ tỉnh Hà Tĩnh tổ chức hội nghị tổng kết công tác năm 2023. "
            "Đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh dự và phát biểu chỉ đạo; các đại biểu đã thảo luận "
            "những nhiệm vụ của năm tới.")
# SENTENCE in legacy code pages, produced with glibc iconv (-t VISCII, -t TCVN5712-1, -t CP1258).
VISCII = (b"S\xe1ng 12/1, S\xb7 Khoa h\xf7c v\xe0 C\xf4ng ngh\xae t\xefnh H\xe0 T\xeenh t\xb1 ch\xd1c h\xb5i ngh\xb8 "
          b"t\xb1ng k\xaat c\xf4ng t\xe1c n\xe5m 2023. \xd0\xb0ng ch\xed Nguy\xadn V\xe5n H\xf9ng, Ph\xf3 Ch\xfc t\xb8ch "
          b"UBND t\xefnh d\xf1 v\xe0 ph\xe1t bi\xacu ch\xef \xf0\xd5o; c\xe1c \xf0\xd5i bi\xacu \xf0\xe3 th\xe4o "
          b"lu\xa7n nh\xe6ng nhi\xaem v\xf8 c\xfca n\xe5m t\xbei.")
TCVN3 = (b"S\xb8ng 12/1, S\xeb Khoa h\xe4c v\xb5 C\xabng ngh\xd6 t\xd8nh H\xb5 T\xdcnh t\xe6 ch\xf8c h\xe9i ngh\xde "
         b"t\xe6ng k\xd5t c\xabng t\xb8c n\xa8m 2023. \xa7\xe5ng ch\xdd Nguy\xd4n V\xa8n H\xefng, Ph\xe3 Ch\xf1 t\xdech "
         b"UBND t\xd8nh d\xf9 v\xb5 ph\xb8t bi\xd3u ch\xd8 \xae\xb9o; c\xb8c \xae\xb9i bi\xd3u \xae\xb7 th\xb6o "
         b"lu\xcbn nh\xf7ng nhi\xd6m v\xf4 c\xf1a n\xa8m t\xedi.")
CP1258 = (b"S\xe1ng 12/1, S\xf5\xd2 Khoa ho\xf2c v\xe0 C\xf4ng ngh\xea\xf2 ti\xd2nh H\xe0 Ti\xdenh t\xf4\xd2 ch\xfd\xecc "
          b"h\xf4\xf2i nghi\xf2 t\xf4\xd2ng k\xea\xect c\xf4ng t\xe1c n\xe3m 2023. \xd0\xf4\xccng ch\xed Nguy\xea\xden "
          b"V\xe3n H\xf9ng, Ph\xf3 Chu\xd2 ti\xf2ch UBND ti\xd2nh d\xfd\xf2 v\xe0 ph\xe1t bi\xea\xd2u chi\xd2 \xf0a\xf2o; "
          b"c\xe1c \xf0a\xf2i bi\xea\xd2u \xf0a\xde tha\xd2o lu\xe2\xf2n nh\xfd\xdeng nhi\xea\xf2m vu\xf2 cu\xd2a "
          b"n\xe3m t\xf5\xeci.")
# "Hội nghị tổng kết công tác năm 2023 của Sở Khoa học và Công nghệ, được tổ chức tại tỉnh" typed in a VNI font.
VNI = ("Hoäi nghò toång keát coâng taùc naêm 2023 cuûa Sôû Khoa hoïc vaø Coâng ngheä, ñöôïc toå chöùc "
       "taïi tænh").encode("cp1252")

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "articles"


def read_one(path: Path, **kwargs) -> Document | DocumentError:
    items = list(read_documents(path, **kwargs))
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def assert_refused(item: Document | DocumentError, *words: str) -> None:
    assert isinstance(item, DocumentError), item
    assert "\n" not in str(item)
    assert str(item).startswith(item.origin + ": ")
    for word in words:
        assert word.lower() in item.reason.lower(), item.reason


# --- plain text ----------------------------------------------------------------------------------------------


def test_txt_id_is_file_stem_and_title_first_non_empty_line(tmp_path):
    path = write(tmp_path, "007_so-khcn.txt", "\n\n  Sở KH&CN tổng kết năm 2023  \n\n" + SENTENCE + "\n")
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.id == "007_so-khcn"
    assert doc.title == "Sở KH&CN tổng kết năm 2023"
    assert doc.text.endswith("những nhiệm vụ của năm tới.")
    assert doc.origin == str(path)
    assert doc.url is None and doc.site is None and doc.published is None


@pytest.mark.parametrize("bom, codec", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                                        (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le")])
def test_unicode_with_byte_order_mark(tmp_path, bom, codec):
    doc = read_one(write(tmp_path, "a.txt", bom + ("Tiêu đề\n" + SENTENCE).encode(codec)))
    assert isinstance(doc, Document)
    assert doc.title == "Tiêu đề"
    assert doc.text == "Tiêu đề\n" + SENTENCE


def test_utf16_without_bom_is_recognised_by_its_words(tmp_path):
    doc = read_one(write(tmp_path, "a.txt", SENTENCE.encode("utf-16-le")))
    assert isinstance(doc, Document) and doc.text == SENTENCE


@pytest.mark.parametrize("data", [VISCII, TCVN3, CP1258], ids=["viscii", "tcvn3", "windows-1258"])
def test_legacy_vietnamese_encodings_are_converted(tmp_path, data):
    doc = read_one(write(tmp_path, "legacy.txt", data))
    assert isinstance(doc, Document), doc
    assert doc.text == SENTENCE
    assert unicodedata.is_normalized("NFC", doc.text)


def test_tcvn3_font_text_saved_as_unicode_is_converted():
    mojibake = TCVN3.decode("cp1252")  # what a page typed in a .VnTime font shows: "S¸ng 12/1, Së Khoa h䔦
    assert "Khoa h" in mojibake and "học" not in mojibake
    assert clean_text(decode_bytes(mojibake.encode("utf-8"))) == SENTENCE


def test_vni_is_refused_by_name(tmp_path):
    assert_refused(read_one(write(tmp_path, "vni.txt", VNI)), "VNI", "UTF-8")


def test_unrecognisable_8bit_text_is_refused(tmp_path):
    data = "Le comité a décidé de reporter la réunion à l'été prochain, après l'élection.".encode("latin-1")
    assert_refused(read_one(write(tmp_path, "fr.txt", data)), "not UTF-8", "save it as UTF-8")


def test_broken_utf16_after_bom_is_refused(tmp_path):
    data = b"\xff\xfe" + "Hội nghị".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate at the end
    assert_refused(read_one(write(tmp_path, "a.txt", data)), "UTF-16")


def test_decomposed_unicode_becomes_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", "Tiêu đề\n" + SENTENCE)
    assert nfd != "Tiêu đề\n" + SENTENCE
    doc = read_one(write(tmp_path, "nfd.txt", nfd))
    assert isinstance(doc, Document)
    assert doc.text == "Tiêu đề\n" + SENTENCE
    assert doc.title == "Tiêu đề"


def test_control_and_invisible_characters_are_dropped_but_tabs_and_newlines_stay(tmp_path):
    raw = "Tiêu\x07 đề\r\nDòng\x00 một\tcột\u200b hai\x1b\rDòng\u00ad ba\ufeff\x9c\u2028Dòng bốn\x0cHết"
    doc = read_one(write(tmp_path, "ctl.txt", raw))
    assert isinstance(doc, Document)
    assert doc.text == "Tiêu đề\nDòng một\tcột hai\nDòng ba\nDòng bốn\nHết"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff\n".encode()], ids=["empty", "blank", "bom"])
def test_empty_files_are_refused(tmp_path, content):
    assert_refused(read_one(write(tmp_path, "empty.txt", content)), "no text")


def test_binary_file_is_refused(tmp_path):
    data = bytes(range(256)) * 8
    assert_refused(read_one(write(tmp_path, "blob.txt", data)), "binary")


def test_binary_file_without_nul_bytes_is_refused(tmp_path):
    data = bytes(b for b in random.Random(7).randbytes(8192) if b)
    assert_refused(read_one(write(tmp_path, "noise.txt", data)), "binary")


def test_known_binary_formats_are_named(tmp_path):
    assert_refused(read_one(write(tmp_path, "paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")), "PDF")
    assert_refused(read_one(write(tmp_path, "paper.html", b"PK\x03\x04\x14\x00\x06\x00")), "ZIP")


def test_text_over_the_limit_is_refused_and_under_it_accepted(tmp_path):
    path = write(tmp_path, "big.txt", "Tiêu đề\n" + SENTENCE * 20)
    assert_refused(read_one(path, max_bytes=1000), "limit", "max_bytes")
    assert isinstance(read_one(path, max_bytes=100_000), Document)


def test_ten_megabyte_article_is_refused_by_default(tmp_path):
    line = (SENTENCE + "\n").encode()
    path = write(tmp_path, "huge.txt", line * (10_500_000 // len(line)))
    assert path.stat().st_size > 10_000_000
    item = read_one(path)
    assert_refused(item, "MB", "limit")


# --- HTML ----------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Sở KH&amp;CN tổng kết năm 2023 | Báo Hà Tĩnh</title>
{meta}
<link rel="canonical" href="https://baohatinh.vn/so-khcn-tong-ket-123.html">
<script>var tracking = "ĐOẠN MÃ KHÔNG PHẢI BÀI BÁO";</script>
<style>.x {{ color: red }}</style></head>
<body>
<header><div class="masthead">BÁO HÀ TĨNH</div>
<nav><a href="/">Trang chủ</a> | <a href="/thoi-su">Thời sự</a> | <a href="/kinh-te">Kinh tế</a></nav></header>
<main><article>
<h1>Sở KH&amp;CN tổng kết công tác năm 2023</h1>
<p>HTO - {sentence}</p>
<p>Năm 2024, Sở tiếp tục đẩy mạnh ứng dụng tiến bộ khoa học và công nghệ vào sản xuất, đời sống của nhân dân
trên địa bàn toàn tỉnh, nhất là ở các xã miền núi.</p>
<script>document.write("QUẢNG CÁO CHÈN VÀO GIỮA BÀI");</script>
<p>Tin, ảnh: Minh Anh</p>
</article></main>
<footer class="site-footer"><p>BÁO HÀ TĨNH ĐIỆN TỬ</p><p>Tổng biên tập: Nguyễn Văn A</p>
<p>© Bản quyền thuộc về Báo Hà Tĩnh</p></footer>
</body></html>"""
META = """<meta property="og:site_name" content="Báo Hà Tĩnh">
<meta property="article:published_time" content="2024-01-12T08:30:00+07:00">"""


def test_html_main_text_and_metadata(tmp_path):
    doc = read_one(write(tmp_path, "so-khcn.html", PAGE.format(meta=META, sentence=SENTENCE)))
    assert isinstance(doc, Document), doc
    assert doc.id == "so-khcn"
    assert doc.title == "Sở KH&CN tổng kết công tác năm 2023"
    assert doc.text.splitlines()[0] == doc.title
    assert "HTO - " + SENTENCE in doc.text
    assert "Năm 2024, Sở tiếp tục" in doc.text
    assert doc.site == "Báo Hà Tĩnh"
    assert doc.published == "2024-01-12"
    assert doc.url == "https://baohatinh.vn/so-khcn-tong-ket-123.html"
    for noise in ("ĐOẠN MÃ", "QUẢNG CÁO", "color: red", "Trang chủ", "Tổng biên tập"):
        assert noise not in doc.text


def test_html_without_site_metadata_takes_the_paper_from_the_footer(tmp_path):
    doc = read_one(write(tmp_path, "p.htm", PAGE.format(meta="", sentence=SENTENCE)))
    assert isinstance(doc, Document), doc
    assert doc.site == "BÁO HÀ TĨNH ĐIỆN TỬ"


def test_html_copyright_line_names_the_paper_when_nothing_else_does(tmp_path):
    page = PAGE.format(meta="", sentence=SENTENCE).replace("<p>BÁO HÀ TĨNH ĐIỆN TỬ</p>", "")
    page = page.replace("© Bản quyền thuộc về Báo Hà Tĩnh", "Copyright © 2024 Báo Hà Tĩnh. All rights reserved")
    doc = read_one(write(tmp_path, "p.html", page))
    assert isinstance(doc, Document), doc
    assert doc.site is not None and doc.site.startswith("Báo Hà Tĩnh")


def test_html_in_a_legacy_code_page_is_decoded(tmp_path):
    page = PAGE.format(meta=META, sentence="@@").replace('charset="utf-8"', 'charset="windows-1258"')
    head, tail = page.split("@@")
    page_bytes = head.encode("ascii", errors="xmlcharrefreplace") + CP1258 + tail.encode("ascii", "xmlcharrefreplace")
    doc = read_one(write(tmp_path, "legacy.html", page_bytes))
    assert isinstance(doc, Document), doc
    assert SENTENCE in doc.text


def test_html_photo_captions_stay_in_the_text(tmp_path):
    page = PAGE.format(meta=META, sentence=SENTENCE).replace(
        "<p>Tin, ảnh: Minh Anh</p>",
        '<figure><img src="a.jpg"><figcaption>Đồng chí Nguyễn Văn Hùng phát biểu tại hội nghị.</figcaption></figure>'
        '<table class="image"><tr><td><img src="b.jpg"></td></tr>'
        '<tr><td class="image-caption"><p>Giám đốc Sở Lê Văn Nam trình bày báo cáo.</p></td></tr></table>'
        "<p>Hội nghị kết thúc vào buổi chiều cùng ngày sau khi thông qua nghị quyết năm 2024.</p>")
    doc = read_one(write(tmp_path, "captions.html", page))
    assert isinstance(doc, Document), doc
    lines = doc.text.splitlines()
    assert "Đồng chí Nguyễn Văn Hùng phát biểu tại hội nghị." in lines
    assert "Giám đốc Sở Lê Văn Nam trình bày báo cáo." in lines
    assert lines.index("Giám đốc Sở Lê Văn Nam trình bày báo cáo.") < len(lines) - 1  # in place, not appended


def test_xhtml_with_an_xml_declaration_is_read(tmp_path):
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.format(meta=META, sentence=SENTENCE)
    doc = read_one(write(tmp_path, "x.html", page))
    assert isinstance(doc, Document), doc
    assert SENTENCE in doc.text


@pytest.mark.parametrize("page", [
    "<html><head><title>Ảnh</title></head><body><nav><a href='/'>Trang chủ</a></nav></body></html>",
    "<html><body><script>var a = 'Hội nghị tổng kết công tác năm 2023 của Sở Khoa học';</script></body></html>",
    "<html></html>",
], ids=["menu-only", "script-only", "empty"])
def test_html_page_without_main_text_is_refused(tmp_path, page):
    assert_refused(read_one(write(tmp_path, "nothing.html", page)), "no main text")


def test_html_of_binary_garbage_is_refused(tmp_path):
    assert_refused(read_one(write(tmp_path, "x.html", random.Random(8).randbytes(4096) + b"\x00")), "binary")


# --- JSON Lines ----------------------------------------------------------------------------------------------


def jsonl_line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_jsonl_reads_each_line_and_reports_bad_ones_by_line(tmp_path):
    good = {"url": "https://baoquangnam.vn/a", "title": "Tiêu đề", "published": "2023-01-16", "text": SENTENCE}
    lines = [
        jsonl_line(id="a1", **good),
        "",
        '{"id": "a2", "text": "Hội nghị" ',  # truncated
        jsonl_line(id="a3", url=None, title=None, published=None, text=""),
        '["not", "an", "object"]',
        jsonl_line(id="a1", **good),  # duplicate id
        jsonl_line(id="a4", **{**good, "published": "ngày 16 tháng 1"}),
        jsonl_line(id="a5", **{**good, "title": 5}),
        jsonl_line(text=SENTENCE),
        jsonl_line(id="a6", **{**good, "published": "16/1/2023", "title": None,
                                "text": unicodedata.normalize("NFD", "Dòng đầu\x07\n" + SENTENCE)}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "a7", "text": "H\xf4\xf2i nghi\xf2"}\n')
    items = list(read_documents(path))
    docs = [i for i in items if isinstance(i, Document)]
    errors = {i.origin: i.reason for i in items if isinstance(i, DocumentError)}
    assert [d.id for d in docs] == ["a1", "a6"]
    assert docs[0].url == "https://baoquangnam.vn/a" and docs[0].title == "Tiêu đề"
    assert docs[0].published == "2023-01-16" and docs[0].origin == f"{path}:1"
    assert docs[1].published == "2023-01-16"
    assert docs[1].title == "Dòng đầu"
    assert docs[1].text == "Dòng đầu\n" + SENTENCE
    assert set(errors) == {f"{path}:{n}" for n in (3, 4, 5, 6, 7, 8, 9, 11)}
    assert "not valid JSON" in errors[f"{path}:3"]
    assert "'text'" in errors[f"{path}:4"]
    assert "not an object" in errors[f"{path}:5"]
    assert "line 1" in errors[f"{path}:6"]
    assert "YYYY-MM-DD" in errors[f"{path}:7"]
    assert "'title'" in errors[f"{path}:8"]
    assert "'id'" in errors[f"{path}:9"]
    assert "UTF-8" in errors[f"{path}:11"]


def test_jsonl_with_bom_and_crlf(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (jsonl_line(id="x", text=SENTENCE) + "\r\n").encode())
    doc = read_one(path)
    assert isinstance(doc, Document) and doc.id == "x" and doc.text == SENTENCE


def test_empty_jsonl_is_reported(tmp_path):
    assert_refused(read_one(write(tmp_path, "e.jsonl", b"\n\n")), "empty")


def test_jsonl_line_over_the_limit_is_refused_and_the_next_goes_on(tmp_path):
    path = write(tmp_path, "big.jsonl", jsonl_line(id="big", text=SENTENCE * 50) + "\n"
                 + jsonl_line(id="small", text=SENTENCE) + "\n")
    items = list(read_documents(path, max_bytes=2000))
    assert isinstance(items[0], DocumentError) and items[0].origin == f"{path}:1" and "limit" in items[0].reason
    assert isinstance(items[1], Document) and items[1].id == "small"


# --- files and directories -----------------------------------------------------------------------------------


def test_missing_path_and_unknown_format_are_reported(tmp_path):
    assert_refused(read_one(tmp_path / "nope.txt"), "no such file")
    assert_refused(read_one(write(tmp_path, "a.docx", b"x")), "not an article format")


def test_directory_reads_articles_in_order_skips_records_and_reports_the_rest(tmp_path):
    write(tmp_path, "b.txt", "Bài B\n" + SENTENCE)
    write(tmp_path, "a.html", PAGE.format(meta=META, sentence=SENTENCE))
    write(tmp_path, "c.jsonl", jsonl_line(id="c1", text=SENTENCE) + "\n" + jsonl_line(id="b", text=SENTENCE))
    write(tmp_path, "gold.json", "{}")
    write(tmp_path, "README.md", "# notes")
    write(tmp_path, "test_x.py", "x = 1")
    write(tmp_path, "scan.pdf", b"%PDF-1.4")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "d.txt", "Bài D\n" + SENTENCE)
    (tmp_path / ".cache").mkdir()
    write(tmp_path / ".cache", "e.txt", "Bài E\n" + SENTENCE)
    items = list(read_documents(tmp_path))
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "b", "c1", "d"]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert [Path(e.origin.split(":")[0]).name for e in errors] == ["c.jsonl", "scan.pdf"]
    assert "already used" in errors[0].reason and "b.txt" in errors[0].reason


EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
OWN = Path(__file__).resolve().parent / "articles"


def test_bundled_examples_read_cleanly_and_each_has_gold():
    items = list(read_documents(EXAMPLES))
    assert all(isinstance(i, Document) for i in items), [str(i) for i in items if isinstance(i, DocumentError)]
    docs = {d.id: d for d in items}
    assert len(docs) == 10
    assert all((OWN / "gold" / f"{doc_id}.json").is_file() for doc_id in docs)
    for path in EXAMPLES.glob("*.txt"):
        assert docs[path.stem].text == (OWN / path.name).read_text(encoding="utf-8").strip()
    page = docs["016_so-khcn-ha-tinh-tong-ket-2023"]
    assert page.origin.endswith(".html")
    assert (page.site, page.published) == ("Báo Hà Tĩnh", "2024-01-12")
    assert "Giám đốc Sở KH&CN Trần Đình Phong trình bày báo cáo tổng kết." in page.text
    assert "Tổng biên tập" not in page.text and "gtag" not in page.text
    fed = [d for d in docs.values() if d.origin.split(":")[0].endswith(".jsonl")]
    assert len(fed) == 3 and all(d.published and d.url and d.title for d in fed)
    assert {d.published[:4] for d in docs.values() if d.published} == {"2023", "2024"}


@pytest.mark.skipif(not DEV.is_dir(), reason="the shared dev corpus is not beside this checkout")
def test_reads_the_dev_articles():
    docs = list(read_documents(DEV))
    assert all(isinstance(d, Document) for d in docs)
    assert len(docs) == 5
    first = next(d for d in docs if d.id == "000_a2eea45305313521")
    assert first.title.startswith("Đẩy mạnh hoạt động dịch vụ khoa học")
    assert all(unicodedata.is_normalized("NFC", d.text) for d in docs)
