"""Canonical keys: aliases that must merge do, namesakes that must stay apart do."""

from __future__ import annotations

import pytest

from orgkg.loaders.identity import clean_person_name, org_identity, person_anchor, person_id, post_id


def oid(name: str, **ctx: str | None) -> str:
    return org_identity(name, **ctx).id


@pytest.mark.parametrize("names", [
    ["Viện KHCN&MT", "Viện Khoa học Công nghệ và Môi trường", "Viện Khoa học, Công nghệ & Môi trường",
     "VIỆN KHOA HỌC  CÔNG NGHỆ VÀ MÔI TRƯỜNG", "Viện KHCN & MT"],
    ["Liên minh Hợp tác xã Việt Nam", "Liên minh HTX Việt Nam"],
    ["Đảng ủy Liên minh Hợp tác xã Việt Nam", "Đảng bộ Liên minh HTX Việt Nam"],
    ["Bộ Khoa học và Công nghệ", "Bộ KH và CN", "Bộ KH&CN"],
    ["Sở Khoa học và Công nghệ tỉnh Hà Tĩnh", "Sở KH&CN Hà Tĩnh", "Sở Khoa học và Công nghệ Hà Tĩnh"],
    ["Ủy ban nhân dân tỉnh Hòa Bình", "UBND tỉnh Hoà Bình", "Uỷ ban nhân dân tỉnh Hòa Bình"],
])
def test_spellings_of_one_organization_share_an_id(names: list[str]) -> None:
    assert len({oid(n) for n in names}) == 1


def test_locality_is_part_of_identity() -> None:
    bac_kan = oid("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Kạn")
    hai_phong = oid("Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Hải Phòng")
    national = oid("Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam")
    assert len({bac_kan, hai_phong, national}) == 3
    # an unqualified name joins its province's only where the context makes the place certain
    assert oid("Liên hiệp các Hội KH&KT tỉnh", context_locality="Bắc Kạn", article="a1") == bac_kan
    assert oid("Liên hiệp các Hội Khoa học và Kỹ thuật", locality="thành phố Hải Phòng", article="a1") == hai_phong
    alone1 = oid("Liên hiệp các Hội Khoa học và Kỹ thuật", article="a1")
    alone2 = oid("Liên hiệp các Hội Khoa học và Kỹ thuật", article="a2")
    assert len({alone1, alone2, bac_kan, hai_phong}) == 4
    assert oid("UBND tỉnh", context_locality="tỉnh Nam Định", article="x") == oid("Ủy ban nhân dân tỉnh Nam Định")
    assert oid("Tỉnh ủy", context_locality="Nam Định", article="x") == oid("Tỉnh ủy Nam Định")


def test_a_place_below_the_province_is_never_guessed() -> None:
    # "UBND huyện" in a provincial paper: which district is not certain, so it stays with its article
    a = oid("UBND huyện", context_locality="Lâm Đồng", article="a1")
    b = oid("UBND huyện", context_locality="Lâm Đồng", article="a2")
    assert a != b
    assert oid("UBND thành phố", context_locality="tỉnh Lâm Đồng", article="a1") != oid("UBND tỉnh Lâm Đồng")
    assert org_identity("UBND các huyện, thành phố", article="a1").rule == "article"


def test_the_parent_is_part_of_a_generic_units_identity() -> None:
    for generic in ("Chi bộ Viện", "Ban Tổ chức", "Văn phòng", "Đảng ủy", "Công đoàn Trường", "Khoa Nông nghiệp"):
        under_a = oid(generic, parent_id="org:a", article="1")
        assert under_a == oid(generic, parent_id="org:a", article="2")
        assert under_a != oid(generic, parent_id="org:b", article="1")
        assert oid(generic, article="1") != oid(generic, article="2")  # no parent: this article's own
    # a name that says whose it is needs no parent
    assert oid("Chi bộ Viện Khoa học, Công nghệ & Môi trường", parent_id="org:a") == oid(
        "Chi bộ Viện KHCN&MT")
    assert org_identity("Ban Tổ chức cán bộ Liên minh HTX Việt Nam", parent_id="org:a").rule == "name"


def test_honorifics_and_titles_are_not_part_of_a_name() -> None:
    assert clean_person_name("TS. Lê Tuấn An") == ("Lê Tuấn An", ["TS"])
    assert clean_person_name("PGS.TS Đặng Quốc Hưng") == ("Đặng Quốc Hưng", ["PGS.TS"])
    assert clean_person_name("đồng chí Trịnh Xuân Ngọc")[0] == "Trịnh Xuân Ngọc"
    assert clean_person_name("Phó Chủ tịch Lê Văn Nghị")[0] == "Lê Văn Nghị"
    assert clean_person_name("K'Brôl")[0] == "K'Brôl"
    assert clean_person_name("Lê Văn Nghị, Phó Chủ tịch Liên minh HTX Việt Nam")[0] == "Lê Văn Nghị"
    assert clean_person_name("TS, Bùi Thanh Tùng") == ("Bùi Thanh Tùng", ["TS"])
    assert person_id("TS. Lê Tuấn An", "loc:x") == person_id("lê tuấn an", "loc:x")


def test_person_anchor_is_decided_by_the_article_alone() -> None:
    assert person_anchor({"tỉnh B", "tỉnh A"}, set(), "tỉnh B", "art:1") == "loc:tỉnh B"
    assert person_anchor({"tỉnh B", "tỉnh A"}, set(), None, "art:1") == "loc:tỉnh A"
    assert person_anchor(set(), {"org:b", "org:a"}, "tỉnh X", "art:1") == "org:org:a"
    assert person_anchor(set(), set(), "tỉnh X", "art:1") == "loc:tỉnh X"
    assert person_anchor(set(), set(), None, "art:1") == "art:art:1"
    # namesakes anchored in different provinces are two people
    assert person_id("Nguyễn Văn An", "loc:tỉnh Nghệ An") != person_id("Nguyễn Văn An", "loc:tỉnh Hà Giang")


def test_a_post_is_a_title_in_one_organization() -> None:
    assert post_id("Phó Chủ tịch", "org:a") == post_id("phó chủ tịch", "org:a")
    assert post_id("P.Giám đốc", "org:a") == post_id("Phó Giám đốc", "org:a")
    assert post_id("Phó Chủ tịch", "org:a") != post_id("Phó Chủ tịch", "org:b")


def test_a_names_kind_is_the_longest_form_it_opens_with() -> None:
    """org_kind_of looks the name's word-boundary prefixes up; a scan of every form, longest first,
    must agree on every form, every form followed by more words, and names no form opens."""
    from orgkg.loaders.identity import _kind_forms, org_kind_of

    def scanned(n: str):
        for form, kind in _kind_forms():
            if n == form or n.startswith(form + " "):
                return kind, n[len(form):].strip()
        return None, n

    forms = [form for form, _ in _kind_forms()]
    names = [*forms, *(f"{f} tỉnh bắc kạn" for f in forms), *(f"{f}  x" for f in forms[::7]),
             *(f[: len(f) // 2] for f in forms), "", " ", "viện", "chi bộ viện", "không có loại nào"]
    assert any(org_kind_of(n)[0] is not None for n in names)
    for n in names:
        assert org_kind_of(n) == scanned(n), n
