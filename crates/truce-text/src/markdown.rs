//! Markdown to plain text: headings without `#`, links as their text, images,
//! code blocks and markup removed, paragraphs kept.

use std::sync::LazyLock;

use regex::Regex;
use truce_model::PartialDate;

use crate::dateline;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarkdownText {
    /// The first-level heading that opens the document, if any.
    pub title: Option<String>,
    pub text: String,
    /// A `date:` in YAML front matter.
    pub published: Option<PartialDate>,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("markdown pattern is valid")
}

static ATX_HEADING: LazyLock<Regex> = LazyLock::new(|| regex(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$"));
static RULE_OR_UNDERLINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+)\s*$"));
static REFERENCE_DEFINITION: LazyLock<Regex> = LazyLock::new(|| regex(r"^ {0,3}\[[^\]]+\]:\s*\S+"));
static BLOCK_PREFIX: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*(?:>\s?)+|^\s*(?:[-*+]|\d{1,3}[.)])\s+"));
static INLINE: LazyLock<[(Regex, &'static str); 11]> = LazyLock::new(|| {
    [
        (regex(r"<!--.*?-->"), ""),
        (regex(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]"), ""),
        (regex(r"\[([^\]]+)\]\([^)]*\)"), "$1"),
        (regex(r"\[([^\]]+)\]\[[^\]]*\]"), "$1"),
        (regex(r"<((?:https?://|mailto:)[^>\s]+)>"), "$1"),
        (regex(r"`([^`]+)`"), "$1"),
        (regex(r"\*\*([^*]+)\*\*|__([^_]+)__"), "$1$2"),
        (regex(r"~~([^~]+)~~"), "$1"),
        (regex(r"\*([^*\s](?:[^*]*[^*\s])?)\*"), "$1"),
        // `_` emphasis only at word edges, so snake_case names stay.
        (regex(r"(^|[^\w])_([^_\s](?:[^_]*[^_\s])?)_([^\w]|$)"), "$1$2$3"),
        (regex(r"\\([\\`*_{}\[\]()#+\-.!>])"), "$1"),
    ]
});
static FRONT_MATTER_DATE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(?:date|published)\s*:\s*['\x22]?([^'\x22]+)"));

pub(crate) fn to_text(markdown: &str) -> MarkdownText {
    let mut lines = markdown.lines().peekable();
    let mut published = None;
    // YAML front matter: only its date is of use.
    if lines.peek().is_some_and(|l| l.trim_end() == "---") {
        lines.next();
        for line in lines.by_ref() {
            if matches!(line.trim_end(), "---" | "...") {
                break;
            }
            if let Some(caps) = FRONT_MATTER_DATE.captures(line) {
                let value = caps[1].trim();
                published = value.parse().ok().or_else(|| dateline::find(value).and_then(|d| d.date));
            }
        }
    }

    let mut blocks: Vec<String> = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    let mut title = None;
    let mut in_fence: Option<&str> = None;
    let flush = |paragraph: &mut Vec<String>, blocks: &mut Vec<String>| {
        if !paragraph.is_empty() {
            // A soft line break inside a paragraph reads as a space.
            blocks.push(paragraph.join(" "));
            paragraph.clear();
        }
    };
    for line in lines {
        let trimmed = line.trim_start();
        if let Some(fence) = in_fence {
            if trimmed.starts_with(fence) {
                in_fence = None;
            }
            continue;
        }
        if let Some(fence) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            flush(&mut paragraph, &mut blocks);
            in_fence = Some(fence);
            continue;
        }
        if line.trim().is_empty() || RULE_OR_UNDERLINE.is_match(line) || REFERENCE_DEFINITION.is_match(line) {
            flush(&mut paragraph, &mut blocks);
            continue;
        }
        if let Some(caps) = ATX_HEADING.captures(line) {
            flush(&mut paragraph, &mut blocks);
            let text = inline(caps.get(2).map_or("", |m| m.as_str()));
            if caps[1].len() == 1 && blocks.is_empty() && title.is_none() && !text.is_empty() {
                title = Some(text.clone());
            }
            if !text.is_empty() {
                blocks.push(text);
            }
            continue;
        }
        let is_item = BLOCK_PREFIX.is_match(line) && !line.trim_start().starts_with('>');
        if is_item {
            // A list item is a line of its own.
            flush(&mut paragraph, &mut blocks);
        }
        let text = inline(&BLOCK_PREFIX.replace(line, ""));
        let text = text.trim_end_matches('\\').trim().to_string();
        if !text.is_empty() {
            paragraph.push(text);
        }
        if is_item {
            flush(&mut paragraph, &mut blocks);
        }
    }
    flush(&mut paragraph, &mut blocks);
    MarkdownText { title, text: blocks.join("\n\n"), published }
}

fn inline(text: &str) -> String {
    let mut out = text.to_string();
    for (pattern, replacement) in INLINE.iter() {
        out = pattern.replace_all(&out, *replacement).into_owned();
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_text_stays() {
        let md = "---\ntitle: x\ndate: 2022-11-03\n---\n# Talks in *Brussels*\n\n\
                  The leaders met for **four hours** and agreed on a [road map](https://example.org/a).\n\
                  They will meet again in spring.\n\n\
                  ![a photo](photo.jpg)\n\n```\nlet code = 1;\n```\n\n\
                  ## Next steps\n\n- A working group on `borders`\n- A hotline between _ministries_\n\n\
                  > The process is slow, an aide said.\n\n[1]: https://example.org\n";
        let out = to_text(md);
        assert_eq!(out.title.as_deref(), Some("Talks in Brussels"));
        assert_eq!(out.published, Some("2022-11-03".parse().unwrap()));
        assert_eq!(
            out.text,
            "Talks in Brussels\n\n\
             The leaders met for four hours and agreed on a road map. They will meet again in spring.\n\n\
             Next steps\n\nA working group on borders\n\nA hotline between ministries\n\n\
             The process is slow, an aide said."
        );
    }

    #[test]
    fn snake_case_and_plain_asterisks_survive() {
        let out = to_text("The file_name field and 5 * 3 = 15 stay.");
        assert_eq!(out.text, "The file_name field and 5 * 3 = 15 stay.");
    }
}
