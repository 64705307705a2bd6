//! The SQLite implementation of the Store trait, with versioned migrations.
