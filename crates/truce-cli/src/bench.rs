//! `truce bench`: throughput and memory of the extraction path (decode, clean,
//! extract) on a corpus repeated to a target size. A benchmark, not a test:
//! it prints figures and asserts nothing.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use truce_gazetteer::Gazetteer;
use truce_model::DocMeta;
use truce_text::Format;

/// Peak resident memory of this process in MiB (Linux `VmHWM`), when known.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(paths: &[PathBuf], target_mb: f64) -> anyhow::Result<()> {
    let (files, errors) = truce_text::collect_inputs(paths);
    for e in &errors {
        eprintln!("error: {e}");
    }
    let mut corpus: Vec<(String, Format, Vec<u8>)> = Vec::new();
    for f in files {
        let Some(format) = Format::from_path(&f) else { continue };
        let bytes = std::fs::read(&f).with_context(|| format!("reading {}", f.display()))?;
        corpus.push((f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), format, bytes));
    }
    anyhow::ensure!(!corpus.is_empty(), "no report files under the given paths");
    let gaz = Gazetteer::builtin();
    // Load lexicons and gazetteer before timing: a one-off cost, not throughput.
    let warm = truce_text::decode_document(&corpus[0].2, corpus[0].1, DocMeta { id: corpus[0].0.clone(), ..DocMeta::default() });
    if let Ok(doc) = warm {
        truce_extract::extract(&doc, gaz);
    }
    let target = (target_mb * 1024.0 * 1024.0) as usize;
    let checkpoints = [0.2, 0.5, 1.0];
    let mut next_checkpoint = 0;
    let (mut bytes, mut docs, mut events, mut failed) = (0usize, 0usize, 0usize, 0usize);
    println!("corpus: {} files, {:.1} KiB; repeating to {target_mb} MB on one thread", corpus.len(), corpus.iter().map(|c| c.2.len()).sum::<usize>() as f64 / 1024.0);
    let start = Instant::now();
    'outer: loop {
        for (name, format, raw) in &corpus {
            match truce_text::decode_document(raw, *format, DocMeta { id: name.clone(), ..DocMeta::default() }) {
                Ok(doc) => events += truce_extract::extract(&doc, gaz).events.len(),
                Err(_) => failed += 1,
            }
            bytes += raw.len();
            docs += 1;
            while next_checkpoint < checkpoints.len() && bytes as f64 >= checkpoints[next_checkpoint] * target as f64 {
                let secs = start.elapsed().as_secs_f64();
                println!(
                    "{:>6.1} MiB  {:>7.2} MiB/s  {:>8.0} docs/s  peak RSS {:>6.1} MiB",
                    bytes as f64 / 1048576.0,
                    bytes as f64 / 1048576.0 / secs,
                    docs as f64 / secs,
                    peak_rss_mib().unwrap_or(f64::NAN)
                );
                next_checkpoint += 1;
            }
            if bytes >= target {
                break 'outer;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "total: {:.1} MiB, {docs} documents, {events} events, {failed} failed, in {secs:.2} s: {:.2} MiB/s, {:.0} documents/s, peak RSS {:.1} MiB",
        bytes as f64 / 1048576.0,
        bytes as f64 / 1048576.0 / secs,
        docs as f64 / secs,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    Ok(())
}
