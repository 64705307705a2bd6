//! Name normalization shared by lookups, the matcher's patterns and the text
//! it scans.

use any_ascii::any_ascii_char;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Characters read as an apostrophe: dropped inside names (`K’arvacharr`,
/// Armenian transliterations), a word boundary before a possessive `s`.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´' | '′' | 'ʹ')
}

/// Normalizes a place name for comparison: NFC, lower case, ASCII
/// transliteration with `any_ascii` (ə→e, ş→s, Cyrillic and Armenian
/// romanized), apostrophes dropped, runs of white space collapsed to one
/// space, trimmed.
///
/// `normalize("Xankəndi") == normalize("Xankendi") == "xankendi"`,
/// `normalize("Ստեփանակերտ") == normalize("Степанакерт") == "stepanakert"`.
pub fn normalize(s: &str) -> String {
    let owned;
    let nfc: &str = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s
    } else {
        owned = s.nfc().collect::<String>();
        &owned
    };
    let mut out = Normalized::with_capacity(nfc.len(), false);
    for (i, c) in nfc.char_indices() {
        out.push_char(nfc, i, c, false);
    }
    let mut s = out.text;
    while s.ends_with(' ') {
        s.pop();
    }
    s
}

/// A normalized copy of a text, with the map back to the original's bytes.
pub(crate) struct Normalized {
    pub(crate) text: String,
    /// `map[i]` is the byte offset, in the original text, of the character
    /// that produced normalized byte `i`.
    pub(crate) map: Vec<u32>,
    keep_map: bool,
}

impl Normalized {
    fn with_capacity(n: usize, keep_map: bool) -> Self {
        Normalized {
            text: String::with_capacity(n + n / 8),
            map: if keep_map {
                Vec::with_capacity(n + n / 8)
            } else {
                Vec::new()
            },
            keep_map,
        }
    }

    #[inline]
    fn push_byte(&mut self, b: u8, orig: usize) {
        debug_assert!(b.is_ascii());
        // Only ASCII is ever pushed, so the String stays valid UTF-8.
        self.text.push(b as char);
        if self.keep_map {
            self.map.push(orig as u32);
        }
    }

    #[inline]
    fn push_space(&mut self, orig: usize) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.push_byte(b' ', orig);
        }
    }

    /// Appends the normalized form of `c`, found at byte `i` of `src`.
    /// With `possessive`, an apostrophe followed by a lone `s` ("Azerbaijan's")
    /// becomes a space so that the name before it ends at a word boundary.
    #[inline]
    fn push_char(&mut self, src: &str, i: usize, c: char, possessive: bool) {
        if is_apostrophe(c) {
            if possessive && is_possessive_s(&src[i + c.len_utf8()..]) {
                self.push_space(i);
            }
            return;
        }
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_whitespace() {
                self.push_space(i);
            } else {
                self.push_byte(b.to_ascii_lowercase(), i);
            }
            return;
        }
        if c.is_whitespace() {
            self.push_space(i);
            return;
        }
        for lc in c.to_lowercase() {
            for b in any_ascii_char(lc).bytes() {
                match b {
                    b'\'' | b'`' => {}
                    b' ' => self.push_space(i),
                    _ => self.push_byte(b.to_ascii_lowercase(), i),
                }
            }
        }
    }
}

fn is_possessive_s(rest: &str) -> bool {
    let mut it = rest.chars();
    matches!(it.next(), Some('s' | 'S')) && it.next().is_none_or(|c| !c.is_alphanumeric())
}

/// Normalizes running text the way [`normalize`] does names (without NFC:
/// combining marks transliterate to nothing, so precomposed and decomposed
/// letters agree), keeping the byte map back to `text`.
pub(crate) fn normalize_text(text: &str) -> Normalized {
    let mut out = Normalized::with_capacity(text.len(), true);
    for (i, c) in text.char_indices() {
        out.push_char(text, i, c, true);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_scripts_to_one_form() {
        assert_eq!(normalize("Xankəndi"), "xankendi");
        assert_eq!(normalize("Khankendi"), "khankendi");
        assert_eq!(normalize("Степанакерт"), "stepanakert");
        assert_eq!(normalize("Ստեփանակերտ"), "stepanakert");
        assert_eq!(normalize("Şuşa"), "susa");
        assert_eq!(normalize("  K’arvacharr  "), "karvacharr");
        assert_eq!(normalize("Lachin\u{a0}\t corridor"), "lachin corridor");
        assert_eq!(normalize("Lachin–Khankendi road"), "lachin-khankendi road");
        // decomposed input agrees with precomposed
        assert_eq!(normalize("Fu\u{308}zuli"), normalize("Füzuli"));
        assert_eq!(normalize("İrəvan"), "irevan");
    }

    #[test]
    fn text_map_points_into_the_original() {
        let text = "In Xankəndi’s centre, Ստեփանակերտ";
        let n = normalize_text(text);
        assert_eq!(n.text, "in xankendi s centre, stepanakert");
        assert_eq!(n.map.len(), n.text.len());
        let start = n.text.find("stepanakert").unwrap();
        assert_eq!(&text[n.map[start] as usize..], "Ստեփանակերտ");
        let e = n.text.find(" s centre").unwrap();
        assert_eq!(&text[n.map[e - 1] as usize..n.map[e] as usize], "i");
    }

    #[test]
    fn possessive_only_before_a_lone_s() {
        assert_eq!(normalize_text("Armenia's").text, "armenia s");
        assert_eq!(normalize_text("K'sar").text, "ksar");
        assert_eq!(normalize_text("Russia’s,").text, "russia s,");
    }
}
