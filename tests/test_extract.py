"""The extractor on short synthetic reports, one pattern of the genre each (not the dev texts)."""

from __future__ import annotations

from orgkg.loaders.document import Document
from orgkg.loaders.extract import extract


def run(text: str, **meta: str) -> dict:
    return extract(Document(id="t", text=text, **meta))


def people(r: dict) -> dict[str, dict]:
    return {p["name"]: p for p in r["people"]}


def positions(r: dict, name: str) -> set[tuple[str, str | None]]:
    return {(p["title"], p["organization"]) for p in people(r)[name]["positions"]}


def roles(r: dict, name: str) -> set[str]:
    return {p["role"] for p in r["participation"] if p["person"] == name}


def org_names(r: dict) -> set[str]:
    return {o["name"] for o in r["organizations"]}


def test_title_before_name_with_locality_from_dateline_code() -> None:
    r = run("Hội Nông dân tỉnh sơ kết 6 tháng\n\nBBK - Sáng 5/7, Hội Nông dân tỉnh tổ chức hội nghị sơ kết công tác "
            "6 tháng đầu năm 2024. Phó Chủ tịch UBND tỉnh Nông Quang Nhất dự và phát biểu chỉ đạo hội nghị.\n")
    assert r["article"]["locality"] == "tỉnh Bắc Kạn"
    assert positions(r, "Nông Quang Nhất") == {("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Kạn")}
    assert roles(r, "Nông Quang Nhất") == {"attended", "spoke"}
    m = r["meetings"][0]
    assert (m["kind"], m["date"], m["host"]) == ("sơ kết", "2024-07-05", "Hội Nông dân tỉnh Bắc Kạn")
    assert {"Hội Nông dân tỉnh Bắc Kạn", "Ủy ban nhân dân tỉnh Bắc Kạn"} <= org_names(r)


