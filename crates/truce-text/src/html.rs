//! HTML pages: the article's main text (dom_smoothie's readability), its title
//! and its publication date from the page's metadata.
//!
//! Readability's text still goes through `clean`, since related-news lists and
//! share widgets often survive it. Script and style content never reaches the
//! text: readability drops them, and so does the fallback.

use dom_smoothie::{Config, Readability, TextMode};
use truce_model::PartialDate;

use crate::dateline;

/// What a page yields before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageText {
    pub title: Option<String>,
    /// The main text, paragraphs separated by blank lines.
    pub text: String,
    /// The publication date the page's metadata states.
    pub published: Option<PartialDate>,
}

/// Readability output shorter than this (in characters) is taken for a
/// failure, and the page's visible text is used instead when it has more.
const MIN_ARTICLE_CHARS: usize = 200;

/// Elements that are never article text.
const NON_CONTENT: &str = "script, style, noscript, template, svg, iframe, form, button, nav, header, footer, aside, \
                           [hidden], [aria-hidden=true], [role=navigation], [role=banner], [role=contentinfo]";

/// Where pages state their publication date, most specific first.
const DATE_SELECTORS: &[(&str, &str)] = &[
    (r#"meta[property="article:published_time"]"#, "content"),
    (r#"meta[itemprop="datePublished"]"#, "content"),
    (r#"meta[name="date"]"#, "content"),
    (r#"meta[name="pubdate"]"#, "content"),
    (r#"meta[name="publish-date"]"#, "content"),
    (r#"meta[name="dc.date"]"#, "content"),
    (r#"meta[name="DC.date.issued"]"#, "content"),
    ("time[datetime]", "datetime"),
];

pub(crate) fn page_text(html: &str) -> PageText {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    // `new` fails only for a bad document URL, and none is passed.
    let Ok(mut readability) = Readability::new(html, None, Some(config)) else {
        return visible_text(html);
    };
    // Read metadata before parsing: parsing rewrites the document.
    let published = published_date(&readability);
    let article = readability.parse();

    let mut page = match article {
        Ok(article) => PageText {
            title: non_empty(&article.title),
            text: article.text_content.to_string(),
            published: published.or_else(|| article.published_time.as_deref().and_then(parse_date)),
        },
        Err(_) => PageText { title: None, text: String::new(), published },
    };
    if page.text.trim().chars().count() < MIN_ARTICLE_CHARS {
        let fallback = visible_text(html);
        if fallback.text.trim().chars().count() > page.text.trim().chars().count() {
            page.text = fallback.text;
        }
        page.title = page.title.or(fallback.title);
    }
    page
}

/// The page's visible text with scripts, styles, navigation, headers, footers
/// and forms removed: the fallback when readability finds no article.
fn visible_text(html: &str) -> PageText {
    let Ok(readability) = Readability::new(html, None, None) else {
        return PageText { title: None, text: String::new(), published: None };
    };
    let title = non_empty(&readability.doc.select("title").text());
    let published = published_date(&readability);
    readability.doc.select(NON_CONTENT).remove();
    let body = readability.doc.select("body");
    let text = if body.exists() { body.formatted_text() } else { readability.doc.formatted_text() };
    PageText { title, text: text.to_string(), published }
}

fn published_date(readability: &Readability) -> Option<PartialDate> {
    DATE_SELECTORS.iter().find_map(|(selector, attr)| {
        let value = readability.doc.select(selector).attr(attr)?;
        parse_date(&value)
    })
}

/// A date from a metadata value: ISO 8601 (`2022-12-13T16:34:00+04:00`) or any
/// shape a dateline may take.
fn parse_date(value: &str) -> Option<PartialDate> {
    value.trim().parse::<PartialDate>().ok().or_else(|| dateline::find(value).and_then(|d| d.date))
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str = "<p>The observers walked along the line of contact for three hours and counted \
        the new trenches dug since their previous visit, noting each one on their map.</p>";

    #[test]
    fn article_text_title_and_date() {
        let html = format!(
            r#"<html><head><title>Observers count trenches</title>
            <meta property="article:published_time" content="2023-04-02T09:15:00+04:00"></head>
            <body><article><h1>Observers count trenches</h1>{PARAGRAPH}{PARAGRAPH}{PARAGRAPH}</article>
            <script>var tracking = "SCRIPT-TEXT";</script></body></html>"#
        );
        let page = page_text(&html);
        assert_eq!(page.title.as_deref(), Some("Observers count trenches"));
        assert_eq!(page.published, Some("2023-04-02".parse().unwrap()));
        assert!(page.text.contains("counted the new trenches"));
        assert!(!page.text.contains("SCRIPT-TEXT"));
    }

    #[test]
    fn time_element_gives_the_date() {
        let html = format!(
            r#"<html><body><article><time datetime="2021-07-30">30 July</time>{PARAGRAPH}</article></body></html>"#
        );
        assert_eq!(page_text(&html).published, Some("2021-07-30".parse().unwrap()));
    }

    #[test]
    fn page_without_article_falls_back_to_visible_text() {
        let html = r#"<html><head><style>p { color: red }</style></head><body>
            <nav><a href="/">Home</a></nav><div>Short notice: the road is closed today.</div>
            <script>document.write("SCRIPT-TEXT")</script><footer>Footer text</footer></body></html>"#;
        let page = page_text(html);
        assert!(page.text.contains("the road is closed today"), "{:?}", page.text);
        assert!(!page.text.contains("SCRIPT-TEXT"));
        assert!(!page.text.contains("color: red"));
        assert!(!page.text.contains("Footer text"));
    }
}
