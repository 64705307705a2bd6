//! Language and script: the document's language, and whether one line is in
//! another language than the document around it.

/// Writing systems that matter for telling one line from its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Armenian,
    Georgian,
    Arabic,
    Greek,
    Hebrew,
    Other,
}

const SCRIPTS: [Script; 8] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Armenian,
    Script::Georgian,
    Script::Arabic,
    Script::Greek,
    Script::Hebrew,
    Script::Other,
];

fn script_of(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x0041..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F | 0xFB13..=0xFB17 => Script::Armenian,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
        _ => Script::Other,
    })
}

/// Letter counts per script.
#[derive(Debug, Default)]
struct ScriptCounts {
    counts: [usize; SCRIPTS.len()],
    letters: usize,
}

impl ScriptCounts {
    fn of(text: &str) -> Self {
        let mut acc = Self::default();
        // Most lines are plain ASCII: count their letters without decoding characters.
        if text.is_ascii() {
            let letters = text.bytes().filter(u8::is_ascii_alphabetic).count();
            acc.counts[Script::Latin as usize] = letters;
            acc.letters = letters;
            return acc;
        }
        for script in text.chars().filter_map(script_of) {
            acc.counts[script as usize] += 1;
            acc.letters += 1;
        }
        acc
    }

    /// The script most letters are in, with its share of the letters.
    fn dominant(&self) -> Option<(Script, f64)> {
        let (idx, &count) = self.counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
        (count > 0).then(|| (SCRIPTS[idx], count as f64 / self.letters as f64))
    }
}

/// The ISO 639-1 code of a whatlang language for the languages truce reads
/// most; the ISO 639-3 code for the rest.
fn language_code(lang: whatlang::Lang) -> String {
    use whatlang::Lang;
    let code = match lang {
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Hye => "hy",
        Lang::Aze => "az",
        Lang::Tur => "tr",
        Lang::Kat => "ka",
        Lang::Pes => "fa",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        other => other.code(),
    };
    code.to_string()
}

/// How many common English function words a line has.
fn english_words(line: &str) -> usize {
    const WORDS: [&str; 16] = ["the", "of", "and", "to", "was", "were", "is", "are", "on", "for", "that", "with", "by", "from", "at", "has"];
    line.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| WORDS.iter().any(|x| x.eq_ignore_ascii_case(w))).count()
}

/// Words of Russian that Ukrainian and Belarusian spell otherwise ("що", "і", "був").
fn russian_words(line: &str) -> usize {
    const WORDS: [&str; 16] = ["и", "что", "был", "была", "было", "были", "это", "который", "которые", "также", "после", "или", "его", "от", "где", "когда"];
    let lower_eq = |w: &str, x: &str| w.chars().flat_map(char::to_lowercase).eq(x.chars());
    line.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty() && w.len() <= 16 && WORDS.iter().any(|x| lower_eq(w, x))).count()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How much of a text language detection reads: a report's language shows in its
/// opening, and whatlang's cost grows with the length it is given.
const LANGUAGE_SAMPLE_BYTES: usize = 4000;

/// The language of a text when whatlang is confident of it, judged on its opening.
pub fn detect_language(text: &str) -> Option<String> {
    let sample = &text[..floor_boundary(text, LANGUAGE_SAMPLE_BYTES)];
    if plainly_english(sample) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(sample)?;
    info.is_reliable().then(|| language_code(info.lang()))
}

/// Function words no other language of these reports writes as words of its own.
const ENGLISH_ONLY_WORDS: [&str; 12] = ["the", "of", "and", "was", "were", "with", "that", "from", "which", "has", "have", "said"];

/// True when a sample is so thick with English function words that it can only be
/// English: most reports are, and this spares them whatlang's trigram count, the
/// costliest step of decoding. Anything less plain goes to whatlang.
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut english) = (0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        english += usize::from(ENGLISH_ONLY_WORDS.iter().any(|x| x.eq_ignore_ascii_case(w)));
    }
    english >= 12 && english * 100 >= words * 12
}

