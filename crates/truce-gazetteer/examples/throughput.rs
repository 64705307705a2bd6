//! Measures find_in throughput on the given files (run with --release):
//! `cargo run --release -p truce-gazetteer --example throughput -- FILE...`

use std::time::Instant;

use truce_gazetteer::Gazetteer;

fn main() -> std::io::Result<()> {
    let t = Instant::now();
    let g = Gazetteer::builtin();
    println!(
        "built-in gazetteer: {} places, loaded in {:.1} ms",
        g.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut text = String::new();
    for f in std::env::args().skip(1) {
        text.push_str(&std::fs::read_to_string(f)?);
        text.push('\n');
    }
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..5 {
        let t = Instant::now();
        n = g.find_in(&text).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} bytes, {n} mentions, {:.1} MB/s",
        text.len(),
        text.len() as f64 / best / 1e6
    );
    Ok(())
}
