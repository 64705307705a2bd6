//! A sentence classifier that proposes an event type where no lexicon trigger
//! matched: the lexicon only knows the wording it was given, and unseen reports
//! bring verbs and idioms it lacks ("came under the control of", "взяли на месте").
//!
//! The model is a softmax regression over word stems (the first six letters of
//! each word, which folds most English and Russian inflection) and stem pairs,
//! trained by `truce train-model` on truce's own annotated sets in `eval/`
//! (never on third-party text) and stored as data in `data/model/sentence_types.tsv`.
//! It only proposes: the grammar then treats the proposal like any trigger, so
//! negation, plans, questions, dates, places and claims are decided by the rules.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use truce_model::EventType;

static IN_USE: OnceLock<Model> = OnceLock::new();

const MODEL: &str = include_str!("../../../data/model/sentence_types.tsv");

/// How many leading letters of a word make its stem.
const STEM_CHARS: usize = 6;

/// The probability a proposal needs. Fixed before any blind set was scored, from a
/// six-fold cross-validation over the annotated sets (sentence-level precision near 0.85
/// at recall near 0.46); leave-one-set-out runs found 0.5 and 0.7 no better.
pub const THRESHOLD: f32 = 0.6;

/// A word of a sentence: its byte span (in the sentence) and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub stem: String,
}

