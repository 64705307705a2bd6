//! `truce train-model`: trains the sentence classifier (`truce_extract::classify`)
//! on annotated sets, each a folder with `docs/` and `gold.jsonl`.
//!
//! Each sentence truce's splitter finds is labelled with the type of the gold
//! record whose text it shares most of its words with, or "no event".

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use truce_extract::classify::{self, Example, Model};
use truce_model::EventType;
use truce_text::LoadOptions;

use crate::pipeline::{self, ManifestChoice};

/// The annotated sets the committed model is trained on: every set under `eval/`
/// (truce's own writing; the third-party seeds are never used).
pub fn default_sets(eval: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut sets: Vec<PathBuf> = std::fs::read_dir(eval)
        .with_context(|| format!("{}: cannot list the annotated sets", eval.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("gold.jsonl").is_file() && p.join("docs").is_dir())
        .collect();
    sets.sort();
    Ok(sets)
}

/// The labelled sentences of one annotated set.
pub fn examples(set: &Path) -> anyhow::Result<Vec<Example>> {
    let gold_path = set.join("gold.jsonl");
    let gold = std::fs::read_to_string(&gold_path).with_context(|| format!("{}: cannot read", gold_path.display()))?;
    let mut by_doc: HashMap<String, Vec<(EventType, HashSet<String>)>> = HashMap::new();
    for (i, line) in gold.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let record: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}: line {}: not JSON", gold_path.display(), i + 1))?;
        let (Some(doc), Some(kind), Some(text)) = (record["doc"].as_str(), record["type"].as_str(), record["text"].as_str()) else {
            bail!("{}: line {}: a record needs doc, type and text", gold_path.display(), i + 1);
        };
        let event_type: EventType = kind.parse().with_context(|| format!("{}: line {}", gold_path.display(), i + 1))?;
        by_doc.entry(doc.to_string()).or_default().push((event_type, word_set(text)));
    }
    let mut out = Vec::new();
    let failures = pipeline::walk(&[set.join("docs")], &ManifestChoice::Beside, &LoadOptions::default(), false, |p| {
        let name = p.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let records = by_doc.get(&name).map(Vec::as_slice).unwrap_or_default();
        let text = &p.doc.clean_text;
        for s in truce_extract::sentence::split(text) {
            let sentence = &text[s.start..s.end];
            out.push(Example { sentence: sentence.to_string(), event_type: label(sentence, records) });
        }
        Ok(())
    })?;
    if failures > 0 {
        bail!("{}: {failures} documents could not be read", set.display());
    }
    Ok(out)
}

fn word_set(text: &str) -> HashSet<String> {
    classify::words(text).into_iter().map(|w| w.stem).collect()
}

/// The type of the gold record this sentence is (most of) the text of.
fn label(sentence: &str, records: &[(EventType, HashSet<String>)]) -> Option<EventType> {
    let words = word_set(sentence);
    records
        .iter()
        .filter_map(|(t, gold)| {
            let shared = words.intersection(gold).count();
            let smaller = words.len().min(gold.len()).max(1);
            (shared >= 3 && shared * 10 >= smaller * 7).then_some((*t, shared))
        })
        .max_by_key(|(_, shared)| *shared)
        .map(|(t, _)| t)
}

/// Trains on `sets` and writes the model to `out`.
pub fn run(sets: &[PathBuf], out: &Path) -> anyhow::Result<()> {
    let mut all = Vec::new();
    for set in sets {
        let ex = examples(set)?;
        eprintln!("{}: {} sentences, {} with an event", set.display(), ex.len(), ex.iter().filter(|e| e.event_type.is_some()).count());
        all.extend(ex);
    }
    if all.is_empty() {
        bail!("no annotated sentences: give folders holding docs/ and gold.jsonl");
    }
    let model = classify::train(&all);
    std::fs::write(out, model.to_tsv()).with_context(|| format!("{}: cannot write the model", out.display()))?;
    eprintln!("trained on {} sentences; wrote {}", all.len(), out.display());
    Ok(())
}

/// Sentence-level counts of one held-out set at one threshold.
#[derive(Default, Clone, Copy)]
struct Counts {
    /// Sentences the gold gives an event.
    events: usize,
    /// Proposals, and how many of them have the gold's type.
    proposed: usize,
    right: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.events += other.events;
        self.proposed += other.proposed;
        self.right += other.right;
    }

    fn summary(&self) -> String {
        let p = self.right as f64 / self.proposed.max(1) as f64;
        let r = self.right as f64 / self.events.max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        format!("P {p:.3} R {r:.3} F1 {f:.3} ({} right of {} proposed, {} event sentences)", self.right, self.proposed, self.events)
    }
}

/// Leave-one-set-out cross-validation: for each set, a model trained on all the others
/// judges its sentences; prints sentence-level precision and recall at several thresholds
/// (the one in use, `classify::THRESHOLD`, among them), per set and in all. This is how a
/// change to the features or the training is measured on text the model never saw.
pub fn cross_validate(sets: &[PathBuf]) -> anyhow::Result<()> {
    const THRESHOLDS: [f32; 5] = [0.4, 0.5, 0.6, 0.7, 0.8];
    if sets.len() < 2 {
        bail!("cross-validation needs at least two annotated sets");
    }
    let per_set: Vec<Vec<Example>> = sets.iter().map(|s| examples(s)).collect::<anyhow::Result<_>>()?;
    let in_use = THRESHOLDS.iter().position(|t| *t == classify::THRESHOLD).unwrap_or(0);
    let mut total = [Counts::default(); THRESHOLDS.len()];
    for (i, set) in sets.iter().enumerate() {
        let training: Vec<&Example> = per_set.iter().enumerate().filter(|(j, _)| *j != i).flat_map(|(_, e)| e).collect();
        let model = classify::train_on(&training);
        // The event sentences are the same at every threshold; only the proposals differ.
        let events = per_set[i].iter().filter(|e| e.event_type.is_some()).count();
        let mut counts = [Counts { events, ..Counts::default() }; THRESHOLDS.len()];
        for example in &per_set[i] {
            let judged = model.judge(&example.sentence);
            for (c, &threshold) in counts.iter_mut().zip(&THRESHOLDS) {
                if let Some((kind, _)) = judged.filter(|(_, p)| *p >= threshold) {
                    c.proposed += 1;
                    c.right += usize::from(example.event_type == Some(kind));
                }
            }
        }
        println!("{}: {}", set.display(), counts[in_use].summary());
        for (t, c) in total.iter_mut().zip(counts) {
            t.add(c);
        }
    }
    for (threshold, c) in THRESHOLDS.iter().zip(total) {
        println!("all sets, threshold {threshold}: {}", c.summary());
    }
    Ok(())
}

/// Reads a model file written by [`run`] and makes it the one extraction uses.
pub fn install(path: &Path) -> anyhow::Result<()> {
    let tsv = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let model = Model::parse(&tsv).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if Model::install(model).is_err() {
        bail!("{}: a sentence classifier was already in use", path.display());
    }
    Ok(())
}
