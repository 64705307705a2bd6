//! Line-local boilerplate rules: a line that is page furniture whatever
//! surrounds it (a menu word, a copyright notice, a share button, a view
//! counter, a "Read also" link). Rules that depend on a line's place in the
//! document live in `clean`.
//!
//! Every rule is about the *kind* of line, never about one site: truce reads
//! reports from outlets it has never seen.

use std::collections::HashSet;
use std::sync::LazyLock;

use truce_pattern::Pattern;

/// Why a line was judged boilerplate on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// A whole line from the lexicon of menu, social and widget words.
    Lexicon,
    /// A heading that opens a list of other articles ("Related news").
    RelatedMarker,
    /// A single link to another article ("Read also: ...").
    RelatedLink,
    Copyright,
    /// "Views: 510", "3 min read".
    Counter,
    /// "Share it on social media!", "Follow us", "Leave a comment".
    CallToAction,
    Cookie,
    /// A bare URL or e-mail address.
    Address,
    /// "Please enable JavaScript", "Your browser does not support video".
    BrowserNotice,
}

/// Lines that are boilerplate when they are the whole line (after lower-casing,
/// collapsing spaces and dropping bullets and trailing `:` `.` `…` `»`).
/// Menus, language switches, social networks, app stores, widgets.
#[rustfmt::skip]
const LEXICON: &[&str] = &[
    // Social networks and messengers.
    "twitter", "x", "youtube", "instagram", "facebook", "telegram", "whatsapp", "viber", "tiktok",
    "linkedin", "pinterest", "reddit", "vk", "vkontakte", "odnoklassniki", "ok", "threads", "rss",
    "rss feed", "email", "e-mail", "messenger", "google news", "dzen", "yandex zen", "flipboard",
    // App stores.
    "apple store", "app store", "google play", "play market", "play store", "download app",
    "download the app", "get the app",
    // Page widgets.
    "night_theme", "night theme", "night mode", "dark mode", "dark theme", "light mode", "day mode",
    "a+", "a-", "a", "aa", "font size", "text size", "toggle navigation", "menu", "open menu",
    "close menu", "close", "search", "what are you looking for?", "type to search", "enter keyword",
    "back", "back to top", "to top", "top", "next", "previous", "prev", "next article",
    "previous article", "more", "show more", "load more", "see more", "view more", "view all",
    "see all", "all news", "all articles", "loading", "please wait", "skip to content",
    "skip to main content",
    // Language switches.
    "ru", "en", "eng", "az", "aze", "arm", "am", "hy", "tr", "ge", "ka", "fa", "de", "fr", "es",
    "rus", "рус", "русский", "english", "azərbaycanca", "azərbaycan dili", "հայերեն", "türkçe",
    "ქართული", "ua", "укр",
    // Accounts and subscriptions.
    "login", "log in", "sign in", "sign up", "register", "log out", "logout", "my account",
    "account", "profile", "subscribe", "subscription", "unsubscribe", "newsletter", "donate",
    "support us",
    // Sharing, printing, comments.
    "share", "share this", "share this article", "share on facebook", "share on twitter", "tweet",
    "print", "print this article", "print version", "copy link", "copy the link", "link copied",
    "copied", "email this", "send", "save", "bookmark", "comments", "comment", "no comments",
    "leave a comment", "leave a reply", "leave a review", "add comment", "write a comment",
    "follow us", "follow us on social networks", "follow us on social media", "join us", "like",
    "dislike",
    // Advertising.
    "ads", "ad", "advertisement", "advertising", "sponsored", "sponsored content", "promoted",
    "partner content", "реклама", "reklam",
    // Site sections, footers.
    "home", "main", "main page", "homepage", "news", "politics", "economy", "society", "world",
    "region", "regions", "sport", "sports", "culture", "analytics", "opinion", "interview", "video",
    "videos", "photo", "photos", "gallery", "multimedia", "podcasts", "weather", "contacts",
    "contact", "contact us", "about", "about us", "advertise", "advertise with us",
    "privacy policy", "terms of use", "terms and conditions", "cookie policy", "cookies", "accept",
    "accept all", "i agree", "agree", "got it", "editorial board", "editorial team", "sitemap",
    "archive", "breaking news",
    // Russian and Azerbaijani widgets.
    "поделиться", "ссылка скопирована", "скопировать ссылку", "подписаться", "подпишитесь",
    "комментарии", "поиск", "меню", "главная", "новости", "все новости", "загрузка", "печать",
    "версия для печати", "paylaş", "axtar", "axtarış", "bütün xəbərlər", "şərh yaz", "bizi izləyin",
];