/// What a line is compared with: the document's language and script.
pub(crate) struct DocLanguage {
    /// ISO 639-1 (or 639-3) code, when known.
    code: Option<String>,
    script: Option<Script>,
    /// Line-level detection, limited to the languages a line in these reports
    /// may plausibly be in: on one line, unrestricted whatlang is confidently
    /// wrong too often (an English headline full of place names as Javanese).
    line_detector: whatlang::Detector,
}

/// The languages of the region and the major European ones.
const LINE_LANGUAGES: [whatlang::Lang; 12] = {
    use whatlang::Lang::*;
    [Eng, Rus, Ukr, Aze, Tur, Hye, Kat, Pes, Deu, Fra, Spa, Ita]
};

fn whatlang_lang(code: &str) -> Option<whatlang::Lang> {
    LINE_LANGUAGES.into_iter().find(|&l| language_code(l) == code).or_else(|| whatlang::Lang::from_code(code))
}

/// Below this many letters a line says too little about its language.
const MIN_LETTERS_FOR_SCRIPT: usize = 4;
/// Below this many letters whatlang's verdict on a line is not trusted.
const MIN_LETTERS_FOR_WHATLANG: usize = 40;

impl DocLanguage {
    /// The language whatlang reliably finds in the whole text, else `declared`
    /// (from metadata). The text wins: lines are compared with what the
    /// document is written in, and a wrong manifest must not make every line
    /// look foreign.
    pub(crate) fn of(text: &str, declared: Option<&str>) -> Self {
        let declared = declared.map(|c| c.trim().to_ascii_lowercase()).filter(|c| !c.is_empty());
        // The manifest's word first; otherwise judge from the opening (enough for a reliable verdict, and cheap).
        let code = declared.or_else(|| detect_language(text));
        let script = ScriptCounts::of(text).dominant().map(|(script, _)| script);
        let mut allow = LINE_LANGUAGES.to_vec();
        allow.extend(code.as_deref().and_then(whatlang_lang).filter(|l| !allow.contains(l)));
        Self { code, script, line_detector: whatlang::Detector::with_allowlist(allow) }
    }

    /// True when `line` is clearly in another language than the document:
    /// mostly another script; or whatlang is reliably sure of another language,
    /// on a line long enough to judge or (for English documents) one where
    /// letters English lacks (ə, ğ, ı, ş, ...) are common.
    pub(crate) fn is_foreign(&self, line: &str) -> bool {
        let counts = ScriptCounts::of(line);
        if counts.letters < MIN_LETTERS_FOR_SCRIPT {
            return false;
        }
        let Some((line_script, share)) = counts.dominant() else { return false };
        if let Some(doc_script) = self.script
            && line_script != doc_script
        {
            return share >= 0.6;
        }
        let Some(doc_code) = self.code.as_deref() else { return false };
        // Names with one diacritic (Erdoğan, Zürich) stay English; a line
        // where non-English letters are common may be in another language.
        let dense_foreign_letters = doc_code == "en" && line_script == Script::Latin && {
            let non_ascii = line.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()).count();
            non_ascii >= 3 && non_ascii as f64 >= counts.letters as f64 * 0.05
        };
        if !dense_foreign_letters && counts.letters < MIN_LETTERS_FOR_WHATLANG {
            return false;
        }
        // A line of an English document with no non-ASCII letter (curly quotes and dashes
        // aside) and two English function words is English; a Cyrillic line with two words
        // only Russian has ("что", "было") is Russian. Either spares whatlang the line.
        let ascii_letters = || !line.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
        if doc_code == "en" && ascii_letters() && english_words(line) >= 2 {
            return false;
        }
        if doc_code == "ru" && line_script == Script::Cyrillic && russian_words(line) >= 2 {
            return false;
        }
        self.line_detector.detect(line).is_some_and(|info| {
            info.is_reliable() && language_code(info.lang()) != doc_code && !is_close_relative(doc_code, info.lang())
        })
    }
}

