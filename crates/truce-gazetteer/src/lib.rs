//! Places, spelling variants and coordinates; finds place names in text.
//!
//! A [`Gazetteer`] holds [`Place`]s (settlements, districts, regions,
//! countries, roads, bridges, checkpoints, heights...) with their canonical
//! English name, WGS84 point, parent district or region, and every
//! [`Variant`] spelling in use: English transliterations of the Azerbaijani,
//! Armenian and Russian names, the Azerbaijani Latin spelling (`Xankəndi`),
//! Cyrillic (`Степанакерт`) and Armenian script (`Ստեփանակերտ`).
//!
//! - [`Gazetteer::lookup`] resolves one name (normalized with [`normalize`]);
//!   an ambiguous name returns every place it names, the preferred first.
//! - [`Gazetteer::find_in`] finds every mention in a text as
//!   [`PlaceMention`]s with byte offsets into the original text:
//!   leftmost-longest, non-overlapping, at word boundaries, tuned for
//!   precision in English prose (a Latin name must be capitalized; very short
//!   names must be written exactly and not open a sentence; spellings in
//!   `data/gazetteer/stop_variants.txt` are never matched in text; a hit
//!   must be written in the script of a spelling that produced it). Russian
//!   and Armenian spellings also match their case forms ("в Нагорном
//!   Карабахе", "Ստեփանակերտում").
//! - [`Gazetteer::parent_chain`] and [`Gazetteer::is_within`] walk the
//!   place → district → region → country hierarchy.
//!
//! The crate does no IO: [`Gazetteer::builtin`] parses the project's data
//! (`data/gazetteer/places.csv`, `variants.csv`, `stop_variants.txt`,
//! embedded with `include_str!`, so a binary stands alone), and
//! [`Gazetteer::from_csv`] parses strings a caller read. The data is built by
//! `tools/gazetteer/build.py` from GeoNames (CC BY 4.0) and curated rows; see
//! `data/gazetteer/README.md`.
//!
//! When one spelling names several places, mentions resolve to (in order of
//! preference) a curated place over a GeoNames-only one, the place whose
//! canonical name it is, then by kind: country, region, settlement,
//! district, road... ("Martuni" is Khojavend, not the Armenian town of that
//! name; "Lachin" the town, "Lachin district" the district).

mod inflect;
mod load;
mod matcher;
mod model;
mod normalize;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

pub use load::{CsvFile, GazetteerError, Problem};
pub use model::{Place, PlaceKind, PlaceMention, UnknownKind, Variant};
pub use normalize::normalize;

use matcher::{Key, Matcher};

const BUILTIN_PLACES: &str = include_str!("../../../data/gazetteer/places.csv");
const BUILTIN_VARIANTS: &str = include_str!("../../../data/gazetteer/variants.csv");
const BUILTIN_STOP_VARIANTS: &str = include_str!("../../../data/gazetteer/stop_variants.txt");

/// Places with their spellings, and a matcher built once over them.
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: HashMap<String, usize>,
    /// Normalized spelling → places it names, preferred first.
    by_name: HashMap<String, Vec<u32>>,
    matcher: Matcher,
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.places.len())
            .field("names", &self.by_name.len())
            .finish_non_exhaustive()
    }
}

/// Parses a stop list: one spelling a line, `#` starts a comment; returns the
/// normalized spellings.
pub fn parse_stop_variants(text: &str) -> HashSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(normalize)
        .collect()
}

