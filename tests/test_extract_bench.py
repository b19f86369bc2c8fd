"""The extraction benchmark measures both extractors on the same articles and reports their ratio (the figures
themselves are not asserted: the machine is shared and noisy)."""

from __future__ import annotations

from pathlib import Path

from orgkg.loaders.extract.bench import run


def test_bench_reports_both_rates_and_their_ratio(tmp_path: Path, capsys) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Hội Nông dân tỉnh sơ kết\n\nSáng 5/7, Hội Nông dân tỉnh Nghệ An tổ chức hội nghị sơ kết công tác "
                   "6 tháng đầu năm 2024. Phó Chủ tịch UBND tỉnh Bùi Đình Long dự hội nghị.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run([art, tmp_path / "empty.txt"], min_seconds=0.05)
    assert result["articles"] == 1
    assert len(result["refused"]) == 1
    assert result["ours_per_s"] > 0 and result["ner_per_s"] > 0
    assert result["ratio"] == round(result["ours_per_s"] / result["ner_per_s"], 1) or abs(
        result["ratio"] - result["ours_per_s"] / result["ner_per_s"]) < 0.1
    out = capsys.readouterr().out
    assert "underthesea ner" in out and "ratio" in out


def test_bench_with_nothing_readable(tmp_path: Path) -> None:
    result = run([tmp_path / "missing.txt"], echo=False)
    assert result["articles"] == 0 and result["ratio"] is None and result["refused"]