def test_titles_after_name_tuv_and_academic_honorific() -> None:
    r = run("(QNO) - Chiều 20/12/2023, Sở KH&CN tổ chức hội nghị tổng kết công tác năm 2023. Dự hội nghị có "
            "đồng chí Trần Văn Tân, TUV, Phó Chủ tịch UBND tỉnh; PGS.TS Lê Văn Hải, Giám đốc Sở KH&CN.\n")
    assert positions(r, "Trần Văn Tân") == {("Tỉnh ủy viên", "Tỉnh ủy Quảng Nam"),
                                            ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Nam")}
    assert people(r)["Trần Văn Tân"]["honorific"] == "đồng chí"
    assert people(r)["Lê Văn Hải"]["honorific"] == "PGS.TS"
    assert positions(r, "Lê Văn Hải") == {("Giám đốc", "Sở Khoa học và Công nghệ tỉnh Quảng Nam")}
    assert r["meetings"][0]["host"] == "Sở Khoa học và Công nghệ tỉnh Quảng Nam"
    assert r["meetings"][0]["date"] == "2023-12-20"


def test_list_of_people_sharing_a_title() -> None:
    r = run("(Baonghean.vn) - Ngày 10/1, Hội Nông dân tỉnh tổ chức hội nghị tổng kết công tác năm 2023. Tới dự có "
            "các đồng chí Phó Chủ tịch UBND tỉnh: Bùi Đình Long, Nguyễn Văn Đệ.\n")
    for name in ("Bùi Đình Long", "Nguyễn Văn Đệ"):
        assert positions(r, name) == {("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An")}
        assert roles(r, name) == {"attended"}
        assert people(r)[name]["honorific"] == "đồng chí"
    assert r["meetings"][0]["date"] == "2024-01-10"  # a review of 2023 held on 10/1


def test_abbreviated_deputy_director_and_co_chairs() -> None:
    r = run("Ngày 28-9, Sở Khoa học và Công nghệ tỉnh Đồng Tháp tổ chức Hội thảo ứng dụng khoa học. "
            "P.Giám đốc Sở KH&CN Nguyễn Thanh Tùng và Phó Chủ tịch Hội Nông dân tỉnh Lê Thị Kim Hoa đồng chủ trì "
            "hội thảo.\n")
    assert positions(r, "Nguyễn Thanh Tùng") == {("Phó Giám đốc", "Sở Khoa học và Công nghệ tỉnh Đồng Tháp")}
    assert positions(r, "Lê Thị Kim Hoa") == {("Phó Chủ tịch", "Hội Nông dân tỉnh Đồng Tháp")}
    assert roles(r, "Nguyễn Thanh Tùng") == roles(r, "Lê Thị Kim Hoa") == {"attended", "chaired"}
    assert r["meetings"][0]["kind"] == "hội thảo"


def test_party_cell_congress_election_with_term() -> None:
    r = run("Ngày 15/3/2025, Chi bộ Trường THCS Lê Lợi tổ chức Đại hội Chi bộ nhiệm kỳ 2025-2027. "
            "Đại hội đã bầu đồng chí Phạm Thị Lan, Hiệu trưởng Nhà trường tái cử giữ chức Bí thư Chi bộ; "
            "đồng chí Vũ Đức Thắng, Phó Hiệu trưởng được bầu làm Phó Bí thư Chi bộ.\n")
    assert r["meetings"][0]["kind"] == "đại hội"
    assert r["meetings"][0]["host"] == "Chi bộ Trường THCS Lê Lợi"
    el = {(e["person"], e["title"], e["organization"], e["term"]) for e in r["elections"]}
    assert el == {("Phạm Thị Lan", "Bí thư", "Chi bộ Trường THCS Lê Lợi", "2025-2027"),
                  ("Vũ Đức Thắng", "Phó Bí thư", "Chi bộ Trường THCS Lê Lợi", "2025-2027")}
    assert ("Hiệu trưởng", "Trường THCS Lê Lợi") in positions(r, "Phạm Thị Lan")
    assert roles(r, "Vũ Đức Thắng") == {"attended", "elected"}
    chi_bo = next(o for o in r["organizations"] if o["name"] == "Chi bộ Trường THCS Lê Lợi")
    assert chi_bo["parent"] == "Trường THCS Lê Lợi"


def test_bylines_photographers_and_masthead_are_not_people() -> None:
    r = run("Sáng 3/3, Hội Cựu chiến binh tỉnh Hà Tĩnh tổ chức hội nghị. Đồng chí Lê Văn Bình, Chủ tịch Hội "
            "Cựu chiến binh tỉnh chủ trì hội nghị.\n\nẢnh: Trần Quang Huy\n\nTin, ảnh: Ngọc Ánh\n\nThu Hà\n\n"
            "BÁO HÀ TĨNH ĐIỆN TỬ\n\nTổng biên tập: Nguyễn Văn Hùng\n")
    assert set(people(r)) == {"Lê Văn Bình"}
    assert roles(r, "Lê Văn Bình") == {"attended", "chaired"}


def test_apposition_and_parenthesis_give_parents() -> None:
    r = run("Ngày 16/1, Viện Nghiên cứu Kinh tế hợp tác, Liên minh Hợp tác xã Việt Nam tổ chức hội nghị tổng kết "
            "công tác năm 2022. Dự hội nghị có lãnh đạo Viện Chiến lược (Bộ KH&ĐT).\n")
    orgs = {o["name"]: o for o in r["organizations"]}
    assert orgs["Viện Nghiên cứu Kinh tế hợp tác"]["parent"] == "Liên minh Hợp tác xã Việt Nam"
    assert orgs["Viện Chiến lược"]["parent"] == "Bộ Kế hoạch và Đầu tư"
    assert "Bộ Kế hoạch và Đầu tư" in orgs


def test_party_committee_of_the_unit_and_dang_bo_alias() -> None:
    r = run("Chiều 26/9, Đảng ủy Trường Đại học Tây Bắc tổ chức hội nghị Ban Chấp hành Đảng bộ mở rộng. "
            "PGS.TS Hoàng Xuân Thành, Bí thư Đảng ủy, Chủ tịch Hội đồng trường chủ trì hội nghị.\n")
    assert positions(r, "Hoàng Xuân Thành") == {("Bí thư", "Đảng ủy Trường Đại học Tây Bắc"),
                                                 ("Chủ tịch", "Hội đồng trường Đại học Tây Bắc")}
    assert r["meetings"][0]["host"] == "Đảng ủy Trường Đại học Tây Bắc"


def test_tasks_under_a_forward_frame_with_performer_and_period() -> None:
    r = run("(Baohatinh.vn) - Ngày 12/1, Tỉnh Đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023.\n\n"
            "Năm 2023, Tỉnh Đoàn đã tổ chức 120 công trình thanh niên; hỗ trợ 50 dự án khởi nghiệp.\n\n"
            "Năm 2024, Tỉnh Đoàn tập trung thực hiện các nhiệm vụ: đẩy mạnh giáo dục chính trị cho đoàn viên; "
            "phát triển 2.000 đoàn viên mới; tổ chức Tháng Thanh niên.\n\n"
            "Phát biểu tại hội nghị, đồng chí Nguyễn Văn Hà, Phó Chủ tịch UBND tỉnh đề nghị Tỉnh Đoàn tiếp tục "
            "đổi mới phương thức tập hợp thanh niên.\n")
    tasks = [(t["text"], t["organization"], t["period"]) for t in r["tasks"]]
    assert ("đẩy mạnh giáo dục chính trị cho đoàn viên", "Tỉnh Đoàn Hà Tĩnh", "2024") in tasks
    assert ("phát triển 2.000 đoàn viên mới", "Tỉnh Đoàn Hà Tĩnh", "2024") in tasks
    assert ("tổ chức Tháng Thanh niên", "Tỉnh Đoàn Hà Tĩnh", "2024") in tasks
    assert any(t[0].startswith("tiếp tục đổi mới phương thức") and t[1] == "Tỉnh Đoàn Hà Tĩnh" for t in tasks)
    assert not any("120 công trình" in t[0] for t in tasks)  # a past result is not a task
    assert len(tasks) == 4


def test_numbered_items_and_sentences_are_one_task_each() -> None:
    r = run("Ngày 19/8, Chi bộ Trung tâm Tin học tổ chức Đại hội chi bộ nhiệm kỳ 2022-2025.\n\n"
            "Về phương hướng nhiệm kỳ 2022-2025, Đại hội thống nhất: (1) Học tập, quán triệt các nghị quyết của "
            "Đảng; (2) Lãnh đạo hoàn thành nhiệm vụ chuyên môn, nâng cao chất lượng dịch vụ. Giữ vững đoàn kết "
            "nội bộ; (3) Phấn đấu 100% đảng viên hoàn thành nhiệm vụ.\n")
    texts = [t["text"] for t in r["tasks"]]
    assert texts == ["Học tập, quán triệt các nghị quyết của Đảng",
                     "Lãnh đạo hoàn thành nhiệm vụ chuyên môn, nâng cao chất lượng dịch vụ",
                     "Giữ vững đoàn kết nội bộ",
                     "Phấn đấu 100% đảng viên hoàn thành nhiệm vụ"]
    assert {t["period"] for t in r["tasks"]} == {"nhiệm kỳ 2022-2025"}


def test_every_fact_organization_is_listed_and_evidence_points_into_the_text() -> None:
    text = ("BBK - Chiều 13/7, Liên hiệp các Hội KH&KT tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm 2023. "
            "Đồng chí Nông Quang Nhất, Phó Chủ tịch UBND tỉnh dự hội nghị.\n\nTriển khai nhiệm vụ 6 tháng cuối "
            "năm 2023, Liên hiệp Hội đề ra nhiệm vụ trọng tâm: tiếp tục thăm nắm tình hình trí thức.\n")
    r = run(text)
    listed = org_names(r)
    named = {r["meetings"][0]["host"]} | {t["organization"] for t in r["tasks"]}
    named |= {p["organization"] for person in r["people"] for p in person["positions"]}
    named |= {o["parent"] for o in r["organizations"]}
    assert named - {None} <= listed
    assert "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Kạn" in listed
    for person in r["people"]:
        for ev in person["evidence"]:
            assert text[ev["start"]:ev["end"]] == person["name"]
            s, e = ev["sentence"]
            assert s <= ev["start"] < ev["end"] <= e


def test_decomposed_unicode_and_empty_text_do_not_break() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Sáng 5/7, Hội Nông dân tỉnh Nghệ An tổ chức hội nghị sơ kết năm 2024.")
    r = run(nfd)
    assert r["meetings"][0]["host"] == "Hội Nông dân tỉnh Nghệ An"
    empty = run("")
    assert empty["meetings"] == [] and empty["people"] == [] and empty["id"] == "t"


def test_attendee_list_with_ranks_parentheses_dashes_and_implied_orgs() -> None:
    r = run("(BGĐT) - Ngày 19/1, UBND tỉnh Bắc Giang tổ chức Hội nghị tổng kết công tác khoa học và công nghệ năm "
            "2023. Bộ trưởng Bộ KH&CN Huỳnh Thành Đạt dự và phát biểu chỉ đạo. Đồng chí Nguyễn Văn Gấu - UVTW Đảng, "
            "Bí thư Tỉnh ủy chủ trì hội nghị. Cùng dự có các đồng chí: Trần Văn Lâm, Trưởng đoàn ĐBQH tỉnh; Đại tá "
            "Nguyễn Quốc Toản, Giám đốc Công an tỉnh; TS. Dương Thanh Tùng (Giám đốc Sở KH&CN); ông Ngô Văn Quý – "
            "Chánh Văn phòng UBND tỉnh.\n")
    assert people(r)["Huỳnh Thành Đạt"]["honorific"] is None  # the "CN" of "KH&CN" is no honorific
    assert positions(r, "Huỳnh Thành Đạt") == {("Bộ trưởng", "Bộ Khoa học và Công nghệ")}
    assert ("Bí thư", "Tỉnh ủy Bắc Giang") in positions(r, "Nguyễn Văn Gấu")
    assert roles(r, "Nguyễn Văn Gấu") == {"attended", "chaired"}
    assert positions(r, "Trần Văn Lâm") == {("Trưởng đoàn", "Đoàn Đại biểu Quốc hội tỉnh Bắc Giang")}
    # FORMAT.md's honorific is an academic degree or a form of address ("các đồng chí:" says it of everyone listed);
    # the rank is kept among the person's honorifics
    assert people(r)["Nguyễn Quốc Toản"]["honorific"] == "đồng chí"
    assert people(r)["Nguyễn Quốc Toản"]["honorifics"] == ["Đại tá", "đồng chí"]
    assert people(r)["Trần Văn Lâm"]["honorific"] == "đồng chí"
    assert positions(r, "Nguyễn Quốc Toản") == {("Giám đốc", "Công an tỉnh Bắc Giang")}
    assert positions(r, "Dương Thanh Tùng") == {("Giám đốc", "Sở Khoa học và Công nghệ tỉnh Bắc Giang")}
    assert people(r)["Dương Thanh Tùng"]["honorific"] == "TS"
    # (FORMAT.md's "Bí thư chi bộ" → "Bí thư" of the chi bộ: the office is the post's organization)
    assert positions(r, "Ngô Văn Quý") == {("Chánh Văn phòng", "Văn phòng Ủy ban nhân dân tỉnh Bắc Giang")}


def test_joining_a_standing_board_and_chairs_sharing_a_verb() -> None:
    r = run("QTO - Sáng 28/12, Ban Thường vụ Tỉnh Đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023. Bí thư Tỉnh "
            "Đoàn Trần Hữu Thành và các Phó Bí thư Tỉnh Đoàn: Nguyễn Thị Hồng Nhung, Võ Văn Hiếu chủ trì hội nghị. "
            "Tại hội nghị, Ban Chấp hành Tỉnh Đoàn đã bầu bổ sung đồng chí Phan Thị Thu Trang, Bí thư Huyện Đoàn "
            "Hải Lăng vào Ban Thường vụ Tỉnh Đoàn khóa XVIII, nhiệm kỳ 2022-2027.\n")
    assert r["meetings"][0]["host"] == "Tỉnh Đoàn Quảng Trị"  # the standing board stands for its organization
    for name in ("Trần Hữu Thành", "Nguyễn Thị Hồng Nhung", "Võ Văn Hiếu"):
        assert roles(r, name) == {"attended", "chaired"}
    assert positions(r, "Võ Văn Hiếu") == {("Phó Bí thư", "Tỉnh Đoàn Quảng Trị")}
    el = {(e["person"], e["title"], e["organization"], e["term"]) for e in r["elections"]}
    assert el == {("Phan Thị Thu Trang", "Ủy viên Ban Thường vụ", "Tỉnh Đoàn Quảng Trị", "2022-2027")}
    assert ("Bí thư", "Huyện Đoàn Hải Lăng") in positions(r, "Phan Thị Thu Trang")


def test_a_title_alone_refers_to_the_person_named_with_it_earlier() -> None:
    r = run("(Baonghean.vn) - Sáng 9/1, Hội Nông dân tỉnh tổ chức hội nghị tổng kết công tác năm 2023. Dự hội nghị "
            "có đồng chí Bùi Đình Long, Phó Chủ tịch UBND tỉnh.\n\nPhát biểu chỉ đạo, Phó Chủ tịch UBND tỉnh đề nghị "
            "Hội Nông dân tỉnh tiếp tục đổi mới phương thức hoạt động.\n")
    assert roles(r, "Bùi Đình Long") == {"attended", "spoke"}
    assert [t["text"] for t in r["tasks"]] == ["tiếp tục đổi mới phương thức hoạt động"]
    assert r["tasks"][0]["organization"] == "Hội Nông dân tỉnh Nghệ An"


def test_co_organiser_is_listed_and_a_foot_date_line_gives_the_year() -> None:
    r = run("Sáng 5/7, Hội Nông dân tỉnh Nghệ An phối hợp với Sở Nông nghiệp và PTNT tổ chức hội nghị sơ kết 6 tháng "
            "đầu năm.\n\nCập nhật lúc 10:20 ngày 06/07/2024\n")
    assert r["article"]["published"] == "2024-07-06"
    assert r["meetings"][0]["date"] == "2024-07-05"
    assert r["meetings"][0]["host"] == "Hội Nông dân tỉnh Nghệ An"
    assert "Sở Nông nghiệp và Phát triển nông thôn tỉnh Nghệ An" in org_names(r)


def test_a_page_without_a_meeting_gives_no_meeting_and_no_participation() -> None:
    r = run("Giá lúa tăng mạnh\n\nTheo ông Nguyễn Văn Bình, Giám đốc Sở Công Thương tỉnh An Giang, giá lúa tuần qua "
            "tăng 200 đồng/kg.\n")
    assert r["meetings"] == [] and r["participation"] == []
    assert positions(r, "Nguyễn Văn Bình") == {("Giám đốc", "Sở Công Thương tỉnh An Giang")}


def test_national_report_keeps_national_names_despite_a_province_in_passing() -> None:
    r = run("Liên minh HTX Việt Nam tổng kết năm 2023\n\nNgày 10/1, Liên minh Hợp tác xã Việt Nam tổ chức hội nghị tổng "
            "kết công tác năm 2023. Năm qua, Liên minh đã phối hợp xây dựng mô hình HTX kiểu mới tại Bắc Ninh. Dự hội "
            "nghị có Phó Chủ tịch Liên minh HTX Việt Nam Lê Văn Nghị.\n")
    assert r["article"]["locality"] is None
    assert r["meetings"][0]["host"] == "Liên minh Hợp tác xã Việt Nam"
    assert positions(r, "Lê Văn Nghị") == {("Phó Chủ tịch", "Liên minh Hợp tác xã Việt Nam")}
    assert r["meetings"][0]["date"] == "2024-01-10"


def test_names_keep_the_pages_tone_placement() -> None:
    r = run("Sáng 5/7, Hội Nông dân tỉnh Thanh Hoá tổ chức hội nghị sơ kết năm 2024. Phó Chủ tịch Uỷ ban nhân dân tỉnh "
            "Nguyễn Văn Hoà dự và phát biểu.\n")
    assert positions(r, "Nguyễn Văn Hoà") == {("Phó Chủ tịch", "Uỷ ban nhân dân tỉnh Thanh Hoá")}
    assert roles(r, "Nguyễn Văn Hoà") == {"attended", "spoke"}
    assert r["meetings"][0]["host"] == "Hội Nông dân tỉnh Thanh Hoá"
    assert org_names(r) == {"Hội Nông dân tỉnh Thanh Hoá", "Uỷ ban nhân dân tỉnh Thanh Hoá"}


def test_a_plan_adopted_at_the_meeting_is_ahead_but_a_list_of_results_is_not() -> None:
    r = run("Ngày 16/1/2024, Hội Nông dân tỉnh Yên Bái tổ chức hội nghị tổng kết công tác năm 2023.\n\n"
            "Năm 2023, Hội đã hoàn thành tốt các nhiệm vụ trọng tâm như: phát triển hội viên; xây dựng mô hình.\n\n"
            "Hội nghị đã thống nhất các nhiệm vụ trọng tâm năm 2024 gồm: phát triển 2.000 hội viên mới; xây dựng 50 "
            "mô hình kinh tế tập thể.\n")
    assert [(t["text"], t["period"]) for t in r["tasks"]] == [("phát triển 2.000 hội viên mới", "2024"),
                                                            ("xây dựng 50 mô hình kinh tế tập thể", "2024")]


def test_navigation_bar_on_the_first_line_is_not_the_title() -> None:
    # a .txt article's title is its first line (loaders/documents.py), which may be the page's navigation bar
    nav = ("Trang chủ | Thời sự | Xã hội\nSở Y tế triển khai nhiệm vụ năm 2025\n\nSáng 9/1, Sở Y tế tỉnh Nam Định tổ "
           "chức hội nghị tổng kết công tác năm 2024. Giám đốc Sở Y tế Trần Văn Bình phát biểu tại hội nghị.\n")
    assert run(nav, title="Trang chủ | Thời sự | Xã hội")["article"]["title"] == "Sở Y tế triển khai nhiệm vụ năm 2025"
    site = "Sở Y tế tổng kết năm 2024 | Báo Nam Định"
    text = f"{site}\n\nSáng 9/1, Sở Y tế tỉnh Nam Định tổ chức hội nghị tổng kết công tác năm 2024.\n"
    assert run(text, title=site)["article"]["title"] == "Sở Y tế tổng kết năm 2024"


def test_form_of_address_with_the_given_name_refers_to_the_person_named_before() -> None:
    text = ("Sáng 9/1, Sở Y tế tỉnh Nam Định tổ chức hội nghị tổng kết công tác năm 2024. Giám đốc Sở Y tế Trần Thị "
            "Kim Oanh trình bày báo cáo. Theo bà Oanh, năm 2025 Sở phấn đấu giảm tỷ lệ nợ đọng. Phó Giám đốc Sở "
            "Lê Văn Oanh dự hội nghị.\n")
    r = run(text)
    assert people(r)["Trần Thị Kim Oanh"]["honorific"] == "bà"
    assert people(r)["Lê Văn Oanh"]["honorific"] is None
    # two people share the given name: "ông Oanh" is nobody's
    r = run(text + "Ông Oanh nhấn mạnh yêu cầu đổi mới.\n")
    assert people(r)["Lê Văn Oanh"]["honorific"] is None


def test_given_name_reference_followed_by_a_verb_and_a_place_in_parentheses() -> None:
    r = run("Sáng 9/1, Đảng bộ xã Tân Phú (huyện Đồng Phú) tổ chức hội nghị tổng kết công tác năm 2024. Đồng chí Điểu "
            "Kim Chinh, Bí thư Huyện ủy Đồng Phú dự hội nghị. Giám đốc Sở Y tế Trần Thị Kim Oanh dự hội nghị. "
            "Bà Oanh cho biết, năm 2025 ngành y tế phấn đấu giảm tỷ lệ nợ đọng.\n")
    assert people(r)["Trần Thị Kim Oanh"]["honorific"] == "bà"
    assert positions(r, "Điểu Kim Chinh") == {("Bí thư", "Huyện ủy Đồng Phú")}
    tan_phu = next(o for o in r["organizations"] if o["name"].endswith("xã Tân Phú"))
    assert "huyện Đồng Phú" not in tan_phu["aliases"]


def test_name_right_after_a_district_and_tasks_of_a_body_named_in_lower_case() -> None:
    r = run("QTO - Ngày 12/7, Bệnh viện Đa khoa tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2024. Tham dự "
            "có Giám đốc Trung tâm Y tế huyện Hải Lăng Hoàng Văn Định; Chủ tịch UBND quận Ngũ Hành Sơn Nguyễn Văn An.\n"
            "Giám đốc Bệnh viện Lê Quang Thắng cho biết, 6 tháng cuối năm, bệnh viện tập trung triển khai bệnh án "
            "điện tử; nâng cao chất lượng khám, chữa bệnh.\n"
            "Phát biểu tại hội nghị, ông Hoàng Văn Định đề nghị bệnh viện tiếp tục kiện toàn mạng lưới bác sĩ gia đình.\n")
    assert positions(r, "Hoàng Văn Định") == {("Giám đốc", "Trung tâm Y tế huyện Hải Lăng")}
    assert positions(r, "Nguyễn Văn An") == {("Chủ tịch", "Ủy ban nhân dân quận Ngũ Hành Sơn")}
    tasks = {(t["text"], t["organization"], t["period"]) for t in r["tasks"]}
    host = "Bệnh viện Đa khoa tỉnh Quảng Trị"
    assert tasks == {("tập trung triển khai bệnh án điện tử", host, "6 tháng cuối năm"),
                     ("nâng cao chất lượng khám, chữa bệnh", host, "6 tháng cuối năm"),
                     ("tiếp tục kiện toàn mạng lưới bác sĩ gia đình", host, None)}


def test_school_year_periods_sector_unions_and_a_section_name_above_the_headline() -> None:
    text = ("Giáo dục\nTrường THPT Lê Lợi tổ chức Hội nghị viên chức năm học 2024-2025\n(BKH) - Chiều 15-10-2024, "
            "Trường THPT Lê Lợi tổ chức Hội nghị viên chức năm học 2024-2025. Dự hội nghị có bà Phạm Thị Hồng Vân, "
            "Chủ tịch Công đoàn ngành Giáo dục tỉnh.\n"
            "Năm học 2023-2024, nhà trường tiếp tục đổi mới phương pháp dạy học.\n"
            "Năm học mới, nhà trường phấn đấu duy trì chất lượng giáo dục mũi nhọn.\n"
            "Bà Phạm Thị Hồng Vân ghi nhận kết quả và yêu cầu trường tiếp tục giữ vững vị thế trường chuẩn quốc gia.\n")
    r = run(text, title="Giáo dục")
    assert r["article"]["title"] == "Trường THPT Lê Lợi tổ chức Hội nghị viên chức năm học 2024-2025"
    assert positions(r, "Phạm Thị Hồng Vân") == {("Chủ tịch", "Công đoàn ngành Giáo dục tỉnh Khánh Hòa")}
    tasks = {(t["text"], t["period"]) for t in r["tasks"]}
    assert tasks == {("phấn đấu duy trì chất lượng giáo dục mũi nhọn", "năm học mới"),
                     ("tiếp tục giữ vững vị thế trường chuẩn quốc gia", None)}


def test_plan_quoted_after_a_speech_verb_and_colon() -> None:
    r = run("Ngày 10/1/2024, Hội Nông dân tỉnh Sơn La tổ chức hội nghị tổng kết công tác năm 2023.\n"
            "Bà Cầm Thị Phong, Chủ tịch Hội Nông dân tỉnh Sơn La cho biết: Năm 2024, Hội Nông dân tỉnh phấn đấu kết "
            "nạp mới 4.500 hội viên; hỗ trợ thành lập 20 tổ hợp tác.\n"
            "Ông Lò Văn Minh nhấn mạnh: Năm 2023, Hội đã vận động nông dân đóng góp 20 tỷ đồng.\n")
    tasks = {(t["text"], t["organization"], t["period"]) for t in r["tasks"]}
    assert tasks == {("phấn đấu kết nạp mới 4.500 hội viên", "Hội Nông dân tỉnh Sơn La", "2024"),
                     ("hỗ trợ thành lập 20 tổ hợp tác", "Hội Nông dân tỉnh Sơn La", "2024")}


def test_a_meetings_own_agenda_is_not_a_task() -> None:
    r = run("(Baobacgiang.vn) - Sáng 10/12/2024, HĐND tỉnh khai mạc Kỳ họp thứ 20. Năm 2025, UBND tỉnh phấn đấu "
            "tốc độ tăng trưởng kinh tế đạt 14%.\nKỳ họp sẽ xem xét, thông qua 25 nghị quyết quan trọng.\n")
    assert [t["text"] for t in r["tasks"]] == ["phấn đấu tốc độ tăng trưởng kinh tế đạt 14%"]


def test_the_meeting_held_is_the_one_the_verb_governs_not_one_cited_before_it() -> None:
    r = run("(BLA) - Thực hiện kết luận tại Hội nghị tổng kết năm 2023 của UBND tỉnh, ngày 5/7/2024, Sở Tư pháp tỉnh "
            "tổ chức hội nghị sơ kết công tác tư pháp 6 tháng đầu năm 2024. Giám đốc Sở Tư pháp Trần Văn Hùng chủ trì "
            "hội nghị.\n")
    m = r["meetings"][0]
    assert (m["name"], m["kind"], m["date"], m["host"]) == (
        "Hội nghị sơ kết công tác tư pháp 6 tháng đầu năm 2024", "sơ kết", "2024-07-05", "Sở Tư pháp tỉnh Long An")


def test_a_portal_masthead_is_no_title_and_the_provincial_party_committee_names_the_province() -> None:
    masthead = "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN THỌ XUÂN"
    r = run(f"{masthead}\nUBND huyện tổng kết công tác năm 2023\nNgày đăng: 05/01/2024\nSáng ngày 4/1/2024, UBND huyện "
            "Thọ Xuân tổ chức Hội nghị tổng kết công tác năm 2023. Dự hội nghị có đồng chí Phạm Thị Huyền – Ủy viên "
            "Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy Thanh Hóa.\n", title=masthead)
    assert r["article"]["title"] == "UBND huyện tổng kết công tác năm 2023"
    assert r["article"]["locality"] == "tỉnh Thanh Hóa"
    assert positions(r, "Phạm Thị Huyền") == {("Ủy viên Ban Thường vụ", "Tỉnh ủy Thanh Hóa"),
                                             ("Trưởng ban", "Ban Dân vận Tỉnh ủy Thanh Hóa")}


def test_a_city_named_alone_is_the_meetings_place() -> None:
    r = run("(TTXVN) - Ngày 21/11/2024, tại Cần Thơ, Trường Đại học Cần Thơ tổ chức Hội thảo khoa học về chuyển đổi số.\n")
    assert r["meetings"][0]["location"] == "Cần Thơ"


def test_armed_forces_and_judicial_bodies_of_a_province() -> None:
    r = run("QTO - Ngày 12/7/2024, Bệnh viện Đa khoa tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm. Dự có "
            "Thượng tá Lê Văn Bình, Chính ủy Bộ đội Biên phòng tỉnh; ông Đỗ Văn Tú, Viện trưởng Viện KSND tỉnh; bà Hồ "
            "Thị Hoa, Chánh án TAND tỉnh.\n")
    assert positions(r, "Lê Văn Bình") == {("Chính ủy", "Bộ đội Biên phòng tỉnh Quảng Trị")}
    assert positions(r, "Đỗ Văn Tú") == {("Viện trưởng", "Viện Kiểm sát nhân dân tỉnh Quảng Trị")}
    assert positions(r, "Hồ Thị Hoa") == {("Chánh án", "Tòa án nhân dân tỉnh Quảng Trị")}


def test_less_common_kinds_of_public_body() -> None:
    expected = {
        "Ban Quản lý các Khu công nghiệp tỉnh": "Ban Quản lý các Khu công nghiệp tỉnh Quảng Trị",
        "Ngân hàng Nhà nước chi nhánh tỉnh": "Ngân hàng Nhà nước chi nhánh tỉnh Quảng Trị",
        "Hạt Kiểm lâm huyện Hướng Hóa": "Hạt Kiểm lâm huyện Hướng Hóa",
        "Vườn quốc gia Bạch Mã": "Vườn quốc gia Bạch Mã",
        "Hội Nạn nhân chất độc da cam/dioxin tỉnh": "Hội Nạn nhân chất độc da cam/dioxin tỉnh Quảng Trị",
        "Ban Quản lý dự án đầu tư xây dựng tỉnh": "Ban Quản lý dự án đầu tư xây dựng tỉnh Quảng Trị",
        "Hội Doanh nhân trẻ tỉnh": "Hội Doanh nhân trẻ tỉnh Quảng Trị",
        "Ban Nội chính Tỉnh ủy": "Ban Nội chính Tỉnh ủy Quảng Trị",
        "Cảnh sát phòng cháy chữa cháy tỉnh": "Cảnh sát phòng cháy và chữa cháy tỉnh Quảng Trị",
    }
    for written, name in expected.items():
        r = run("QTO - Ngày 12/7/2024, Sở Y tế tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm. "
                f"Dự có ông Nguyễn Văn An, Phó Giám đốc {written}.\n")
        assert positions(r, "Nguyễn Văn An") == {("Phó Giám đốc", name)}, written


def test_districts_place_an_article_and_are_not_read_as_people() -> None:
    r = run("Sáng 4/1/2024, UBND huyện Thọ Xuân tổ chức Hội nghị tổng kết công tác năm 2023. Chủ tịch UBND tỉnh Đỗ "
            "Minh Tuấn dự hội nghị. Dự có Giám đốc HTX Nông nghiệp Lê Chân Nguyễn Văn An; ông Trần Văn Bình, Chủ "
            "nhiệm Hợp tác xã Nông nghiệp Triệu Phong.\n")
    assert r["article"]["locality"] == "tỉnh Thanh Hóa"
    assert set(people(r)) == {"Đỗ Minh Tuấn", "Nguyễn Văn An", "Trần Văn Bình"}
    assert positions(r, "Nguyễn Văn An") == {("Giám đốc", "Hợp tác xã Nông nghiệp Lê Chân")}
    assert positions(r, "Trần Văn Bình") == {("Chủ nhiệm", "Hợp tác xã Nông nghiệp Triệu Phong")}


def test_a_person_quoted_with_theo_spoke_and_a_presented_paper_is_a_speech() -> None:
    body = "QTO - Ngày 12/7/2024, Sở Y tế tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm. "
    r = run(body + "Theo Giám đốc Sở Y tế Nguyễn Văn An, ngành y tế đã hoàn thành nhiều chỉ tiêu. Giám đốc Bệnh viện "
                   "Đa khoa tỉnh Lê Văn Bình báo cáo tham luận tại hội nghị.\n")
    assert roles(r, "Nguyễn Văn An") == {"attended", "spoke"}
    assert roles(r, "Lê Văn Bình") == {"attended", "spoke"}
    # the one who presented the report and is then quoted reported, as with "cho biết"
    r = run(body + "Phó Giám đốc Sở Y tế Trần Thị Hoa báo cáo kết quả công tác. Theo bà Trần Thị Hoa, ngành y tế đã "
                   "hoàn thành nhiều chỉ tiêu.\n")
    assert roles(r, "Trần Thị Hoa") == {"attended", "reported"}


def tasks(r: dict) -> list[tuple[str, str | None, str | None]]:
    return [(t["text"], t["performer"], t["period"]) for t in r["tasks"]]


def test_a_congress_over_two_days_written_with_dashes_is_dated_by_its_first_day() -> None:
    r = run("Đại hội Hội Người cao tuổi tỉnh\nTrong hai ngày 21 và 22-9-2022, Hội Người cao tuổi tỉnh Trà Vinh tổ chức "
            "Đại hội đại biểu lần thứ VI.\n")
    assert [m["date"] for m in r["meetings"]] == ["2022-09-21"]
    r = run("Đại hội Hội Luật gia\nTừ ngày 3 đến 4.7.2023, Hội Luật gia tỉnh Cà Mau tổ chức Đại hội lần thứ VII.\n")
    assert [m["date"] for m in r["meetings"]] == ["2023-07-03"]
    # a single date with dashes stays a day and a month
    r = run("Đại hội Hội Luật gia\nNgày 11-12-2022, Hội Luật gia tỉnh Cà Mau tổ chức Đại hội lần thứ VII.\n")
    assert [m["date"] for m in r["meetings"]] == ["2022-12-11"]


def test_targets_a_congress_sets_after_chi_tieu_are_tasks_of_its_body() -> None:
    r = run("Sáng 9/9/2022, Hội Cựu chiến binh tỉnh Hòa Bình tổ chức Đại hội đại biểu lần thứ VII, nhiệm kỳ 2022 - 2027. "
            "Đại hội thông qua các chỉ tiêu nhiệm kỳ 2022 - 2027: Hằng năm kết nạp 500 hội viên mới; Giúp 300 hộ hội "
            "viên thoát nghèo.\n")
    assert tasks(r) == [("Hằng năm kết nạp 500 hội viên mới", "Hội Cựu chiến binh tỉnh Hòa Bình", "nhiệm kỳ 2022-2027"),
                        ("Giúp 300 hộ hội viên thoát nghèo", "Hội Cựu chiến binh tỉnh Hòa Bình", "nhiệm kỳ 2022-2027")]


def test_new_kinds_and_abbreviations_of_bodies() -> None:
    r = run("Sáng 6/1/2024, Hội Chữ thập đỏ tỉnh Bến Tre tổ chức hội nghị tổng kết năm 2023. Dự có bà Lê Thị Hoa, "
            "Phó Chủ tịch Trung ương Hội CTĐ Việt Nam; ông Trần Văn Bình, Chủ tịch Hội CTĐ tỉnh; ông Đỗ Văn Cường, "
            "Phó Viện trưởng VKSND tối cao; bà Phạm Thị Dung, Thẩm phán TAND tối cao; ông Lý Văn Em, Cục trưởng Cục "
            "Hải quan tỉnh.\n")
    assert positions(r, "Lê Thị Hoa") == {("Phó Chủ tịch", "Trung ương Hội Chữ thập đỏ Việt Nam")}
    assert positions(r, "Trần Văn Bình") == {("Chủ tịch", "Hội Chữ thập đỏ tỉnh Bến Tre")}  # one body, two spellings
    assert positions(r, "Đỗ Văn Cường") == {("Phó Viện trưởng", "Viện Kiểm sát nhân dân tối cao")}
    assert positions(r, "Phạm Thị Dung") == {("Thẩm phán", "Tòa án nhân dân tối cao")}
    assert positions(r, "Lý Văn Em") == {("Cục trưởng", "Cục Hải quan tỉnh Bến Tre")}


def test_a_post_in_a_body_named_again_by_its_kind_in_lower_case() -> None:
    r = run("Chiều 8/1/2024, Tổng công ty Điện lực miền Bắc tổ chức hội nghị tổng kết năm 2023. Phó Tổng Giám đốc "
            "tổng công ty Nguyễn Văn An trình bày báo cáo. Ông Lê Văn Bình, Kế toán trưởng công ty, phát biểu.\n")
    assert positions(r, "Nguyễn Văn An") == {("Phó Tổng Giám đốc", "Tổng công ty Điện lực miền Bắc")}
    # "công ty" with no company in the article refers to nothing: no position is made up
    assert positions(r, "Lê Văn Bình") == {("Kế toán trưởng", None)} or positions(r, "Lê Văn Bình") == set()


def test_a_verb_after_a_name_ends_the_name() -> None:
    r = run("Chiều 8/1/2024, Công ty Cấp nước Hà Giang tổ chức hội nghị tổng kết năm 2023. Năm 2024, Công ty Cấp "
            "nước Hà Giang phấn đấu doanh thu đạt 90 tỷ đồng.\n")
    assert org_names(r) == {"Công ty Cấp nước Hà Giang"}
    assert tasks(r) == [("phấn đấu doanh thu đạt 90 tỷ đồng", "Công ty Cấp nước Hà Giang", "2024")]


def test_a_task_asked_of_a_lower_case_body_with_its_period_or_of_a_collective_begins_at_the_action() -> None:
    r = run("Sáng 10/1/2024, Sở Y tế tỉnh Yên Bái tổ chức hội nghị tổng kết năm 2023. Phát biểu chỉ đạo, ông Nguyễn "
            "Văn An, Phó Chủ tịch UBND tỉnh đề nghị ngành y tế năm 2024 bám sát kế hoạch được giao. Giám đốc Sở cũng "
            "đề nghị các bệnh viện tuyến huyện rà soát quy trình khám bệnh. Ông Lê Văn Bình đề nghị Thanh tra "
            "hai cấp phối hợp chặt chẽ với các phòng chuyên môn.\n")
    got = tasks(r)
    assert [t[0] for t in got] == ["bám sát kế hoạch được giao", "rà soát quy trình khám bệnh",
                                   "phối hợp chặt chẽ với các phòng chuyên môn"]
    assert got[0][2] == "2024"
    assert got[1][1] == "các bệnh viện tuyến huyện"


def test_a_national_paper_takes_no_province_from_one_quoted_in_passing() -> None:
    r = run("BÁO NÔNG NGHIỆP VIỆT NAM\nThời sự\nNgành thủy sản đặt mục tiêu xuất khẩu 10 tỷ USD\nSáng 5/1/2024, tại "
            "Hà Nội, Tổng cục Thủy sản tổ chức hội nghị tổng kết năm 2023.\nPhát biểu tại hội nghị, Chủ tịch UBND tỉnh "
            "Cà Mau Huỳnh Quốc Việt chia sẻ kinh nghiệm nuôi tôm.\n")
    assert r["article"]["locality"] is None
    # a provincial report in a national paper still names its province in its lead
    r = run("BÁO NÔNG NGHIỆP VIỆT NAM\nThời sự\nCà Mau tổng kết ngành tôm\nSáng 5/1/2024, Sở Nông nghiệp và Phát "
            "triển nông thôn tỉnh Cà Mau tổ chức hội nghị tổng kết năm 2023.\nDự có ông Lê Văn An, Giám đốc Sở Tài "
            "chính.\n")
    assert r["article"]["locality"] == "tỉnh Cà Mau"


def test_breadcrumbs_are_no_headline_and_an_editor_after_the_owner_makes_a_masthead() -> None:
    r = run("Trang chủ > Kinh tế > Doanh nghiệp\nCông ty Cấp nước Hà Giang triển khai nhiệm vụ năm 2024\n"
            "Chiều 8/1/2024, Công ty Cấp nước Hà Giang tổ chức hội nghị tổng kết năm 2023.\n"
            "Cơ quan chủ quản: Tỉnh ủy Hà Giang. Tổng Biên tập: Nguyễn Văn Hải\n", site="Báo Hà Giang")
    assert r["article"]["title"] == "Công ty Cấp nước Hà Giang triển khai nhiệm vụ năm 2024"
    assert "Báo Hà Giang" in org_names(r)


def test_a_person_said_to_be_absent_takes_no_part() -> None:
    r = run("Sáng 5/1/2024, Hội Nông dân tỉnh Hà Nam tổ chức hội nghị tổng kết năm 2023. Đồng chí Nguyễn Văn An, Phó "
            "Chủ tịch UBND tỉnh dự và phát biểu; đồng chí Trần Văn Bình, Phó Bí thư Tỉnh ủy vắng mặt. Đồng chí Lê Thị "
            "Cúc, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh gửi lẵng hoa chúc mừng hội nghị. Ông Hồ Văn Dũng không dự được "
            "hội nghị. Đồng chí Phạm Văn Em, Chủ tịch Hội Nông dân tỉnh chủ trì hội nghị.\n")
    assert roles(r, "Nguyễn Văn An") == {"attended", "spoke"}
    assert roles(r, "Trần Văn Bình") == roles(r, "Lê Thị Cúc") == roles(r, "Hồ Văn Dũng") == set()
    assert roles(r, "Phạm Văn Em") == {"attended", "chaired"}


def test_a_name_goes_on_after_its_abbreviation_in_parentheses() -> None:
    r = run("Hội nghị ngân hàng\n(BTN-TN) - Ngày 15/1/2024, Ngân hàng Nhà nước (NHNN) chi nhánh tỉnh Thái Nguyên tổ chức "
            "hội nghị triển khai nhiệm vụ năm 2024. Dự có ông Lê Văn An, Chủ tịch Ủy ban nhân dân (UBND) huyện Phú "
            "Lương; bà Trần Thị Bình, Giám đốc Sở Giáo dục và Đào tạo (GD&ĐT) tỉnh Bắc Kạn.\n")
    assert [m["host"] for m in r["meetings"]] == ["Ngân hàng Nhà nước chi nhánh tỉnh Thái Nguyên"]
    assert positions(r, "Lê Văn An") == {("Chủ tịch", "Ủy ban nhân dân huyện Phú Lương")}
    assert positions(r, "Trần Thị Bình") == {("Giám đốc", "Sở Giáo dục và Đào tạo tỉnh Bắc Kạn")}
    nhnn = next(o for o in r["organizations"] if o["name"].startswith("Ngân hàng Nhà nước"))
    assert "NHNN" in nhnn["aliases"] and not any("(" in a for a in nhnn["aliases"])


def test_the_party_organisation_of_a_district_is_its_huyen_uy() -> None:
    r = run("Hội nghị Huyện ủy\nLSO - Ngày 19/12/2023, Ban Chấp hành (BCH) Đảng bộ huyện Cao Lộc tổ chức Hội nghị lần "
            "thứ 18. Đồng chí Lương Văn Hùng, Bí thư Huyện ủy chủ trì hội nghị.\n")
    assert [m["host"] for m in r["meetings"]] == ["Huyện ủy Cao Lộc"]
    assert positions(r, "Lương Văn Hùng") == {("Bí thư", "Huyện ủy Cao Lộc")}
    assert "Đảng bộ huyện Cao Lộc" in next(o for o in r["organizations"] if o["name"] == "Huyện ủy Cao Lộc")["aliases"]


def test_neither_the_papers_name_nor_a_byline_is_the_headline() -> None:
    r = run("Báo Lạng Sơn điện tử\nChính trị | Kinh tế | Xã hội\nHuyện ủy Cao Lộc tổng kết năm 2023\nMai Hoa - Thu Hà\n"
            "LSO - Ngày 19/12/2023, Huyện ủy Cao Lộc tổ chức hội nghị tổng kết công tác năm 2023.\n")
    assert r["article"]["title"] == "Huyện ủy Cao Lộc tổng kết năm 2023"


def test_a_year_under_review_in_december_is_no_task_and_the_period_after_an_asked_body_is_skipped() -> None:
    r = run("Tổng kết năm 2023\nNgày 20/12/2023, Huyện ủy Bảo Lạc tổ chức hội nghị tổng kết công tác năm 2023. Năm 2023, "
            "kinh tế của huyện tiếp tục tăng trưởng khá. Phát biểu chỉ đạo, đồng chí Lê Văn An đề nghị Huyện ủy Bảo "
            "Lạc trong thời gian tới tiếp tục chăm lo đời sống nhân dân.\n")
    assert tasks(r) == [("tiếp tục chăm lo đời sống nhân dân", "Huyện ủy Bảo Lạc", "thời gian tới")]
    # in January the same year is ahead
    r = run("Triển khai năm 2024\nNgày 10/1/2024, Huyện ủy Bảo Lạc tổ chức hội nghị triển khai nhiệm vụ năm 2024. "
            "Năm 2024, Huyện ủy Bảo Lạc tiếp tục tăng cường công tác xây dựng Đảng.\n")
    assert tasks(r) == [("tiếp tục tăng cường công tác xây dựng Đảng", "Huyện ủy Bảo Lạc", "2024")]


def test_a_sector_asked_or_told_to_act_is_the_meetings_body_and_its_name_is_not_a_body() -> None:
    r = run("Ngành y tế\nNgày 8/1/2024, Sở Y tế tỉnh Hưng Yên tổ chức hội nghị tổng kết năm 2023. Phát biểu chỉ đạo, Phó "
            "Chủ tịch UBND tỉnh Nguyễn Văn An yêu cầu ngành y tế chuẩn bị tốt nhân lực cho các bệnh viện tuyến huyện. "
            "Bà Lê Thị Bình, Giám đốc Sở Y tế cho biết, năm 2024, ngành Y tế tỉnh phấn đấu giảm tỷ lệ tử vong sơ "
            "sinh.\n")
    assert tasks(r) == [("chuẩn bị tốt nhân lực cho các bệnh viện tuyến huyện", "Sở Y tế tỉnh Hưng Yên", None),
                        ("phấn đấu giảm tỷ lệ tử vong sơ sinh", "Sở Y tế tỉnh Hưng Yên", "2024")]
    assert org_names(r) == {"Sở Y tế tỉnh Hưng Yên", "Ủy ban nhân dân tỉnh Hưng Yên"}


def test_an_editor_elected_at_a_congress_is_a_person_of_the_report() -> None:
    r = run("Đại hội Hội Nhà báo\nSáng 20/11/2020, Hội Nhà báo tỉnh Bình Thuận tổ chức Đại hội lần thứ X. Đại hội bầu "
            "đồng chí Lê Văn An, Tổng Biên tập Báo Bình Thuận giữ chức Chủ tịch Hội Nhà báo tỉnh.\n"
            "Tổng Biên tập: Lê Văn An\n")
    assert positions(r, "Lê Văn An") == {("Tổng biên tập", "Báo Bình Thuận"), ("Chủ tịch", "Hội Nhà báo tỉnh Bình Thuận")}
    assert roles(r, "Lê Văn An") == {"attended", "elected"}
    # a masthead alone names no person of the report
    r = run("Hội nghị\nSáng 20/11/2020, Hội Nhà báo tỉnh Bình Thuận tổ chức hội nghị.\nTổng Biên tập: Lê Văn An\n")
    assert "Lê Văn An" not in people(r)


def test_commercial_bank_branches() -> None:
    r = run("Hội nghị ngân hàng\nNgày 15/1/2024, Ngân hàng Nhà nước chi nhánh tỉnh Bắc Giang tổ chức hội nghị. Dự có ông "
            "Lê Văn An, Giám đốc Agribank chi nhánh tỉnh Bắc Giang; bà Trần Thị Bình, Phó Giám đốc BIDV chi nhánh Bắc "
            "Giang.\n")
    assert positions(r, "Lê Văn An") == {("Giám đốc", "Agribank chi nhánh tỉnh Bắc Giang")}
    assert positions(r, "Trần Thị Bình") == {("Phó Giám đốc", "BIDV chi nhánh Bắc Giang")}


def test_numbered_units_company_forms_and_re_election_by_vote() -> None:
    r = run("Đại hội Công đoàn\nNgày 17/8/2023, Công đoàn Công ty TNHH MTV Cao su Lộc Ninh tổ chức Đại hội lần thứ XI, nhiệm "
            "kỳ 2023-2028. Dự có Thiếu tướng Lê Văn An, Phó Tư lệnh Quân khu 9. Đồng chí Trần Thị Bình được bầu tái cử "
            "Chủ tịch Công đoàn Công ty nhiệm kỳ 2023-2028.\n")
    assert positions(r, "Lê Văn An") == {("Phó Tư lệnh", "Quân khu 9")}
    assert [m["host"] for m in r["meetings"]] == ["Công đoàn Công ty TNHH một thành viên Cao su Lộc Ninh"]
    assert [(e["person"], e["title"], e["term"]) for e in r["elections"]] == [("Trần Thị Bình", "Chủ tịch", "2023-2028")]
    # "quân khu" with no number names no unit
    r = run("Hội nghị\nNgày 5/1/2024, Bộ Chỉ huy Quân sự tỉnh Long An tổ chức hội nghị. Dự có ông Lê Văn An, Phó Chỉ huy "
            "trưởng quân khu.\n")
    assert not any(o["name"].startswith("Quân khu") for o in r["organizations"])


def test_a_section_with_a_dash_and_a_site_name_with_its_suffix_are_no_headline() -> None:
    r = run("Báo Tây Ninh Online\nQuốc phòng - An ninh\nBộ Chỉ huy Quân sự tỉnh tổng kết năm 2023\nNgày 26/12/2023, Bộ "
            "Chỉ huy Quân sự tỉnh tổ chức hội nghị tổng kết, tại TP.HCM.\n")
    assert r["article"]["title"] == "Bộ Chỉ huy Quân sự tỉnh tổng kết năm 2023"
    assert r["article"]["locality"] == "tỉnh Tây Ninh"


def test_the_annotated_honorific_is_a_degree_or_a_form_of_address_and_the_others_are_kept() -> None:
    r = run("Hội nghị\nNgày 5/1/2024, Bệnh viện Đa khoa tỉnh Hà Giang tổ chức hội nghị. Thượng tá Lê Văn An, Phó Giám "
            "đốc Công an tỉnh dự. BSCKII Trần Thị Bình, Giám đốc bệnh viện chủ trì. Bà Trần Thị Bình cho biết bệnh "
            "viện đã hoàn thành kế hoạch. Thầy Hồ Văn Cường, Hiệu trưởng Trường THPT Hà Giang phát biểu.\n")
    assert people(r)["Lê Văn An"]["honorific"] is None and people(r)["Lê Văn An"]["honorifics"] == ["Thượng tá"]
    assert people(r)["Trần Thị Bình"]["honorific"] == "bà"
    assert set(people(r)["Trần Thị Bình"]["honorifics"]) == {"BSCKII", "bà"}
    assert people(r)["Hồ Văn Cường"]["honorific"] is None and people(r)["Hồ Văn Cường"]["honorifics"] == ["thầy"]


def test_a_list_after_cung_chu_tri_all_chair_and_an_asked_collective_after_a_period() -> None:
    r = run("Hội nghị Tỉnh ủy\nNgày 8/12/2023, Tỉnh ủy Bình Dương tổ chức hội nghị tổng kết năm 2023. Cùng chủ trì có các "
            "đồng chí: Lê Văn An, Phó Bí thư Tỉnh ủy; Trần Văn Bình, Chủ tịch UBND tỉnh. Đồng chí Lê Văn An đề nghị "
            "trong quý I, các cơ quan báo chí tập trung tuyên truyền Tết. Đồng chí Trần Văn Bình yêu cầu các cấp ủy, "
            "chính quyền đẩy nhanh giải ngân vốn đầu tư công.\n")
    assert roles(r, "Lê Văn An") >= {"attended", "chaired"} and roles(r, "Trần Văn Bình") >= {"attended", "chaired"}
    assert tasks(r) == [("tập trung tuyên truyền Tết", "các cơ quan báo chí", "quý I"),
                        ("đẩy nhanh giải ngân vốn đầu tư công", "các cấp ủy, chính quyền", None)]


def test_names_with_social_sciences_coordinated_heads_and_the_youth_unions_short_name() -> None:
    r = run("Hội thảo\nNgày 23/10/2023, Viện Nghiên cứu Trung Quốc (Viện Hàn lâm Khoa học xã hội Việt Nam) tổ chức hội "
            "thảo. PGS.TS Lê Văn An, Viện trưởng Viện Nghiên cứu Trung Quốc và GS.TS Trần Văn Bình, Giám đốc Học viện "
            "Ngoại giao đồng chủ trì hội thảo.\n")
    org = next(o for o in r["organizations"] if o["name"] == "Viện Nghiên cứu Trung Quốc")
    assert org["parent"] == "Viện Hàn lâm Khoa học xã hội Việt Nam"
    assert positions(r, "Lê Văn An") == {("Viện trưởng", "Viện Nghiên cứu Trung Quốc")}
    r = run("Đại hội Đoàn\nNgày 25/10/2022, Đoàn TNCS Hồ Chí Minh Trường Đại học Vinh tổ chức Đại hội lần thứ XII. Đồng chí "
            "Lê Văn An, Bí thư Đoàn trường trình bày báo cáo. Đồng chí Trần Văn Bình, Phó Bí thư Đoàn Thanh niên Trường "
            "Đại học Vinh phát biểu.\n")
    union = "Đoàn Thanh niên Cộng sản Hồ Chí Minh Trường Đại học Vinh"
    assert positions(r, "Lê Văn An") == {("Bí thư", union)} and positions(r, "Trần Văn Bình") == {("Phó Bí thư", union)}


def test_an_abbreviation_the_article_defines_names_its_body_later() -> None:
    r = run("Tổng kết\nNgày 4/1/2024, Tập đoàn Dầu khí Việt Nam (PVN) tổ chức hội nghị tổng kết năm 2023. Tổng Giám đốc "
            "PVN Lê Văn An trình bày báo cáo. Năm 2024, PVN phấn đấu tổng doanh thu đạt 900 nghìn tỷ đồng.\n")
    assert positions(r, "Lê Văn An") == {("Tổng Giám đốc", "Tập đoàn Dầu khí Việt Nam")}
    assert tasks(r) == [("phấn đấu tổng doanh thu đạt 900 nghìn tỷ đồng", "Tập đoàn Dầu khí Việt Nam", "2024")]
    # an abbreviation no article defined names nothing
    r = run("Tổng kết\nNgày 4/1/2024, Sở Công Thương tỉnh Nghệ An tổ chức hội nghị. Giám đốc PVN Lê Văn An dự.\n")
    assert positions(r, "Lê Văn An") in ({("Giám đốc", None)}, set())


def test_a_meeting_named_as_a_time_is_not_the_one_held() -> None:
    r = run("Tiếp xúc cử tri\nQTO - Chiều 20/5/2024, Đoàn đại biểu Quốc hội tỉnh Quảng Trị đã có buổi tiếp xúc cử tri huyện "
            "Gio Linh trước Kỳ họp thứ 7, Quốc hội khóa XV. Đồng chí Lê Văn An, Phó Trưởng đoàn chuyên trách Đoàn ĐBQH "
            "tỉnh tiếp thu ý kiến và cho biết sẽ chuyển đến các cơ quan có thẩm quyền.\n")
    (m,) = r["meetings"]
    assert m["name"].startswith("Buổi tiếp xúc cử tri") and m["date"] == "2024-05-20"
    assert m["host"] == "Đoàn Đại biểu Quốc hội tỉnh Quảng Trị"
    assert not any(o["name"].startswith("Quốc hội") for o in r["organizations"])
    assert [t[0] for t in tasks(r)] == ["sẽ chuyển đến các cơ quan có thẩm quyền"]


def test_a_second_meeting_with_its_own_date_and_organiser_is_listed_but_not_one_planned() -> None:
    r = run("Hội Nông dân\n(BĐ) - Ngày 12.1.2024, Hội Nông dân tỉnh Bình Định tổ chức hội nghị triển khai nhiệm vụ năm "
            "2024. Trước đó, ngày 10.1, Đảng đoàn Hội Nông dân tỉnh đã tổ chức hội nghị kiểm điểm năm 2023. Ngày 20.3, "
            "Hội sẽ tổ chức Đại hội đại biểu lần thứ XI.\n")
    assert [(m["date"], m["host"]) for m in r["meetings"]] == [
        ("2024-01-12", "Hội Nông dân tỉnh Bình Định"), ("2024-01-10", "Đảng đoàn Hội Nông dân tỉnh Bình Định")]
    assert "Đảng đoàn Hội Nông dân tỉnh Bình Định" in org_names(r)


def test_a_quoted_request_loses_its_quotation_marks_and_attribution() -> None:
    r = run("Sơ kết\n(AGO) - Sáng 11-7-2024, Sở Y tế An Giang tổ chức hội nghị sơ kết 6 tháng đầu năm. “6 tháng cuối năm, "
            "toàn ngành phải tập trung phòng, chống dịch sốt xuất huyết; nâng cao chất lượng khám bệnh” - Phó Chủ tịch "
            "UBND tỉnh Nguyễn Thị Minh Thúy nhấn mạnh. Theo bà Nguyễn Thị Minh Thúy, năm 2025, Sở Y tế An Giang tập "
            "trung xây dựng bệnh viện tuyến huyện.\n")
    assert [t[0] for t in tasks(r)] == ["phải tập trung phòng, chống dịch sốt xuất huyết", "nâng cao chất lượng khám bệnh",
                                        "tập trung xây dựng bệnh viện tuyến huyện"]


def test_abbreviated_committee_titles_a_date_in_words_and_the_citys_dotted_abbreviation() -> None:
    r = run("Hội nghị\nNgày 12 tháng 1 năm 2024, Ban Dân vận Tỉnh ủy Thái Bình tổ chức hội nghị tổng kết năm 2023. Dự có "
            "đồng chí Nguyễn Văn An, UVBTV Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy; đồng chí Lê Minh, UV BTV Tỉnh ủy, Chủ "
            "tịch UBMTTQ tỉnh; đồng chí Hà Ban, Phó Trưởng ban Thường trực Ban Dân vận Tỉnh ủy; ông Võ Văn Cường, Giám "
            "đốc Sở Nội vụ TP. Hồ Chí Minh.\n")
    assert [m["date"] for m in r["meetings"]] == ["2024-01-12"]
    assert positions(r, "Lê Minh") == {("Ủy viên Ban Thường vụ", "Tỉnh ủy Thái Bình"),
                                       ("Chủ tịch", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Bình")}
    assert positions(r, "Hà Ban") == {("Phó Trưởng ban Thường trực", "Ban Dân vận Tỉnh ủy Thái Bình")}
    assert positions(r, "Võ Văn Cường") == {("Giám đốc", "Sở Nội vụ thành phố Hồ Chí Minh")}


def test_re_election_told_with_tiep_tuc_a_bare_head_as_subject_and_a_defined_abbreviation_with_its_place() -> None:
    r = run("Đại hội\n(LĐ) - Ngày 28/7/2020, Liên minh HTX tỉnh Lâm Đồng tổ chức Đại hội đại biểu lần thứ VI, nhiệm kỳ 2020 - "
            "2025. Ông Nguyễn Văn Bảy tiếp tục được bầu giữ chức Chủ tịch Liên minh HTX tỉnh khóa VI.\n")
    assert [(e["person"], e["title"]) for e in r["elections"]] == [("Nguyễn Văn Bảy", "Chủ tịch")]
    r = run("Tổng kết\nNgày 12/1/2024, Trung tâm Y tế (TTYT) huyện Minh Long tổ chức hội nghị tổng kết năm 2023. Năm 2024, "
            "TTYT huyện Minh Long phấn đấu 100% trạm y tế có bác sĩ. Trong 3 tháng cuối năm, Ban phấn đấu hoàn thành "
            "kế hoạch.\n")
    got = tasks(r)
    assert got[0] == ("phấn đấu 100% trạm y tế có bác sĩ", "Trung tâm Y tế huyện Minh Long", "2024")


def test_regional_units_the_new_tax_body_and_a_person_after_a_provinces_name() -> None:
    r = run("Sơ kết\nNgày 14/7/2025, Kho bạc Nhà nước khu vực VII tổ chức hội nghị sơ kết 6 tháng đầu năm. Giám đốc Kho bạc "
            "Nhà nước khu vực VII Lê Thị Hà chủ trì. Trưởng Thuế tỉnh Bắc Ninh Nguyễn Văn Phong phát biểu. Đội trưởng "
            "Đội Quản lý thị trường số 5 Trần Văn Hòa dự.\n")
    assert [m["host"] for m in r["meetings"]] == ["Kho bạc Nhà nước khu vực VII"]
    assert positions(r, "Lê Thị Hà") == {("Giám đốc", "Kho bạc Nhà nước khu vực VII")}
    assert positions(r, "Nguyễn Văn Phong") == {("Trưởng", "Thuế tỉnh Bắc Ninh")}
    assert positions(r, "Trần Văn Hòa") == {("Đội trưởng", "Đội Quản lý thị trường số 5")}
    # "thuế" alone is a tax, not a body
    r = run("Hội nghị\nNgày 5/1/2024, Sở Tài chính tỉnh Bắc Ninh tổ chức hội nghị. Thuế thu nhập cá nhân tăng 12%.\n")
    assert not any(o["name"].startswith("Thuế") for o in r["organizations"])


def test_names_opening_with_a_a_project_in_straight_quotes_a_recipient_and_a_shortened_name() -> None:
    r = run("Tổng kết\n(BKT) - Sáng 11/1/2024, Ban Dân tộc tỉnh Kon Tum tổ chức hội nghị tổng kết năm 2023. Trưởng Ban Dân "
            "tộc tỉnh A Vương chủ trì. Năm 2024, Ban Dân tộc tỉnh tiếp tục triển khai Đề án \"Hỗ trợ đồng bào\"; giảm "
            "hộ nghèo. Tại hội nghị, Ban Dân tộc tỉnh trao Bằng khen cho ông Lê Văn An, Trưởng thôn Kon Klor.\n"
            "Cỡ chữ: A- A A+ | In trang\n")
    assert positions(r, "A Vương") == {("Trưởng ban", "Ban Dân tộc tỉnh Kon Tum")}
    assert "A A" not in people(r)
    assert tasks(r)[0][0] == 'tiếp tục triển khai Đề án "Hỗ trợ đồng bào"'
    assert roles(r, "Lê Văn An") == {"attended"}
    r = run("Tổng kết\nSáng 18/1/2024, Đảng ủy Khối Doanh nghiệp thành phố Hải Phòng tổ chức hội nghị tổng kết năm 2023. "
            "Đồng chí Lê Văn An đề nghị Đảng ủy Khối tập trung lãnh đạo các doanh nghiệp.\n")
    assert org_names(r) == {"Đảng ủy Khối Doanh nghiệp thành phố Hải Phòng"}


def test_a_citys_party_committee_inside_a_province_and_a_station_by_its_bare_head() -> None:
    r = run("Tổng kết\nBNA - Chiều 5/1/2024, UBND TP. Vinh tổ chức hội nghị tổng kết năm 2023. Đồng chí Phan Đức Định, Bí "
            "thư Thành ủy Vinh chủ trì. Đồng chí Lê Văn An, Phó Bí thư Thành ủy dự.\n")
    assert positions(r, "Phan Đức Định") == {("Bí thư", "Thành ủy Vinh")}
    assert positions(r, "Lê Văn An") == {("Phó Bí thư", "Thành ủy Vinh")}
    r = run("Tổng kết\n(BTB) - Chiều 9/1/2024, Đài Phát thanh và Truyền hình Thái Bình tổ chức hội nghị tổng kết năm 2023. Phó "
            "Giám đốc Đài Nguyễn Thị Hạnh trình bày báo cáo.\n")
    assert positions(r, "Nguyễn Thị Hạnh") == {("Phó Giám đốc", "Đài Phát thanh và Truyền hình Thái Bình")}


def test_opening_closing_a_meeting_and_presenting_a_draft_are_roles() -> None:
    r = run("Hội nghị\nNgày 15/12/2023, Sở Tư pháp tỉnh Bến Tre tổ chức hội nghị tổng kết năm 2023. Đồng chí Lý Văn Giang, "
            "Chánh Văn phòng Sở khai mạc hội nghị. Đồng chí Trần Văn Bình, Phó Giám đốc Sở thông qua dự thảo Nghị quyết "
            "hội nghị. Đồng chí Võ Thị Phương, Phó Giám đốc Sở bế mạc hội nghị.\n")
    assert roles(r, "Lý Văn Giang") == {"attended", "spoke"}
    assert roles(r, "Trần Văn Bình") == {"attended", "reported"}
    assert roles(r, "Võ Thị Phương") == {"attended", "spoke"}


def test_names_ending_with_ho_chi_minh_a_parent_before_the_place_and_who_acts_within_a_collective() -> None:
    r = run("Hội thảo\nNgày 22/5/2024, tại Hà Nội, Học viện Chính trị quốc gia Hồ Chí Minh tổ chức hội thảo. GS.TS Lê Văn An, "
            "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh chủ trì.\n")
    assert positions(r, "Lê Văn An") == {("Giám đốc", "Học viện Chính trị quốc gia Hồ Chí Minh")}
    assert r["article"]["locality"] is None
    r = run("Sơ kết\nSTO - Sáng 12/7/2024, Ban Tôn giáo (Sở Nội vụ) tỉnh Sóc Trăng tổ chức hội nghị sơ kết. Hòa thượng Thạch "
            "Sang, Phó Chủ tịch Hội đồng Trị sự Giáo hội Phật giáo Việt Nam dự. Năm 2024, các đơn vị trong Ban tiếp tục "
            "nắm chắc tình hình.\n")
    (ban,) = [o for o in r["organizations"] if o["name"].startswith("Ban Tôn giáo")]
    assert ban["name"] == "Ban Tôn giáo tỉnh Sóc Trăng" and ban["parent"] == "Sở Nội vụ tỉnh Sóc Trăng"
    assert positions(r, "Thạch Sang") == {("Phó Chủ tịch", "Hội đồng Trị sự Giáo hội Phật giáo Việt Nam")}
    assert people(r)["Thạch Sang"]["honorific"] is None and people(r)["Thạch Sang"]["honorifics"] == ["Hòa thượng"]
    assert tasks(r) == [("tiếp tục nắm chắc tình hình", "các đơn vị trong Ban", "2024")]


def test_items_numbered_with_a_slash_a_district_in_parentheses_and_a_member_university() -> None:
    r = run("Tổng kết\n(GLO)- Chiều 5-1-2024, Sở Tài chính tỉnh Gia Lai tổ chức hội nghị tổng kết năm 2023.\nNăm 2024, Sở "
            "Tài chính tập trung thực hiện 2 nhiệm vụ trọng tâm:\n1/ Đẩy nhanh tiến độ giải ngân vốn đầu tư công.\n2/ "
            "Tăng cường kiểm tra việc sử dụng tài sản công.\n")
    assert [t[0] for t in tasks(r)] == ["Đẩy nhanh tiến độ giải ngân vốn đầu tư công",
                                        "Tăng cường kiểm tra việc sử dụng tài sản công"]
    r = run("Đại hội\nNgày 10-4-2022, Hội Cựu chiến binh xã Hải Hà (Hải Hậu) tổ chức Đại hội lần thứ VII. PGS.TS Lê Văn An, "
            "Hiệu trưởng Trường Đại học Bách khoa - Đại học Đà Nẵng dự.\n")
    hoi = next(o for o in r["organizations"] if o["name"].startswith("Hội Cựu chiến binh"))
    assert "Hải Hậu" not in hoi["aliases"]
    bk = next(o for o in r["organizations"] if o["name"] == "Trường Đại học Bách khoa")
    assert bk["parent"] == "Đại học Đà Nẵng"


def test_a_province_just_named_qualifies_a_bare_level_in_a_national_paper_and_the_national_border_guard() -> None:
    r = run("BÁO SỨC KHỎE & ĐỜI SỐNG\nTổng kết\nNgày 12/1/2024, Bộ Y tế tổ chức hội nghị trực tuyến tổng kết năm 2023.\nTại "
            "điểm cầu tỉnh Thanh Hóa có đồng chí Đầu Thanh Tâm, Phó Chủ tịch UBND tỉnh.\n")
    assert positions(r, "Đầu Thanh Tâm") == {("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Thanh Hóa")}
    r = run("Tổng kết\nNgày 4/1/2024, Bộ Chỉ huy Bộ đội Biên phòng tỉnh An Giang tổ chức hội nghị tổng kết năm 2023. Dự có "
            "Thiếu tướng Lê Đức Thịnh, Phó Tư lệnh Bộ đội Biên phòng.\n")
    assert positions(r, "Lê Đức Thịnh") == {("Phó Tư lệnh", "Bộ đội Biên phòng")}


def test_a_central_committee_of_an_association_a_project_board_and_the_levels_of_an_association() -> None:
    r = run("Hội nghị\nNgày 20/12/2023, tại Hà Nội, Ban Chấp hành Trung ương Hội Nông dân Việt Nam tổ chức Hội nghị lần thứ "
            "8. Năm 2024, các cấp Hội phấn đấu kết nạp mới 150.000 hội viên.\n")
    assert [m["host"] for m in r["meetings"]] == ["Trung ương Hội Nông dân Việt Nam"]
    assert tasks(r) == [("phấn đấu kết nạp mới 150.000 hội viên", "các cấp Hội", "2024")]
    r = run("Tổng kết\n(QNO) - Chiều 8/1/2024, Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh tổ chức hội "
            "nghị tổng kết năm 2023. Giám đốc Ban Quản lý Huỳnh Văn Phú chủ trì. Năm 2024, Ban Quản lý dự án được giao "
            "kế hoạch vốn 2.300 tỷ đồng. Ông Huỳnh Văn Phú cho biết, Ban sẽ hoàn thành cầu Cửa Đại.\n")
    board = "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Quảng Nam"
    assert positions(r, "Huỳnh Văn Phú") == {("Giám đốc", board)}
    assert [t[0] for t in tasks(r)] == ["sẽ hoàn thành cầu Cửa Đại"]


def test_a_communes_party_committee_the_blocs_youth_union_and_a_forest_station() -> None:
    r = run("Kỳ họp\nNgày 22/12/2023, HĐND xã Đông Hưng tổ chức Kỳ họp thứ 12. Ông Trịnh Văn Hùng - Bí thư Đảng ủy, Chủ tịch "
            "HĐND xã chủ trì kỳ họp.\n")
    assert positions(r, "Trịnh Văn Hùng") == {("Bí thư", "Đảng ủy xã Đông Hưng"), ("Chủ tịch", "Hội đồng nhân dân xã Đông Hưng")}
    r = run("Tổng kết\nChiều 22/12/2023, Ban Chấp hành Đoàn Khối các cơ quan tỉnh Quảng Ninh tổ chức hội nghị tổng kết năm 2023. "
            "Năm 2024, Đoàn Khối phấn đấu giới thiệu 150 đoàn viên ưu tú cho Đảng. Hạt trưởng Hạt Kiểm lâm huyện Đà Bắc "
            "Xa Văn Dũng dự.\n")
    assert "Đoàn Khối" not in people(r)
    assert tasks(r) == [("phấn đấu giới thiệu 150 đoàn viên ưu tú cho Đảng", "Đoàn Khối các cơ quan tỉnh Quảng Ninh", "2024")]
    assert positions(r, "Xa Văn Dũng") == {("Hạt trưởng", "Hạt Kiểm lâm huyện Đà Bắc")}


def test_a_list_of_bodies_a_capitalised_bloc_committee_a_sector_by_abbreviation_and_what_is_set_among_targets() -> None:
    r = run("Giao ban\nSáng 1/7/2024, Ban Tuyên giáo Tỉnh ủy Long An tổ chức giao ban báo chí. Tham dự có lãnh đạo Hội Nhà "
            "báo tỉnh, Báo Long An, Đài Phát thanh và Truyền hình Long An.\n")
    parents = {o["name"]: o["parent"] for o in r["organizations"]}
    assert parents.get("Báo Long An", "absent") is None and parents.get("Hội Nhà báo tỉnh Long An", "absent") is None
    r = run("Đại hội\nNgày 24/4/2025, Đảng bộ Trường Cao đẳng Y tế Phú Yên tổ chức Đại hội. Dự có đồng chí Đào Thị Vân, Phó Bí "
            "thư Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Phú Yên.\n")
    assert positions(r, "Đào Thị Vân") == {("Phó Bí thư", "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Phú Yên")}
    r = run("Tổng kết\nChiều 12/1/2024, Sở LĐ-TB&XH tỉnh Sơn La tổ chức hội nghị tổng kết năm 2023. Năm 2024, ngành LĐ-TB&XH "
            "phấn đấu đào tạo nghề cho 8.000 người.\n")
    assert tasks(r) == [("phấn đấu đào tạo nghề cho 8.000 người", "Sở Lao động - Thương binh và Xã hội tỉnh Sơn La", "2024")]
    r = run("Đại hội\nNgày 18/5/2023, Liên đoàn Lao động huyện Yên Thế tổ chức Đại hội Công đoàn huyện lần thứ XXII. Đại hội "
            "đề ra 8 chỉ tiêu, trong đó phấn đấu phát triển 1.000 đoàn viên.\n")
    assert [t[0] for t in tasks(r)] == ["phấn đấu phát triển 1.000 đoàn viên"]
    for lead, who in (("Trong tháng 7, các cơ quan báo chí", "các cơ quan báo chí"), ("Tháng 7, Ban", "Ban")):
        r = run(f"Giao ban\nSáng 1/7/2024, Ban Tuyên giáo Tỉnh ủy Bến Tre tổ chức giao ban báo chí tháng 6/2024. {lead} tập "
                "trung tuyên truyền kỷ niệm Ngày Thương binh - Liệt sĩ.\n")
        assert [t[0] for t in tasks(r)] == ["tập trung tuyên truyền kỷ niệm Ngày Thương binh - Liệt sĩ"], who


def test_a_portal_masthead_in_capitals_the_half_year_under_review_and_a_banks_branch() -> None:
    r = run("CỔNG THÔNG TIN ĐIỆN TỬ SỞ TÀI CHÍNH NAM ĐỊNH\nSơ kết 6 tháng\nNgày 12/7/2024, Sở Tài chính tổ chức hội nghị "
            "sơ kết 6 tháng đầu năm 2024. 6 tháng đầu năm 2024, thu ngân sách đạt 3.200 tỷ đồng; chi ngân sách tăng 8%. "
            "6 tháng cuối năm 2024, Sở tập trung quản lý chặt chẽ nguồn thu.\n")
    assert r["article"]["locality"] == "tỉnh Nam Định"
    assert [t[0] for t in tasks(r)] == ["tập trung quản lý chặt chẽ nguồn thu"]
    r = run("Tổng kết\nSáng 12/1/2024, Ban đại diện Hội đồng quản trị Ngân hàng Chính sách xã hội (NHCSXH) tỉnh Hà Giang "
            "tổ chức hội nghị tổng kết năm 2023. Đồng chí Lò Thị Mai, Phó Chủ tịch UBND tỉnh, Trưởng Ban đại diện HĐQT "
            "NHCSXH tỉnh chủ trì. Giám đốc Chi nhánh NHCSXH tỉnh Vàng Văn Páo báo cáo. Năm 2024, NHCSXH tỉnh phấn đấu "
            "tăng trưởng dư nợ 10%.\n")
    board = "Ban đại diện Hội đồng quản trị Ngân hàng Chính sách xã hội tỉnh Hà Giang"
    branch = "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Hà Giang"
    orgs = {o["name"]: o for o in r["organizations"]}
    assert r["meetings"][0]["host"] == board and "NHCSXH" not in orgs[board]["aliases"]
    assert ("Trưởng ban", board) in positions(r, "Lò Thị Mai")
    assert positions(r, "Vàng Văn Páo") == {("Giám đốc", branch)}
    assert "Ngân hàng Chính sách xã hội tỉnh Hà Giang" in orgs[branch]["aliases"] and orgs[branch]["parent"] is None
    assert "Ngân hàng Chính sách xã hội tỉnh Hà Giang" not in orgs
    assert tasks(r) == [("phấn đấu tăng trưởng dư nợ 10%", branch, "2024")]
    r = run("Đại hội\nNgày 25/6/2021, Hội Người cao tuổi (NCT) tỉnh Bắc Ninh tổ chức Đại hội đại biểu lần thứ VII.\n")
    assert r["organizations"][0]["name"] == "Hội Người cao tuổi tỉnh Bắc Ninh"
    assert "NCT" not in r["organizations"][0]["aliases"]


def test_artists_elected_together_a_provinces_telecom_branch_and_its_group_and_who_advises() -> None:
    r = run("Đại hội\nNgày 13/10/2023, Hội Văn học Nghệ thuật tỉnh Nam Định tổ chức Đại hội. Dự có nhà thơ Lê Văn Khải, Phó "
            "Chủ tịch Liên hiệp các Hội Văn học Nghệ thuật Việt Nam. Nhạc sĩ Đỗ Văn Vịnh tái đắc cử Chủ tịch Hội; họa sĩ Phạm "
            "Thu Hiên và nhà văn Vũ Đức Ngạn được bầu làm Phó Chủ tịch.\n")
    assert positions(r, "Lê Văn Khải") == {("Phó Chủ tịch", "Liên hiệp các Hội Văn học Nghệ thuật Việt Nam")}
    for name in ("Phạm Thu Hiên", "Vũ Đức Ngạn"):
        assert positions(r, name) == {("Phó Chủ tịch", "Hội Văn học Nghệ thuật tỉnh Nam Định")}
        assert people(r)[name]["honorific"] is None  # a profession is kept among the honorifics, not annotated
    assert people(r)["Phạm Thu Hiên"]["honorifics"] == ["Họa sĩ"]
    r = run("Tổng kết\nChiều 18/1/2024, Viettel Ninh Thuận (Chi nhánh Viettel Ninh Thuận - Tập đoàn Công nghiệp - Viễn "
            "thông Quân đội) tổ chức hội nghị tổng kết năm 2023. Dự có ông Lê Văn Hứa, Phó Tổng Giám đốc Tổng Công ty Viễn "
            "thông Viettel. Năm 2024, Viettel Ninh Thuận phấn đấu phủ sóng 5G tại các huyện. Giám đốc Viettel Ninh Thuận "
            "Trần Quốc Vượng tiếp thu ý kiến chỉ đạo.\n")
    orgs = {o["name"]: o for o in r["organizations"]}
    assert r["meetings"][0]["host"] == "Viettel Ninh Thuận"
    assert orgs["Viettel Ninh Thuận"]["parent"] == "Tập đoàn Công nghiệp - Viễn thông Quân đội"
    assert "Chi nhánh Viettel Ninh Thuận" in orgs["Viettel Ninh Thuận"]["aliases"]
    assert positions(r, "Lê Văn Hứa") == {("Phó Tổng Giám đốc", "Tổng công ty Viễn thông Viettel")}
    assert positions(r, "Trần Quốc Vượng") == {("Giám đốc", "Viettel Ninh Thuận")}
    assert ("Trần Quốc Vượng", "spoke") in {(p["person"], p["role"]) for p in r["participation"]}
    assert tasks(r) == [("phấn đấu phủ sóng 5G tại các huyện", "Viettel Ninh Thuận", "2024")]
    r = run("Tổng kết\nNgày 4/1/2024, Ban Chỉ huy Quân sự (CHQS) huyện Cư Kuin tổ chức hội nghị tổng kết năm 2023. Năm 2024, "
            "Ban CHQS huyện tham mưu cho Huyện ủy, UBND huyện tổ chức tốt diễn tập khu vực phòng thủ.\n")
    assert tasks(r) == [("tham mưu cho Huyện ủy, UBND huyện tổ chức tốt diễn tập khu vực phòng thủ",
                         "Ban Chỉ huy Quân sự huyện Cư Kuin", "2024")]


def test_an_abbreviation_after_a_name_gives_the_short_name_it_makes() -> None:
    for written, short in (("Phòng Giáo dục và Đào tạo (GD&ĐT) huyện Mộc Châu", "Phòng GD&ĐT"),
                           ("Cục Thi hành án dân sự (THADS) tỉnh Hà Tĩnh", "Cục THADS"),
                           ("Hội Người cao tuổi (NCT) tỉnh Hà Tĩnh", "Hội NCT"),
                           ("Ủy ban nhân dân (UBND) tỉnh Hà Tĩnh", "UBND"),
                           ("Tập đoàn Điện lực Việt Nam (EVN)", "EVN")):
        r = run(f"Tổng kết\nSáng 19/8/2024, {written} tổ chức hội nghị tổng kết.\n")
        assert r["organizations"][0]["aliases"][:1] == [short], written


def test_a_students_union_named_two_ways_a_board_member_elected_at_a_shareholders_meeting_and_a_post_by_its_head() -> None:
    r = run("Đại hội\nNgày 15/12/2023, Hội Sinh viên Việt Nam tỉnh Trà Vinh tổ chức Đại hội đại biểu lần thứ V. Nhiệm kỳ "
            "2023 - 2028, Hội Sinh viên tỉnh phấn đấu xây dựng 10 câu lạc bộ khởi nghiệp.\n")
    assert [o["name"] for o in r["organizations"]] == ["Hội Sinh viên Việt Nam tỉnh Trà Vinh"]
    r = run("Đại hội\nSáng 26/4/2024, Công ty cổ phần Cấp nước Quảng Bình tổ chức Đại hội đồng cổ đông thường niên năm "
            "2024. Đại hội thông qua kế hoạch năm 2024 với doanh thu 540 tỷ đồng. Theo đó, năm 2024 công ty tập trung đầu "
            "tư mở rộng mạng lưới cấp nước. Đại hội đã bầu bổ sung ông Trần Quốc Bửu làm thành viên Hội đồng quản trị "
            "nhiệm kỳ 2021-2026.\n")
    company = "Công ty cổ phần Cấp nước Quảng Bình"
    assert positions(r, "Trần Quốc Bửu") == {("Thành viên Hội đồng quản trị", company)}
    assert [(e["person"], e["organization"]) for e in r["elections"]] == [("Trần Quốc Bửu", company)]
    assert ("tập trung đầu tư mở rộng mạng lưới cấp nước", company, "2024") in tasks(r)
    r = run("Tổng kết\nNgày 28/12/2023, Đồn Biên phòng Cửa khẩu Cha Lo tổ chức hội nghị tổng kết năm 2023. Năm 2024, Đồn "
            "tiếp tục làm tốt công tác dân vận ở các xã biên giới.\n")
    assert tasks(r) == [("tiếp tục làm tốt công tác dân vận ở các xã biên giới", "Đồn Biên phòng Cửa khẩu Cha Lo", "2024")]
    r = run("Sơ kết\nChiều 9/7/2024, Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Đắk Nông tổ chức hội nghị "
            "sơ kết. Chánh Văn phòng Lê Văn Đồng chủ trì.\n")
    office = "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh Đắk Nông"
    assert r["meetings"][0]["host"] == office and positions(r, "Lê Văn Đồng") == {("Chánh Văn phòng", office)}


def test_remote_sites_name_their_districts_a_collective_asked_and_a_date_the_report_cites() -> None:
    r = run("Kon Tum\nHọp trực tuyến\nSáng nay (20/12), UBND tỉnh Kon Tum tổ chức hội nghị trực tuyến với các huyện về giải "
            "ngân vốn đầu tư công năm 2023. Tại điểm cầu huyện Đắk Hà có ông A Thuận, Chủ tịch UBND huyện; tại điểm cầu "
            "huyện Kon Plông có bà Y Thành, Phó Chủ tịch UBND huyện.\nĐến ngày 15/12/2023, toàn tỉnh giải ngân được 3.120 "
            "tỷ đồng, đạt 78% kế hoạch.\nChủ tịch UBND tỉnh Lê Ngọc Tuân yêu cầu các chủ đầu tư tập trung đẩy nhanh tiến "
            "độ thi công.\n")
    assert positions(r, "A Thuận") == {("Chủ tịch", "Ủy ban nhân dân huyện Đắk Hà")}
    assert positions(r, "Y Thành") == {("Phó Chủ tịch", "Ủy ban nhân dân huyện Kon Plông")}
    assert ("Y Thành", "attended") in {(p["person"], p["role"]) for p in r["participation"]}
    assert r["article"]["published"] is None and r["meetings"][0]["date"] == "2023-12-20"
    assert [(t["text"], t["organization"], t["performer"]) for t in r["tasks"]] == [
        ("tập trung đẩy nhanh tiến độ thi công", "các chủ đầu tư", "các chủ đầu tư")]


def test_an_abbreviation_with_a_space_inside_a_name_and_a_national_association_named_bare() -> None:
    r = run("Đại hội\nNgày 13/10/2024, Ủy ban Hội Liên hiệp Thanh niên Việt Nam (LHTN VN) tỉnh Hà Giang tổ chức Đại hội đại "
            "biểu lần thứ VII. Dự có đồng chí Nguyễn Kim Quý, Chủ tịch Hội Liên hiệp Thanh niên Việt Nam.\n")
    youth = "Hội Liên hiệp Thanh niên Việt Nam tỉnh Hà Giang"
    assert r["meetings"][0]["host"] == youth
    assert "Hội LHTN VN" in {a for o in r["organizations"] if o["name"] == youth for a in o["aliases"]}
    assert positions(r, "Nguyễn Kim Quý") == {("Chủ tịch", "Hội Liên hiệp Thanh niên Việt Nam")}
    r = run("Tổng kết\nChiều 8/1/2024, Ban Quản lý các khu công nghiệp (KCN) tỉnh Bắc Giang tổ chức hội nghị tổng kết năm "
            "2023.\n")
    assert r["meetings"][0]["host"] == "Ban Quản lý các Khu công nghiệp tỉnh Bắc Giang"


def test_minority_surnames_of_the_north_west_the_central_highlands_and_the_cham() -> None:
    r = run("Hội nghị\nNgày 5/1/2024, UBND huyện Bát Xát tổ chức hội nghị. Dự có các ông Khà A Lự, Sìn Văn Chỉn, Zơrâm "
            "Thị Hoa, Thập Văn Đức và Hảng A Sình.\n")
    assert set(people(r)) == {"Khà A Lự", "Sìn Văn Chỉn", "Zơrâm Thị Hoa", "Thập Văn Đức", "Hảng A Sình"}


def test_heads_of_health_stations_and_extension_stations_and_a_deputy_head_teacher_said_colloquially() -> None:
    r = run("Hội nghị\nNgày 5/1/2024, Trung tâm Y tế huyện Bát Xát tổ chức hội nghị tổng kết. Dự có bà Lò Thị Mai, Trạm "
            "trưởng Trạm Y tế xã Mường Hum; ông Vàng A Páo, Trưởng trạm Trạm Khuyến nông huyện; ông Lê Văn An, Hiệu phó "
            "Trường THCS Bát Xát.\n")
    assert positions(r, "Lò Thị Mai") == {("Trạm trưởng", "Trạm Y tế xã Mường Hum")}
    assert positions(r, "Vàng A Páo") == {("Trưởng trạm", "Trạm Khuyến nông huyện Bát Xát")}
    assert positions(r, "Lê Văn An") == {("Phó Hiệu trưởng", "Trường THCS Bát Xát")}


def test_a_banks_branch_with_its_brand_in_parentheses_a_central_association_named_in_lower_case_and_a_national_head() -> None:
    r = run("Hội nghị\nChiều 5/1/2024, Ngân hàng Nông nghiệp và Phát triển nông thôn (Agribank) chi nhánh tỉnh Hà Tĩnh tổ "
            "chức hội nghị. Dự có đồng chí Phạm Đức Ân, Chủ tịch Hội đồng thành viên Agribank.\n")
    branch = "Agribank chi nhánh tỉnh Hà Tĩnh"
    assert r["meetings"][0]["host"] == branch
    assert positions(r, "Phạm Đức Ân") == {("Chủ tịch Hội đồng thành viên", "Agribank")}
    assert {o["name"]: o["aliases"] for o in r["organizations"]}[branch] == []  # (the brand is the bank's)
    r = run("Đại hội\nSáng 22/8/2024, Hội Nạn nhân chất độc da cam/dioxin tỉnh Bình Phước tổ chức Đại hội. Dự có Thượng "
            "tướng Nguyễn Văn Rỉnh, Chủ tịch Trung ương Hội Nạn nhân chất độc da cam/dioxin Việt Nam.\n")
    assert positions(r, "Nguyễn Văn Rỉnh") == {("Chủ tịch", "Trung ương Hội Nạn nhân chất độc da cam/dioxin Việt Nam")}
    r = run("Tổng kết\nChiều 9/1/2024, Kho bạc Nhà nước (KBNN) Quảng Nam tổ chức hội nghị tổng kết. Phó Tổng Giám đốc KBNN "
            "Nguyễn Tuấn Ánh dự. Giám đốc KBNN Quảng Nam Lê Văn Chính báo cáo.\n")
    assert positions(r, "Nguyễn Tuấn Ánh") == {("Phó Tổng Giám đốc", "Kho bạc Nhà nước")}
    assert positions(r, "Lê Văn Chính") == {("Giám đốc", "Kho bạc Nhà nước Quảng Nam")}


def test_the_land_registration_office_and_the_year_of_a_school_years_review() -> None:
    r = run("Tổng kết\nChiều 17/1/2024, Sở TN&MT tỉnh Ninh Thuận tổ chức hội nghị tổng kết. Dự có bà Trần Thị Thu Hiền - Phó "
            "Giám đốc Văn phòng Đăng ký đất đai tỉnh.\n")
    assert positions(r, "Trần Thị Thu Hiền") == {("Phó Giám đốc", "Văn phòng Đăng ký đất đai tỉnh Ninh Thuận")}
    for text, date in (("Ngày 1/8, Công đoàn ngành Giáo dục tỉnh Bình Định tổ chức hội nghị tổng kết năm học 2023 - 2024.",
                        "2024-08-01"),
                       ("Ngày 6/10, Trường THPT Lê Lợi tổ chức hội nghị viên chức năm học 2023-2024.", "2023-10-06"),
                       ("Ngày 15/1, Trường THPT Lê Lợi tổ chức hội nghị sơ kết học kỳ I năm học 2023-2024.", "2024-01-15")):
        assert run(f"Hội nghị\n{text}\n")["meetings"][0]["date"] == date, text


def test_a_party_cell_and_the_party_committee_above_it() -> None:
    r = run("Đại hội\nSáng 12/4/2025, Chi bộ thôn Đông Hải, Đảng bộ xã Quỳnh Hồng tổ chức Đại hội nhiệm kỳ 2025 - 2027.\n")
    assert {o["name"]: o["parent"] for o in r["organizations"]}["Chi bộ thôn Đông Hải"] == "Đảng ủy xã Quỳnh Hồng"
    r = run("Đại hội\nNgày 20-4-2025, Chi bộ Trường THPT Phan Đình Phùng (Đảng bộ phường Ba Đình) tổ chức Đại hội Chi bộ.\n")
    parents = {o["name"]: o["parent"] for o in r["organizations"]}
    assert parents["Trường THPT Phan Đình Phùng"] is None  # (the school does not belong to the ward's party committee)
    assert parents["Chi bộ Trường THPT Phan Đình Phùng"] == "Trường THPT Phan Đình Phùng"


def test_a_foreign_guest_a_traditional_healer_reelected_and_a_business_complex() -> None:
    r = run("Hội nghị\nChiều 19/12/2023, UBND tỉnh Thái Nguyên tổ chức Hội nghị gặp mặt doanh nghiệp FDI. Tham dự có ông Choi "
            "Joo Ho, Tổng Giám đốc Tổ hợp Samsung Việt Nam; bà Mary Smith, Đại sứ Australia.\n")
    assert positions(r, "Choi Joo Ho") == {("Tổng Giám đốc", "Tổ hợp Samsung Việt Nam")}
    assert people(r)["Mary Smith"]["honorific"] == "bà"
    r = run("Đại hội\nSáng 10/11/2023, Hội Đông y tỉnh Long An tổ chức Đại hội. Lương y Huỳnh Văn Hạ tiếp tục được tín "
            "nhiệm bầu làm Chủ tịch Hội Đông y tỉnh.\n")
    assert [(e["person"], e["title"], e["organization"]) for e in r["elections"]] == [
        ("Huỳnh Văn Hạ", "Chủ tịch", "Hội Đông y tỉnh Long An")]
    assert people(r)["Huỳnh Văn Hạ"]["honorifics"] == ["Lương y"]


def test_numbered_districts_a_city_in_parentheses_and_a_plan_told_after_cho_biet() -> None:
    r = run("Tổng kết\nChiều 6-1-2024, UBND quận 3 (TPHCM) tổ chức hội nghị tổng kết công tác năm 2023. Dự có đồng chí Dương "
            "Anh Đạt, Bí thư Quận ủy quận 3. Chủ tịch UBND quận 3 Lê Đức Thạnh cho biết, năm 2024 quận tập trung chỉnh "
            "trang đô thị; phát triển kinh tế đêm.\n")
    district = "Ủy ban nhân dân quận 3"
    assert r["meetings"][0]["host"] == district
    assert "TPHCM" not in {a for o in r["organizations"] for a in o["aliases"]}  # (a city in parentheses is a place)
    assert positions(r, "Dương Anh Đạt") == {("Bí thư", "Quận ủy quận 3")}
    assert positions(r, "Lê Đức Thạnh") == {("Chủ tịch", district)}
    assert tasks(r) == [("tập trung chỉnh trang đô thị", district, "2024"), ("phát triển kinh tế đêm", district, "2024")]


def test_royal_family_names_a_seminar_an_item_asking_another_body_and_the_city_a_province_is_named_after() -> None:
    r = run("Thừa Thiên Huế\nSơ kết\nNgày 10/7/2024, Hội LHPN thành phố Huế, tỉnh Thừa Thiên Huế tổ chức hội nghị sơ kết. Dự có "
            "bà Tôn Nữ Thị Thu Hà, Phó Chủ tịch Hội LHPN tỉnh; bà Công Tôn Nữ Diệu Hiền, Chủ tịch Hội LHPN thành phố Huế "
            "chủ trì. 6 tháng cuối năm, Hội LHPN thành phố phấn đấu hỗ trợ 50 phụ nữ khởi nghiệp.\n")
    city = "Hội Liên hiệp Phụ nữ thành phố Huế"
    assert positions(r, "Tôn Nữ Thị Thu Hà") == {("Phó Chủ tịch", "Hội Liên hiệp Phụ nữ tỉnh Thừa Thiên Huế")}
    assert positions(r, "Công Tôn Nữ Diệu Hiền") == {("Chủ tịch", city)}
    assert [t[1] for t in tasks(r)] == [city]
    r = run("Tọa đàm\nChiều 19/6/2024, Hội Nhà báo tỉnh Cà Mau tổ chức tọa đàm “Báo chí với chuyển đổi số”, nhân kỷ niệm 99 "
            "năm Ngày Báo chí cách mạng Việt Nam.\n")
    assert (r["meetings"][0]["name"], r["meetings"][0]["kind"]) == ("Tọa đàm “Báo chí với chuyển đổi số”", "hội thảo")
    r = run("Đối thoại\nNgày 21/8/2024, Hội Nông dân huyện Cái Nước tổ chức hội nghị đối thoại. Ông Nguyễn Văn Thặng, Chủ tịch "
            "UBND huyện giao Phòng Nông nghiệp và Phát triển nông thôn huyện nạo vét kênh thủy lợi; đề nghị Ngân hàng "
            "Chính sách xã hội huyện tạo điều kiện cho nông dân tiếp cận vốn vay.\n")
    assert [t[:2] for t in tasks(r)] == [
        ("nạo vét kênh thủy lợi", "Phòng Nông nghiệp và Phát triển nông thôn huyện Cái Nước"),
        ("tạo điều kiện cho nông dân tiếp cận vốn vay", "Ngân hàng Chính sách xã hội huyện Cái Nước")]


def test_an_honorary_president() -> None:
    r = run("Tổng kết\nSáng 16/1/2024, Hội Chữ thập đỏ tỉnh Lạng Sơn tổ chức hội nghị tổng kết. Dự có bà Đoàn Thị Hảo, Phó "
            "Chủ tịch UBND tỉnh, Chủ tịch danh dự Hội CTĐ tỉnh.\n")
    assert positions(r, "Đoàn Thị Hảo") == {("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Lạng Sơn"),
                                            ("Chủ tịch danh dự", "Hội Chữ thập đỏ tỉnh Lạng Sơn")}


def test_a_title_word_ending_a_name_and_the_2025_party_committees_of_peoples_committees() -> None:
    r = run("Đại hội\nNgày 31/7/2025, Đảng bộ UBND tỉnh Lào Cai tổ chức Đại hội đại biểu lần thứ I. Dự có đồng chí Trịnh "
            "Xuân Trưởng, Bí thư Tỉnh ủy Lào Cai. Đồng chí Nguyễn Tuấn Ân, Chủ tịch UBND tỉnh được bầu giữ chức Bí thư "
            "Đảng ủy UBND tỉnh.\n")
    assert positions(r, "Trịnh Xuân Trưởng") == {("Bí thư", "Tỉnh ủy Lào Cai")}
    committee = "Đảng ủy Ủy ban nhân dân tỉnh Lào Cai"
    assert r["meetings"][0]["host"] == committee
    assert ("Bí thư", committee) in positions(r, "Nguyễn Tuấn Ân")


def test_a_party_group_of_the_next_titles_body_a_university_above_a_schools_council_and_an_announced_decision() -> None:
    r = run("Hội nghị\nNgày 25/12/2023, Ban Chấp hành Đảng bộ tỉnh Thái Bình tổ chức Hội nghị lần thứ 29. Dự có đồng chí Đỗ "
            "Tiến Sĩ, Phó Bí thư Tỉnh ủy, Bí thư Ban cán sự đảng, Chủ tịch UBND tỉnh.\n")
    group = "Ban cán sự đảng Ủy ban nhân dân tỉnh Thái Bình"
    assert ("Bí thư", group) in positions(r, "Đỗ Tiến Sĩ")
    assert {o["name"]: o["parent"] for o in r["organizations"]}[group] == "Ủy ban nhân dân tỉnh Thái Bình"
    r = run("Phiên họp\nNgày 20/12/2023, Hội đồng trường Trường Đại học Nông Lâm, Đại học Huế tổ chức phiên họp thường kỳ.\n")
    assert {o["name"]: o["parent"] for o in r["organizations"]}["Trường Đại học Nông Lâm"] == "Đại học Huế"
    r = run("Công bố\nChiều 2/4/2024, UBND tỉnh Bắc Kạn tổ chức hội nghị công bố quyết định về công tác cán bộ. Đồng chí "
            "Hoàng Thị Thụy, Giám đốc Sở Nội vụ công bố Quyết định bổ nhiệm ông Nông Văn Lời giữ chức Giám đốc Sở Y tế.\n")
    assert ("Hoàng Thị Thụy", "spoke") in {(p["person"], p["role"]) for p in r["participation"]}
    r = run("Tổng kết\nSáng 5/6/2024, Tỉnh Đoàn Bình Phước tổ chức hội nghị tổng kết năm học 2023-2024. Năm học 2024-2025, "
            "Hội đồng Đội các cấp tiếp tục triển khai Chương trình rèn luyện đội viên.\n")
    assert [(t["text"], t["performer"]) for t in r["tasks"]] == [
        ("tiếp tục triển khai Chương trình rèn luyện đội viên", "Hội đồng Đội các cấp")]


def test_a_brand_with_a_number_an_award_proposed_a_steering_committee_and_the_2025_tax_offices() -> None:
    r = run("Tổng kết\nChiều 19-1-2024, Tổng công ty Lương thực miền Nam (Vinafood 2) tổ chức hội nghị tổng kết năm 2023. Ông "
            "Đỗ Hà Nhung, Chủ tịch Hội đồng quản trị Vinafood 2 chủ trì. Năm 2024, Vinafood 2 phấn đấu xuất khẩu 1,5 triệu "
            "tấn gạo.\n")
    corp = "Tổng công ty Lương thực miền Nam"
    assert positions(r, "Đỗ Hà Nhung") == {("Chủ tịch Hội đồng quản trị", corp)}
    assert tasks(r) == [("phấn đấu xuất khẩu 1,5 triệu tấn gạo", corp, "2024")]
    r = run("Phiên họp\nChiều 10/1/2024, Hội đồng Thi đua - Khen thưởng tỉnh Hà Nam tổ chức phiên họp. Hội đồng thống nhất đề "
            "nghị tặng Cờ thi đua của UBND tỉnh cho 25 tập thể; Bằng khen cho 120 tập thể.\n")
    assert tasks(r) == []
    r = run("Phiên họp\nChiều 27/6/2024, Ban Chỉ đạo chuyển đổi số tỉnh Quảng Ninh tổ chức phiên họp thứ 3.\n")
    assert r["meetings"][0]["host"] == "Ban Chỉ đạo chuyển đổi số tỉnh Quảng Ninh"
    r = run("Tổng kết\nNgày 7-1-2026, Thuế thành phố Cần Thơ tổ chức hội nghị tổng kết năm 2025. Dự có ông Đặng Ngọc Mẫn, Phó "
            "Cục trưởng Cục Thuế.\n")
    assert positions(r, "Đặng Ngọc Mẫn") == {("Phó Cục trưởng", "Cục Thuế")}


def test_an_oversight_visit_a_cooperative_named_after_its_place_and_its_district_after_a_comma() -> None:
    r = run("Giám sát\nSáng 14-3-2024, Đoàn Đại biểu Quốc hội tỉnh Bến Tre do bà Trần Thị Thanh Lâm, Phó Trưởng đoàn chuyên "
            "trách làm trưởng đoàn tổ chức buổi giám sát việc thực hiện chính sách bảo hiểm y tế tại Bảo hiểm xã hội tỉnh. "
            "Tiếp đoàn có ông Nguyễn Văn Hiến, Giám đốc BHXH tỉnh.\n")
    m = r["meetings"][0]
    assert (m["name"], m["host"]) == ("Buổi giám sát việc thực hiện chính sách bảo hiểm y tế",
                                      "Đoàn Đại biểu Quốc hội tỉnh Bến Tre")
    roles = {(p["person"], p["role"]) for p in r["participation"]}
    assert ("Trần Thị Thanh Lâm", "chaired") in roles and ("Nguyễn Văn Hiến", "attended") in roles
    r = run("Đại hội\nNgày 15/3/2024, Hợp tác xã (HTX) Nông nghiệp Tiến Thành, huyện Mộc Châu tổ chức Đại hội thành viên "
            "thường niên năm 2024.\n")
    assert r["meetings"][0]["host"] == "Hợp tác xã Nông nghiệp Tiến Thành"


def test_a_forest_board_named_after_a_river_the_academy_above_its_institute_and_a_city_written_tp_dot() -> None:
    r = run("Hòa Bình\nTổng kết\nNgày 10/1/2024, Ban Quản lý rừng phòng hộ sông Đà tổ chức hội nghị tổng kết năm 2023. Giám đốc "
            "Ban Quản lý rừng phòng hộ sông Đà Đinh Công Sáng báo cáo.\n")
    assert r["meetings"][0]["host"] == "Ban Quản lý rừng phòng hộ sông Đà"
    assert positions(r, "Đinh Công Sáng") == {("Giám đốc", "Ban Quản lý rừng phòng hộ sông Đà")}
    r = run("Hội thảo\nNgày 12/10/2023, Viện Nghiên cứu Trung Quốc, Viện Hàn lâm Khoa học xã hội Việt Nam tổ chức hội thảo.\n")
    assert {o["name"]: o["parent"] for o in r["organizations"]}["Viện Nghiên cứu Trung Quốc"] == \
        "Viện Hàn lâm Khoa học xã hội Việt Nam"
    r = run("Tổng kết\nChiều 12/1/2024, UBND phường Phú Hòa (TP.Thủ Dầu Một) tổ chức hội nghị tổng kết. Dự có ông Võ Văn "
            "Mính, Phó Chủ tịch UBND TP.Thủ Dầu Một.\n")
    assert positions(r, "Võ Văn Mính") == {("Phó Chủ tịch", "Ủy ban nhân dân thành phố Thủ Dầu Một")}
    assert "TP.Thủ Dầu Một" not in {a for o in r["organizations"] for a in o["aliases"]}


def test_a_province_closing_an_open_name_is_said_once_and_keyword_tags_name_nothing() -> None:
    r = run("Tổng kết\nNgày 9-1-2024, Chi cục Chăn nuôi và Thú y Thanh Hóa tổ chức hội nghị tổng kết năm 2023. Chi cục trưởng "
            "Chi cục Chăn nuôi và Thú y Nguyễn Minh Tiến báo cáo.\n")
    assert [o["name"] for o in r["organizations"]] == ["Chi cục Chăn nuôi và Thú y Thanh Hóa"]
    assert positions(r, "Nguyễn Minh Tiến") == {("Chi cục trưởng", "Chi cục Chăn nuôi và Thú y Thanh Hóa")}
    r = run("Quảng Ngãi\nTổng kết\nChiều 29/12/2023, Hội Nông dân tỉnh Quảng Ngãi tổ chức hội nghị tổng kết năm 2023.\nTin, ảnh: "
            "THANH NHỊ\nTừ khóa: Hội Nông dân tỉnh, Tỉnh Đoàn, Liên đoàn Lao động tỉnh\nTin cùng chuyên mục\nTỉnh Đoàn trao "
            "100 suất học bổng cho học sinh nghèo\n")
    assert [o["name"] for o in r["organizations"]] == ["Hội Nông dân tỉnh Quảng Ngãi"]


def test_a_branch_association_of_a_commune_and_its_head() -> None:
    r = run("Tổng kết\nNgày 20/12/2023, Chi hội Cựu giáo chức xã Nghĩa Hưng tổ chức hội nghị tổng kết năm 2023. Ông Trần Đình "
            "Lạc, Chi hội trưởng chủ trì. Năm 2024, Chi hội phấn đấu vận động quỹ khuyến học 50 triệu đồng.\n")
    branch = "Chi hội Cựu giáo chức xã Nghĩa Hưng"
    assert r["meetings"][0]["host"] == branch and positions(r, "Trần Đình Lạc") == {("Chi hội trưởng", branch)}
    assert tasks(r) == [("phấn đấu vận động quỹ khuyến học 50 triệu đồng", branch, "2024")]


def test_a_voters_meeting_told_by_its_verb_an_assembly_committee_and_a_petition_that_is_no_task() -> None:
    r = run("Tiếp xúc cử tri\nSáng 4/5/2024, Đoàn đại biểu Quốc hội tỉnh Hà Tĩnh tiếp xúc cử tri huyện Đức Thọ trước Kỳ họp thứ "
            "7, Quốc hội khóa XV. Tham dự có đại biểu Quốc hội Trần Đình Giao, Ủy viên Thường trực Ủy ban Kinh tế của Quốc "
            "hội.\nCử tri đề nghị Quốc hội quan tâm đến chính sách hỗ trợ người dân vùng lũ.\n")
    m = r["meetings"][0]
    assert (m["name"], m["date"], m["host"]) == (
        "Buổi tiếp xúc cử tri huyện Đức Thọ trước Kỳ họp thứ 7, Quốc hội khóa XV", "2024-05-04",
        "Đoàn Đại biểu Quốc hội tỉnh Hà Tĩnh")
    assert positions(r, "Trần Đình Giao") == {("Ủy viên Thường trực", "Ủy ban Kinh tế của Quốc hội")}
    assert r["tasks"] == []


def test_a_surname_that_is_also_a_given_name_opens_a_name_only_before_van_or_thi() -> None:
    r = run("Đại hội\nNgày 12/10/2023, Liên đoàn Lao động tỉnh Ninh Thuận tổ chức Đại hội lần thứ XII. Đồng chí Quảng Văn "
            "Tựu, Chủ tịch LĐLĐ tỉnh trình bày báo cáo. Bà Kiên Thị Sà Phol, Phó Chủ tịch LĐLĐ tỉnh phát biểu. Đoàn công tác "
            "tỉnh Quảng Ninh cũng dự.\n")
    assert positions(r, "Quảng Văn Tựu") == {("Chủ tịch", "Liên đoàn Lao động tỉnh Ninh Thuận")}
    assert "Kiên Thị Sà Phol" in people(r) and not any(n.startswith("Quảng Ninh") for n in people(r))


def test_a_credit_fund_named_after_its_commune_and_a_place_ending_in_a_kind_word() -> None:
    r = run("Đại hội thành viên\nNgày 28/2/2024, Quỹ tín dụng nhân dân (QTDND) Vũ Hội tổ chức Đại hội thành viên thường niên "
            "năm 2024. Dự có đồng chí Nguyễn Văn Hưởng, Bí thư Đảng ủy xã Vũ Hội cùng 186 đại biểu. Ông Trần Văn Lực, Giám "
            "đốc QTDND Vũ Hội trình bày báo cáo.\n", site="Báo Thái Bình")
    assert "Vũ Hội" not in people(r)
    assert positions(r, "Trần Văn Lực") == {("Giám đốc", "Quỹ tín dụng nhân dân Vũ Hội")}
    assert positions(r, "Nguyễn Văn Hưởng") == {("Bí thư", "Đảng ủy xã Vũ Hội")}


def test_a_one_member_company_in_capitals_a_lottery_company_and_a_customs_region() -> None:
    r = run("Hội nghị người lao động\nChiều 20/1/2024, Công ty TNHH Một thành viên Xổ số kiến thiết Sóc Trăng tổ chức Hội "
            "nghị người lao động năm 2024. Ông Nguyễn Hữu Khải, Giám đốc Công ty TNHH MTV Xổ số kiến thiết Sóc Trăng chủ trì.\n")
    company = "Công ty TNHH một thành viên Xổ số kiến thiết Sóc Trăng"
    assert r["meetings"][0]["host"] == company and positions(r, "Nguyễn Hữu Khải") == {("Giám đốc", company)}
    r = run("Sơ kết\nNgày 9/7/2025, Chi cục Hải quan khu vực XII tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2025. Ông "
            "Trương Văn Hiệp, Chi cục trưởng chủ trì.\n", site="Báo Quảng Ngãi")
    assert r["meetings"][0]["host"] == "Chi cục Hải quan khu vực XII"


def test_bar_associations_and_the_party_committees_of_2025() -> None:
    r = run("Đại hội\n(HGĐT) - Ngày 14/9/2024, Đoàn Luật sư tỉnh Hà Giang tổ chức Đại hội lần thứ IV. Dự có Luật sư Phan Trung "
            "Kiên, Phó Chủ tịch Liên đoàn Luật sư Việt Nam. Luật sư Triệu Văn Chiến tái cử Chủ nhiệm Đoàn Luật sư tỉnh.\n",
            site="Báo Hà Giang")
    assert r["meetings"][0]["host"] == "Đoàn Luật sư tỉnh Hà Giang"
    assert positions(r, "Phan Trung Kiên") == {("Phó Chủ tịch", "Liên đoàn Luật sư Việt Nam")}
    assert positions(r, "Triệu Văn Chiến") == {("Chủ nhiệm", "Đoàn Luật sư tỉnh Hà Giang")}
    r = run("Đại hội\nNgày 19/6/2025, Đảng bộ các cơ quan Đảng tỉnh Cao Bằng tổ chức Đại hội lần thứ I. Dự có đồng chí Lê Minh "
            "Hưởng, Phó Bí thư Đảng ủy các cơ quan Đảng Trung ương.\n")
    assert r["meetings"][0]["host"] == "Đảng ủy các cơ quan Đảng tỉnh Cao Bằng"
    assert positions(r, "Lê Minh Hưởng") == {("Phó Bí thư", "Đảng ủy các cơ quan Đảng Trung ương")}


def test_an_ede_name_whose_second_word_opens_a_kind_and_a_board_elected_with_its_members_named() -> None:
    r = run("Đại hội\nNgày 20/5/2025, Đảng bộ Trường Đại học Tây Nguyên tổ chức Đại hội. Đoàn Chủ tịch gồm các đồng chí: "
            "Hoàng Trọng Khang, Y Khoa Ktla điều hành Đại hội.\n")
    assert roles(r, "Y Khoa Ktla") >= {"chaired"}
    r = run("Đại hội cổ đông\nSáng 25/4/2025, Công ty cổ phần Thủy điện Thác Bà tổ chức Đại hội đồng cổ đông thường niên năm "
            "2025. Ông Đoàn Minh Hải, Chủ tịch HĐQT Công ty làm chủ tọa đại hội. Đại hội đã bầu HĐQT nhiệm kỳ 2025-2030 gồm 3 "
            "thành viên: ông Đoàn Minh Hải, bà Vũ Thị Hồng Gấm và ông Mai Xuân Tùng.\n")
    company = "Công ty cổ phần Thủy điện Thác Bà"
    assert roles(r, "Đoàn Minh Hải") >= {"chaired", "elected"}
    for name in ("Vũ Thị Hồng Gấm", "Mai Xuân Tùng"):
        assert positions(r, name) == {("Thành viên Hội đồng quản trị", company)} and "elected" in roles(r, name)
    assert {(e["person"], e["term"]) for e in r["elections"]} >= {("Mai Xuân Tùng", "2025-2030")}


def test_targets_set_an_ordinal_list_and_a_launch_that_is_a_task() -> None:
    r = run("Tổng kết\nNgày 26/12/2025, Báo và Phát thanh, Truyền hình An Giang tổ chức hội nghị tổng kết năm 2025. Năm 2026, "
            "Báo và Phát thanh, Truyền hình tỉnh đặt mục tiêu tăng 20% lượt truy cập; ra mắt ấn phẩm tiếng Khmer trên báo điện "
            "tử.\nThời gian tới, Báo tập trung vào ba nhiệm vụ:\nThứ nhất, tập trung tuyên truyền Nghị quyết Đại hội Đảng bộ "
            "tỉnh.\nThứ hai, chuyển mạnh sang mô hình tòa soạn hội tụ.\nThứ ba, chăm lo đời sống của đội ngũ phóng viên.\n",
            site="Báo An Giang")
    texts = [t for t, _, _ in tasks(r)]
    assert any(t.endswith("tăng 20% lượt truy cập") for t in texts)
    assert "ra mắt ấn phẩm tiếng Khmer trên báo điện tử" in texts
    assert {"chuyển mạnh sang mô hình tòa soạn hội tụ", "chăm lo đời sống của đội ngũ phóng viên"} <= set(texts)
    assert {t["organization"] for t in r["tasks"]} == {"Báo và Phát thanh, Truyền hình An Giang"}


def test_the_national_customs_department_after_2025_and_a_department_of_plant_protection() -> None:
    r = run("Sơ kết\nNgày 9/7/2025, Chi cục Hải quan khu vực XII tổ chức hội nghị sơ kết. Dự có ông Lê Văn Quyết, Phó Cục "
            "trưởng Cục Hải quan.\n", site="Báo Quảng Ngãi")
    assert positions(r, "Lê Văn Quyết") == {("Phó Cục trưởng", "Cục Hải quan")}
    r = run("Tổng kết\nNgày 8/1/2026, Cục Trồng trọt và Bảo vệ thực vật tổ chức hội nghị tổng kết năm 2025.\n")
    assert r["meetings"][0]["host"] == "Cục Trồng trọt và Bảo vệ thực vật"


def test_a_village_elder_the_high_procuracy_and_a_vice_minister_of_the_2025_ministry() -> None:
    r = run("Đại hội\nNgày 10/3/2026, Hội Người cao tuổi xã Ia Boòng tổ chức Đại hội. “Người cao tuổi là chỗ dựa của con "
            "cháu”, già làng Rơ Lan Blui phát biểu tại đại hội.\n", site="Báo Gia Lai")
    assert roles(r, "Rơ Lan Blui") >= {"spoke"}
    r = run("Sơ kết\nNgày 5/7/2024, Viện Kiểm sát nhân dân tỉnh Trà Vinh tổ chức hội nghị sơ kết. Dự có ông Nguyễn Minh Trí, "
            "Phó Viện trưởng VKSND cấp cao tại TP.HCM. Thứ trưởng Bộ Nông nghiệp và Môi trường Đặng Ngọc Sơn dự.\n")
    assert positions(r, "Nguyễn Minh Trí") == {("Phó Viện trưởng", "Viện Kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh")}
    assert positions(r, "Đặng Ngọc Sơn") == {("Thứ trưởng", "Bộ Nông nghiệp và Môi trường")}


def test_people_listed_with_their_own_posts_share_the_post_they_are_elected_to() -> None:
    r = run("Kỳ họp thứ nhất\nNgày 5/3/2026, HĐND thành phố Hải Phòng khóa XVII tổ chức Kỳ họp thứ nhất. Các đồng chí Vũ Thị "
            "Minh Nguyệt, Ủy viên Ban Thường vụ Thành ủy và Nguyễn Hữu Tâm, Thành ủy viên được bầu giữ chức Phó Chủ tịch HĐND "
            "thành phố.\n")
    council = "Hội đồng nhân dân thành phố Hải Phòng"
    for name in ("Vũ Thị Minh Nguyệt", "Nguyễn Hữu Tâm"):
        assert ("Phó Chủ tịch", council) in positions(r, name) and "elected" in roles(r, name)
    assert ("Ủy viên Ban Thường vụ", "Thành ủy Hải Phòng") in positions(r, "Vũ Thị Minh Nguyệt")


def test_joining_the_committee_and_taking_a_post_and_a_steering_board_with_an_acronym() -> None:
    r = run("Hội nghị\nNgày 20/12/2023, Hội Chữ thập đỏ thị xã Ninh Hòa tổ chức hội nghị tổng kết. Tại hội nghị, Ban Chấp hành "
            "đã hiệp thương cử bổ sung bà Nguyễn Thị Thu Thảo vào Ban Chấp hành và giữ chức Phó Chủ tịch Hội CTĐ thị xã.\n",
            site="Báo Khánh Hòa")
    assert positions(r, "Nguyễn Thị Thu Thảo") == {("Ủy viên Ban Chấp hành", "Hội Chữ thập đỏ thị xã Ninh Hòa"),
                                                   ("Phó Chủ tịch", "Hội Chữ thập đỏ thị xã Ninh Hòa")}
    r = run("Giao ban\nNgày 8/4/2024, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Bình Định tổ chức hội nghị giao ban. Dự có ông Trần "
            "Minh Đức, Trưởng Ban Chỉ đạo chống khai thác IUU tỉnh.\n", site="Báo Bình Định")
    assert positions(r, "Trần Minh Đức") == {("Trưởng ban", "Ban Chỉ đạo chống khai thác IUU tỉnh Bình Định")}


def test_a_forest_ranger_unit_named_after_its_park_or_its_district() -> None:
    r = run("Tổng kết\nNgày 15/1/2026, Ban Quản lý Vườn quốc gia Phong Nha - Kẻ Bàng tổ chức hội nghị tổng kết năm 2025. Ông Lê "
            "Văn Hải, Hạt trưởng Hạt Kiểm lâm Vườn quốc gia Phong Nha - Kẻ Bàng báo cáo. Ông Xa Văn Dũng, Hạt trưởng Hạt Kiểm "
            "lâm huyện Đà Bắc phát biểu.\n", site="Báo Quảng Trị")
    assert positions(r, "Lê Văn Hải") == {("Hạt trưởng", "Hạt Kiểm lâm Vườn quốc gia Phong Nha - Kẻ Bàng")}
    assert positions(r, "Xa Văn Dũng") == {("Hạt trưởng", "Hạt Kiểm lâm huyện Đà Bắc")}


def test_a_bare_title_embedding_its_kind_is_the_hosts_before_one_named_in_passing() -> None:
    r = run("Sơ kết\nNgày 5/7/2024, Viện Kiểm sát nhân dân tỉnh Trà Vinh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm. Dự có "
            "ông Nguyễn Minh Trí, Phó Viện trưởng VKSND cấp cao tại TP.HCM.\nKết luận hội nghị, Viện trưởng Lâm Văn Đời yêu "
            "cầu toàn ngành tập trung thực hiện tốt các nhiệm vụ trọng tâm.\n")
    assert positions(r, "Lâm Văn Đời") == {("Viện trưởng", "Viện Kiểm sát nhân dân tỉnh Trà Vinh")}


def test_a_ward_named_after_a_hero_a_councillors_question_and_a_re_elected_deputy_in_parentheses() -> None:
    r = run("Tổng kết\nNgày 16-12-2025, Công an phường Phan Đình Phùng tổ chức hội nghị tổng kết năm 2025. Dự có đồng chí Đàm "
            "Quốc Khánh, Phó Bí thư Đảng ủy, Chủ tịch UBND phường.\n", site="Báo Thái Nguyên")
    assert "Phan Đình Phùng" not in people(r)
    assert ("Chủ tịch", "Ủy ban nhân dân phường Phan Đình Phùng") in positions(r, "Đàm Quốc Khánh")
    r = run("Kỳ họp\nNgày 12/12/2023, HĐND huyện Tam Dương tổ chức Kỳ họp thứ 14. Tại phiên chất vấn, đại biểu Khổng Văn Tiến "
            "chất vấn về tiến độ cấp giấy chứng nhận quyền sử dụng đất.\n")
    assert roles(r, "Khổng Văn Tiến") >= {"spoke"}
    r = run("Đại hội\nNgày 20/7/2020, Hội Nhà báo tỉnh Bà Rịa - Vũng Tàu tổ chức Đại hội lần thứ VIII. Ban Chấp hành đã bầu "
            "các nhà báo Trịnh Minh Khang và Nguyễn Thanh Tâm (tái cử) giữ chức Phó Chủ tịch.\n")
    for name in ("Trịnh Minh Khang", "Nguyễn Thanh Tâm"):
        assert positions(r, name) == {("Phó Chủ tịch", "Hội Nhà báo tỉnh Bà Rịa - Vũng Tàu")} and "elected" in roles(r, name)


def test_a_verb_of_two_words_ends_a_name_and_a_villages_front_committee() -> None:
    r = run("Phiên họp\nChiều 20/3/2024, Học viện Ngân hàng tổ chức phiên họp thứ nhất của Hội đồng Khoa học và Đào tạo. Bà Cao "
            "Thị Ngân, Trưởng phòng Tổ chức cán bộ công bố quyết định thành lập Hội đồng.\n")
    assert positions(r, "Cao Thị Ngân") == {("Trưởng phòng", "Phòng Tổ chức cán bộ")}
    r = run("Đại hội\nNgày 12/3/2025, Chi bộ thôn Mỹ Xá tổ chức Đại hội. Phát biểu chỉ đạo, đồng chí Vũ Văn Tuấn đề nghị Chi bộ "
            "nâng cao chất lượng sinh hoạt. Đồng chí cũng giao Ban Công tác Mặt trận thôn Mỹ Xá phối hợp với các chi hội vận "
            "động nhân dân giữ gìn vệ sinh môi trường.\n", site="Báo Hải Dương")
    assert "Ban Công tác Mặt trận thôn Mỹ Xá" in org_names(r)
    assert not any(n.startswith("Ủy ban Mặt trận") for n in org_names(r))


def test_a_social_policy_banks_district_office_and_a_hosts_deputy_directors_named_bare() -> None:
    r = run("Sơ kết\nNgày 18/7/2023, Hội Nông dân huyện Cái Bè phối hợp với Phòng giao dịch Ngân hàng Chính sách xã hội (NHCSXH) "
            "huyện Cái Bè tổ chức hội nghị sơ kết. Theo báo cáo do ông Huỳnh Thanh Sơn, Giám đốc Phòng giao dịch NHCSXH huyện "
            "trình bày, nguồn vốn tăng 12%.\n", site="Báo Ấp Bắc")
    assert positions(r, "Huỳnh Thanh Sơn") == {("Giám đốc", "Phòng giao dịch Ngân hàng Chính sách xã hội huyện Cái Bè")}
    r = run("Sơ kết\nNgày 12/7/2024, Công ty Điện lực Quảng Bình tổ chức hội nghị sơ kết 6 tháng đầu năm. Về phía Công ty có ông "
            "Trương Đình Khởi, Giám đốc Công ty; các Phó Giám đốc Lê Văn Thắng, Hồ Xuân Trường.\n")
    for name in ("Lê Văn Thắng", "Hồ Xuân Trường"):
        assert positions(r, name) == {("Phó Giám đốc", "Công ty Điện lực Quảng Bình")}


def test_a_list_counted_in_words_and_a_post_in_lower_case_after_a_former_one() -> None:
    r = run("Tổng kết\nNgày 10/1/2025, Bệnh viện Trung ương Huế tổ chức hội nghị tổng kết năm 2024. Năm 2025, Bệnh viện tập "
            "trung vào các nhiệm vụ trọng tâm:\nMột là, triển khai thành công ghép tim từ người cho chết não;\nHai là, hoàn "
            "thành chuyển đổi bệnh án điện tử tại cả hai cơ sở;\nBa là, mở rộng hợp tác chuyển giao kỹ thuật.\n")
    texts = {t for t, _, _ in tasks(r)}
    assert {"hoàn thành chuyển đổi bệnh án điện tử tại cả hai cơ sở", "mở rộng hợp tác chuyển giao kỹ thuật"} <= texts
    r = run("Hội nghị\nNgày 20/3/2024, Hội Nông dân tỉnh Nam Định tổ chức hội nghị. Ông Trần Văn Hòa, nguyên Chủ tịch Hội Nông "
            "dân tỉnh, ủy viên Ban Chấp hành Hội phát biểu.\n")
    assert {t for t, _ in positions(r, "Trần Văn Hòa")} == {"Ủy viên Ban Chấp hành"}


def test_religious_bodies_of_the_front() -> None:
    r = run("Đại hội\nNgày 15/10/2025, Ủy ban MTTQ Việt Nam tỉnh Tây Ninh tổ chức Đại hội. Tham luận tại đại hội, Linh mục Phạm "
            "Văn Hòa, Phó Chủ tịch Ủy ban Đoàn kết Công giáo tỉnh chia sẻ kinh nghiệm. Hòa thượng Thạch Sone, Phó Trưởng Ban "
            "Trị sự Giáo hội Phật giáo Việt Nam tỉnh dự.\n")
    assert positions(r, "Phạm Văn Hòa") == {("Phó Chủ tịch", "Ủy ban Đoàn kết Công giáo tỉnh Tây Ninh")}
    assert positions(r, "Thạch Sone") == {("Phó Trưởng ban", "Ban Trị sự Giáo hội Phật giáo Việt Nam tỉnh Tây Ninh")}


def test_a_companys_organ_named_by_a_title_a_programmes_number_and_breakthroughs_listed() -> None:
    r = run("Tổng kết\nNgày 5/1/2024, Tổng công ty Đường sắt Việt Nam tổ chức hội nghị tổng kết năm 2023. Dịp này, Chủ tịch Hội "
            "đồng thành viên Hoàng Gia Khánh đã trao Cờ thi đua cho 6 tập thể.\n")
    assert positions(r, "Hoàng Gia Khánh") == {("Chủ tịch Hội đồng thành viên", "Tổng công ty Đường sắt Việt Nam")}
    r = run("Sơ kết\nNgày 8/7/2025, Chi cục Quản lý thị trường tỉnh Ninh Bình tổ chức hội nghị sơ kết. Dự có đồng chí Đinh Quang "
            "Thái, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo 389 tỉnh. Hoạt động kinh doanh trên mạng tiếp tục là điểm nóng.\n")
    assert ("Trưởng ban", "Ban Chỉ đạo 389 tỉnh Ninh Bình") in positions(r, "Đinh Quang Thái")
    assert r["tasks"] == []
    r = run("Đại hội\nNgày 17/4/2025, Đảng bộ Bệnh viện Đa khoa tỉnh Bình Thuận tổ chức Đại hội. Các khâu đột phá gồm:\n(1) Phát "
            "triển nguồn nhân lực chất lượng cao;\n(2) Chuyển đổi số toàn diện.\n")
    assert {t for t, _, _ in tasks(r)} == {"Phát triển nguồn nhân lực chất lượng cao", "Chuyển đổi số toàn diện"}


def test_a_dignitary_addressed_as_ngai_a_cooperative_named_by_its_trade_and_a_social_insurance_unit() -> None:
    r = run("Hội nghị\nNgày 20/3/2024, UBND tỉnh Nghệ An tổ chức hội nghị. Đồng chủ trì có đồng chí Phan Đức Thịnh, Chủ tịch UBND "
            "tỉnh Nghệ An. Phát biểu tại hội nghị, ngài Bun Thoong Phôm Ma Chăn, Tỉnh trưởng tỉnh Xiêng Khoảng đánh giá cao "
            "kết quả hợp tác.\n")
    assert "spoke" in roles(r, "Bun Thoong Phôm Ma Chăn") and "Ma Chăn" not in people(r)
    r = run("Đại hội\nNgày 25-8-2020, Liên minh Hợp tác xã tỉnh Bến Tre tổ chức Đại hội. Bà Lâm Thị Bích Thủy, Giám đốc HTX dịch "
            "vụ nông nghiệp Tân Phú Tây, tham luận về liên kết trồng dừa.\n")
    assert positions(r, "Lâm Thị Bích Thủy") == {("Giám đốc", "Hợp tác xã dịch vụ nông nghiệp Tân Phú Tây")}
    r = run("Sơ kết\nNgày 15/7/2025, Bảo hiểm xã hội khu vực XXXIV tổ chức hội nghị sơ kết. Bà Huỳnh Ngọc Diễm, Trưởng Bảo "
            "hiểm xã hội cơ sở Đầm Dơi phát biểu. Bà Lữ Thị Mỹ Xuyên, Phó Chủ tịch UBND tỉnh Cà Mau giao Sở Nội vụ tham mưu "
            "UBND tỉnh giao chỉ tiêu cho các xã trong tháng 8/2025.\n")
    assert positions(r, "Huỳnh Ngọc Diễm") == {("Trưởng", "Bảo hiểm xã hội cơ sở Đầm Dơi")}
    assert [t["organization"] for t in r["tasks"]] == ["Sở Nội vụ tỉnh Cà Mau"]


def test_the_merged_provincial_paper_gives_the_province_and_an_answer_is_speaking() -> None:
    r = run("BÁO VÀ PHÁT THANH, TRUYỀN HÌNH THÁI NGUYÊN\nTổng kết\nNgày 16-12-2025, Công an phường Phan Đình Phùng tổ chức hội "
            "nghị tổng kết. Bà Phùng Thị Ngọc, Trưởng phòng Tài nguyên và Môi trường trả lời, cam kết hoàn thành trong quý "
            "I/2026.\n")
    assert r["article"]["locality"] == "tỉnh Thái Nguyên"
    assert "spoke" in roles(r, "Phùng Thị Ngọc")


def test_a_bare_party_committee_before_a_units_title_is_that_units_even_beside_the_provinces() -> None:
    r = run("Tổng kết\nChiều 26/12/2025, Báo và Phát thanh, Truyền hình An Giang tổ chức hội nghị tổng kết. Dự có đại biểu Đảng bộ "
            "tỉnh. Nhà báo Nguyễn Thanh Phong, Bí thư Đảng ủy, Tổng Biên tập Báo và Phát thanh, Truyền hình An Giang chủ trì "
            "hội nghị.\n", site="Báo và Phát thanh, Truyền hình An Giang")
    assert positions(r, "Nguyễn Thanh Phong") == {
        ("Bí thư", "Đảng ủy Báo và Phát thanh, Truyền hình An Giang"),
        ("Tổng biên tập", "Báo và Phát thanh, Truyền hình An Giang")}


def test_a_minister_before_his_party_group_a_council_of_an_institute_and_a_commune_with_a_kind_word_inside() -> None:
    r = run("Tổng kết\nNgày 10/1/2025, Bộ Tài nguyên và Môi trường tổ chức hội nghị tổng kết năm 2024. Đồng chí Lương Văn Thịnh, "
            "Bộ trưởng, Bí thư Ban Cán sự đảng Bộ TN&MT chủ trì.\n")
    assert ("Bộ trưởng", "Bộ Tài nguyên và Môi trường") in positions(r, "Lương Văn Thịnh")
    r = run("Phiên họp\nChiều 21.3.2024, Hội đồng Khoa học Viện Địa lý, Viện Hàn lâm Khoa học và Công nghệ Việt Nam tổ chức "
            "phiên họp. Viện trưởng Đinh Văn Thuận chủ trì.\n")
    assert positions(r, "Đinh Văn Thuận") == {("Viện trưởng", "Viện Địa lý")}
    r = run("Đại hội\n(STO) - Ngày 26-4-2023, Hội Nông dân xã Lịch Hội Thượng tổ chức Đại hội. Ông Trần Hoàng Ân, Bí thư Đảng ủy "
            "xã Lịch Hội Thượng dự.\n")
    assert r["meetings"][0]["host"] == "Hội Nông dân xã Lịch Hội Thượng"
    assert positions(r, "Trần Hoàng Ân") == {("Bí thư", "Đảng ủy xã Lịch Hội Thượng")}


def test_civil_judgment_enforcement_after_2025_its_regional_office_and_a_business_registration_office() -> None:
    r = run("Sơ kết\nNgày 16/10/2025, Thi hành án dân sự tỉnh Tây Ninh tổ chức hội nghị sơ kết 9 tháng. Ông Danh Sóc, Trưởng "
            "phòng Phòng Thi hành án dân sự khu vực 5 tham luận. Bà Quàng Thị Dung, Trưởng phòng Phòng Đăng ký kinh doanh "
            "phát biểu.\n")
    assert r["meetings"][0]["host"] == "Thi hành án dân sự tỉnh Tây Ninh"
    assert positions(r, "Danh Sóc") == {("Trưởng phòng", "Phòng Thi hành án dân sự khu vực 5")}
    assert positions(r, "Quàng Thị Dung") == {("Trưởng phòng", "Phòng Đăng ký kinh doanh")}


def test_an_ede_womans_name_with_h_written_without_its_apostrophe_and_an_elder_said_with_a_capital() -> None:
    r = run("Hội nghị\nNgày 15/11/2023, Ban Dân vận Tỉnh ủy Đắk Lắk tổ chức hội nghị. Bà H Loan Niê, Phó Giám đốc Sở Lao động - "
            "Thương binh và Xã hội phát biểu. Già làng Y Kô Byă phát biểu tại hội nghị.\n")
    assert "spoke" in roles(r, "H Loan Niê") and "spoke" in roles(r, "Y Kô Byă")


def test_a_village_in_parentheses_between_coordinated_speakers_and_a_city_after_buon() -> None:
    r = run("Hội nghị\nNgày 15/11/2023, Ban Dân vận Tỉnh ủy Đắk Lắk tổ chức hội nghị. Tại hội nghị, già làng Y Kô Byă (buôn Kô "
            "Siêr, TP Buôn Ma Thuột) và bà Ksor H'Bla, Chủ tịch Hội Liên hiệp Phụ nữ huyện, tham luận về kinh nghiệm.\n")
    assert "spoke" in roles(r, "Y Kô Byă") and "spoke" in roles(r, "Ksor H'Bla")
    assert "Ma Thuột" not in people(r)


def test_a_supervisory_board_elected_with_its_members_named_whichever_way_it_is_written() -> None:
    for body in ("Ban Kiểm soát", "BKS"):
        r = run("Đại hội cổ đông\nSáng 25/4/2025, Công ty cổ phần Thủy điện Thác Bà tổ chức Đại hội đồng cổ đông thường niên "
                f"năm 2025. Đại hội đã bầu {body} nhiệm kỳ 2025-2030 gồm 2 thành viên: bà Hà Thị Thanh Nga và ông Lê Văn "
                "Hòa.\n")
        assert positions(r, "Lê Văn Hòa") == {("Thành viên Ban Kiểm soát", "Công ty cổ phần Thủy điện Thác Bà")}, body


def test_a_slash_between_capitals_stays_inside_a_name_but_not_between_numbers() -> None:
    r = run("LC - Ngày 8/1, Trung tâm Y tế huyện tổ chức hội nghị tổng kết công tác năm 2025. Bác sĩ Lò Văn Pản, "
            "Trưởng khoa Kiểm soát bệnh tật và HIV/AIDS, Trung tâm Y tế huyện trình bày tham luận.\n")
    assert any(title == "Trưởng khoa" and org and org.endswith("HIV/AIDS") for title, org in positions(r, "Lò Văn Pản"))
    assert r["meetings"][0]["date"] == "2026-01-08"


def test_a_title_ending_in_its_head_noun_takes_the_longer_name_read_from_that_noun() -> None:
    # "Trưởng Ban Thanh tra nhân dân": after the title alone the words read "Thanh tra", the province's inspectorate
    r = run("BLS - Ngày 5/1, Trường Chính trị tỉnh tổ chức hội nghị viên chức năm 2026. Ông Vi Văn Kiên, Trưởng "
            "Ban Thanh tra nhân dân phát biểu tại hội nghị.\n")
    assert positions(r, "Vi Văn Kiên") == {("Trưởng ban", "Ban Thanh tra nhân dân")}
    assert "Thanh tra tỉnh Lạng Sơn" not in org_names(r)


def test_the_office_of_a_party_committee_is_the_office_not_the_committee() -> None:
    r = run("(BCB) - Ngày 19/6, Đảng bộ các cơ quan Đảng tỉnh tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030. "
            "Đồng chí Sầm Văn Lợi, Chánh Văn phòng Đảng ủy các cơ quan Đảng tỉnh điều hành đại hội. Đồng chí Lê Văn "
            "An, Phó Trưởng khoa Khoa Nông nghiệp, Trường Đại học Cần Thơ dự.\n")
    assert positions(r, "Sầm Văn Lợi") == {("Chánh Văn phòng", "Văn phòng Đảng ủy các cơ quan Đảng tỉnh Cao Bằng")}
    assert positions(r, "Lê Văn An") == {("Phó Trưởng khoa", "Khoa Nông nghiệp")}  # the name says "Khoa" itself


def test_a_border_gate_customs_unit_named_by_its_gate() -> None:
    r = run("(HQ Online) - Ngày 10/7, Chi cục Hải quan khu vực XII tổ chức hội nghị sơ kết 6 tháng đầu năm 2025. Ông "
            "A Đức, Trưởng Hải quan cửa khẩu quốc tế Bờ Y; ông Lê Văn Hùng, Phó Trưởng Hải quan cửa khẩu Lao Bảo "
            "tham luận.\n")
    assert positions(r, "A Đức") == {("Trưởng", "Hải quan cửa khẩu quốc tế Bờ Y")}
    assert positions(r, "Lê Văn Hùng") == {("Phó Trưởng", "Hải quan cửa khẩu Lao Bảo")}


def test_military_village_and_hospital_titles_from_the_lexicon() -> None:
    r = run("(BLC) - Ngày 20/12, Bộ Chỉ huy Bộ đội Biên phòng tỉnh tổ chức hội nghị tổng kết công tác năm 2025. "
            "Dự có Thiếu tá Giàng A Sử, Phó Đồn trưởng Đồn Biên phòng Pa Vệ Sủ; ông Lò Văn Hặc, Thôn trưởng thôn Nậm "
            "Ma; bác sĩ Tẩn Thị Mai, Chủ nhiệm khoa Khoa Nội, Bệnh viện Đa khoa tỉnh; ông Vàng A Páo, Tổ phó tổ "
            "tuần tra.\n")
    assert ("Phó Đồn trưởng", "Đồn Biên phòng Pa Vệ Sủ") in positions(r, "Giàng A Sử")
    assert {t for t, _ in positions(r, "Lò Văn Hặc")} == {"Thôn trưởng"}
    assert ("Chủ nhiệm khoa", "Khoa Nội") in positions(r, "Tẩn Thị Mai")
    assert {t for t, _ in positions(r, "Vàng A Páo")} == {"Tổ phó"}


def test_public_service_units_named_by_their_function_are_kinds() -> None:
    r = run("QBĐT - Ngày 8/1, Sở Văn hóa, Thể thao và Du lịch tổ chức hội nghị tổng kết công tác năm 2025. Dự có "
            "ông Trần Văn Hòa, Giám đốc Bảo tàng tỉnh; bà Lê Thị Thu, Giám đốc Thư viện tỉnh; ông Phan Hữu Lộc, Giám "
            "đốc Điện lực Đồng Hới; bà Hồ Thị Lan, Giám đốc Trung tâm Phục vụ hành chính công tỉnh; ông Võ Văn "
            "Nam, Trưởng Cụm thi đua số 4.\n")
    assert positions(r, "Trần Văn Hòa") == {("Giám đốc", "Bảo tàng tỉnh Quảng Bình")}
    assert positions(r, "Lê Thị Thu") == {("Giám đốc", "Thư viện tỉnh Quảng Bình")}
    assert positions(r, "Phan Hữu Lộc") == {("Giám đốc", "Điện lực Đồng Hới")}
    assert positions(r, "Hồ Thị Lan") == {("Giám đốc", "Trung tâm Phục vụ hành chính công tỉnh Quảng Bình")}
    assert positions(r, "Võ Văn Nam") == {("Trưởng", "Cụm thi đua số 4")}


def test_a_comma_inside_a_name_up_to_the_place_after_it_and_border_posts_named_after_places() -> None:
    r = run("QBĐT - Ngày 8/1, Sở Nội vụ tổ chức hội nghị tổng kết công tác năm 2025. Ông Nguyễn Văn An, Giám đốc "
            "Trung tâm Văn hóa, Thể thao và Du lịch tỉnh phát biểu. Thiếu tá Hồ Văn Minh, Đồn trưởng Đồn Biên phòng "
            "Cà Roòng dự.\n")
    assert positions(r, "Nguyễn Văn An") == {
        ("Giám đốc", "Trung tâm Văn hóa, Thể thao và Du lịch tỉnh Quảng Bình")}
    assert positions(r, "Hồ Văn Minh") == {("Đồn trưởng", "Đồn Biên phòng Cà Roòng")}  # not a Mr Cà


def test_the_province_party_organisation_named_by_its_level_is_the_tinh_uy() -> None:
    r = run("QBĐT - Ngày 27/12, Ban Chấp hành Đảng bộ tỉnh tổ chức Hội nghị lần thứ 15 để tổng kết công tác năm "
            "2025. Ông Nguyễn Văn An, Phó Chủ tịch UBND tỉnh dự.\n")
    assert r["meetings"][0]["host"] == "Tỉnh ủy Quảng Bình"
    tinh_uy = next(o for o in r["organizations"] if o["name"] == "Tỉnh ủy Quảng Bình")
    assert "Đảng bộ tỉnh" in tinh_uy["aliases"] and "Đảng ủy tỉnh Quảng Bình" not in org_names(r)


def test_a_meeting_told_as_the_subject_its_host_after_cua_and_a_cited_congress_hosting_nothing() -> None:
    r = run("QBĐT - Sáng 8/1/2026, Hội nghị tổng kết công tác năm 2025 của Sở Nội vụ đã long trọng diễn ra tại Hội "
            "trường UBND tỉnh. Ông Nguyễn Văn An, Phó Chủ tịch UBND tỉnh dự.\n")
    (m,) = r["meetings"]
    assert (m["name"], m["host"], m["date"]) == (
        "Hội nghị tổng kết công tác năm 2025 của Sở Nội vụ", "Sở Nội vụ tỉnh Quảng Bình", "2026-01-08")
    assert not any(a == "Hội" for o in r["organizations"] for a in o["aliases"])  # "Hội nghị" is no association
    r = run("QBĐT - Hướng tới Đại hội Đảng bộ tỉnh, sáng 20/8/2025, Đảng ủy Công an tỉnh tổ chức Đại hội đại biểu "
            "Đảng bộ Công an tỉnh lần thứ XXV, nhiệm kỳ 2025-2030. Dự đại hội có ông Nguyễn Văn An, Phó Chủ tịch UBND "
            "tỉnh.\n")
    assert r["meetings"][0]["host"] == "Đảng ủy Công an tỉnh Quảng Bình"


def test_a_view_stated_is_speech() -> None:
    r = run("QBĐT - Ngày 20/12/2025, Sở Y tế tổ chức hội nghị tổng kết công tác năm 2025. Ông Lê Văn Hùng, Phó Chủ "
            "tịch UBND tỉnh cho rằng ngành cần tập trung đầu tư cho y tế cơ sở.\n")
    assert roles(r, "Lê Văn Hùng") == {"attended", "spoke"}


def test_health_units_by_abbreviation_named_areas_and_a_parent_said_with_thuoc() -> None:
    r = run("QBĐT - Ngày 8/1/2026, Sở Y tế tổ chức hội nghị tổng kết công tác năm 2025. Dự có ông Lê Văn Hùng, Giám "
            "đốc CDC tỉnh; bà Hồ Thị Lan, Giám đốc TTYT huyện Bố Trạch; ông Trần Văn Nam, Giám đốc Bệnh viện Đa khoa "
            "khu vực Bắc Quảng Bình (trực thuộc Sở Y tế).\n")
    assert positions(r, "Lê Văn Hùng") == {("Giám đốc", "Trung tâm Kiểm soát bệnh tật tỉnh Quảng Bình")}
    assert positions(r, "Hồ Thị Lan") == {("Giám đốc", "Trung tâm Y tế huyện Bố Trạch")}
    assert positions(r, "Trần Văn Nam") == {("Giám đốc", "Bệnh viện Đa khoa khu vực Bắc Quảng Bình")}
    hospital = next(o for o in r["organizations"] if o["name"] == "Bệnh viện Đa khoa khu vực Bắc Quảng Bình")
    assert hospital["parent"] == "Sở Y tế tỉnh Quảng Bình" and not hospital["aliases"]


def test_a_hero_s_name_borne_by_someone_addressed_and_a_monk_s_dharma_name() -> None:
    r = run("QBĐT - Ngày 8/1/2026, Sở Y tế tổ chức hội nghị tổng kết công tác năm 2025 tại Trường THPT Lê Hồng Phong. "
            "Dự có ông Lê Hồng Phong, Phó Giám đốc Sở Y tế; Thượng tọa Thích Minh Đức, Trưởng Ban Trị sự Giáo hội "
            "Phật giáo Việt Nam tỉnh.\n")
    assert positions(r, "Lê Hồng Phong") == {("Phó Giám đốc", "Sở Y tế tỉnh Quảng Bình")}
    assert "Thích Minh Đức" in people(r)
    assert "Trường THPT Lê Hồng Phong" not in people(r)


def test_two_posts_joined_by_kiem_are_two_positions() -> None:
    r = run("QBĐT - Ngày 8/1/2026, Sở Y tế tổ chức hội nghị tổng kết công tác năm 2025. Dự có ông Lê Văn Hùng, Phó "
            "Chủ tịch kiêm Tổng Thư ký Hội Y học tỉnh.\n")
    assert positions(r, "Lê Văn Hùng") == {("Phó Chủ tịch", "Hội Y học tỉnh Quảng Bình"),
                                           ("Tổng Thư ký", "Hội Y học tỉnh Quảng Bình")}


def test_a_post_won_is_the_hosts_not_that_of_another_winners_own_title() -> None:
    r = run("(BBRVT) - Ngày 15/6/2020, Hội Nhà báo tỉnh tổ chức Đại hội đại biểu lần thứ VIII, nhiệm kỳ 2020 - 2025. "
            "Ban Chấp hành đã bầu nhà báo Đặng Thị Hồng Nhung, Tổng Biên tập Báo Bà Rịa - Vũng Tàu giữ chức Chủ tịch "
            "Hội; các nhà báo Trịnh Minh Khang, Giám đốc Đài Phát thanh và Truyền hình tỉnh và Nguyễn Thanh Tâm (tái "
            "cử) giữ chức Phó Chủ tịch.\n")
    hoi = next(o["name"] for o in r["organizations"] if o["name"].startswith("Hội Nhà báo"))
    assert ("Phó Chủ tịch", hoi) in positions(r, "Nguyễn Thanh Tâm")
    assert not any(org and org.startswith("Đài") for _, org in positions(r, "Nguyễn Thanh Tâm"))


def test_a_mass_organisation_s_branch_at_a_school_is_named_after_the_school() -> None:
    r = run("CTO - Trong hai ngày 24 và 25/11/2023, Hội Sinh viên Việt Nam Trường Đại học Cần Thơ tổ chức Đại hội "
            "đại biểu lần thứ VII, nhiệm kỳ 2023-2028. Đại hội đã bầu anh Kiên Văn Mạnh giữ chức Chủ tịch Hội Sinh "
            "viên Việt Nam Trường Đại học Cần Thơ.\n")
    branch = next(o for o in r["organizations"] if o["name"] == "Hội Sinh viên Việt Nam Trường Đại học Cần Thơ")
    assert branch["parent"] == "Trường Đại học Cần Thơ"
    assert r["meetings"][0]["host"] == branch["name"]
    assert {(e["person"], e["organization"]) for e in r["elections"]} == {("Kiên Văn Mạnh", branch["name"])}


def test_a_meeting_held_this_afternoon_is_dated_by_the_date_line() -> None:
    r = run("16:20 | 15/07/2025\n\nQBĐT - Chiều nay, Sở Y tế tổ chức hội nghị sơ kết 6 tháng đầu năm 2025. Dự có ông "
            "Lê Văn Hùng, Phó Chủ tịch UBND tỉnh.\n")
    assert r["meetings"][0]["date"] == "2025-07-15"


def test_a_unit_number_ends_a_name_its_code_is_its_short_name_and_a_stock_ticker_is_neither() -> None:
    r = run("YBĐT - Sáng 25/4, Công ty cổ phần Thủy điện Thác Bà (HOSE: TBC), đơn vị thành viên của Tổng công ty Phát "
            "điện 1 (EVNGENCO1) tổ chức Đại hội đồng cổ đông thường niên năm 2025. Tham dự có ông Cao Văn Bình, Phó "
            "Tổng Giám đốc EVNGENCO1.\n")
    assert positions(r, "Cao Văn Bình") == {("Phó Tổng Giám đốc", "Tổng công ty Phát điện 1")}
    aliases = {a for o in r["organizations"] for a in o["aliases"]}
    assert "EVNGENCO1" in aliases and "HOSE: TBC" not in aliases


def test_people_listed_with_former_posts_share_the_post_they_are_elected_to() -> None:
    r = run("(BTN) - Ngày 16/10/2025, Ủy ban MTTQ Việt Nam tỉnh tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025 - "
            "2030. Bà Đỗ Thị Kim Loan được hiệp thương cử giữ chức Chủ tịch; các ông, bà: Nguyễn Minh Triều, nguyên "
            "Chủ tịch Hội Nông dân tỉnh và Lâm Thị Bích Vân, Chủ tịch Hội Liên hiệp Phụ nữ tỉnh giữ chức Phó Chủ tịch.\n")
    elected = {(e["person"], e["title"]) for e in r["elections"]}
    assert {("Nguyễn Minh Triều", "Phó Chủ tịch"), ("Lâm Thị Bích Vân", "Phó Chủ tịch")} <= elected
    assert all(e["organization"].startswith("Ủy ban Mặt trận") for e in r["elections"])
    assert not any(p["title"] == "Chủ tịch" and "Nông dân" in (p["organization"] or "")
                   for p in people(r)["Nguyễn Minh Triều"]["positions"])  # a former post without a term


def test_a_province_whose_name_opens_with_a_surname_closes_a_body_s_name() -> None:
    r = run("(NTO) - Chiều 8-1, Công ty Điện lực Ninh Thuận tổ chức hội nghị tổng kết năm 2023. Dự có ông Lê Văn Hùng, "
            "Giám đốc Chi cục Thống kê Lâm Đồng và bà Hồ Thị Lan, Giám đốc Công ty Cấp nước Hà Nam.\n")
    assert r["meetings"][0]["host"] == "Công ty Điện lực Ninh Thuận"  # not a Mr Ninh
    assert positions(r, "Lê Văn Hùng") == {("Giám đốc", "Chi cục Thống kê Lâm Đồng")}
    assert positions(r, "Hồ Thị Lan") == {("Giám đốc", "Công ty Cấp nước Hà Nam")}


def test_a_district_written_with_a_lower_case_letter_after_its_apostrophe() -> None:
    r = run("(BĐL) - Ngày 20/12/2023, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác năm 2023. Bà Ksor H'Bla, "
            "Chủ tịch Hội Liên hiệp Phụ nữ huyện Ea H'leo tham luận.\n")
    assert positions(r, "Ksor H'Bla") == {("Chủ tịch", "Hội Liên hiệp Phụ nữ huyện Ea H'leo")}


def test_the_head_of_a_council_s_delegate_group() -> None:
    r = run("(ĐNO) - Ngày 26/11/2024, Ủy ban MTTQ Việt Nam huyện Krông Nô tổ chức hội nghị tiếp xúc cử tri với Tổ đại "
            "biểu HĐND tỉnh. Tham gia tiếp xúc có ông Y Phôn Byă, Phó Trưởng Ban Dân tộc HĐND tỉnh Đắk Nông, Tổ trưởng "
            "Tổ đại biểu.\n")
    assert ("Tổ trưởng", "Tổ đại biểu Hội đồng nhân dân tỉnh Đắk Nông") in positions(r, "Y Phôn Byă")


def test_a_report_of_no_known_paper_speaking_of_the_province_s_bodies_is_of_the_one_province_it_names() -> None:
    r = run("Tỉnh Đoàn tổng kết năm 2023\nThứ Sáu, 22/12/2023, 11:45\n\nSáng 22/12, Ban Chấp hành Tỉnh Đoàn tổ chức "
            "hội nghị tổng kết công tác Đoàn năm 2023. Phó Chủ tịch UBND tỉnh Phan Minh Khoa dự. Năm 2024, Tỉnh Đoàn "
            "triển khai phong trào \"Thanh niên Quảng Nam học tập, làm theo lời Bác\".\n")
    assert r["article"]["locality"] == "tỉnh Quảng Nam"
    assert positions(r, "Phan Minh Khoa") == {("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Nam")}
    # a national report naming a province once in passing stays national
    r = run("Bộ Y tế tổng kết năm 2023\n\nSáng 22/12, Bộ Y tế tổ chức hội nghị tổng kết công tác năm 2023. Thứ "
            "trưởng Nguyễn Văn An dự. Bộ đã hợp tác với Bắc Ninh trong phòng dịch.\n")
    assert r["article"]["locality"] is None


def test_a_presidium_listed_after_gom_all_chair() -> None:
    r = run("QBĐT - Ngày 20/6/2025, Hội Nông dân tỉnh tổ chức Đại hội đại biểu lần thứ X, nhiệm kỳ 2025-2030. Đoàn Chủ "
            "tịch đại hội gồm các đồng chí: Lê Văn Hùng, Chủ tịch Hội Nông dân tỉnh; Hồ Thị Lan, Phó Chủ tịch Hội Nông "
            "dân tỉnh; Trần Văn Nam, Phó Chủ tịch Hội Nông dân tỉnh điều hành đại hội.\n")
    for name in ("Lê Văn Hùng", "Hồ Thị Lan", "Trần Văn Nam"):
        assert roles(r, name) == {"attended", "chaired"}


def test_the_fire_police_department_as_officially_written_in_lower_case() -> None:
    r = run("LCĐT - Ngày 19/12/2025, Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ (PC07), Công an tỉnh tổ "
            "chức hội nghị tổng kết công tác năm 2025. Thượng tá Lò Văn Hải, Trưởng phòng chủ trì hội nghị.\n")
    assert r["meetings"][0]["host"] == "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ"


def test_a_body_named_in_sentence_case() -> None:
    r = run("QBĐT - Ngày 8/1/2026, Hội liên hiệp phụ nữ tỉnh tổ chức hội nghị tổng kết công tác năm 2025. Dự có bà Hồ "
            "Thị Lan, Giám đốc Trung tâm kiểm soát bệnh tật tỉnh.\n")
    assert r["meetings"][0]["host"] == "Hội Liên hiệp Phụ nữ tỉnh Quảng Bình"
    assert positions(r, "Hồ Thị Lan") == {("Giám đốc", "Trung tâm Kiểm soát bệnh tật tỉnh Quảng Bình")}


def test_a_quarter_keeps_its_year_written_after_a_slash() -> None:
    r = run("QBĐT - Ngày 8/1/2026, Sở Nông nghiệp và Môi trường tổ chức hội nghị tổng kết công tác năm 2025. Ông Lê "
            "Văn Hùng, Phó Chủ tịch UBND tỉnh yêu cầu Sở khẩn trương hoàn thiện quy hoạch vùng nguyên liệu trong quý "
            "I/2026.\n")
    assert [t["period"] for t in r["tasks"]] == ["quý I/2026"]
