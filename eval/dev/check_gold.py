#!/usr/bin/env python3
"""Validate a truce gold set: SET/docs/manifest.csv and SET/gold.jsonl.

usage: check_gold.py [SET_DIR | GOLD.jsonl] [--aliases place_aliases.csv] [--fix-spans]

SET_DIR defaults to this file's folder (the dev set, eval/dev); the held-out
sets are checked with the same script: `python3 eval/dev/check_gold.py eval/heldout2`.

Checks every gold record against ../../../shared/spec/events.md and the dev-set
conventions in README.md:
  - the record has exactly the seed gold fields (plus "optional": true, only
    for records with neither date nor place: rule 4);
  - type is in the taxonomy, roles and stances are valid, counts are
    non-negative integers or null, dates are YYYY, YYYY-MM, YYYY-MM-DD or
    --MM-DD, date_end only with a date and not before it, and no date lies
    after the document's publication date;
  - every place is the canonical (first) name of a line in place_aliases.csv,
    or one of EXTRA_PLACES below (listed in README.md);
  - .txt documents: open(doc).read()[span[0]:span[1]] == text;
    .html documents: span is [0, 0] and text (whitespace-normalised) occurs in
    the cleaned text of the page's <article> element, i.e. not in menus,
    footers or "related news" lists.
It also checks the manifest (columns, dates, language, url, word counts).
Documents that tell no event are listed in SET/no_events.txt (one file name per line).
--fix-spans rewrites the spans of .txt records whose text occurs exactly once.
Exit status 1 when anything is wrong.
"""
import csv
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
DEFAULT_GOLD = HERE / "gold.jsonl"
DEFAULT_ALIASES = HERE.parents[1].parent / "shared" / "eval" / "place_aliases.csv"

TYPES = {
    "firing", "armed_clash", "attack", "mine_incident", "mine_laying",
    "military_movement", "infiltration", "arrest", "deployment", "transit",
    "resource_exploitation", "looting", "protest", "obstruction", "agreement",
    "restriction",
}
ROLES = {"perpetrator", "target", "escort", "observer", "participant"}
STANCES = {"asserted", "denied"}
FIELDS = ["doc", "type", "date", "date_end", "places", "actors", "claims",
          "killed", "injured", "evidence", "text", "span"]
# Canonical place names used by the dev gold that place_aliases.csv lacks.
EXTRA_PLACES = {"Jermuk", "Gegharkunik", "Tavush", "Tovuz", "Yevlakh"}
LANGUAGES = {"en", "ru"}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$|^--(\d{2})-(\d{2})$")
PUBLISHED_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
MIN_WORDS, MAX_WORDS = 120, 600


