"""``extract bench``: whole-pipeline speed against bare jieba, on a generated corpus.

The corpus is built from the texts in ``corpora/`` with variations (numbers
shifted, paragraphs reordered per copy) so that every document is new to the
cache and to any memo inside the pipeline. Runs go through the real batch
command in a subprocess, so the figures include reading, writing and process
start-up, and peak memory is measured per run.
"""

from __future__ import annotations

import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_DIGITS = re.compile(r"\d+")


def _vary(text: str, copy: int) -> str:
    """One new version of ``text``: numbers shifted and paragraphs reordered, deterministically."""
    rng = random.Random(copy)
    shift = copy % 7 + 1
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    varied = "\n".join(head + body) + "\n"
    return _DIGITS.sub(lambda m: str(int(m.group()) + shift) if len(m.group()) < 4 else m.group(), varied)


def build_corpus(sources: list[Path], folder: Path, size_bytes: int, doc_bytes: int = 400_000) -> tuple[int, int]:
    """Write varied documents of about ``doc_bytes`` each until ``size_bytes``; return (files, chars)."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    if not texts:
        raise ValueError("no .txt texts to build the benchmark corpus from")
    folder.mkdir(parents=True, exist_ok=True)
    total_bytes = total_chars = files = copy = 0
    while total_bytes < size_bytes:
        parts: list[str] = []
        size = 0
        while size < doc_bytes:
            part = _vary(texts[copy % len(texts)], copy)
            parts.append(part)
            size += len(part.encode("utf-8"))
            copy += 1
        text = "".join(parts)
        (folder / f"bench_{files:04d}.txt").write_text(text, encoding="utf-8")
        files += 1
        total_bytes += size
        total_chars += len(text)
    return files, total_chars


@dataclass(slots=True)
class RunFigures:
    seconds: float
    peak_mb: float
    parent_cpu: float = 0.0  # CPU seconds of the command's own process during the run (the serial part)
    workers_cpu: float = 0.0  # CPU seconds of its worker processes


# Runs `extract run` through run_batch in a fresh interpreter and prints its figures as JSON: wall time,
# the CPU of this process during the run (reading, merging, writing: the serial part), the CPU of the
# workers it forked, and the peak memory of this process and of its largest worker.
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from extract.batch import BatchOptions, run_batch
from extract.pipeline import load_for_fork
load_for_fork()  # what the command loads before its first document: start-up, not the serial share
self0, started = time.process_time(), time.perf_counter()
run_batch(Path(sys.argv[1]), Path(sys.argv[2]), BatchOptions(workers=int(sys.argv[3])))
wall, own = time.perf_counter() - started, time.process_time() - self0
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, kids.ru_maxrss) / 1024
print(json.dumps({"seconds": wall, "peak_mb": peak, "parent_cpu": own, "workers_cpu": kids.ru_utime + kids.ru_stime}))
"""


def _run(corpus: Path, out: Path, workers: int) -> RunFigures:
    """One batch run in a fresh interpreter (no cache), with its figures."""
    import json

    done = subprocess.run([sys.executable, "-c", _CHILD, str(corpus), str(out), str(workers)], check=True,
                          capture_output=True, text=True)
    return RunFigures(**json.loads(done.stdout.strip().splitlines()[-1]))