/// The words of `sentence`, lowercased and cut to their stems; numbers are left out.
pub fn words(sentence: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    for (i, c) in sentence.char_indices().chain(std::iter::once((sentence.len(), ' '))) {
        match (start, is_word(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = &sentence[s..i];
                if !w.chars().all(|c| c.is_ascii_digit()) {
                    let stem: String = w.chars().flat_map(char::to_lowercase).take(STEM_CHARS).collect();
                    out.push(Word { start: s, end: i, stem });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The features of a sentence: each stem ("w:") and each pair of neighbouring stems ("b:").
pub fn features(words: &[Word]) -> Vec<String> {
    let mut f: Vec<String> = words.iter().map(|w| format!("w:{}", w.stem)).collect();
    f.extend(words.windows(2).map(|p| format!("b:{}_{}", p[0].stem, p[1].stem)));
    f.sort();
    f.dedup();
    f
}

/// What the model proposes for a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub event_type: EventType,
    pub probability: f32,
    /// The word that speaks most for the type, as a byte span in the sentence.
    pub anchor: (usize, usize),
}

/// Weights per feature, one per class; class 0 is "no event".
pub struct Model {
    classes: Vec<Option<EventType>>,
    weights: HashMap<String, Vec<f32>>,
}

impl Model {
    /// The model in use: the one [`Model::install`] set, else the one embedded from
    /// `data/model/sentence_types.tsv`.
    pub fn builtin() -> &'static Model {
        IN_USE.get_or_init(|| Model::parse(MODEL).expect("data/model/sentence_types.tsv is checked by the tests"))
    }

    /// Makes `model` the one extraction uses, for this process; refused (and handed back)
    /// once extraction has used a model.
    pub fn install(model: Model) -> Result<(), Model> {
        IN_USE.set(model)
    }

    /// Reads the TSV `to_tsv` writes: a `# classes` line, then `feature<TAB>class:weight ...`.
    pub fn parse(tsv: &str) -> Result<Model, String> {
        let mut lines = tsv.lines().enumerate();
        let classes: Vec<Option<EventType>> = match lines.next() {
            Some((_, l)) if l.starts_with("# classes:") => l["# classes:".len()..]
                .split_whitespace()
                .map(|c| if c == "none" { Ok(None) } else { c.parse().map(Some).map_err(|e| format!("line 1: {e}")) })
                .collect::<Result<_, _>>()?,
            _ => return Err("line 1: expected `# classes: none <type> ...`".into()),
        };
        if classes.first() != Some(&None) {
            return Err("line 1: the first class must be `none`".into());
        }
        let mut weights = HashMap::new();
        for (i, line) in lines {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (feature, rest) = line.split_once('\t').ok_or_else(|| format!("line {}: expected a tab", i + 1))?;
            let mut w = vec![0.0f32; classes.len()];
            for cell in rest.split_whitespace() {
                let (c, v) = cell.split_once(':').ok_or_else(|| format!("line {}: expected class:weight, got {cell:?}", i + 1))?;
                let c: usize = c.parse().map_err(|_| format!("line {}: bad class index {c:?}", i + 1))?;
                let v: f32 = v.parse().map_err(|_| format!("line {}: bad weight {v:?}", i + 1))?;
                *w.get_mut(c).ok_or_else(|| format!("line {}: class index {c} out of range", i + 1))? = v;
            }
            weights.insert(feature.to_string(), w);
        }
        Ok(Model { classes, weights })
    }

    /// Writes the model as TSV, weights rounded to three decimals and near-zero ones left out.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from("# classes:");
        for c in &self.classes {
            out.push(' ');
            out.push_str(c.map_or("none", |t| t.code()));
        }
        out.push('\n');
        let mut features: Vec<(&String, &Vec<f32>)> = self.weights.iter().collect();
        features.sort_by(|a, b| a.0.cmp(b.0));
        for (f, w) in features {
            let cells: Vec<String> = w.iter().enumerate().filter(|(_, v)| v.abs() >= 0.02).map(|(c, v)| format!("{c}:{v:.3}")).collect();
            if !cells.is_empty() {
                let _ = writeln!(out, "{f}\t{}", cells.join(" "));
            }
        }
        out
    }

    /// The event type the model proposes for `sentence`, when it is sure enough.
    pub fn propose(&self, sentence: &str) -> Option<Proposal> {
        let words = words(sentence);
        let (best, probability) = self.likeliest(&words)?;
        let event_type = self.classes[best]?;
        if probability < THRESHOLD {
            return None;
        }
        let weight = |w: &Word| self.weights.get(&format!("w:{}", w.stem)).map_or(f32::MIN, |v| v[best]);
        let anchor = words.iter().max_by(|a, b| weight(a).total_cmp(&weight(b)))?;
        Some(Proposal { event_type, probability, anchor: (anchor.start, anchor.end) })
    }

    /// The likeliest event type of a sentence and its probability, however low; None for
    /// a sentence too short to judge (fewer than four words).
    pub fn judge(&self, sentence: &str) -> Option<(EventType, f32)> {
        let (best, probability) = self.likeliest(&words(sentence))?;
        Some((self.classes[best]?, probability))
    }

    /// The index of the likeliest class other than "no event", with its probability.
    fn likeliest(&self, words: &[Word]) -> Option<(usize, f32)> {
        if words.len() < 4 {
            return None;
        }
        let p = probabilities(&self.weights, self.classes.len(), features(words).iter());
        p.iter().copied().enumerate().skip(1).max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

impl std::fmt::Debug for Model {
    // The weights are too many to print; their shape says enough.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("classes", &self.classes.len()).field("features", &self.weights.len()).finish()
    }
}

/// Class probabilities for a sentence's features: the one scoring both training and
/// proposing use.
fn probabilities<'a>(weights: &HashMap<String, Vec<f32>>, classes: usize, features: impl Iterator<Item = &'a String>) -> Vec<f32> {
    let mut z = vec![0.0f32; classes];
    for f in features {
        if let Some(w) = weights.get(f) {
            z.iter_mut().zip(w).for_each(|(a, b)| *a += b);
        }
    }
    softmax(&mut z);
    z
}

fn softmax(z: &mut [f32]) {
    let max = z.iter().copied().fold(f32::MIN, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    z.iter_mut().for_each(|v| *v /= sum);
}

/// A sentence with its annotated type (None: no event).
pub struct Example {
    pub sentence: String,
    pub event_type: Option<EventType>,
}

/// Trains the model by stochastic gradient descent on the softmax loss, with the
/// examples in a fixed pseudo-random order so that the same examples give the same
/// weights. Features seen in fewer than two examples are left out: they would only
/// memorise their sentence.
pub fn train(examples: &[Example]) -> Model {
    train_on(&examples.iter().collect::<Vec<_>>())
}

/// [`train`] on borrowed examples (cross-validation trains on many subsets of one set).
pub fn train_on(examples: &[&Example]) -> Model {
    const EPOCHS: usize = 8;
    let mut classes: Vec<Option<EventType>> = vec![None];
    classes.extend(EventType::ALL.iter().copied().map(Some));
    let index = |t: Option<EventType>| classes.iter().position(|c| *c == t).unwrap_or(0);
    let encoded: Vec<(Vec<String>, usize)> = examples.iter().map(|e| (features(&words(&e.sentence)), index(e.event_type))).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (f, _) in &encoded {
        for x in f {
            *seen.entry(x.as_str()).or_default() += 1;
        }
    }
    let kept: Vec<(Vec<&String>, usize)> =
        encoded.iter().map(|(f, y)| (f.iter().filter(|x| seen[x.as_str()] >= 2).collect(), *y)).collect();
    let mut weights: HashMap<String, Vec<f32>> = HashMap::new();
    let mut order: Vec<usize> = (0..kept.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let (mut rate, l2) = (0.2f32, 1e-4f32);
    for _ in 0..EPOCHS {
        // Fisher–Yates with xorshift: a fixed order without a dependency.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let (f, y) = &kept[i];
            let mut z = probabilities(&weights, classes.len(), f.iter().copied());
            z[*y] -= 1.0;
            for x in f {
                let w = weights.entry((*x).clone()).or_insert_with(|| vec![0.0; classes.len()]);
                for (wc, g) in w.iter_mut().zip(&z) {
                    *wc -= rate * (g + l2 * *wc);
                }
            }
        }
        rate *= 0.7;
    }
    Model { classes, weights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cut_to_stems_and_numbers_are_left_out() {
        let w = words("Обстреляли 12 домов, shelling continued");
        let stems: Vec<&str> = w.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["обстре", "домов", "shelli", "contin"]);
        assert_eq!(&"Обстреляли 12 домов, shelling continued"[w[2].start..w[2].end], "shelling");
    }

    #[test]
    fn the_embedded_model_reads() {
        let m = Model::builtin();
        assert_eq!(m.classes.len(), EventType::ALL.len() + 1);
        assert!(m.weights.len() > 1000, "the model has {} features", m.weights.len());
    }

    #[test]
    fn a_model_written_out_reads_back_the_same() {
        let examples: Vec<Example> = [
            ("the village came under heavy mortar fire overnight", Some(EventType::Firing)),
            ("mortar fire hit the village again overnight", Some(EventType::Firing)),
            ("the talks will resume in the capital next week", None),
            ("talks in the capital will resume next week", None),
        ]
        .into_iter()
        .map(|(s, t)| Example { sentence: s.into(), event_type: t })
        .collect();
        let m = train(&examples);
        let back = Model::parse(&m.to_tsv()).unwrap();
        let p = back.propose("mortar fire hit the village overnight").unwrap();
        assert_eq!(p.event_type, EventType::Firing);
        assert!(back.propose("the talks will resume next week in the capital").is_none());
    }

    #[test]
    fn a_broken_model_file_is_refused_with_its_line() {
        assert!(Model::parse("firing\t1:0.5\n").unwrap_err().contains("line 1"));
        let err = Model::parse("# classes: none firing\nw:fire\t1:x\n").err().unwrap();
        assert!(err.contains("line 2") && err.contains("bad weight"), "{err}");
        assert!(Model::parse("# classes: none shooting\n").unwrap_err().contains("shooting"));
    }
}
