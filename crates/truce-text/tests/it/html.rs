//! An HTML page written for this test: navigation, a cookie banner, an article
//! of three paragraphs, a related-news list, a footer and a script. Only the
//! three paragraphs may come out.

use std::fs;

use truce_model::PartialDate;
use truce_text::{Format, LoadOptions, decode_document, read_document};

use crate::{meta, paragraphs};

const P1: &str = "Monitors from the joint centre visited the ridge above the river on Thursday and \
                  found two new firing positions dug since their last patrol in early spring.";
const P2: &str = "Local officials said shots were heard from the ridge on three nights in a row, \
                  and that farmers had stopped taking their sheep to the upper pastures as a result.";
const P3: &str = "The centre said it would raise the matter at the next weekly meeting of the \
                  commanders and asked both sides to keep their units away from the river bank.";

fn page() -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>New firing positions found on the ridge | Example Monitor</title>
  <meta property="article:published_time" content="2024-05-16T08:30:00+04:00">
  <style>.banner {{ position: fixed; }}</style>
  <script>window.analytics = "SCRIPT-IN-HEAD";</script>
</head>
<body>
  <header class="site-header">
    <nav class="menu"><ul>
      <li><a href="/">Home</a></li><li><a href="/news">News</a></li>
      <li><a href="/analysis">Analysis</a></li><li><a href="/about">About us</a></li>
    </ul></nav>
  </header>
  <div class="cookie-banner" id="cookie-consent">
    We use cookies to improve your experience on our site. By continuing to browse you accept our cookie policy.
    <button>Accept</button>
  </div>
  <main>
    <article class="post">
      <h1>New firing positions found on the ridge</h1>
      <p>{P1}</p>
      <p>{P2}</p>
      <script>document.write("SCRIPT-IN-ARTICLE");</script>
      <p>{P3}</p>
      <section class="related">
        <h3>Related news</h3>
        <ul>
          <li><a href="/a">Talks on border markers resume next week</a></li>
          <li><a href="/b">Farmers ask for a safe road to the pastures</a></li>
          <li><a href="/c">Joint centre publishes its monthly report</a></li>
          <li><a href="/d">Mine clearance teams finish work near the bridge</a></li>
        </ul>
      </section>
    </article>
  </main>
  <footer class="site-footer">
    <p>© 2024 Example Monitor. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> · <a href="/contact">Contact</a></p>
  </footer>
  <script>var tracker = "SCRIPT-IN-BODY"; console.log(tracker);</script>
</body>
</html>"#
    )
}

#[test]
fn only_the_article_paragraphs_come_out() {
    let html = page();
    let doc = decode_document(html.as_bytes(), Format::Html, meta("ridge.html")).unwrap();
    assert_eq!(paragraphs(&doc.clean_text), [P1, P2, P3], "removed: {:#?}", doc.removed);
    for absent in ["SCRIPT-IN", "cookies", "Related news", "Talks on border markers", "©", "Home", "Privacy"] {
        assert!(!doc.clean_text.contains(absent), "{absent:?} leaked into {:?}", doc.clean_text);
    }
    assert!(
        doc.title.as_deref().is_some_and(|t| t.contains("New firing positions found on the ridge")),
        "{:?}",
        doc.title
    );
    assert_eq!(doc.meta.published, PartialDate::ymd(2024, 5, 16));
    assert_eq!(doc.meta.language.as_deref(), Some("en"));
}

#[test]
fn html_file_is_read_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ridge.htm");
    fs::write(&path, page()).unwrap();
    let (_, doc) = read_document(&path, meta(""), &LoadOptions::default()).unwrap();
    assert_eq!(doc.meta.id, "ridge.htm");
    assert_eq!(paragraphs(&doc.clean_text), [P1, P2, P3]);
}

#[test]
fn script_only_page_has_no_text() {
    let html = r#"<html><body><script>var x = "SCRIPT-ONLY";</script></body></html>"#;
    let result = decode_document(html.as_bytes(), Format::Html, meta("x.html"));
    assert_eq!(result, Err(truce_text::Problem::NoText));
}