def _cli_peak(corpus: Path, out: Path) -> RunFigures:
    """Wall time and peak memory of the real command, one worker (what a user runs)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(out), "--workers", "1",
                    "--no-cache", "--quiet"], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return RunFigures(seconds, max(after, before) / 1024)


def _interleaved(texts: list[str]) -> tuple[float, float, dict[str, float]]:
    """Seconds of bare ``jieba.lcut`` and of the whole pipeline over ``texts``, alternated per document.

    In one process, each document cut by jieba and then processed (tables as CSV text, what a worker
    sends), so a busy machine slows both alike and the ratio holds where absolute figures do not.
    Then the levers, each against its own reference on the same documents: the gaps cut by rjieba
    against Python jieba, the pipeline with the dictionaries frozen out of the collector against not.
    """
    import gc

    import jieba

    from extract.batch import document_tables
    from extract.lexicon import private_jieba
    from extract.pipeline import load_for_fork
    from extract.segment import gaps
    from extract.tables import csv_text

    jieba.setLogLevel(60)
    jieba.initialize()
    nlp = load_for_fork()  # everything read before the timing, the reference's HMM included
    bare = whole = 0.0
    for text in texts:
        started = time.process_time()
        jieba.lcut(text)
        bare += time.process_time() - started
        started = time.process_time()
        for rows in document_tables(text, "bench").values():
            csv_text(rows)
        whole += time.process_time() - started
    seg = private_jieba()
    pieces = [g for text in texts[:3] for g in gaps(*nlp.tokenizer.prepare(text)[1:4:2])]
    fast = ref = 0.0
    for start in range(0, len(pieces), 500):
        batch = pieces[start:start + 500]
        started = time.process_time()
        for g in batch:
            seg.cut(g, False)
        fast += time.process_time() - started
        started = time.process_time()
        for g in batch:
            list(seg.reference.cut(g, HMM=False))
        ref += time.process_time() - started
    # The collector settings, in turn on each document: default thresholds with the dictionaries frozen
    # (what load() leaves), not frozen, and frozen with the batch thresholds.
    times = {"frozen": 0.0, "thawed": 0.0, "tuned": 0.0}
    previous = gc.get_threshold()
    for text in texts[:4]:
        for mode in times:
            (gc.unfreeze if mode == "thawed" else gc.freeze)()
            gc.set_threshold(*((50_000, 20, 100) if mode == "tuned" else previous))
            started = time.process_time()
            document_tables(text, "bench")
            times[mode] += time.process_time() - started
    gc.set_threshold(*previous)
    gc.freeze()
    frozen, thawed, tuned = times["frozen"], times["thawed"], times["tuned"]
    levers = {"rjieba": ref / max(fast, 1e-9), "gc.freeze": thawed / max(frozen, 1e-9),
              "gc thresholds": frozen / max(tuned, 1e-9)}
    return bare, whole, levers


def _stage_times(texts: list[str]) -> dict[str, float]:
    """Seconds per stage over ``texts``, in one process (tokenizer = read view + tag + segment)."""
    from extract import load
    from extract.tables import csv_text, document_rows

    nlp = load()
    stages = {"tokenizer (tag + segment)": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "tables (rows + CSV)": 0.0}
    for text in texts:
        started = time.perf_counter()
        doc = nlp.make_doc(text)
        stages["tokenizer (tag + segment)"] += time.perf_counter() - started
        for name, proc in nlp.pipeline:
            started = time.perf_counter()
            doc = proc(doc)
            stages[name] += time.perf_counter() - started
        started = time.perf_counter()
        for rows in document_rows(doc, "bench").values():
            csv_text(rows)
        stages["tables (rows + CSV)"] += time.perf_counter() - started
    return stages


# Lines that once made a recognizer re-read the text from each position (quadratic:
# about 1,000 chars/s at 50k characters): each should run about as fast as prose.
# name -> (what opens the line, what repeats to fill it)
PATHOLOGICAL = {
    "ASCII digits": ("", "1234567890"),
    "Chinese numerals": ("", "一二三四五六七八九十百千"),
    "1944年 without separators": ("", "1944年"),
    "5月3日 without separators": ("", "5月3日"),
    "一月 (a date per 2 characters)": ("", "一月"),
    "十日": ("", "十日"),
    "日 / 月 / 年 / 第 / 師 runs": ("", "日日日日月月年年第第第師師"),
    "、 run": ("", "、"),
    "trigger words (进攻)": ("", "进攻"),
    "units before brackets (第9师()": ("", "第9师("),
    "persons after one unit": ("第9军", "冈村宁次"),
    "5,000-digit designations": ("", "第" + "9" * 5000 + "师"),
    "a list of places, then triggers without one": ("1944年5月3日" + "衡阳、" * 300 + "长沙，", "失守，"),
}


def linear_time(normal: str, size: int = 50_000) -> list[tuple[str, float]]:
    """chars/s of ``extract_text`` on ``size``-character lines: a normal text, then each pathological one."""
    from extract import extract_text

    extract_text(normal[:1000])  # load the pipeline outside the timing
    lines = {"normal text (corpora/)": (normal * (size // max(len(normal), 1) + 1))[:size]}
    for name, (head, piece) in PATHOLOGICAL.items():
        lines[name] = (head + piece * (size // len(piece) + 1))[:size]
    out = []
    for name, text in lines.items():
        started = time.perf_counter()
        extract_text(text)
        out.append((name, len(text) / (time.perf_counter() - started)))
    return out


def _startup(text: str) -> tuple[float, float]:
    """Seconds from a fresh interpreter to the pipeline loaded, and to the first document's tables (best of 3)."""
    code = ("import sys, time; t = time.perf_counter(); import extract; from extract.batch import document_tables; "
            "extract.load(); loaded = time.perf_counter() - t; document_tables(sys.stdin.read(), 'first'); "
            "print(loaded, time.perf_counter() - t)")
    runs = [tuple(map(float, subprocess.run([sys.executable, "-c", code], input=text, check=True, capture_output=True,
                                            text=True).stdout.split())) for _ in range(3)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def _identical(a: Path, b: Path) -> bool:
    return all((a / n).read_bytes() == (b / n).read_bytes()
               for n in ("entities.csv", "events.csv", "orbat.csv", "warnings.csv", "errors.csv"))


def bench(corpus: Path, size_mb: float = 10.0, workers: int = 2, stage_mb: float = 2.0, big_mb: float = 5.0,
          small_mb: float = 2.0) -> str:
    """Run the benchmark and return its report as Markdown: every figure of issue 17 beside its target."""
    sources = sorted(p for p in corpus.rglob("*.txt") if p.is_file())
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        files, chars = build_corpus(sources, folder, int(size_mb * 1024 * 1024))
        size = sum(p.stat().st_size for p in folder.iterdir())
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
        bare, whole, levers = _interleaved(texts)
        one = _cli_peak(folder, Path(tmp) / "cli1")
        # Alternated and best of two each: other jobs on a shared machine take a core now and then.
        runs = [_run(folder, Path(tmp) / f"out{n}", n) for n in (1, workers, 1, workers)]
        single = min(runs[0::2], key=lambda r: r.seconds)
        many = min(runs[1::2], key=lambda r: r.seconds)
        identical = _identical(Path(tmp) / "out1", Path(tmp) / f"out{workers}")
        # Small documents (4,000-5,000 characters, a web page or a section): the parent's share is largest.
        small = Path(tmp) / "small"
        small_files, small_chars = build_corpus(sources, small, int(small_mb * 1024 * 1024), doc_bytes=12_000)
        small_run = _run(small, Path(tmp) / "small_out", workers)
        big = Path(tmp) / "big"
        _, big_chars = build_corpus(sources, big, int(big_mb * 1024 * 1024), doc_bytes=int(big_mb * 1024 * 1024))
        big_run = _cli_peak(big, Path(tmp) / "big_out")

        stage_texts, budget = [], stage_mb * 1024 * 1024
        for text in texts:
            if budget <= 0:
                break
            stage_texts.append(text)
            budget -= len(text.encode("utf-8"))
        stages = _stage_times(stage_texts)
    linear = linear_time(sources[0].read_text(encoding="utf-8")) if sources else []
    loaded, first = _startup(sources[0].read_text(encoding="utf-8")) if sources else (0.0, 0.0)
    ratio = bare / max(whole, 1e-9)
    speedup = single.seconds / many.seconds
    share = many.parent_cpu / many.workers_cpu if many.workers_cpu else float("nan")  # nan: one file, no pool
    small_share = small_run.parent_cpu / small_run.workers_cpu if small_run.workers_cpu else float("nan")
    sixteen = min(16 / (1 + small_share), 1 / max(small_share, 1e-9))
    total_stage = sum(stages.values()) or 1.0

    def mark(ok: bool) -> str:
        return "met" if ok else "NOT met"

    lines = [
        f"Corpus: {files} documents, {size / 1024 / 1024:.1f} MB, {chars:,} characters "
        f"(built from {len(sources)} text(s) in {corpus}/); machine: {os.cpu_count()} cores.",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| pipeline / bare `jieba.lcut`, one process, interleaved per document | {ratio:.2f} "
        f"({chars / whole:,.0f} vs {chars / bare:,.0f} chars/s of CPU) | >= 0.8 ({mark(ratio >= 0.8)}) |",
        f"| `extract run`, 1 worker | {chars / one.seconds:,.0f} chars/s ({one.seconds:.1f} s wall, start-up "
        "included) | |",
        f"| start-up: import + `load()` | {loaded:.2f} s | |",
        f"| time to the first result (fresh interpreter, one corpora text) | {first:.2f} s | <= 1.5 s "
        f"({mark(first <= 1.5)}) |",
        f"| peak memory, 1 worker, bench corpus | {one.peak_mb:.0f} MB | <= 500 MB ({mark(one.peak_mb <= 500)}) |",
        f"| peak memory, 1 worker, one {big_mb:g} MB document ({big_chars:,} characters) | {big_run.peak_mb:.0f} MB "
        f"({big_run.seconds:.1f} s) | <= 500 MB ({mark(big_run.peak_mb <= 500)}) |",
        f"| 1 worker / {workers} workers (wall, fresh process each, best of 2) | {single.seconds:.1f} s / "
        f"{many.seconds:.1f} s, "
        f"identical tables: {'yes' if identical else 'NO'} | |",
        f"| speed-up {workers} workers / 1 | {speedup:.2f} x | >= 1.7 x ({mark(speedup >= 1.7)}) |",
        f"| serial share (parent CPU / workers' CPU), bench corpus | {share:.1%} | < 5% ({mark(share < 0.05)}) |",
        f"| serial share, {small_files} small documents ({small_chars // max(small_files, 1):,} characters "
        f"on average) | {small_share:.1%} | < 5% "
        f"({mark(small_share < 0.05)}) |",
        f"| model: speed-up on 16 cores, small documents, min(16 / (1 + s), 1 / s) | {sixteen:.1f} x | |",
        "",
        "Levers, each against its own reference, interleaved in one process (CPU time):",
        "",
        "| lever | speed-up of what it touches |",
        "|---|---|",
        f"| rjieba instead of Python jieba, the gaps' dictionary cut | {levers['rjieba']:.1f} x |",
        f"| `gc.freeze()` after `load()`, whole pipeline | {levers['gc.freeze']:.2f} x |",
        f"| gc thresholds (50000, 20, 100) on top of the freeze | {levers['gc thresholds']:.2f} x |",
        "",
        f"Time per stage (in-process, first {stage_mb:g} MB):",
        "",
        "| stage | seconds | share |",
        "|---|---|---|",
        *(f"| {name} | {secs:.2f} | {secs / total_stage:.0%} |" for name, secs in stages.items()),
    ]
    if linear:
        normal_cps = linear[0][1]
        lines += [
            "",
            "Linear time (in-process `extract_text`, 50,000-character lines; quadratic paths ran at ~1,000 chars/s):",
            "",
            "| line | chars/s | vs normal text |",
            "|---|---|---|",
            *(f"| {name} | {cps:,.0f} | {cps / normal_cps:.2f} |" for name, cps in linear),
        ]
    return "\n".join(lines)


def update_readme(report: str, readme: Path) -> bool:
    """Replace the speed table between the README's markers; False when the markers are missing."""
    from extract.tables import replace_between_markers

    return replace_between_markers(readme, "speed", report)
