//! Extraction alone on clean text, repeated: `cargo run --release -p truce-extract --example throughput -- FILE... [--mb N]`.
//! A profiling aid for the grammar; `truce bench` measures the whole path.

use std::time::Instant;

use truce_model::{DocMeta, Document};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mb = match args.iter().position(|a| a == "--mb") {
        Some(i) => {
            let v: f64 = args[i + 1].parse().expect("--mb N");
            args.drain(i..=i + 1);
            v
        }
        None => 5.0,
    };
    let docs: Vec<Document> = args
        .iter()
        .map(|p| Document {
            meta: DocMeta { id: p.clone(), published: "2023-03-10".parse().ok(), ..DocMeta::default() },
            content_hash: String::new(),
            title: None,
            clean_text: std::fs::read_to_string(p).expect("readable UTF-8 file"),
            removed: Vec::new(),
        })
        .collect();
    let gaz = truce_gazetteer::Gazetteer::builtin();
    truce_extract::extract(&docs[0], gaz);
    let target = (mb * 1048576.0) as usize;
    let (mut bytes, mut events) = (0, 0);
    let start = Instant::now();
    while bytes < target {
        for d in &docs {
            events += truce_extract::extract(d, gaz).events.len();
            bytes += d.clean_text.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{:.1} MiB, {events} events, {secs:.2} s: {:.2} MiB/s", bytes as f64 / 1048576.0, bytes as f64 / 1048576.0 / secs);
}
