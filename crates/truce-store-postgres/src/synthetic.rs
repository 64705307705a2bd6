//! A synthetic workload for the queue, used by the `truce-pg-bench` program and
//! the tests: small made-up reports, and a stand-in for decode + extract that
//! derives one or two event records from a report's text alone (so the same
//! text always gives the same records, whichever worker reads it). It does not
//! depend on `truce-text` or `truce-extract`, and its reports mean nothing.

use std::time::{Duration, Instant};

use truce_model::{ActorRole, Claim, DocMeta, Document, EventRecord, EventType, PartialDate, Role, Stance};

use crate::queue::{Job, ProcessError, sha256_hex};

const PLACES: [&str; 6] = ["Khankendi", "Lachin", "Şuşa", "Aghdam", "Martuni", "Goris"];
const ACTORS: [&str; 4] = [
    "Armed Forces of Armenia",
    "Armed Forces of Azerbaijan",
    "Russian peacekeeping contingent",
    "EU Monitoring Mission",
];
const CLAIMANTS: [&str; 3] = ["Ministry of Defense of Azerbaijan", "Ministry of Defense of Armenia", "Armenpress"];
const TYPES: [EventType; 4] =
    [EventType::Firing, EventType::MilitaryMovement, EventType::Protest, EventType::Deployment];

/// Report number `i`: its file name and bytes. Distinct `i` give distinct bytes.
pub fn report(i: usize) -> (String, Vec<u8>) {
    let h = mix(i as u64);
    let pick = |list: &[&'static str], shift: u32| list[((h >> shift) as usize) % list.len()];
    let day = 1 + (h >> 40) % 28;
    let mut text = format!(
        "Report {i}. Shots were fired near {} on 2023-03-{day:02}, the {} said. The {} denied it.",
        pick(&PLACES, 0),
        pick(&CLAIMANTS, 8),
        pick(&CLAIMANTS, 16),
    );
    if h.is_multiple_of(3) {
        text.push_str(&format!(" A column of the {} moved towards {}.", pick(&ACTORS, 24), pick(&PLACES, 32)));
    }
    (format!("report-{i:05}.txt"), text.into_bytes())
}

/// The stand-in for decode + extract: the job's bytes as the clean text, and
/// one event record per sentence after the first (so one or two), everything
/// in them derived from the text. Invalid UTF-8 is a permanent failure, like a
/// file truce-text refuses.
pub fn process(job: &Job) -> Result<(Document, Vec<EventRecord>), ProcessError> {
    process_with_work(job, Duration::ZERO)
}

/// [`process`], spinning the CPU for `work` first, to stand in for the time
/// real extraction takes.
pub fn process_with_work(job: &Job, work: Duration) -> Result<(Document, Vec<EventRecord>), ProcessError> {
    let started = Instant::now();
    let mut spin = 0_u64;
    while started.elapsed() < work {
        spin = std::hint::black_box(mix(spin));
    }
    let text = std::str::from_utf8(&job.raw)
        .map_err(|e| ProcessError::permanent(format!("{}: not UTF-8: {e}", job.source_path)))?;
    let name = job.meta.id.clone();
    let doc = Document {
        meta: DocMeta { id: name.clone(), ..job.meta.clone() },
        content_hash: sha256_hex(&job.raw),
        title: text.split(". ").next().map(str::to_owned),
        clean_text: text.to_owned(),
        removed: vec!["Menu".to_owned()],
    };
    let events = sentences(text)
        .skip(1)
        .step_by(2)
        .map(|(start, sentence)| {
            let h = mix(sentence.bytes().fold(0, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
            let found = |list: &[&'static str]| list.iter().find(|n| sentence.contains(*n)).map(|n| (*n).to_owned());
            let date = sentence.split(' ').find_map(|w| w.trim_end_matches([',', '.']).parse::<PartialDate>().ok());
            EventRecord {
                doc: name.clone(),
                event_type: TYPES[(h % TYPES.len() as u64) as usize],
                date,
                date_end: None,
                places: found(&PLACES).into_iter().collect(),
                actors: found(&ACTORS).map(|name| ActorRole { name, role: Role::Participant }).into_iter().collect(),
                claims: CLAIMANTS
                    .iter()
                    .filter(|c| text.contains(*c))
                    .enumerate()
                    .map(|(k, c)| Claim {
                        claimant: (*c).to_owned(),
                        stance: if k == 0 { Stance::Asserted } else { Stance::Denied },
                    })
                    .collect(),
                killed: h.is_multiple_of(5).then_some((h >> 8) as u32 % 4),
                injured: None,
                evidence: None,
                text: sentence.to_owned(),
                span: [start, start + sentence.chars().count()],
                rule: vec!["synthetic".to_owned()],
                confidence: 0.5,
            }
        })
        .collect();
    Ok((doc, events))
}

/// Sentences (split after ". ") with their start in characters.
fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = 0;
    text.split_inclusive(". ").map(move |s| {
        let start = chars;
        chars += s.chars().count();
        (start, s.trim_end())
    })
}

/// A 64-bit mixer (splitmix64's finalizer): cheap, deterministic pseudo-randomness.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