/// Headings that open a list of other articles' headlines (or of tags).
#[rustfmt::skip]
const RELATED_MARKERS: &[&str] = &[
    "related", "related news", "related articles", "related stories", "related posts",
    "related content", "related topics", "read also", "also read", "read more", "see also",
    "more news", "more stories", "more on this topic", "more on the topic", "other news",
    "latest news", "latest", "most read", "most popular", "popular", "popular news", "top stories",
    "top news", "you may also like", "you might also like", "you may be interested in",
    "recommended", "recommended for you", "editor's picks", "editors' picks", "editor's choice",
    "news line", "newsline", "news feed", "in other news", "читайте также", "по теме",
    "другие новости", "лента новостей", "последние новости", "həmçinin oxuyun", "digər xəbərlər",
    "xəbər lenti", "son xəbərlər",
    // Tag lists: a label, then one tag per line.
    "tags", "topics", "keywords", "теги", "метки", "teqlər", "etiketlər",
];

/// A line this long is a sentence, not a notice, for rules that could otherwise
/// catch a real sentence mentioning sharing or copyright.
const MAX_NOTICE_WORDS: usize = 15;
const MAX_COPYRIGHT_WORDS: usize = 40;
const MAX_COOKIE_WORDS: usize = 60;

static LEXICON_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| LEXICON.iter().copied().collect());
static RELATED_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| RELATED_MARKERS.iter().copied().collect());

/// Lines are mostly ASCII prose with curly quotes: `Pattern` keeps word
/// boundaries on the fast automaton there.
fn regex(pattern: &str) -> Pattern {
    Pattern::new(pattern).expect("boilerplate pattern is valid")
}

static COPYRIGHT: LazyLock<Pattern> = LazyLock::new(|| {
    regex(r"(?i)©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|все права защищены|bütün hüquqlar qorunur")
});
/// "Any use of materials is allowed only with a hyperlink to ...",
/// "Reproduction is allowed only with a reference to the source": what may be
/// done with the text, in the shapes outlets write it.
static REUSE_NOTICE: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:reproduction|reprint(?:ing)?|republi(?:cation|shing)|copying|redistribut\w*|(?:use|using|quoting|citing)\s+(?:of\s+)?(?:the\s+|our\s+|these\s+)?(?:materials?|content|articles?|publications?))\b.*\b(?:allowed|permitted|prohibited|forbidden|only|without|requires?|required)\b.*\b(?:reference|link|hyperlink|permission|consent|source|written)|\bmay\s+not\s+be\s+(?:published|reproduced|copied|redistributed)\b|(?:использовани|перепечатк|цитировани|копировани|воспроизведени)\w*.*(?:ссылк|гиперссылк|разрешени|запрещ)|materiallardan\s+istifadə|istinad\s+(?:edilməlidir|mütləqdir|zəruridir)",
    )
});
static COUNTER: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:views?|reads?|hits|comments?|likes?|shares?|просмотр\w*|baxış\w*|oxunub)\s*[:\-]?\s*\(?\d[\d\s.,]*[km]?\)?$|^\d[\d\s.,]*[km]?\s*(?:views?|reads?|comments?|likes?|shares?|просмотр\w*|baxış\w*)$|^\d+\s*(?:min(?:ute)?s?)\.?\s*(?:read)?$|^(?:reading|read)\s+time\b",
    )
});
static CALL_TO_ACTION: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:share|print|subscribe|tags|keywords|topics)(?:\s*[:|\-–—]|\s+(?:on|this|it|via|to|the|our|now)\b|$)|\b(?:follow|join|subscribe\s+to)\s+(?:us|our)\b|\b(?:share|post|send)\s+(?:it|this|them)\s+(?:on|with|via|to)\b|\bliked?\s+(?:the|this|our)\s+(?:story|article|news|post|material)\b|\b(?:download|install|get)\s+(?:our|the)\s+app\b|\b(?:leave|write|add|post)\s+a\s+(?:comment|review|reply)\b|^(?:click|tap)\s+(?:here|to)\b|^(?:поделиться|подписывайтесь|подпишитесь|paylaş|bizi\s+izləyin)",
    )
});
static RELATED_LINK: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:read\s+also|also\s+read|read\s+more|see\s+also|related|more\s+on\s+(?:this|the)\s+topic|recommended|читайте\s+также|читайте\s+тоже|смотрите\s+также|по\s+теме|həmçinin\s+oxuyun|həmçinin\s+bax|oxu)\s*[:\-–—»|]\s*\S",
    )
});
static COOKIE: LazyLock<Pattern> = LazyLock::new(|| regex(r"(?i)\bcookies?\b"));
static COOKIE_CONTEXT: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:we\s+use|this\s+(?:site|website)\s+uses|accept|consent|privacy|policy|browsing|agree|continuing|settings)\b",
    )
});
static BROWSER_NOTICE: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:enable|turn\s+on|activate)\s+javascript\b|\bjavascript\s+is\s+(?:disabled|required|turned\s+off)|\byour\s+browser\s+(?:does\s+not|doesn't)\s+support|\b(?:upgrade|update)\s+your\s+browser\b",
    )
});
static ADDRESS: LazyLock<Pattern> =
    LazyLock::new(|| regex(r"(?i)^(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$"));