impl Gazetteer {
    /// The project's gazetteer, parsed on first use.
    ///
    /// # Panics
    /// Only if the embedded data is broken, which a test rules out.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Gazetteer::from_csv_with_stop_list(
                BUILTIN_PLACES,
                BUILTIN_VARIANTS,
                BUILTIN_STOP_VARIANTS,
            )
            .unwrap_or_else(|e| panic!("embedded gazetteer data is broken: {e}"))
        })
    }

    /// Parses `places.csv` and `variants.csv` text (see the data README for
    /// the columns), with the built-in stop list.
    pub fn from_csv(places_csv: &str, variants_csv: &str) -> Result<Self, GazetteerError> {
        Self::from_csv_with_stop_list(places_csv, variants_csv, BUILTIN_STOP_VARIANTS)
    }

    /// Like [`Gazetteer::from_csv`] with a stop list of one's own (spellings
    /// never matched in text; [`Gazetteer::lookup`] still finds them).
    pub fn from_csv_with_stop_list(
        places_csv: &str,
        variants_csv: &str,
        stop_variants: &str,
    ) -> Result<Self, GazetteerError> {
        let places = load::parse(places_csv, variants_csv)?;
        Ok(Self::from_places(
            places,
            &parse_stop_variants(stop_variants),
        ))
    }

    fn from_places(places: Vec<Place>, stop: &HashSet<String>) -> Self {
        let by_id: HashMap<String, usize> = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();

        // normalized spelling -> the places it names (with whether it is their
        // canonical name) and its spellings
        type Readings<'a> = (Vec<(u32, bool)>, Vec<&'a str>);
        let mut names: HashMap<String, Readings<'_>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            let canonical = normalize(&p.name);
            let spellings =
                std::iter::once(p.name.as_str()).chain(p.variants.iter().map(|v| v.name.as_str()));
            for s in spellings {
                let key = normalize(s);
                if key.is_empty() {
                    continue;
                }
                let is_canonical = key == canonical;
                let entry = names.entry(key).or_default();
                if let Some(c) = entry.0.iter_mut().find(|(j, _)| *j == i as u32) {
                    c.1 |= is_canonical;
                } else {
                    entry.0.push((i as u32, is_canonical));
                }
                if !entry.1.contains(&s) {
                    entry.1.push(s);
                }
            }
        }
        // Russian and Armenian case forms, for the matcher only (a form that is
        // itself a spelling keeps that spelling's readings).
        let mut derived: HashMap<String, Readings<'_>> = HashMap::new();
        let mut forms_text: Vec<(u32, bool, String)> = Vec::new();
        for (i, p) in places.iter().enumerate() {
            let canonical = normalize(&p.name);
            for v in &p.variants {
                let key = normalize(&v.name);
                if stop.contains(&key) {
                    continue;
                }
                let forms = match v.script.as_deref() {
                    Some("Cyrl") => inflect::russian_forms(&v.name),
                    Some("Armn") => inflect::armenian_forms(&v.name),
                    _ => continue,
                };
                let is_canonical = key == canonical;
                forms_text.extend(forms.into_iter().map(|f| (i as u32, is_canonical, f)));
            }
        }
        for (i, is_canonical, form) in &forms_text {
            let key = normalize(form);
            if key.is_empty() {
                continue;
            }
            // A form that transliterates like a Latin spelling of the same place ("Шуше",
            // "Shushe") is that spelling written in Cyrillic too: the matcher must know the script.
            if let Some(entry) = names.get_mut(&key) {
                if entry.0.iter().any(|(j, _)| j == i) && !entry.1.contains(&form.as_str()) {
                    entry.1.push(form.as_str());
                }
                continue;
            }
            let entry = derived.entry(key).or_default();
            if !entry.0.iter().any(|(j, _)| j == i) {
                entry.0.push((*i, *is_canonical));
            }
            if !entry.1.contains(&form.as_str()) {
                entry.1.push(form.as_str());
            }
        }

        let mut by_name: HashMap<String, Vec<u32>> = HashMap::with_capacity(names.len());
        let mut keys: Vec<(String, Vec<&str>, u32)> = Vec::with_capacity(names.len());
        let rank = |cands: &mut Vec<(u32, bool)>| -> Vec<u32> {
            cands.sort_by(|&(a, a_canon), &(b, b_canon)| {
                let (pa, pb) = (&places[a as usize], &places[b as usize]);
                (!pa.is_curated(), !a_canon, pa.kind.preference(), &pa.id).cmp(&(
                    !pb.is_curated(),
                    !b_canon,
                    pb.kind.preference(),
                    &pb.id,
                ))
            });
            cands.iter().map(|&(i, _)| i).collect()
        };
        for (key, (mut cands, spellings)) in names {
            let ids = rank(&mut cands);
            keys.push((key.clone(), spellings, ids[0]));
            by_name.insert(key, ids);
        }
        for (key, (mut cands, spellings)) in derived {
            let ids = rank(&mut cands);
            keys.push((key, spellings, ids[0]));
        }
        let matcher = Matcher::new(
            keys.iter()
                .map(|(norm, spellings, place)| Key {
                    norm,
                    spellings: spellings.clone(),
                    place: *place,
                })
                .collect(),
            stop,
        );
        Gazetteer {
            places,
            by_id,
            by_name,
            matcher,
        }
    }

    /// The place with this id.
    pub fn get(&self, id: &str) -> Option<&Place> {
        self.by_id.get(id).map(|&i| &self.places[i])
    }

    /// Every place whose canonical name or a variant normalizes to `name`'s
    /// normal form, the preferred reading first (see the crate doc); empty
    /// when none.
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        self.by_name
            .get(&normalize(name))
            .map(|ids| ids.iter().map(|&i| &self.places[i as usize]).collect())
            .unwrap_or_default()
    }

    /// The preferred reading of `name`: `lookup(name)`'s first place.
    pub fn resolve(&self, name: &str) -> Option<&Place> {
        self.by_name
            .get(&normalize(name))
            .map(|ids| &self.places[ids[0] as usize])
    }

    /// Every place mention in `text`, in text order, leftmost-longest and
    /// non-overlapping, with byte offsets into `text`.
    pub fn find_in(&self, text: &str) -> Vec<PlaceMention> {
        self.matcher
            .find(text, |i| self.places[i as usize].id.clone())
    }

    /// The place, its parent, grandparent... up to the top; empty for an
    /// unknown id.
    pub fn parent_chain(&self, id: &str) -> Vec<&Place> {
        let mut chain = Vec::new();
        let mut cur = self.get(id);
        while let Some(p) = cur {
            if chain.len() > self.places.len() {
                break; // unreachable: from_csv rejects cycles
            }
            chain.push(p);
            cur = p.parent.as_deref().and_then(|parent| self.get(parent));
        }
        chain
    }

    /// Whether `ancestor` is the place `id` itself or on its parent chain.
    pub fn is_within(&self, id: &str, ancestor: &str) -> bool {
        self.parent_chain(id).iter().any(|p| p.id == ancestor)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// All places, in file order.
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.places.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACES: &str = "\
id,name,kind,lat,lon,parent,country,route,active_from,active_to,source
az,Azerbaijan,country,40.3,47.7,,AZ,,,,curated
lachin-district,Lachin,district,39.6,46.5,az,AZ,,,,curated
lachin,Lachin,settlement,39.64,46.55,lachin-district,AZ,,,,curated
martuni,Martuni,settlement,40.1,45.3,,AM,,,,geonames:1
khojavend,Khojavend,settlement,39.8,47.1,az,AZ,,,,curated;geonames:2
sus,Sus,settlement,39.66,46.6,lachin-district,AZ,,,,curated
road,Lachin road,road,39.6,46.5,,AZ,lachin;khojavend,,,curated
";
    const VARIANTS: &str = "\
place_id,variant,lang,script,usage
lachin,Berdzor,en,Latn,hy
lachin-district,Lachin district,en,Latn,az
khojavend,Martuni,en,Latn,hy
sus,Sus,en,Latn,az
";

    fn small() -> Gazetteer {
        Gazetteer::from_csv_with_stop_list(PLACES, VARIANTS, "").unwrap()
    }

    #[test]
    fn lookup_orders_readings() {
        let g = small();
        let ids: Vec<&str> = g.lookup("martuni").iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["khojavend", "martuni"]);
        let ids: Vec<&str> = g.lookup("LACHIN").iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["lachin", "lachin-district"]);
        assert!(g.lookup("Nowhere").is_empty());
        assert_eq!(g.resolve("Lachin District").unwrap().id, "lachin-district");
    }

    #[test]
    fn find_in_prefers_longest_and_falls_back() {
        let g = small();
        let found =
            |t: &str| -> Vec<String> { g.find_in(t).into_iter().map(|m| m.place_id).collect() };
        assert_eq!(
            found("On the Lachin road near Berdzor."),
            ["road", "lachin"]
        );
        assert_eq!(
            found("The Lachin roadside and Martuni"),
            ["lachin", "khojavend"]
        );
        assert_eq!(
            found("In the Lachin district of Azerbaijan"),
            ["lachin-district", "az"]
        );
        assert_eq!(found("lachin road, berdzor"), Vec::<String>::new());
        assert_eq!(
            found("Sus is quiet. The village of Sus, SUS and sus."),
            ["sus"]
        );
    }

    #[test]
    fn chains() {
        let g = small();
        let chain: Vec<&str> = g
            .parent_chain("sus")
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(chain, ["sus", "lachin-district", "az"]);
        assert!(g.is_within("sus", "az"));
        assert!(g.is_within("sus", "sus"));
        assert!(!g.is_within("az", "sus"));
        assert!(g.parent_chain("nope").is_empty());
    }
}
