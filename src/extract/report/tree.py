"""The order of battle as a collapsible tree per side (<details>), merged over the corpus's documents.

orbat.csv states parent and commander per statement; the tree joins a unit's statements (commanders
and documents accumulate), and a parent nobody states a parent for is a root. A nested norm
(第37师团/第225联队) is its own node: the tree shows what the text states, not what it implies.
"""

from __future__ import annotations

import html
from collections import defaultdict

import pandas as pd


def _node(unit: str, seen: frozenset[str], children: dict[str, set[str]], commanders: dict[str, set[str]],
          docs: dict[str, set[str]]) -> str:
    """A unit's <li>: a <details> holding its subordinates, or a leaf (``seen`` stops a cycle)."""
    e = html.escape
    label = f'<span class="unit">{e(unit)}</span>'
    if commanders[unit]:
        label += f' <span class="cmd">({e("、".join(sorted(commanders[unit])))})</span>'
    if docs[unit]:
        label += f' <span class="docs">{e(", ".join(sorted(docs[unit])))}</span>'
    kids = sorted(children[unit] - seen)
    if not kids:
        return f'<li class="leaf" data-unit="{e(unit)}">{label}</li>'
    inner = "".join(_node(k, seen | {unit}, children, commanders, docs) for k in kids)
    return f'<li data-unit="{e(unit)}"><details open><summary>{label}</summary><ul>{inner}</ul></details></li>'


def orbat_tree_html(orbat: pd.DataFrame) -> str:
    """One <details> tree per side; each unit's <summary> names its commanders and documents."""
    if orbat.empty:
        return "<p class='note'>The texts state no order of battle.</p>"
    e = html.escape
    out = []
    for side, rows in orbat.groupby("side", sort=True):
        children: dict[str, set[str]] = defaultdict(set)
        commanders: dict[str, set[str]] = defaultdict(set)
        docs: dict[str, set[str]] = defaultdict(set)
        has_parent: set[str] = set()
        for _, r in rows.iterrows():
            docs[r["unit"]].add(r["doc_id"])
            if r["commander"]:
                commanders[r["unit"]].add(r["commander"])
            if r["parent"] and r["parent"] != r["unit"]:
                children[r["parent"]].add(r["unit"])
                docs.setdefault(r["parent"], set())
                has_parent.add(r["unit"])
        roots = sorted(u for u in docs if u not in has_parent)
        reached: set[str] = set()
        for unit in [*roots, *sorted(docs)]:  # a cycle of parents has no root: its first unit becomes one
            if unit in reached:
                continue
            if unit not in roots:
                roots.append(unit)
            stack = [unit]
            while stack:
                u = stack.pop()
                if u not in reached:
                    reached.add(u)
                    stack.extend(children[u])

        tree = "".join(_node(root, frozenset(), children, commanders, docs) for root in roots)
        out.append(f'<details class="oob" data-side="{e(side or "none")}" open><summary>{e(side or "side unknown")}'
                   f' — {len(docs)} units</summary><ul>{tree}</ul></details>')
    return "".join(out)
