//! Extraction (in progress).
pub mod date;
pub mod number;
pub mod sentence;
