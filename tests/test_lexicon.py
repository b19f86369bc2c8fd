"""The domain lexicons load and answer the lookups other modules rely on."""

from __future__ import annotations

import unicodedata

import pytest

from orgkg.loaders import lexicon as lx


def test_all_provinces_before_and_after_the_2025_merger() -> None:
    before = [p for p in lx.provinces() if p.era in ("both", "pre2025")]
    after = [p for p in lx.provinces() if p.era in ("both", "post2025")]
    assert len(before) == 63
    assert len(after) == 34
    # every merged-away unit names a unit that exists after the merger
    survivors = {p.name for p in after}
    assert all(p.merged_into in survivors for p in before if p.era == "pre2025")


@pytest.mark.parametrize(
    ("written", "locality"),
    [
        ("Nam Định", "tỉnh Nam Định"),
        ("tỉnh Bắc Kạn", "tỉnh Bắc Kạn"),
        ("Thành phố Hải Phòng", "thành phố Hải Phòng"),
        ("TP.HCM", "thành phố Hồ Chí Minh"),
        ("Thanh Hoá", "tỉnh Thanh Hóa"),  # old tone placement
        ("Dak Lak", "tỉnh Đắk Lắk"),  # no diacritics
        ("Bà Rịa-Vũng Tàu", "tỉnh Bà Rịa - Vũng Tàu"),
        ("Wakanda", None),
    ],
)
def test_normalise_locality(written: str, locality: str | None) -> None:
    assert lx.normalise_locality(written) == locality


@pytest.mark.parametrize(
    ("name", "expanded"),
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("HĐND huyện", "Hội đồng nhân dân huyện"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở KH và CN", "Sở Khoa học và Công nghệ"),
        ("Viện KHCN&MT", "Viện Khoa học Công nghệ và Môi trường"),
        ("Liên hiệp các Hội KH&KT tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"),
        ("Liên minh HTX Việt Nam", "Liên minh Hợp tác xã Việt Nam"),
        ("Bộ NN&PTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("Trường THPT Lê Lợi", "Trường THPT Lê Lợi"),  # school levels keep their usual short form
    ],
)
def test_expand_abbreviations(name: str, expanded: str) -> None:
    assert lx.expand_abbreviations(name) == expanded


def test_titles_and_honorifics_normalise() -> None:
    assert lx.normalise_title("TUV") == "Tỉnh ủy viên"
    assert lx.normalise_title("P.Giám đốc") == "Phó Giám đốc"
    assert lx.normalise_title("PCT") == "Phó Chủ tịch"
    assert lx.normalise_title("Ủy viên BTV") == "Ủy viên Ban Thường vụ"
    assert lx.normalise_title("giám đốc điều hành") is None
    hon = {w: lx.normalise_honorific(w) for w in ("PGS. TS.", "Tiến sĩ", "Đồng chí", "NGƯT", "Thạc sĩ")}
    assert {w: h.canonical if h else None for w, h in hon.items()} == {
        "PGS. TS.": "PGS.TS", "Tiến sĩ": "TS", "Đồng chí": "đồng chí", "NGƯT": "NGƯT", "Thạc sĩ": "ThS"}
    assert lx.normalise_honorific("TS").rank > lx.normalise_honorific("đồng chí").rank  # academic wins


def test_newspapers_name_their_place() -> None:
    assert lx.newspaper_by_code("BBK").place == "Bắc Kạn"
    assert lx.newspaper_by_code("(QNO)").place == "Quảng Nam"
    assert lx.newspaper_by_code("Baonghean.vn").place == "Nghệ An"
    assert lx.newspaper_by_code("baohatinh.vn").place == "Hà Tĩnh"
    assert lx.newspaper_by_name("BÁO NAM ĐỊNH ĐIỆN TỬ").place == "Nam Định"
    assert lx.newspaper_by_code("XYZ") is None
    # one paper for every province before the merger
    places = {n.place for n in lx.newspapers()}
    assert all(p.name in places for p in lx.provinces() if p.era != "post2025")


def test_surnames_include_minority_names() -> None:
    for s in ("Nguyễn", "Nông", "Hoàng", "Triệu", "Lò", "Hà", "Ma", "Lục", "Đinh", "Y", "Giàng", "Thạch"):
        assert s in lx.surnames()


def test_tone_placement_fold_keeps_length() -> None:
    for s in ("Uỷ ban", "hoà bình", "Thanh Hoá", "khoẻ", "quý"):
        assert len(lx.fold_tone_placement(s)) == len(s)
    assert lx.fold_tone_placement("Uỷ ban hoà") == "Ủy ban hòa"
    assert lx.fold_tone_placement("quý") == "quý"


def test_every_data_file_says_what_it_is() -> None:
    for f in lx.DATA.iterdir():
        if f.suffix in (".tsv", ".txt", ".yaml"):
            assert f.read_text(encoding="utf-8").startswith("#"), f.name


def test_districts_belong_to_listed_provinces_and_place_the_unambiguous_ones() -> None:
    ds = lx.districts()
    assert len(ds) > 650 and {d.level for d in ds} == {"quận", "huyện", "thị xã", "thành phố"}
    pre = {p.name for p in lx.provinces() if p.era in ("both", "pre2025")}
    assert {d.province for d in ds} == pre  # every pre-2025 province has its districts, and only those
    assert lx.district_province()["thọ xuân"].name == "Thanh Hóa"
    assert "châu thành" not in lx.district_province()  # one name, several provinces: places nothing


def test_the_extractor_s_name_words_are_clean_and_name_kinds_that_exist() -> None:
    words = lx.name_words()
    kinds = {k.kind for k in lx.org_kinds()}
    for section, entries in words.items():
        assert entries, section
        assert len(set(entries)) == len(entries), f"{section} lists a word twice"
        assert all(unicodedata.is_normalized("NFC", w) and w == w.strip() for w in entries), section
    # the lists of kinds name kinds the lexicon has (a typo would silently match nothing)
    for section in ("named_after_kinds", "trade_first_kinds", "school_heads", "company_organs"):
        assert set(words[section]) <= kinds, (section, set(words[section]) - kinds)