/// The line in the lexicon's form: lower case, single spaces, no bullets or
/// trailing `:` `.` `…` `»`, no space before `?` or `!`.
pub(crate) fn normalize(line: &str) -> String {
    let lower = line.to_lowercase();
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let collapsed = collapsed.replace(" ?", "?").replace(" !", "!");
    collapsed
        .trim_start_matches(|c: char| {
            matches!(c, '•' | '·' | '|' | '-' | '–' | '—' | '*' | '>' | '»' | '›') || c.is_whitespace()
        })
        .trim_end_matches(|c: char| matches!(c, ':' | '.' | '…' | '»' | '›' | '→' | '|') || c.is_whitespace())
        .to_string()
}

/// Words in a line: whitespace-separated tokens with a letter or digit.
pub(crate) fn word_count(line: &str) -> usize {
    line.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Whether `line` (trimmed, non-blank) is boilerplate on its own, and which kind.
pub(crate) fn classify(line: &str) -> Option<LineKind> {
    let norm = normalize(line);
    if RELATED_SET.contains(norm.as_str()) {
        return Some(LineKind::RelatedMarker);
    }
    if LEXICON_SET.contains(norm.as_str()) {
        return Some(LineKind::Lexicon);
    }
    let words = word_count(line);
    if ADDRESS.is_match(line.trim()) {
        return Some(LineKind::Address);
    }
    if COUNTER.is_match(&norm) {
        return Some(LineKind::Counter);
    }
    if words <= MAX_COPYRIGHT_WORDS && (COPYRIGHT.is_match(line) || REUSE_NOTICE.is_match(line)) {
        return Some(LineKind::Copyright);
    }
    if words <= MAX_NOTICE_WORDS && RELATED_LINK.is_match(&norm) {
        return Some(LineKind::RelatedLink);
    }
    if words <= MAX_NOTICE_WORDS && CALL_TO_ACTION.is_match(&norm) {
        return Some(LineKind::CallToAction);
    }
    if words <= MAX_COOKIE_WORDS && COOKIE.is_match(line) && COOKIE_CONTEXT.is_match(line) {
        return Some(LineKind::Cookie);
    }
    if words <= MAX_NOTICE_WORDS && BROWSER_NOTICE.is_match(line) {
        return Some(LineKind::BrowserNotice);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_matches_whole_lines_in_any_case() {
        for line in [
            "twitter",
            "Play Market",
            "night_theme",
            "RU",
            "arm",
            "Search",
            "A+",
            "A-",
            "ads",
            "Loading...",
            "Leave a review",
            "• Home",
            "WHAT ARE YOU LOOKING FOR ?",
            "Ссылка скопирована",
        ] {
            assert_eq!(classify(line), Some(LineKind::Lexicon), "{line}");
        }
        // Only whole lines: a sentence that mentions a menu word stays.
        assert_eq!(classify("The video was posted on Telegram by the ministry."), None);
    }

    #[test]
    fn related_markers_and_links() {
        for line in ["Related news", "READ ALSO:", "News Line", "More news »", "Читайте также", "Tags:"] {
            assert_eq!(classify(line), Some(LineKind::RelatedMarker), "{line}");
        }
        assert_eq!(classify("Read also: Talks resume in Brussels"), Some(LineKind::RelatedLink));
    }

    #[test]
    fn copyright_and_reuse_notices() {
        for line in [
            "Newsroom.example © 2025. .",
            "Copyright 2024 Example Media Group",
            "All rights reserved.",
            "Any use of materials is allowed only if there is a hyperlink to example.az",
            "Reproduction of content without written permission is prohibited",
            "Reproduction is allowed only with a reference to the source.",
            "This material may not be published, broadcast, rewritten, or redistributed.",
            "При цитировании ссылка на источник обязательна",
        ] {
            assert_eq!(classify(line), Some(LineKind::Copyright), "{line}");
        }
    }

    #[test]
    fn counters_calls_to_action_cookies_addresses() {
        assert_eq!(classify("Views: 510"), Some(LineKind::Counter));
        assert_eq!(classify("1 204 views"), Some(LineKind::Counter));
        assert_eq!(classify("4 min read"), Some(LineKind::Counter));
        for line in [
            "share-lineLiked the story? Share it on social media!",
            "Follow us on Telegram",
            "Subscribe to our newsletter",
            "Tags: Karabakh, peacekeepers",
            "Topics - border, talks",
            "Print this page",
        ] {
            assert_eq!(classify(line), Some(LineKind::CallToAction), "{line}");
        }
        assert_eq!(
            classify("We use cookies to improve your experience. By continuing you accept our policy."),
            Some(LineKind::Cookie)
        );
        assert_eq!(classify("https://example.org/news/1"), Some(LineKind::Address));
        assert_eq!(classify("Comments (12)"), Some(LineKind::Counter));
        assert_eq!(classify("Please enable JavaScript to view the comments."), Some(LineKind::BrowserNotice));
    }

    #[test]
    fn body_sentences_are_not_boilerplate() {
        for line in [
            "Share prices in Baku fell after the ceasefire was violated on Monday.",
            "The ministry said the use of such materials in the report was not verified.",
            "Observers printed the list and shared it with journalists the next morning.",
            "Russian peacekeepers have been stationed in the region since November 2020.",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }
}
