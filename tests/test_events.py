"""Event rows: voice, side, lists, chains of dates, negation."""

from __future__ import annotations

import extract


def events(text: str) -> list[tuple[str, str, str, str]]:
    frame = extract.extract_text(text, "t")["events"]
    return list(zip(frame["date"], frame["event_type"], frame["place"], frame["actor_side"], strict=True))


def test_active_capture_with_list_of_places():
    text = "1944年5月5日,日军第27师团分别攻占漯河和郾城。"
    assert events(text) == [("1944-05-05", "capture", "漯河", "JP"), ("1944-05-05", "capture", "郾城", "JP")]


def test_passive_loss_chain_of_dates():
    text = "1944年4月20日,守军向西撤退。21日荥阳失守,23日密县失守,24日长葛失守。"
    got = [e for e in events(text) if e[1] == "capture"]
    assert got == [("1944-04-21", "capture", "荥阳", "JP"), ("1944-04-23", "capture", "密县", "JP"),
                   ("1944-04-24", "capture", "长葛", "JP")]


def test_chain_keeps_the_actor():
    text = "1944年9月1日,日军第13师团于9月5日攻占祁阳,7日攻占零陵,12日占道县。"
    got = extract.extract_text(text, "t")["events"]
    assert list(got["place"]) == ["祁阳", "零陵", "道县"]
    assert list(got["date"]) == ["1944-09-05", "1944-09-07", "1944-09-12"]
    assert set(got["actor"]) == {"第13师团"} and set(got["actor_side"]) == {"JP"}


def test_defenders_withdraw_and_recapture():
    text = "1944年4月19日,守军第85军全部撤出郑州。6月28日,第72军收复萍乡。"
    assert ("1944-04-19", "withdraw", "郑州", "CN") in events(text)
    assert ("1944-06-28", "recapture", "萍乡", "CN") in events(text)


def test_orders_plans_and_failures_give_no_event():
    text = ("1944年5月14日,华北方面军令第63师团进攻洛阳。守军未能阻止日军攻占洛阳。"
            "日军企图攻占西安。日军计划6月攻占长沙。")
    assert events(text) == []


def test_evidence_offsets(sample_text):
    frame = extract.extract_text(sample_text, "s")["events"]
    assert len(frame) > 20
    for start, end, evidence in frame[["start", "end", "evidence"]].itertuples(index=False):
        assert sample_text[start:end] == evidence
    assert ("1944-04-21", "capture", "荥阳", "JP") in set(
        zip(frame["date"], frame["event_type"], frame["place"], frame["actor_side"], strict=True))