def load_places(path):
    canonical, alias_of = set(), {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            names = [n.strip() for n in row if n.strip()]
            if not names or names[0].startswith("#"):
                continue
            canonical.add(names[0])
            for n in names[1:]:
                alias_of[n.casefold()] = names[0]
    return canonical, alias_of


class ArticleText(HTMLParser):
    """Text of the <article> element, one line per block element."""
    BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "br", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1
        elif self.depth and tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    def text(self):
        lines = (norm(line) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def norm(s):
    return " ".join(s.split())


def article_text(path):
    p = ArticleText()
    p.feed(path.read_text(encoding="utf-8"))
    return p.text()


def date_key(d):
    """Comparable tuple; None when the year is unknown."""
    m = DATE_RE.match(d)
    if not m or m.group(4):
        return None
    return tuple(int(x) for x in m.groups()[:3] if x)


def before(a, b):
    """True when partial date a certainly starts after partial date b ends."""
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def check_manifest(errors):
    path = DOCS / "manifest.csv"
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["file", "outlet", "published", "language", "url"]:
            errors.append(f"{path}: columns are {reader.fieldnames}")
        rows = list(reader)
    manifest = {}
    for row in rows:
        name = row["file"]
        where = f"manifest {name}"
        if name in manifest:
            errors.append(f"{where}: listed twice")
        manifest[name] = row
        doc = DOCS / name
        if not doc.is_file():
            errors.append(f"{where}: no such file")
            continue
        if not PUBLISHED_RE.match(row["published"]):
            errors.append(f"{where}: published {row['published']!r} is not YYYY-MM[-DD]")
        if row["language"] not in LANGUAGES:
            errors.append(f"{where}: language {row['language']!r}")
        if row["url"] and not row["url"].startswith("https://example.org/"):
            errors.append(f"{where}: url must be empty or https://example.org/...")
        body = article_text(doc) if doc.suffix == ".html" else doc.read_text(encoding="utf-8")
        n = len(body.split())
        if not MIN_WORDS <= n <= MAX_WORDS:
            errors.append(f"{where}: {n} words, outside {MIN_WORDS}-{MAX_WORDS}")
    on_disk = {p.name for p in DOCS.iterdir() if p.suffix in (".txt", ".html")}
    for name in sorted(on_disk - set(manifest)):
        errors.append(f"docs/{name}: not in manifest.csv")
    return manifest


def check_record(n, rec, manifest, canonical, alias_of, errors):
    where = f"gold line {n}"

    def bad(msg):
        errors.append(f"{where} ({rec.get('doc')}): {msg}")

    keys = list(rec)
    extra = [k for k in keys if k not in FIELDS and k != "optional"]
    missing = [k for k in FIELDS if k not in rec]
    if extra or missing:
        bad(f"fields: missing {missing}, unexpected {extra}")
        return
    doc = rec["doc"]
    if doc not in manifest:
        bad("doc not in manifest.csv")
        return
    if rec["type"] not in TYPES:
        bad(f"type {rec['type']!r} not in taxonomy")

    published = date_key(manifest[doc]["published"])
    for field in ("date", "date_end"):
        d = rec[field]
        if d is None:
            continue
        if not isinstance(d, str) or not DATE_RE.match(d):
            bad(f"{field} {d!r} is not YYYY[-MM[-DD]] or --MM-DD")
            continue
        k = date_key(d)
        if k and published and before(k, published):
            bad(f"{field} {d} is after publication {manifest[doc]['published']}")
    if rec["date_end"] is not None:
        if rec["date"] is None:
            bad("date_end without date")
        else:
            a, b = date_key(rec["date"]), date_key(rec["date_end"])
            if a and b and before(a, b):
                bad(f"date_end {rec['date_end']} before date {rec['date']}")

    places = rec["places"]
    if not isinstance(places, list) or not all(isinstance(p, str) for p in places):
        bad("places must be a list of strings")
    else:
        for p in places:
            if p in canonical or p in EXTRA_PLACES:
                continue
            if p.casefold() in alias_of:
                bad(f"place {p!r} is an alias: gold uses {alias_of[p.casefold()]!r}")
            else:
                bad(f"place {p!r} is neither canonical in place_aliases.csv nor in EXTRA_PLACES")
        if len(set(places)) != len(places):
            bad("a place is listed twice")

    for a in rec["actors"] if isinstance(rec["actors"], list) else [None]:
        if not isinstance(a, dict) or set(a) != {"name", "role"} or not a["name"]:
            bad(f"actor {a!r} must be {{name, role}}")
        elif a["role"] not in ROLES:
            bad(f"actor role {a['role']!r}")
    claims = rec["claims"]
    if not isinstance(claims, list) or not claims:
        bad("claims must be a non-empty list")
    else:
        for c in claims:
            if not isinstance(c, dict) or set(c) != {"claimant", "stance"} or not c["claimant"]:
                bad(f"claim {c!r} must be {{claimant, stance}}")
            elif c["stance"] not in STANCES:
                bad(f"claim stance {c['stance']!r}")
        names = [c.get("claimant") for c in claims if isinstance(c, dict)]
        if len(set(names)) != len(names):
            bad("a claimant is listed twice")

    for field in ("killed", "injured"):
        v = rec[field]
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            bad(f"{field} {v!r} must be a non-negative integer or null")
    if rec["evidence"] is not None and not isinstance(rec["evidence"], str):
        bad("evidence must be a string or null")

    if "optional" in rec:
        if rec["optional"] is not True:
            bad("optional must be true when present")
        if rec["date"] is not None or rec["places"]:
            bad("optional record has a date or a place (rule 4: only for neither)")

    text, span = rec["text"], rec["span"]
    if not isinstance(text, str) or not text or text != text.strip():
        bad("text must be a non-empty string without surrounding whitespace")
        return
    if (not isinstance(span, list) or len(span) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
        bad(f"span {span!r} must be [start, end]")
        return
    path = DOCS / doc
    if path.suffix == ".html":
        if span != [0, 0]:
            bad("spans of HTML documents are [0, 0]")
        if norm(text) not in article_text(path):
            bad("text not found in the <article> text of the page")
    else:
        raw = path.read_text(encoding="utf-8")
        if raw[span[0]:span[1]] != text:
            bad(f"raw[{span[0]}:{span[1]}] != text")


def fix_spans(records):
    changed = 0
    for rec in records:
        path = DOCS / rec["doc"]
        if path.suffix != ".txt":
            continue
        raw = path.read_text(encoding="utf-8")
        if raw.count(rec["text"]) == 1:
            start = raw.index(rec["text"])
            span = [start, start + len(rec["text"])]
            if rec["span"] != span:
                rec["span"] = span
                changed += 1
    return changed


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    aliases = DEFAULT_ALIASES
    if "--aliases" in argv:
        aliases = Path(argv[argv.index("--aliases") + 1])
        args.remove(str(aliases))
    global DOCS
    gold_path = DEFAULT_GOLD
    if args and Path(args[0]).is_dir():
        DOCS = Path(args[0]) / "docs"
        gold_path = Path(args[0]) / "gold.jsonl"
    elif args:
        gold_path = Path(args[0])
    canonical, alias_of = load_places(aliases)

    errors = []
    manifest = check_manifest(errors)
    records = []
    with open(gold_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                records.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                errors.append(f"gold line {n}: not JSON: {e}")

    if "--fix-spans" in argv:
        changed = fix_spans([r for _, r in records])
        with open(gold_path, "w", encoding="utf-8") as f:
            for _, r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"rewrote {changed} spans")

    for n, rec in records:
        check_record(n, rec, manifest, canonical, alias_of, errors)
    seen = Counter(json.dumps({k: v for k, v in r.items() if k not in ("text", "span")},
                              sort_keys=True) for _, r in records)
    for key, count in seen.items():
        if count > 1:
            errors.append(f"duplicate record ({count}x): {key[:120]}")
    docs_with_gold = {r["doc"] for _, r in records}
    # A set may hold reports that tell no event at all (a precision test); it lists
    # them, one file name per line, in SET/no_events.txt.
    no_events_path = gold_path.parent / "no_events.txt"
    no_events = set(no_events_path.read_text().split()) if no_events_path.exists() else set()
    for name in sorted(no_events & docs_with_gold):
        errors.append(f"no_events.txt lists {name}, which has gold records")
    for name in sorted(set(manifest) - docs_with_gold - no_events):
        errors.append(f"manifest {name}: no gold records")

    recs = [r for _, r in records]
    by_type = Counter(r.get("type") for r in recs)
    optional = sum(1 for r in recs if r.get("optional"))
    print(f"{len(manifest)} docs, {len(recs)} records ({len(recs) - optional} required, "
          f"{optional} optional)")
    print("by type: " + ", ".join(f"{t} {c}" for t, c in by_type.most_common()))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
