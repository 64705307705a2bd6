//! Bytes and metadata in, Document out: decoding, HTML main text, boilerplate removal, datelines, manifests.
