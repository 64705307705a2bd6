//! Parsing `places.csv` and `variants.csv`.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::{Place, PlaceKind, Variant};

/// Which of the two input files an error is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvFile {
    Places,
    Variants,
}

impl fmt::Display for CsvFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsvFile::Places => "places.csv",
            CsvFile::Variants => "variants.csv",
        })
    }
}

/// What is wrong with a line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("malformed CSV: {0}")]
    Csv(String),
    #[error("missing column `{0}` in the header")]
    MissingColumn(&'static str),
    #[error("empty `{0}`")]
    Empty(&'static str),
    #[error("bad id `{0}` (lower-case letters, digits and single hyphens)")]
    BadId(String),
    #[error("duplicate id `{0}`")]
    DuplicateId(String),
    #[error("unknown place kind `{0}`")]
    UnknownKind(String),
    #[error("bad {axis} `{value}`")]
    BadCoordinate { axis: &'static str, value: String },
    #[error("lat and lon must be given together")]
    HalfCoordinate,
    #[error("unknown parent id `{0}`")]
    UnknownParent(String),
    #[error("parent chain of `{0}` loops")]
    ParentCycle(String),
    #[error("unknown place id `{0}` in route")]
    UnknownRouteId(String),
    #[error("bad date `{0}` (want YYYY-MM-DD)")]
    BadDate(String),
    #[error("variant for unknown place `{0}`")]
    UnknownPlace(String),
}

/// An error in the gazetteer's CSV input: the file, the 1-based line and the
/// problem.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file} line {line}: {problem}")]
pub struct GazetteerError {
    pub file: CsvFile,
    pub line: u64,
    pub problem: Problem,
}

fn err(file: CsvFile, line: u64, problem: Problem) -> GazetteerError {
    GazetteerError {
        file,
        line,
        problem,
    }
}

struct Columns {
    idx: Vec<usize>,
}

impl Columns {
    fn new(
        file: CsvFile,
        header: &csv::StringRecord,
        names: &[&'static str],
    ) -> Result<Self, GazetteerError> {
        let idx = names
            .iter()
            .map(|n| {
                header
                    .iter()
                    .position(|h| h.trim() == *n)
                    .ok_or_else(|| err(file, 1, Problem::MissingColumn(n)))
            })
            .collect::<Result<_, _>>()?;
        Ok(Columns { idx })
    }

    fn get<'r>(&self, rec: &'r csv::StringRecord, col: usize) -> &'r str {
        rec.get(self.idx[col]).unwrap_or("").trim()
    }
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Turns the csv crate's byte positions into 1-based line numbers (its own
/// line count skips blank lines). Positions are asked in increasing order,
/// so counting resumes where it stopped.
struct Lines<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    fn at(&mut self, pos: Option<&csv::Position>) -> u64 {
        let Some(pos) = pos else { return 0 };
        let mut byte = (pos.byte() as usize).min(self.text.len());
        // a record's position may point at blank lines before it
        while matches!(self.text.get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        if byte < self.byte {
            self.byte = 0;
            self.line = 1;
        }
        self.line += self.text[self.byte..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.byte = byte;
        self.line
    }
}

fn csv_err(file: CsvFile, lines: &mut Lines<'_>, e: &csv::Error) -> GazetteerError {
    let line = lines.at(e.position());
    err(file, line, Problem::Csv(e.to_string()))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn coord(
    file: CsvFile,
    line: u64,
    axis: &'static str,
    s: &str,
    max: f64,
) -> Result<Option<f64>, GazetteerError> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= max => Ok(Some(v)),
        _ => Err(err(
            file,
            line,
            Problem::BadCoordinate {
                axis,
                value: s.to_string(),
            },
        )),
    }
}

/// Parses and checks both files; places come back in file order with their
/// variants attached.
pub(crate) fn parse(places_csv: &str, variants_csv: &str) -> Result<Vec<Place>, GazetteerError> {
    const P: CsvFile = CsvFile::Places;
    const V: CsvFile = CsvFile::Variants;

    let mut rdr = reader(places_csv);
    let mut lines_p = Lines::new(places_csv);
    let header = rdr
        .headers()
        .map_err(|e| csv_err(P, &mut lines_p, &e))?
        .clone();
    let cols = Columns::new(
        P,
        &header,
        &[
            "id",
            "name",
            "kind",
            "lat",
            "lon",
            "parent",
            "country",
            "route",
            "active_from",
            "active_to",
            "source",
        ],
    )?;
    let mut places: Vec<Place> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_err(P, &mut lines_p, &e))?;
        let line = lines_p.at(rec.position());
        let id = cols.get(&rec, 0);
        if !valid_id(id) {
            return Err(err(
                P,
                line,
                if id.is_empty() {
                    Problem::Empty("id")
                } else {
                    Problem::BadId(id.into())
                },
            ));
        }
        if by_id.contains_key(id) {
            return Err(err(P, line, Problem::DuplicateId(id.into())));
        }
        let name = cols.get(&rec, 1);
        if name.is_empty() {
            return Err(err(P, line, Problem::Empty("name")));
        }
        let kind_s = cols.get(&rec, 2);
        let kind: PlaceKind = kind_s
            .parse()
            .map_err(|_| err(P, line, Problem::UnknownKind(kind_s.into())))?;
        let lat = coord(P, line, "lat", cols.get(&rec, 3), 90.0)?;
        let lon = coord(P, line, "lon", cols.get(&rec, 4), 180.0)?;
        if lat.is_some() != lon.is_some() {
            return Err(err(P, line, Problem::HalfCoordinate));
        }
        let active_from = opt(cols.get(&rec, 8));
        let active_to = opt(cols.get(&rec, 9));
        for d in active_from.iter().chain(active_to.iter()) {
            if !valid_date(d) {
                return Err(err(P, line, Problem::BadDate(d.clone())));
            }
        }
        by_id.insert(id.to_string(), places.len());
        lines.push(line);
        places.push(Place {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            lat,
            lon,
            parent: opt(cols.get(&rec, 5)),
            country: opt(cols.get(&rec, 6)),
            route: cols
                .get(&rec, 7)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            active_from,
            active_to,
            variants: Vec::new(),
            source: cols.get(&rec, 10).to_string(),
        });
    }

    // references
    for (p, &line) in places.iter().zip(&lines) {
        if let Some(parent) = &p.parent
            && !by_id.contains_key(parent)
        {
            return Err(err(P, line, Problem::UnknownParent(parent.clone())));
        }
        if let Some(r) = p.route.iter().find(|r| !by_id.contains_key(r.as_str())) {
            return Err(err(P, line, Problem::UnknownRouteId(r.clone())));
        }
    }
    // parent cycles
    for (i, &line) in lines.iter().enumerate() {
        let mut seen = HashSet::new();
        let mut cur = i;
        while let Some(parent) = &places[cur].parent {
            if !seen.insert(cur) {
                return Err(err(P, line, Problem::ParentCycle(places[i].id.clone())));
            }
            cur = by_id[parent];
        }
    }

    let mut rdr = reader(variants_csv);
    let mut lines_v = Lines::new(variants_csv);
    let header = rdr
        .headers()
        .map_err(|e| csv_err(V, &mut lines_v, &e))?
        .clone();
    let cols = Columns::new(
        V,
        &header,
        &["place_id", "variant", "lang", "script", "usage"],
    )?;
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_err(V, &mut lines_v, &e))?;
        let line = lines_v.at(rec.position());
        let pid = cols.get(&rec, 0);
        let Some(&i) = by_id.get(pid) else {
            return Err(err(V, line, Problem::UnknownPlace(pid.into())));
        };
        let name = cols.get(&rec, 1);
        if name.is_empty() {
            return Err(err(V, line, Problem::Empty("variant")));
        }
        places[i].variants.push(Variant {
            name: name.to_string(),
            lang: opt(cols.get(&rec, 2)),
            script: opt(cols.get(&rec, 3)),
            usage: opt(cols.get(&rec, 4)),
        });
    }
    Ok(places)
}
