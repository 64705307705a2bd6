//! Reading one file: encodings, the size limit, and files that are not text.

use std::fs;
use std::path::{Path, PathBuf};

use encoding_rs::{WINDOWS_1251, WINDOWS_1252};
use truce_text::{InputError, LoadOptions, Problem, read_document};

use crate::{meta, paragraphs};

const ENGLISH: &str = "The monitors reached the village before noon and spoke with the residents.\n\n\
                       They reported that the shelling had stopped two days earlier, the statement said.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn problem_of(path: &Path, opts: &LoadOptions) -> Problem {
    let err: InputError = read_document(path, meta(""), opts).unwrap_err();
    assert_eq!(err.path, path);
    assert!(err.to_string().starts_with(&format!("{}: ", path.display())), "{err}");
    assert!(!err.to_string().contains('\n'));
    err.problem
}

#[test]
fn utf8_bom_is_stripped_and_id_defaults_to_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(ENGLISH.replace('\n', "\r\n").as_bytes());
    let path = write(dir.path(), "bom.txt", &bytes);
    let (raw, doc) = read_document(&path, meta(""), &LoadOptions::default()).unwrap();
    assert_eq!(raw, bytes);
    assert_eq!(doc.meta.id, "bom.txt");
    assert_eq!(doc.clean_text, ENGLISH.trim_end());
    assert!(!doc.clean_text.contains(['\u{FEFF}', '\r']));
}

#[test]
fn utf16_file_with_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(ENGLISH.encode_utf16().flat_map(u16::to_le_bytes));
    let path = write(dir.path(), "utf16.txt", &bytes);
    let (_, doc) = read_document(&path, meta("utf16.txt"), &LoadOptions::default()).unwrap();
    assert_eq!(doc.clean_text, ENGLISH.trim_end());
}

#[test]
fn windows_1251_russian_file_is_decoded() {
    let text = "Наблюдатели прибыли в село до полудня и поговорили с жителями деревни.\n\n\
                По их словам, обстрел прекратился за два дня до этого, говорится в заявлении.";
    let (bytes, _, unmappable) = WINDOWS_1251.encode(text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "ru.txt", &bytes);
    let (_, doc) = read_document(&path, meta("ru.txt"), &LoadOptions::default()).unwrap();
    assert_eq!(doc.clean_text, text);
    assert_eq!(doc.meta.language.as_deref(), Some("ru"));
}

#[test]
fn windows_1252_file_is_decoded() {
    let text = "The café owner in the old town said the “curfew” – imposed on Friday – hurt business.\n\n\
                Señor Muñoz, a naïve visitor from Zürich, paid €12 for a crème brûlée, he told reporters.";
    let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "latin.txt", &bytes);
    let (_, doc) = read_document(&path, meta("latin.txt"), &LoadOptions::default()).unwrap();
    assert_eq!(doc.clean_text, text);
}

#[test]
fn empty_and_whitespace_files_are_empty() {
    let dir = tempfile::tempdir().unwrap();
    let opts = LoadOptions::default();
    assert_eq!(problem_of(&write(dir.path(), "empty.txt", b""), &opts), Problem::Empty);
    assert_eq!(problem_of(&write(dir.path(), "blank.txt", b"\n \t\r\n  \n"), &opts), Problem::Empty);
}

#[test]
fn binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    assert_eq!(problem_of(&write(dir.path(), "image.txt", png), &LoadOptions::default()), Problem::Binary);
}

#[test]
fn utf8_broken_beyond_repair_is_refused_with_count_and_offset() {
    let mut bytes = "Ağdam — Şuşa — Xankəndi. ".repeat(30).into_bytes();
    for at in (7..bytes.len()).step_by(97).take(8) {
        bytes[at] = 0xFF;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "broken.txt", &bytes);
    match problem_of(&path, &LoadOptions::default()) {
        Problem::InvalidUtf8 { broken, first_at } => {
            assert!(broken >= 8, "{broken}");
            assert_eq!(first_at, 7);
        }
        other => panic!("expected InvalidUtf8, got {other:?}"),
    }
    let message = read_document(&path, meta(""), &LoadOptions::default()).unwrap_err().to_string();
    assert!(message.contains("invalid UTF-8 beyond repair:"), "{message}");
    assert!(message.contains("first at byte 7"), "{message}");
}

#[test]
fn one_broken_byte_in_a_long_utf8_file_is_repaired() {
    let mut bytes = ENGLISH.repeat(20).replace("village", "Ağdam village").into_bytes();
    bytes[300] = 0xFF;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "repair.txt", &bytes);
    let (_, doc) = read_document(&path, meta(""), &LoadOptions::default()).unwrap();
    assert_eq!(doc.clean_text.matches('\u{FFFD}').count(), 1);
}

#[test]
fn file_over_the_limit_is_refused_from_its_size_alone() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse 8 GiB file: the reported size can only come from metadata, as
    // reading would stop one byte past the limit.
    let path = dir.path().join("huge.txt");
    let file = fs::File::create(&path).unwrap();
    file.set_len(8 << 30).unwrap();
    let opts = LoadOptions { max_bytes: 1024 };
    assert_eq!(problem_of(&path, &opts), Problem::TooLarge { size: 8 << 30, limit: 1024 });

    let path = write(dir.path(), "small.txt", ENGLISH.as_bytes());
    let opts = LoadOptions { max_bytes: 16 };
    assert_eq!(problem_of(&path, &opts), Problem::TooLarge { size: ENGLISH.len() as u64, limit: 16 });
    assert_eq!(LoadOptions::default().max_bytes, 20 * 1024 * 1024);
}

#[test]
fn unsupported_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "report.pdf", ENGLISH.as_bytes());
    assert_eq!(problem_of(&pdf, &LoadOptions::default()), Problem::UnsupportedExtension("pdf".into()));
    let missing = dir.path().join("missing.txt");
    assert_eq!(problem_of(&missing, &LoadOptions::default()), Problem::NotFound);
}

#[test]
fn markdown_file_comes_out_as_plain_paragraphs() {
    let md = "# Monitors visit the village\n\n\
              The monitors reached the **village** before noon and spoke with [the residents](https://example.org).\n\n\
              ![a burned house](house.jpg)\n\n\
              They reported that the shelling had _stopped_ two days earlier, the statement said.\n\n\
              ```\nignored code\n```\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "visit.md", md.as_bytes());
    let (_, doc) = read_document(&path, meta("visit.md"), &LoadOptions::default()).unwrap();
    assert_eq!(doc.title.as_deref(), Some("Monitors visit the village"));
    assert_eq!(
        paragraphs(&doc.clean_text),
        [
            "Monitors visit the village",
            "The monitors reached the village before noon and spoke with the residents.",
            "They reported that the shelling had stopped two days earlier, the statement said.",
        ]
    );
}
