"""report.json, report.md and report.png for one eval run (one or more systems)."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .metrics import HEADLINE, LOWER_IS_BETTER
from .metrics.base import CATEGORIES
from .runner import CaseRun, SystemRun

# Shown under the headline rows of the side-by-side table, for context.
EXTRA = ["citation_precision", "mrr_evidence"]
# Headline rates drawn per category (latency has another scale, so it stays in the tables).
CHART_METRICS = [h for h in HEADLINE if not h.startswith("latency")]


def fmt(name: str, value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if name.startswith("latency"):
        return f"{value:.0f} ms"
    if name.startswith("mrr"):
        return f"{value:.3f}"
    return f"{100 * value:.1f}%"


def arrow(name: str) -> str:
    return "↓" if name in LOWER_IS_BETTER else "↑"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def headline_table(runs: Sequence[SystemRun]) -> list[str]:
    primary = runs[0]
    counts = primary.counts()
    overall = [r.overall() for r in runs]
    rows = []
    for h in HEADLINE:
        n = counts.get("latency_ms" if h.startswith("latency") else h, 0)
        rows.append([f"{h} {arrow(h)}", str(n), *(fmt(h, o.get(h)) for o in overall)])
    for h in EXTRA:
        if h in counts:
            rows.append([f"*{h}* {arrow(h)}", str(counts[h]), *(fmt(h, o.get(h)) for o in overall)])
    return _table(["metric", "n", *(r.name for r in runs)], rows)


def group_table(run: SystemRun, key: str) -> list[str]:
    groups = run.by(key)
    sizes: dict[str, int] = {}
    for r in run.rows:
        g = str(getattr(r.case, key))
        sizes[g] = sizes.get(g, 0) + 1
    order = [c for c in CATEGORIES if c in groups] if key == "category" else sorted(groups)
    rows = [[g, str(sizes[g]), *(fmt(h, groups[g].get(h)) for h in HEADLINE)] for g in order]
    return _table([key, "cases", *(f"{h} {arrow(h)}" for h in HEADLINE)], rows)


def all_metrics_table(run: SystemRun) -> list[str]:
    overall, counts = run.overall(), run.counts()
    rows = []
    for m in run.metrics:
        figures = {k: v for k, v in overall.items() if k == m.name or (m.name == "latency_ms"
                   and k.startswith("latency"))}
        value = " / ".join(fmt(k, v) for k, v in figures.items()) or "–"
        rows.append([m.name, str(counts[m.name]), value, m.description])
    return _table(["metric", "n", "value", "what it measures"], rows)


def worst_cases(run: SystemRun, limit: int) -> list[str]:
    failing = [(r, run.failures(r)) for r in run.rows]
    failing = [(r, f) for r, f in failing if f]
    failing.sort(key=lambda rf: (-len(rf[1]), rf[0].case.id))
    out: list[str] = []
    for row, fails in failing[:limit]:
        out += _case_block(row, fails)
    if not failing:
        out.append("No case failed any metric.")
    elif len(failing) > limit:
        out.append(f"… and {len(failing) - limit} more failing cases in answers.jsonl.")
    return out


def _case_block(row: CaseRun, fails: Sequence[tuple[str, Any]]) -> list[str]:
    c, o = row.case, row.obs
    answer = " ".join(o.text.split()) or f"(no answer: {o.error})"
    if len(answer) > 400:
        answer = answer[:399] + "…"
    lines = [
        f"### {c.id} · {c.category} · {c.lang} — {', '.join(name for name, _ in fails)}",
        "",
        f"**Q:** {c.question}",
        "",
        f"**A** ({'abstained' if o.abstained else f'{len(o.quotes)} citation(s)'}): {answer}",
        "",
    ]
    lines += [f"- `{name}` = {s.value:.2f}: {s.reason}" for name, s in fails]
    if c.notes:
        lines.append(f"- expected: {c.notes}")
    return [*lines, ""]


def write_chart(path: Path, runs: Sequence[SystemRun]) -> None:
    """Headline rates per category for the first system, and overall per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    primary = runs[0]
    groups = primary.by("category")
    cats = [c for c in CATEGORIES if c in groups]
    panels = 2 if len(runs) > 1 else 1
    fig, axes = plt.subplots(panels, 1, figsize=(12, 5 * panels), squeeze=False)
    width = 0.8 / len(CHART_METRICS)

    ax = axes[0][0]
    for i, h in enumerate(CHART_METRICS):
        ys = [groups[c].get(h, math.nan) for c in cats]
        ax.bar([x + i * width for x in range(len(cats))], ys, width, label=f"{h} {arrow(h)}")
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(cats))], cats)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"{primary.name}: headline metrics per category (↓ metrics at 0 draw no bar)")
    ax.legend(fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.08))
    ax.grid(axis="y", alpha=0.3)

    if panels == 2:
        ax = axes[1][0]
        w = 0.8 / len(runs)
        for i, run in enumerate(runs):
            o = run.overall()
            ax.bar([x + i * w for x in range(len(CHART_METRICS))],
                   [o.get(h, math.nan) for h in CHART_METRICS], w, label=run.name)
        ax.set_xticks([x + 0.4 - w / 2 for x in range(len(CHART_METRICS))],
                      [f"{h} {arrow(h)}" for h in CHART_METRICS], fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title("overall, all systems")
        ax.legend(fontsize=8)
        ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def render_markdown(
    runs: Sequence[SystemRun], meta: dict[str, Any], notes: Sequence[str], worst: int = 10,
    chart: str | None = "report.png",
) -> str:
    primary = runs[0]
    lines = [
        f"# Eval report: {Path(str(meta.get('dataset', ''))).name}",
        "",
        f"{meta.get('cases')} cases · generator `{meta.get('generator')}` · retriever "
        f"`{meta.get('retriever')}` · embedder `{meta.get('embedder')}` · "
        f"top_k {meta.get('top_k')} · "
        f"{meta.get('created')}"
        + (f" · load average {meta['load_avg']} on {os.cpu_count()} cores (latency is noisy "
           "under load; speed lives in benchmarks/)" if "load_avg" in meta else ""),
        "",
    ]
    lines += [f"> {n}" for n in notes] + ([""] if notes else [])
    lines += ["## Headline", "", "↑ higher is better, ↓ lower is better; n = cases the metric "
              f"applies to for `{primary.name}`; rows in italics are not headline metrics. "
              "`mrr` counts the first retrieved chunk whose text holds a support passage; the "
              "advisor ranks measure cards (summaries) first with the passages they quote right "
              "after, which `mrr_evidence` credits to the card.", ""]
    lines += [*headline_table(runs), ""]
    if chart:
        lines += [f"![headline metrics per category]({chart})", ""]
    lines += [f"## By category: {primary.name}", "", *group_table(primary, "category"), ""]
    lines += [f"## By language: {primary.name}", "", *group_table(primary, "lang"), ""]
    lines += [f"## All metrics: {primary.name}", "", *all_metrics_table(primary), ""]
    for run in runs[1:]:
        lines += [f"<details><summary>By category: {run.name}</summary>", ""]
        lines += [*group_table(run, "category"), "", "</details>", ""]
    lines += [f"## Worst cases: {primary.name}", "", *worst_cases(primary, worst)]
    return "\n".join(lines).rstrip() + "\n"


def report_json(
    runs: Sequence[SystemRun], meta: dict[str, Any], notes: Sequence[str]
) -> dict[str, Any]:
    return {
        "meta": meta,
        "notes": list(notes),
        "headline": {r.name: {h: r.overall().get(h) for h in HEADLINE} for r in runs},
        "systems": [r.summary() for r in runs],
        "metrics": {m.name: m.description for m in runs[0].metrics},
    }


def write_report(
    out_dir: Path, runs: Sequence[SystemRun], meta: dict[str, Any], notes: Sequence[str],
    worst: int = 10,
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = report_json(runs, meta, notes)
    (out_dir / "report.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    write_chart(out_dir / "report.png", runs)
    (out_dir / "report.md").write_text(render_markdown(runs, meta, notes, worst), encoding="utf-8")

