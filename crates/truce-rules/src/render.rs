//! A small document model rendered as Markdown or HTML, so that escaping
//! happens in one place: every piece of text from a report goes through
//! [`Inline::Text`] and is escaped for the output format.

use std::fmt::Write as _;

/// Output format of a bulletin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Md,
    Html,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "md" | "markdown" => Ok(Format::Md),
            "html" => Ok(Format::Html),
            other => Err(format!("unknown format {other:?}; expected md or html")),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Inline {
    Text(String),
    Strong(String),
    /// A reference to claim number n (`c{n}`).
    Claim(usize),
    /// A link to an incident's section.
    Incident(i64),
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    Heading(u8, String, Option<String>),
    Para(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    Table(Vec<String>, Vec<Vec<Vec<Inline>>>),
    /// SVG built by this crate (its labels already escaped).
    Svg(String),
    /// The claims section: (number, label parts, quoted sentence).
    Claims(Vec<(usize, String, String)>),
}

pub(crate) fn t(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// Escapes text for HTML (element content and attribute values).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown: HTML-significant characters become entities
/// (so a renderer that passes raw HTML through shows `<script>` as text),
/// Markdown punctuation is backslash-escaped, line breaks become spaces.
pub fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn inline_md(parts: &[Inline]) -> String {
    let mut s = String::new();
    for p in parts {
        match p {
            Inline::Text(x) => s.push_str(&escape_md(x)),
            Inline::Strong(x) => {
                let _ = write!(s, "**{}**", escape_md(x));
            }
            Inline::Claim(n) => {
                let _ = write!(s, "[^c{n}]");
            }
            Inline::Incident(id) => {
                let _ = write!(s, "[incident {id}](#incident-{id})");
            }
        }
    }
    s
}

fn inline_html(parts: &[Inline]) -> String {
    let mut s = String::new();
    for p in parts {
        match p {
            Inline::Text(x) => s.push_str(&escape_html(x)),
            Inline::Strong(x) => {
                let _ = write!(s, "<strong>{}</strong>", escape_html(x));
            }
            Inline::Claim(n) => {
                let _ = write!(s, "<sup><a href=\"#c{n}\">[c{n}]</a></sup>");
            }
            Inline::Incident(id) => {
                let _ = write!(s, "<a href=\"#incident-{id}\">incident {id}</a>");
            }
        }
    }
    s
}

pub(crate) fn render(blocks: &[Block], format: Format, title: &str) -> String {
    match format {
        Format::Md => render_md(blocks),
        Format::Html => render_html(blocks, title),
    }
}

fn render_md(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, text, anchor) => {
                let hashes = "#".repeat(usize::from(*level));
                match anchor {
                    // An explicit anchor for renderers that do not derive one.
                    Some(a) => {
                        let _ = writeln!(
                            s,
                            "<a id=\"{}\"></a>\n\n{hashes} {}\n",
                            escape_html(a),
                            escape_md(text)
                        );
                    }
                    None => {
                        let _ = writeln!(s, "{hashes} {}\n", escape_md(text));
                    }
                }
            }
            Block::Para(parts) => {
                let _ = writeln!(s, "{}\n", inline_md(parts));
            }
            Block::List(items) => {
                for it in items {
                    let _ = writeln!(s, "- {}", inline_md(it));
                }
                s.push('\n');
            }
            Block::Table(head, rows) => {
                let _ = writeln!(
                    s,
                    "| {} |",
                    head.iter()
                        .map(|h| escape_md(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
                let _ = writeln!(s, "|{}", " --- |".repeat(head.len()));
                for r in rows {
                    let _ = writeln!(
                        s,
                        "| {} |",
                        r.iter()
                            .map(|c| inline_md(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                }
                s.push('\n');
            }
            Block::Svg(svg) => {
                let _ = writeln!(s, "{svg}\n");
            }
            Block::Claims(claims) => {
                for (n, label, quote) in claims {
                    let _ = writeln!(s, "[^c{n}]: {} “{}”", escape_md(label), escape_md(quote));
                }
                s.push('\n');
            }
        }
    }
    s
}

fn render_html(blocks: &[Block], title: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}}\ntable{{border-collapse:collapse;margin:1rem 0}}\ntd,th{{border:1px solid #bbb;padding:.25rem .5rem;vertical-align:top;text-align:left}}\nsup a{{text-decoration:none}}\n.claims li{{margin:.3rem 0}}\n</style>\n</head>\n<body>",
        escape_html(title)
    );
    for b in blocks {
        match b {
            Block::Heading(level, text, anchor) => {
                let id = anchor
                    .as_ref()
                    .map(|a| format!(" id=\"{}\"", escape_html(a)))
                    .unwrap_or_default();
                let _ = writeln!(s, "<h{level}{id}>{}</h{level}>", escape_html(text));
            }
            Block::Para(parts) => {
                let _ = writeln!(s, "<p>{}</p>", inline_html(parts));
            }
            Block::List(items) => {
                s.push_str("<ul>\n");
                for it in items {
                    let _ = writeln!(s, "<li>{}</li>", inline_html(it));
                }
                s.push_str("</ul>\n");
            }
            Block::Table(head, rows) => {
                s.push_str("<table>\n<thead><tr>");
                for h in head {
                    let _ = write!(s, "<th>{}</th>", escape_html(h));
                }
                s.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    s.push_str("<tr>");
                    for c in r {
                        let _ = write!(s, "<td>{}</td>", inline_html(c));
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody>\n</table>\n");
            }
            Block::Svg(svg) => {
                let _ = writeln!(s, "<figure>{svg}</figure>");
            }
            Block::Claims(claims) => {
                s.push_str("<ol class=\"claims\">\n");
                for (n, label, quote) in claims {
                    let _ = writeln!(
                        s,
                        "<li id=\"c{n}\" value=\"{n}\"><strong>c{n}</strong> {} <q>{}</q></li>",
                        escape_html(label),
                        escape_html(quote)
                    );
                }
                s.push_str("</ol>\n");
            }
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// A bar chart of counts per bucket as inline SVG, drawn by hand.
/// `bars`: (label shown under the bar or empty, tooltip, count).
pub(crate) fn bar_chart(title: &str, bars: &[(String, String, usize)]) -> String {
    let (bw, gap, h, top, bottom, left) = (14usize, 3usize, 120usize, 20usize, 28usize, 30usize);
    let width = left + bars.len() * (bw + gap) + 10;
    let height = top + h + bottom;
    let max = bars.iter().map(|b| b.2).max().unwrap_or(0).max(1);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = escape_html(title)
    );
    let base = top + h;
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#444\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{max}</text><text x=\"{}\" y=\"{base}\" font-size=\"10\" text-anchor=\"end\">0</text>",
        width - 5,
        left - 4,
        top + 8,
        left - 4
    );
    for (i, (label, tip, n)) in bars.iter().enumerate() {
        let x = left + i * (bw + gap) + gap;
        let bh = n * h / max;
        let y = base - bh;
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" fill=\"#3b6ea5\"><title>{}</title></rect>",
            escape_html(tip)
        );
        if *n > 0 {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{n}</text>",
                x + bw / 2,
                y.saturating_sub(2)
            );
        }
        if !label.is_empty() {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>",
                x + bw / 2,
                base + 12,
                escape_html(label)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            escape_html("<script>alert(1)</script>&\"'"),
            "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"
        );
        assert_eq!(
            escape_md("a|b *c* [x](y) <i>"),
            "a\\|b \\*c\\* \\[x\\](y) &lt;i&gt;"
        );
    }

    #[test]
    fn chart_has_one_bar_per_bucket() {
        let svg = bar_chart(
            "t<",
            &[
                ("1".into(), "d1: 2".into(), 2),
                (String::new(), "d2: 0".into(), 0),
            ],
        );
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("aria-label=\"t&lt;\""));
    }
}
