#!/usr/bin/env python3
"""Show, per document, which gold events were found, missed, or predicted wrongly.

usage: compare.py GOLD.jsonl PRED.jsonl [DOC-PREFIX]

Uses the shared scorer's own matching (imported from ../shared/eval), so what
this prints is exactly what the score counts.
"""
import sys
from pathlib import Path

here = Path(__file__).resolve()
sys.path.insert(0, str(here.parents[3] / "shared" / "eval"))
import score_events as s  # noqa: E402


def short(r):
    claims = ", ".join(f"{c['claimant']}:{c['stance'][0]}" for c in r.get("claims") or [])
    cas = f" k={r.get('killed')} i={r.get('injured')}" if r.get("killed") is not None or r.get("injured") is not None else ""
    return (f"{r['type']:<21} {str(r.get('date')):<10}..{str(r.get('date_end') or ''):<10} "
            f"{r.get('places')} [{claims}]{cas} | {r.get('text', '')[:90]!r}")


def main():
    gold, pred = s.load(sys.argv[1]), s.load(sys.argv[2])
    prefix = sys.argv[3] if len(sys.argv) > 3 else ""
    aliases = s.load_aliases(str(here.parents[3] / "shared" / "eval" / "place_aliases.csv"))
    for doc in sorted(set(gold) | set(pred)):
        if not doc.startswith(prefix):
            continue
        gs, ps = gold.get(doc, []), pred.get(doc, [])
        cands = sorted(((s.similarity(g, p, aliases), i, j) for i, g in enumerate(gs) for j, p in enumerate(ps)
                        if s.similarity(g, p, aliases) is not None), reverse=True)
        gi, pj, pairs = set(), set(), []
        for _, i, j in cands:
            if i not in gi and j not in pj:
                gi.add(i); pj.add(j); pairs.append((i, j))
        print(f"\n== {doc}")
        for i, j in pairs:
            g, p = gs[i], ps[j]
            flag = "  ok " if not g.get("optional") else "  opt"
            print(f"{flag} G {short(g)}\n      P {short(p)}")
        for i, g in enumerate(gs):
            if i not in gi:
                print(f"  {'MISS' if not g.get('optional') else 'miss(opt)'} {short(g)}")
        for j, p in enumerate(ps):
            if j not in pj:
                print(f"  FP   {short(p)}")


if __name__ == "__main__":
    main()