/// Languages whatlang mixes up with the document's own often enough that a
/// verdict between them proves nothing on one line.
fn is_close_relative(doc_code: &str, lang: whatlang::Lang) -> bool {
    use whatlang::Lang;
    matches!(
        (doc_code, lang),
        ("ru", Lang::Ukr | Lang::Bel | Lang::Bul | Lang::Srp | Lang::Mkd)
            | ("az", Lang::Tur | Lang::Tuk | Lang::Uzb)
            | ("tr", Lang::Aze | Lang::Tuk)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &str = "The ministry said the convoy moved along the dirt road at night. \
        Observers recorded the vehicles and reported them to the command of the mission.";

    #[test]
    fn detects_reliable_languages_as_two_letter_codes() {
        assert_eq!(detect_language(ENGLISH).as_deref(), Some("en"));
        let russian = "Министерство обороны сообщило, что колонна двигалась ночью по грунтовой дороге. \
                       Наблюдатели зафиксировали технику и сообщили командованию миссии.";
        assert_eq!(detect_language(russian).as_deref(), Some("ru"));
        assert_eq!(detect_language("ok"), None);
    }

    #[test]
    fn english_is_told_without_whatlang_only_when_plain() {
        let long_english = ENGLISH.repeat(3);
        assert!(plainly_english(&long_english));
        assert_eq!(detect_language(&long_english).as_deref(), Some("en"));
        // Names and numbers with few function words: not plain enough, whatlang decides.
        assert!(!plainly_english("Aghdam Fuzuli Jabrayil Zangilan Gubadli Lachin Kalbajar Shusha Khankendi 2020 2021"));
        let german = "Der Minister sagte am Montag, die Waffenruhe sei in der Nacht gebrochen worden, und die Truppen \
                      seien an der Grenze geblieben. Die Beobachter haben die Fahrzeuge gezählt und der Mission gemeldet.";
        assert!(!plainly_english(german));
        assert_eq!(detect_language(german).as_deref(), Some("de"));
    }

    #[test]
    fn another_script_is_foreign() {
        let doc = DocLanguage::of(ENGLISH, None);
        assert!(doc.is_foreign("Ссылка скопирована"));
        assert!(doc.is_foreign("Հայաստանի պաշտպանության նախարարություն"));
        // Too few letters to say.
        assert!(!doc.is_foreign("ру"));
    }

    #[test]
    fn azerbaijani_line_in_english_document_is_foreign() {
        let doc = DocLanguage::of(ENGLISH, Some("en"));
        assert!(doc.is_foreign("Bakıda keçirilən görüşdə tərəflər sülh müqaviləsinin layihəsini müzakirə ediblər"));
    }

    #[test]
    fn a_long_line_in_another_latin_language_is_foreign() {
        let doc = DocLanguage::of(ENGLISH, Some("en"));
        assert!(doc.is_foreign("Der Minister sagte am Montag, die Waffenruhe sei in der Nacht gebrochen worden."));
    }

    #[test]
    fn russian_is_told_by_words_only_russian_has() {
        assert_eq!(russian_words("Министерство сообщило, что колонна была замечена у села, и это подтвердили"), 4);
        assert_eq!(russian_words("Міністерство повідомило, що колона була помічена біля села"), 0);
        let russian = "Министерство обороны сообщило, что колонна двигалась ночью по грунтовой дороге. \
                       Наблюдатели зафиксировали технику и сообщили командованию миссии.";
        let doc = DocLanguage::of(russian, Some("ru"));
        assert!(!doc.is_foreign("Наблюдатели сообщили, что огонь был открыт с позиций у села и длился час."));
    }

    #[test]
    fn english_lines_with_foreign_names_stay() {
        let doc = DocLanguage::of(ENGLISH, Some("en"));
        for line in [
            "President Recep Tayyip Erdoğan met the delegation in Ankara on Tuesday.",
            "A member of the peacekeeping contingent near Şuşa",
            "Armed gangs",
            "The Milli Majlis Committee on Defense discussed the matter with Agil Abbas.",
            "Señor Muñoz, a naïve visitor from Zürich, paid €12 for a crème brûlée, he told reporters.",
            "Karabakh: Azerbaijani drone strike wounds serviceman near Martakert",
            "Khankendi-Khalfali-Turshsu Aghdam Fuzuli Jabrayil Zangilan Gubadli Lachin Kalbajar",
        ] {
            assert!(!doc.is_foreign(line), "{line}");
        }
    }
}
