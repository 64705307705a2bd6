//! Bytes to text: BOMs, UTF-8 with light repair, legacy encodings, newlines.
//!
//! The rule of thumb: a file that is clearly meant as UTF-8 (it holds
//! well-formed multi-byte sequences) is read as UTF-8 and repaired only when a
//! handful of bytes are broken; a file with no UTF-8 in it is a legacy file
//! (Windows-1251, Windows-1252, ...) and is decoded with the encoding chardetng
//! guesses, or the one an HTML page declares.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use crate::Problem;

/// At most this many broken sequences are replaced with U+FFFD...
const MAX_REPAIRED_SEQUENCES: usize = 3;
/// ...and they may be at most this share of the bytes (0.1%).
const MAX_REPAIRED_PER_MILLE: usize = 1;
/// A file where more than this share of bytes are ASCII control bytes is binary.
const MAX_CONTROL_SHARE: f64 = 0.02;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a whole file to text with `\n` line ends.
pub fn decode_bytes(raw: &[u8]) -> Result<String, Problem> {
    decode_with_hint(raw, None)
}

/// Like [`decode_bytes`], but a legacy (non-UTF-8) file is decoded with
/// `declared` (an HTML page's `<meta charset>`) instead of a guess.
pub(crate) fn decode_with_hint(raw: &[u8], declared: Option<&'static Encoding>) -> Result<String, Problem> {
    // A UTF-16 file is full of NUL bytes, so its BOM is honoured before the
    // binary check.
    let text = if let Some(rest) = raw.strip_prefix(b"\xFF\xFE") {
        decode_utf16(rest, UTF_16LE)?
    } else if let Some(rest) = raw.strip_prefix(b"\xFE\xFF") {
        decode_utf16(rest, UTF_16BE)?
    } else {
        let bytes = raw.strip_prefix(UTF8_BOM).unwrap_or(raw);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Problem::Empty);
        }
        if looks_binary(bytes) {
            return Err(Problem::Binary);
        }
        decode_8bit(bytes, declared)?
    };
    let text = normalize_newlines(&text);
    if is_blank(&text) {
        return Err(Problem::Empty);
    }
    Ok(text)
}

fn decode_utf16(bytes: &[u8], encoding: &'static Encoding) -> Result<String, Problem> {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    // NUL characters have no place in a report, even in UTF-16.
    if text.contains('\0') {
        return Err(Problem::Binary);
    }
    Ok(text.into_owned())
}

/// NUL bytes, or many control bytes, mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let control =
        bytes.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F).count();
    control as f64 > bytes.len() as f64 * MAX_CONTROL_SHARE
}

/// What a scan for UTF-8 found in bytes that are not valid UTF-8.
#[derive(Debug, PartialEq, Eq)]
struct Utf8Scan {
    /// Well-formed sequences of 2 to 4 bytes.
    multibyte: usize,
    /// Ill-formed or truncated sequences.
    broken: usize,
    first_broken_at: Option<usize>,
}

fn scan_utf8(mut bytes: &[u8]) -> Utf8Scan {
    let mut scan = Utf8Scan { multibyte: 0, broken: 0, first_broken_at: None };
    let mut offset = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                scan.multibyte += valid.chars().filter(|c| c.len_utf8() > 1).count();
                return scan;
            }
            Err(err) => {
                let valid_len = err.valid_up_to();
                // from_utf8 just said this prefix is valid, so this never falls back.
                let valid = std::str::from_utf8(&bytes[..valid_len]).unwrap_or_default();
                scan.multibyte += valid.chars().filter(|c| c.len_utf8() > 1).count();
                scan.broken += 1;
                scan.first_broken_at.get_or_insert(offset + valid_len);
                let skip = valid_len + err.error_len().unwrap_or(bytes.len() - valid_len);
                offset += skip;
                bytes = &bytes[skip..];
            }
        }
    }
}

