//! The seed reports in `/work/shared/corpus/seeds`. The tests locate lines in
//! the seed files by a few words and compare them with the clean text, so no
//! report text is copied here.

use sha2::{Digest, Sha256};
use truce_model::{Document, PartialDate};
use truce_text::{LoadOptions, Manifest, collect_inputs, manifest_beside, read_document};

use crate::{paragraphs, seeds_dir};

/// Reads one seed with its manifest metadata, minus the publication date when
/// `drop_published` (to see what the text alone gives).
fn read_seed(name: &str, drop_published: bool) -> (String, Document) {
    let (manifest, errors) = Manifest::load(&seeds_dir().join("manifest.csv")).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let mut meta = manifest.meta_for(name).unwrap();
    if drop_published {
        meta.published = None;
    }
    let (raw, doc) = read_document(&seeds_dir().join(name), meta, &LoadOptions::default()).unwrap();
    (String::from_utf8(raw).unwrap(), doc)
}

/// Index of the one line of `raw` containing `anchor`.
fn line_index(raw: &str, anchor: &str) -> usize {
    let hits: Vec<usize> = raw.lines().enumerate().filter(|(_, l)| l.contains(anchor)).map(|(i, _)| i).collect();
    assert_eq!(hits.len(), 1, "anchor {anchor:?} should be on exactly one line");
    hits[0]
}

/// The non-blank lines of `raw` from the line holding `from` to the line
/// holding `to`, trimmed, as clean-text paragraphs.
fn raw_paragraphs(raw: &str, from: &str, to: &str) -> Vec<String> {
    let (first, last) = (line_index(raw, from), line_index(raw, to));
    raw.lines()
        .skip(first)
        .take(last + 1 - first)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn assert_removed(doc: &Document, line: &str) {
    assert!(doc.removed.iter().any(|r| r == line), "{line:?} should be recorded as removed");
    assert!(!doc.clean_text.lines().any(|l| l.trim() == line), "{line:?} should not be a line of the clean text");
}

#[test]
fn seed_001_loses_its_footer_and_keeps_title_and_every_paragraph() {
    let (raw, doc) = read_seed("001_5a259469ce8bbc15.txt", false);
    // Title, first paragraph ... last paragraph: all of it, nothing else.
    let title = raw.lines().next().unwrap().trim();
    assert!(title.contains("tool in the hands of Russia"));
    let mut expected = vec![title.to_string()];
    expected.extend(raw_paragraphs(&raw, "On March 7", "As the year 2025 approaches"));
    assert_eq!(paragraphs(&doc.clean_text), expected);

    for line in ["Leave a review", "Follow us on social networks", "News Line"] {
        assert_removed(&doc, line);
    }
    // The headline in Azerbaijani (letters English lacks) under the article.
    let azerbaijani = raw.lines().find(|l| l.contains('ə')).unwrap().trim();
    assert_removed(&doc, azerbaijani);
}

#[test]
fn seed_003_loses_menus_widgets_and_footer_and_keeps_the_article() {
    let (raw, doc) = read_seed("003_7307909e540cd7b0.txt", true);
    let title = raw.lines().nth(line_index(&raw, "White doves")).unwrap().trim();
    let mut expected = vec![title.to_string()];
    expected.extend(raw_paragraphs(&raw, "vitally important", "big question remains open"));
    // A line of only a no-break space is blank, not a paragraph.
    expected.retain(|p| !p.trim().is_empty());
    assert_eq!(paragraphs(&doc.clean_text), expected);

    // Headings and photo captions between paragraphs stay.
    for anchor in ["Armed Armenian gangs", "Misuse of Lachin road", "A member of the Russian peacekeeping contingent"] {
        let line = raw.lines().nth(line_index(&raw, anchor)).unwrap().trim();
        assert!(paragraphs(&doc.clean_text).contains(&line), "{line:?} should stay");
    }

    for line in [
        "twitter",
        "youtube",
        "instagram",
        "facebook",
        "telegram",
        "apple store",
        "play market",
        "night_theme",
        "ru",
        "arm",
        "search",
        "WHAT ARE YOU LOOKING FOR ?",
        "Any use of materials is allowed only if there is a hyperlink to Caliber.az",
        "Caliber.az © 2025. .",
        "ANALYTICS",
        "A+",
        "A-",
        "13 December 2022 16:34",
        "Views: 510",
        "share-lineLiked the story? Share it on social media!",
        "print",
        "copy link",
        "Ссылка скопирована",
        "ads",
        "loading",
    ] {
        assert_removed(&doc, line);
    }
}

#[test]
fn seed_003_dateline_gives_the_publication_date() {
    let (_, doc) = read_seed("003_7307909e540cd7b0.txt", true);
    assert_eq!(doc.meta.published, PartialDate::ymd(2022, 12, 13));
}

#[test]
fn seed_002_dateline_prefix_fills_the_date_and_leaves_the_sentence() {
    let (raw, doc) = read_seed("002_a105add096fb43d9.txt", true);
    assert_eq!(doc.meta.published, PartialDate::ymd(2020, 12, 14));
    assert!(doc.clean_text.starts_with("On December 12"), "{:?}", &doc.clean_text[..40]);
    assert_eq!(doc.removed, ["date 2020-12-14"]);
    // Everything else is kept as written.
    let first = raw.lines().next().unwrap().trim();
    let mut expected = vec![first.strip_prefix("date 2020-12-14 ").unwrap().to_string()];
    expected.extend(raw.lines().skip(1).map(str::trim).filter(|l| !l.is_empty()).map(str::to_string));
    assert_eq!(paragraphs(&doc.clean_text), expected);
}

#[test]
fn manifest_date_wins_over_the_dateline() {
    let (_, doc) = read_seed("002_a105add096fb43d9.txt", false);
    assert_eq!(doc.meta.published, PartialDate::ymd(2020, 12, 14));
    let (_, doc) = read_seed("001_5a259469ce8bbc15.txt", false);
    assert_eq!(doc.meta.published, "2023-03".parse().ok());
}

#[test]
fn seed_000_has_no_boilerplate_and_is_kept_whole() {
    let (raw, doc) = read_seed("000_304fdd65a8348845.txt", false);
    let expected: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert_eq!(paragraphs(&doc.clean_text), expected);
    assert!(doc.removed.is_empty(), "{:?}", doc.removed);
}

#[test]
fn every_seed_loads_with_its_manifest() {
    let (files, errors) = collect_inputs(&[seeds_dir()]);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 5);
    assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted: {names:?}");
    assert!(!names.iter().any(|n| n == "manifest.csv"));

    let manifest_path = manifest_beside(&files[0]).unwrap();
    assert_eq!(manifest_path, seeds_dir().join("manifest.csv"));
    let (manifest, errors) = Manifest::load(&manifest_path).unwrap();
    assert!(errors.is_empty());
    for (file, name) in files.iter().zip(&names) {
        let meta = manifest.meta_for(name).unwrap();
        let (raw, doc) = read_document(file, meta, &LoadOptions::default()).unwrap();
        assert_eq!(&doc.meta.id, name);
        let hash: String = Sha256::digest(&raw).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(doc.content_hash, hash);
        assert_eq!(doc.meta.language.as_deref(), Some("en"));
        assert!(doc.meta.published.is_some());
        assert!(doc.clean_text.len() > 1000, "{name}: {} bytes of clean text", doc.clean_text.len());
        assert!(!doc.clean_text.contains("\n\n\n"));
        assert!(doc.clean_text.lines().all(|l| l == l.trim()), "{name}: lines are trimmed");
    }
}
