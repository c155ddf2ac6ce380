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


def _timed(args: list[str]) -> RunFigures:
    """Wall time and peak resident memory (largest process) of one subprocess run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return RunFigures(seconds, max(after, before) / 1024)


def _run(corpus: Path, out: Path, workers: int) -> RunFigures:
    return _timed([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(out),
                   "--workers", str(workers), "--no-cache", "--quiet"])


def _stage_times(texts: list[str]) -> dict[str, float]:
    """Seconds per stage over ``texts``, in one process (tokenizer = read view + tag + segment)."""
    from extract import load

    nlp = load()
    stages = {"tokenizer (tag + segment)": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "tables": 0.0}
    from extract.tables import entities_frame, events_frame, orbat_frame, warnings_frame

    for text in texts:
        started = time.perf_counter()
        doc = nlp.make_doc(text)
        stages["tokenizer (tag + segment)"] += time.perf_counter() - started
        for name, proc in nlp.pipeline:
            started = time.perf_counter()
            doc = proc(doc)
            stages[name] += time.perf_counter() - started
        started = time.perf_counter()
        for make in (entities_frame, events_frame, orbat_frame, warnings_frame):
            make(doc, "bench")
        stages["tables"] += time.perf_counter() - started
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


def _startup() -> float:
    """Seconds to import the package and load the pipeline in a fresh interpreter (best of 3)."""
    code = "import time; t = time.perf_counter(); import extract; extract.load(); print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                 text=True).stdout) for _ in range(3)]
    return min(runs)


def bench(corpus: Path, size_mb: float = 20.0, workers: int = 2, stage_mb: float = 2.0) -> str:
    """Run the benchmark and return its report as Markdown."""
    import jieba

    sources = sorted(p for p in corpus.rglob("*.txt") if p.is_file())
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        files, chars = build_corpus(sources, folder, int(size_mb * 1024 * 1024))
        size = sum(p.stat().st_size for p in folder.iterdir())
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]

        jieba.setLogLevel(60)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        started = time.perf_counter()
        for text in texts:
            tokenizer.lcut(text)
        jieba_cps = chars / (time.perf_counter() - started)

        one = _run(folder, Path(tmp) / "out1", 1)
        many = _run(folder, Path(tmp) / f"out{workers}", workers)
        identical = all((Path(tmp) / "out1" / n).read_bytes() == (Path(tmp) / f"out{workers}" / n).read_bytes()
                        for n in ("entities.csv", "events.csv", "orbat.csv", "warnings.csv"))

        stage_texts, budget = [], stage_mb * 1024 * 1024
        for text in texts:
            if budget <= 0:
                break
            stage_texts.append(text)
            budget -= len(text.encode("utf-8"))
        stages = _stage_times(stage_texts)
    linear = linear_time(sources[0].read_text(encoding="utf-8")) if sources else []
    startup = _startup()
    pipeline_cps = chars / one.seconds
    ratio = pipeline_cps / jieba_cps
    speedup = one.seconds / many.seconds
    total_stage = sum(stages.values()) or 1.0

    def mark(ok: bool) -> str:
        return "met" if ok else "NOT met"

    lines += [
        f"Corpus: {files} documents, {size / 1024 / 1024:.1f} MB, {chars:,} characters "
        f"(built from {len(sources)} text(s) in {corpus}/); machine: {os.cpu_count()} cores.",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| pipeline, 1 worker | {pipeline_cps:,.0f} chars/s ({one.seconds:.1f} s) | |",
        f"| bare `jieba.lcut` | {jieba_cps:,.0f} chars/s | |",
        f"| pipeline / jieba | {ratio:.2f} | >= 0.5 ({mark(ratio >= 0.5)}) |",
        f"| start-up (import + load) | {startup:.2f} s | <= 1.5 s ({mark(startup <= 1.5)}) |",
        f"| peak memory, 1 worker | {one.peak_mb:.0f} MB | <= 500 MB ({mark(one.peak_mb <= 500)}) |",
        f"| {workers} workers | {chars / many.seconds:,.0f} chars/s ({many.seconds:.1f} s), "
        f"identical tables: {'yes' if identical else 'NO'} | |",
        f"| speed-up {workers} workers / 1 | {speedup:.2f} x | >= 1.7 x ({mark(speedup >= 1.7)}) |",
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