fn decode_8bit(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<String, Problem> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let scan = scan_utf8(bytes);
    let legacy = || match declared.filter(|e| *e != encoding_rs::UTF_8) {
        Some(encoding) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
        None => decode_legacy(bytes),
    };
    if scan.multibyte == 0 {
        return Ok(legacy());
    }
    // Well-formed multi-byte sequences mean the file was written as UTF-8.
    // Except that a legacy text can hold the odd byte pair that happens to be
    // valid UTF-8 (in Windows-1251, "В" before a no-break space, "Д»"): when
    // broken sequences outnumber good ones and the legacy reading is made of
    // letters, as real text is, it is a legacy file after all.
    if scan.broken > scan.multibyte {
        let text = legacy();
        if reads_as_letters(&text) {
            return Ok(text);
        }
    }
    let repairable =
        scan.broken <= MAX_REPAIRED_SEQUENCES && scan.broken * 1000 <= bytes.len() * MAX_REPAIRED_PER_MILLE;
    if repairable {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    Err(Problem::InvalidUtf8 { broken: scan.broken, first_at: scan.first_broken_at.unwrap_or(0) })
}

/// In real legacy text the non-ASCII characters are mostly letters (Cyrillic,
/// accented Latin); UTF-8 read as a legacy code page gives symbol-laden
/// mojibake ("Ã(", "â‚").
const MIN_LETTER_SHARE: f64 = 0.85;

fn reads_as_letters(text: &str) -> bool {
    let (mut non_ascii, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        letters += usize::from(c.is_alphabetic() || c == '\u{A0}');
    }
    letters as f64 >= non_ascii as f64 * MIN_LETTER_SHARE
}

/// Decodes bytes in the single- or double-byte encoding chardetng finds most likely.
fn decode_legacy(bytes: &[u8]) -> String {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// The encoding an HTML page declares in its first kilobytes
/// (`<meta charset="windows-1251">` or the `http-equiv` form).
pub(crate) fn html_declared_encoding(raw: &[u8]) -> Option<&'static Encoding> {
    static CHARSET: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
            .expect("charset pattern is valid")
    });
    let head = &raw[..raw.len().min(4096)];
    let label = CHARSET.captures(head)?.get(1)?;
    Encoding::for_label(label.as_bytes())
}

fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// True when a text has nothing but whitespace (Unicode spaces included) and BOMs.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{WINDOWS_1251, WINDOWS_1252};

    #[test]
    fn valid_utf8_passes_through_and_bom_is_stripped() {
        assert_eq!(decode_bytes("Şuşa — “quoted”".as_bytes()).unwrap(), "Şuşa — “quoted”");
        let mut with_bom = UTF8_BOM.to_vec();
        with_bom.extend_from_slice("Hello".as_bytes());
        assert_eq!(decode_bytes(&with_bom).unwrap(), "Hello");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "Ханкенди".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_bytes(&le).unwrap(), "Ханкенди");
        let mut be = vec![0xFE, 0xFF];
        for unit in "Lachin".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_bytes(&be).unwrap(), "Lachin");
    }

    #[test]
    fn newlines_are_normalized() {
        assert_eq!(decode_bytes(b"a\r\nb\rc\n").unwrap(), "a\nb\nc\n");
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        assert_eq!(decode_bytes(b""), Err(Problem::Empty));
        assert_eq!(decode_bytes(b" \n\t\r\n"), Err(Problem::Empty));
        assert_eq!(decode_bytes(b"\xEF\xBB\xBF\n"), Err(Problem::Empty));
        assert_eq!(decode_bytes("\u{00A0}\n\u{2003}".as_bytes()), Err(Problem::Empty));
    }

    #[test]
    fn nul_bytes_or_many_control_bytes_are_binary() {
        assert_eq!(decode_bytes(b"PK\x03\x04\x00\x00text"), Err(Problem::Binary));
        let mut noisy = b"some words here ".repeat(4);
        noisy.extend_from_slice(&[0x01, 0x02, 0x03, 0x1B, 0x7F]);
        assert_eq!(decode_bytes(&noisy), Err(Problem::Binary));
        // One stray control byte in a long text is not enough.
        let mut text = b"a long enough report sentence. ".repeat(10);
        text.push(0x1B);
        assert!(decode_bytes(&text).is_ok());
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_are_repaired() {
        let mut bytes = "Ağdam — the road to Khankendi is “closed”. ".repeat(60).into_bytes();
        bytes.insert(100, 0xFF);
        let text = decode_bytes(&bytes).unwrap();
        assert_eq!(text.matches('\u{FFFD}').count(), 1);
        assert!(text.contains("Khankendi"));
    }

    #[test]
    fn many_broken_bytes_in_utf8_are_beyond_repair() {
        let mut bytes = "Ağdam — “closed” ".repeat(20).into_bytes();
        for at in [10, 50, 90, 130, 170] {
            bytes[at] = 0xFF;
        }
        match decode_bytes(&bytes) {
            Err(Problem::InvalidUtf8 { broken, first_at }) => {
                assert_eq!(first_at, 10);
                assert!(broken >= 5, "{broken}");
            }
            other => panic!("expected InvalidUtf8, got {other:?}"),
        }
    }

    #[test]
    fn windows_1251_russian_is_detected() {
        let original = "Российские миротворцы сообщили, что обстрел продолжался всю ночь. \
                        Министерство обороны заявило о нарушении режима прекращения огня.";
        let (bytes, _, unmappable) = WINDOWS_1251.encode(original);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode_bytes(&bytes).unwrap(), original);
    }

    #[test]
    fn windows_1251_with_pairs_that_look_like_utf8_is_still_1251() {
        let original = "В\u{A0}понедельник в МИД сообщили, что переговоры продолжатся. \
                        Представитель «МИД» добавил, что стороны обсудили вопрос границы и обмен пленными.";
        let (bytes, _, unmappable) = WINDOWS_1251.encode(original);
        assert!(!unmappable);
        assert!(scan_utf8(&bytes).multibyte >= 2, "the text should hold accidental UTF-8 pairs");
        assert_eq!(decode_bytes(&bytes).unwrap(), original);
    }

    #[test]
    fn one_good_sequence_among_many_broken_ones_is_broken_utf8() {
        let mut bytes = "Xankəndi: ".as_bytes().to_vec();
        for _ in 0..40 {
            bytes.extend_from_slice(b"text \xc3\x28 more \xe2\x82 ");
        }
        assert!(matches!(decode_bytes(&bytes), Err(Problem::InvalidUtf8 { broken: 80, first_at: 16 })));
    }

    #[test]
    fn windows_1252_latin_is_detected() {
        let original = "The café in Zürich served crème brûlée – “délicieux”, said the naïve garçon. \
                        Señor Muñoz paid €12.";
        let (bytes, _, unmappable) = WINDOWS_1252.encode(original);
        assert!(!unmappable);
        assert_eq!(decode_bytes(&bytes).unwrap(), original);
    }

    #[test]
    fn html_charset_declaration_is_honoured() {
        let page = "<html><head><meta charset=\"windows-1251\"></head><body>Мир</body></html>";
        let (bytes, _, _) = WINDOWS_1251.encode(page);
        let declared = html_declared_encoding(&bytes);
        assert_eq!(declared, Some(WINDOWS_1251));
        assert_eq!(decode_with_hint(&bytes, declared).unwrap(), page);
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">";
        assert_eq!(html_declared_encoding(http_equiv), Some(WINDOWS_1252));
        assert_eq!(html_declared_encoding(b"<p>no declaration</p>"), None);
    }

    #[test]
    fn scan_counts_good_and_broken_sequences() {
        let scan = scan_utf8(b"ok \xC3\xA9 \xFF x \xE2\x80");
        assert_eq!(scan, Utf8Scan { multibyte: 1, broken: 2, first_broken_at: Some(6) });
    }
}
