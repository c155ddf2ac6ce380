"""Build ``gazetteers/places_admin.csv`` from cpca's table of China's administrative divisions.

cpca ships ``adcodes.csv`` (adcode, official name, longitude, latitude) for
every province, prefecture and county. Campaign texts name places by their
short form (衡阳, not 衡阳市; 叶县 keeps its 县 because 叶 alone is no name),
so each row gets that short form as its name and the official name as a
variant. Urban districts are kept only where their name is an old county or
town name (郾城区 -> 郾城), not a modern coinage (城区, 开发区, 红旗区).

Run it again when cpca is upgraded::

    .venv/bin/python scripts/build_places.py

The output is sorted and deterministic. Curated names (rivers, mountains,
railways, historical and misprinted forms) live in ``places.csv``, which the
loader reads after this file and which overrides it.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import cpca

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteers" / "places_admin.csv"
STOPLIST = ROOT / "gazetteers" / "places_stoplist.txt"

RESOURCES = Path(cpca.__file__).resolve().parent / "resources"

# Longest suffix first; stripping one of these gives the short name.
SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
    "林区", "地区", "省", "市", "县", "旗", "盟", "区",
)
GENERIC_DISTRICT = re.compile(
    r"(^[东西南北中新老]?城区$|新区|开发区|高新|经济|矿区|郊区|工业|管理|示范|园区|^[东西南北中]区$)"
)
LEVELS = {"province": 0, "city": 1, "county": 2, "district": 3}


def _nations() -> list[str]:
    names = [line.strip() for line in (RESOURCES / "56_nations.csv").read_text(encoding="utf-8").splitlines()]
    forms = {n for n in names if n} | {n.removesuffix("族") for n in names if len(n) > 2}
    return sorted(forms, key=len, reverse=True)


def short_name(official: str, nations: list[str]) -> str:
    """The form a chronicle uses: suffix and ethnic-autonomy words removed, stem at least 2 characters."""
    for suffix in SUFFIXES:
        if official.endswith(suffix) and len(official) > len(suffix):
            stem = official[: -len(suffix)]
            if suffix.startswith("自治") or suffix in ("壮族自治区", "回族自治区", "维吾尔自治区"):
                changed = True
                while changed:
                    changed = False
                    for nation in nations:
                        if stem.endswith(nation) and len(stem) > len(nation):
                            stem = stem[: -len(nation)]
                            changed = True
                            break
            if len(stem) >= 2:
                return stem
            return official  # 叶县, 道县: the one-character stem is no name on its own
    return official


def level_of(adcode: str, official: str) -> str:
    if adcode[2:] == "0" * 10:
        return "province"
    if adcode[4:] == "0" * 8:
        return "city"
    return "district" if official.endswith("区") else "county"


def build() -> tuple[list[list[str]], list[str]]:
    from extract.lexicon import is_common_word, jieba_lexicon

    nations = _nations()
    rows = list(csv.DictReader((RESOURCES / "adcodes.csv").open(encoding="utf-8")))
    provinces = {r["adcode"][:2]: r["name"] for r in rows if level_of(r["adcode"], r["name"]) == "province"}
    best: dict[str, tuple[int, str, list[str]]] = {}
    stop: set[str] = set()
    for row in sorted(rows, key=lambda r: r["adcode"]):
        official = row["name"]
        level = level_of(row["adcode"], official)
        if level == "district" and GENERIC_DISTRICT.search(official):
            continue
        name = short_name(official, nations)
        if len(name) < 2:
            continue
        freq, tag = jieba_lexicon().get(name, (0, "ns"))
        if level == "district" and (is_common_word(name, min_freq=50) or (freq >= 200 and tag != "ns")):
            continue  # a district named by an ordinary word (红旗, 芙蓉) is a modern coinage; 郾城, 零陵 are old names
        if is_common_word(name, min_freq=200):
            stop.add(name)
        if not row["latitude"] or not row["longitude"]:
            continue  # a handful of rows carry no coordinates; a place without them is of no use on a map
        province = provinces.get(row["adcode"][:2], "")
        # The official name is a variant only where it was in use in 1937-1945: a county (县)
        # or a prefecture-level city; most county-level cities (永安市) and districts are later
        # creations, and X市 in a chronicle is then a market town (永安市 near Changsha).
        official_variant = official != name and (level in ("province", "city") or not official.endswith(("市", "区")))
        record = [
            name,
            official if official_variant else "",
            "county" if level == "district" else level,
            f"{float(row['latitude']):.4f}",
            f"{float(row['longitude']):.4f}",
            short_name(province, nations) if level != "province" else "",
        ]
        rank = LEVELS[level]
        if name not in best or rank < best[name][0]:
            best[name] = (rank, row["adcode"], record)
    out = [best[name][2] for name in sorted(best)]
    return out, sorted(stop)


def main() -> int:
    records, stop = build()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "variants", "type", "lat", "lon", "admin"])
    writer.writerows(records)
    OUT.write_text(buffer.getvalue(), encoding="utf-8")
    print(f"{OUT}: {len(records)} places; common-word candidates for the stoplist: {' '.join(stop)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
