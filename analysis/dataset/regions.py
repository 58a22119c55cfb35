"""Where a department sits, read from its name: province, city, district and level.

A name starts with its region, widest first (江苏省南京市玄武区教育局, 上海市普陀区教育局,
杭州市交通运输局); a party or mass organisation puts its own word first (中共江苏省委宣传部,
共青团上海市委员会). The provincial-level division is found by its official name
(``vocab.provincial_divisions``) anywhere in the first part of the name; a city and a district
follow it by their suffixes. A municipality (直辖市) is both province and city: its own
departments are of provincial level. What a name does not say stays blank.
"""
from __future__ import annotations

import re

from ..vocab import provincial_divisions

# words ending in a place suffix that name no place (城市管理局, 市场监督管理局, 社区, 园区 …)
NOT_PLACES = ("城市", "市场", "社区", "园区", "景区", "校区", "林区", "矿区", "库区", "市政", "区域")
CITY = re.compile(r"^(.{1,6}?(?:市|自治州|地区|盟))")
DISTRICT = re.compile(r"^(.{1,5}?(?:新区|区|县|旗|市))")
LEVEL_ZH = {"province": "省级", "city": "地市级", "district": "区县级"}
HEAD = 12   # characters of a name in which its region may start (after 中共, 共青团, 中国民主同盟 …)


def _place(pattern: re.Pattern, rest: str) -> str:
    m = pattern.match(rest)
    if not m or m.group(1).startswith(NOT_PLACES) or m.group(1).endswith(NOT_PLACES):
        return ""
    return m.group(1)


def _province(name: str) -> tuple:
    """(division, its kind, the rest of the name after it) of the first division named."""
    found = [(name.find(n), n, k) for n, _short, k in provincial_divisions() if 0 <= name.find(n) < HEAD]
    if not found:   # a unit named by the short form (上海交通职业技术学院, 江苏警官学院)
        short = next(((n, short, k) for n, short, k in provincial_divisions() if name.startswith(short)), None)
        return (short[0], short[2], name[len(short[1]):]) if short else ("", "", name)
    at, n, kind = min(found)
    return n, kind, name[at + len(n):]


def region(department: str) -> dict:
    """{province, city, district, level} of a department's name; blank where it does not say."""
    name = re.sub(r"\s+", "", department or "")
    province, kind, rest = _province(name)
    city = province if kind == "municipality" else ""
    if not province:
        city = _place(CITY, rest)
        rest = rest[len(city):]
    elif not city:
        city = _place(CITY, rest)
        rest = rest[len(city):]
    district = _place(DISTRICT, rest) if city else ""
    level = "district" if district else "city" if city and kind != "municipality" else "province" if province else ""
    return {"province": province, "city": city, "district": district, "level": LEVEL_ZH.get(level, "")}
