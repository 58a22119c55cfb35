"""What a report shows is true of the disclosure: charts laid out the same whatever fonts the
machine drawing them has, CSV downloads that Excel on Chinese Windows reads, no ``NaN``, a "nothing
to show" note only when the tables hold nothing, a disclosure that disagrees with itself said so,
shares that account for the whole, 三公 apart from 会议费 and 培训费, headings for 预算 and 决算."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import present

ROOT = Path(__file__).resolve().parents[1]
LONG = "区政府办电子政务、政务（政府）信息公开专项（常年性项目）"


def _chart_svg() -> str:
    df = pd.DataFrame({"n": [LONG, "一般公共服务支出", "abc 2024"], "v": [1.0, 2.0, 3.0],
                       "g": ["2024年", "2025年", "2025年"]})
    return (present.svg_text(present.bar(df, "n", "v", "金额最大的项目（万元，至多20项）" * 3, color="g"))
            + present.svg_text(present.grouped_bar(df, "n", "v", "g", "“三公”经费：本年与上年（万元）")))


def _layout(svg: str) -> list:
    """Every element of the SVG but the invisible backgrounds of legend entries (sized by vl-convert's
    own measure of the legend labels, drawn with no fill or stroke)."""
    return [e for e in re.findall(r"<[^>]*>", svg) if not re.match(r'<path class="background"[^>]*pointer-events', e)]


def test_text_width_counts_wide_characters_as_one_em():
    assert present.text_width("三公经费", 10) == 40
    assert present.text_width("ab", 10) == pytest.approx(2 * present.NARROW_EM * 10)
    assert present.text_width("一二\n一二三", 10) == 30          # the widest line
    assert present.axis_extent(["一二三"]) == 33 + present.AXIS_GAP
    lines = present.title_lines("一" * 50, 140)
    assert [len(x) for x in lines] == [10] * 5 and "".join(lines) == "一" * 50


def test_chart_room_for_labels_comes_from_the_characters_not_from_the_fonts():
    """The y axis takes exactly the room its widest (wrapped) label needs at 1 em per CJK character:
    the plot starts at padding + that room, whatever vl-convert measured."""
    svg = present.svg_text(present.bar(pd.DataFrame({"n": [LONG, "x"], "v": [1.0, 2.0]}), "n", "v", "标题"))
    room = present.axis_extent(present.wrap(LONG).split("\n"))
    assert room == 16 * present.LABEL_SIZE + present.AXIS_GAP
    x = int(re.search(r'<g fill="none" stroke-miterlimit="10" transform="translate\((\d+),', svg).group(1))
    assert x == 8 + room
    assert int(re.search(r'width="(\d+)"', svg).group(1)) >= 8 + room + present.CHART_WIDTH + 8


def test_long_titles_wrap_within_the_chart():
    svg = present.svg_text(present.bar(pd.DataFrame({"n": ["a"], "v": [1.0]}), "n", "v", "很长的标题" * 30))
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    titles = re.findall(r'<g class="mark-text role-title-text".*?</g>', svg, flags=re.S)
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", titles[0]) or re.findall(r">([^<>]+)</text>", titles[0])
    assert "".join(lines) == "很长的标题" * 30 and len(lines) > 1
    assert all(present.text_width(x, present.TITLE_SIZE) <= width for x in lines)


CAN_HIDE_FONTS = (sys.platform.startswith("linux") and shutil.which("unshare") is not None
                  and Path("/usr/share/fonts").is_dir())


@pytest.mark.slow
@pytest.mark.skipif(not CAN_HIDE_FONTS, reason="needs Linux with unshare to hide the system fonts from one process")
def test_charts_are_the_same_on_a_machine_without_cjk_fonts(tmp_path):
    """The same charts drawn in a process that sees no system font at all (every font folder
    hidden in a private mount namespace) are laid out exactly as with the fonts."""
    empty = tmp_path / "empty"
    empty.mkdir()
    script = tmp_path / "draw.py"
    script.write_text("import sys\nsys.path.insert(0, %r)\nfrom tests.test_report_truth import _chart_svg\n"
                      "open(sys.argv[1], 'w', encoding='utf-8').write(_chart_svg())\n" % str(ROOT), encoding="utf-8")
    hide = " && ".join(f"mount --bind {empty} {d}" for d in ("/usr/share/fonts", "/usr/local/share/fonts")
                       if Path(d).is_dir())
    out = tmp_path / "bare.svg"
    r = subprocess.run(["unshare", "-m", "sh", "-c", f"{hide} && fc-list 2>/dev/null | wc -l > {tmp_path}/n && "
                        f"{sys.executable} {script} {out}"], capture_output=True, text=True, timeout=300)
    if r.returncode != 0 and "Operation not permitted" in r.stderr:
        pytest.skip(f"cannot make a private mount namespace here: {r.stderr.strip()[:200]}")
    assert r.returncode == 0, r.stderr[-2000:]
    if (tmp_path / "n").read_text().strip() not in ("0", ""):
        pytest.skip("fonts still visible in the private namespace")
    assert _layout(out.read_text(encoding="utf-8")) == _layout(_chart_svg())
