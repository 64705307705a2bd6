//! Document in, event records and diagnostics out: the grammar of conflict reporting.
