//! Places, spelling variants and coordinates; finds place names in text.
