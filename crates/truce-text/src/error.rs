//! Input problems: what went wrong with one file, always naming the file.

use std::fmt;
use std::path::PathBuf;

/// One input problem, always naming the file: Display is `PATH: problem`
/// (or `PATH: line N: problem` for a manifest row) on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: PathBuf,
    /// 1-based line, for problems inside a file (a manifest row).
    pub line: Option<usize>,
    pub problem: Problem,
}

impl InputError {
    pub fn new(path: impl Into<PathBuf>, problem: Problem) -> Self {
        Self { path: path.into(), line: None, problem }
    }

    pub fn at_line(path: impl Into<PathBuf>, line: usize, problem: Problem) -> Self {
        Self { path: path.into(), line: Some(line), problem }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line always: a problem text may quote file content or an OS
        // message, so any line break in it is flattened.
        let problem = self.problem.to_string().replace(['\r', '\n'], " ");
        match self.line {
            Some(line) => write!(f, "{}: line {line}: {problem}", self.path.display()),
            None => write!(f, "{}: {problem}", self.path.display()),
        }
    }
}

impl std::error::Error for InputError {}

/// What is wrong with an input, without saying which one (see [`InputError`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("empty file: no text")]
    Empty,
    #[error("binary file, not text")]
    Binary,
    #[error("invalid UTF-8 beyond repair: {broken} broken sequences, first at byte {first_at}")]
    InvalidUtf8 { broken: usize, first_at: usize },
    #[error("file too large: {size} bytes, limit is {limit}")]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read: {0}")]
    Unreadable(String),
    #[error("no such file or folder")]
    NotFound,
    #[error("malformed manifest: {0}")]
    MalformedManifest(String),
    #[error("unsupported extension {0:?} (expected .txt, .html, .htm, .md or .markdown)")]
    UnsupportedExtension(String),
    /// The file decoded to text, but nothing was left once markup and
    /// boilerplate were removed.
    #[error("no article text: everything was markup or boilerplate")]
    NoText,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_path_and_stays_on_one_line() {
        let err = InputError::new("corpus/a.txt", Problem::Unreadable("denied\nby policy".into()));
        assert_eq!(err.to_string(), "corpus/a.txt: cannot read: denied by policy");

        let err =
            InputError::at_line("corpus/manifest.csv", 4, Problem::MalformedManifest("3 columns, expected 5".into()));
        assert_eq!(err.to_string(), "corpus/manifest.csv: line 4: malformed manifest: 3 columns, expected 5");
    }

    #[test]
    fn invalid_utf8_message_gives_count_and_offset() {
        let problem = Problem::InvalidUtf8 { broken: 12, first_at: 40 };
        assert_eq!(problem.to_string(), "invalid UTF-8 beyond repair: 12 broken sequences, first at byte 40");
    }
}
