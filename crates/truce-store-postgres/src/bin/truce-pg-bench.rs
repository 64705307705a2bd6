//! truce-pg-bench: ingest throughput of the PostgreSQL queue with 1, 2 and 4
//! workers (or the counts given), on synthetic reports.
//!
//! For each worker count: a fresh schema, N reports enqueued, then that many
//! threads, each with its own connection, run `run_worker` until the queue is
//! drained; documents/s is N over that wall time. The stand-in for extraction
//! is `synthetic::process` (plus `--work-us` of CPU per document, to mimic real
//! extraction); the schema is dropped afterwards.
//!
//!     cargo run --release -p truce-store-postgres --bin truce-pg-bench -- --docs 2000
//!
//! Options: `--docs N` (default 2000), `--workers 1,2,4`, `--work-us US`
//! (default 0), `--url URL` (default `$TRUCE_TEST_PG`, else
//! `postgres://postgres@127.0.0.1:5432/test`).

use std::process::ExitCode;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use truce_model::DocMeta;
use truce_store::{Store, StoreError};
use truce_store_postgres::queue::{EnqueueOutcome, WorkerOptions, WorkerReport, run_worker};
use truce_store_postgres::{PgStore, synthetic};

struct Args {
    docs: usize,
    workers: Vec<usize>,
    work: Duration,
    url: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        docs: 2000,
        workers: vec![1, 2, 4],
        work: Duration::ZERO,
        url: std::env::var("TRUCE_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned()),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--docs" => args.docs = value()?.parse().map_err(|e| format!("--docs: {e}"))?,
            "--workers" => {
                args.workers = value()?
                    .split(',')
                    .map(|n| n.trim().parse().map_err(|e| format!("--workers: {n:?}: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--work-us" => args.work = Duration::from_micros(value()?.parse().map_err(|e| format!("--work-us: {e}"))?),
            "--url" => args.url = value()?,
            "-h" | "--help" => {
                return Err("usage: truce-pg-bench [--docs N] [--workers 1,2,4] [--work-us US] [--url URL]".to_owned());
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    if args.workers.contains(&0) {
        return Err("--workers: counts must be at least 1".to_owned());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("truce-pg-bench: {message}");
            return ExitCode::from(2);
        }
    };
    println!(
        "truce-pg-bench: {} synthetic documents, extraction stand-in {} µs/document, {} CPU(s)",
        args.docs,
        args.work.as_micros(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("{:>8} {:>12} {:>10} {:>10} {:>9}", "workers", "enqueue/s", "seconds", "docs/s", "speed-up");
    let mut base = None;
    for &workers in &args.workers {
        match run(&args, workers) {
            Ok((enqueue_rate, elapsed)) => {
                let rate = args.docs as f64 / elapsed.as_secs_f64();
                let speedup = rate / *base.get_or_insert(rate);
                println!(
                    "{workers:>8} {enqueue_rate:>12.0} {:>10.2} {rate:>10.0} {speedup:>8.2}x",
                    elapsed.as_secs_f64()
                );
            }
            Err(e) => {
                eprintln!("truce-pg-bench: {workers} worker(s): {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// One measurement in a fresh schema, dropped afterwards: (enqueues/s, drain time).
fn run(args: &Args, workers: usize) -> Result<(f64, Duration), String> {
    let schema = format!("truce_bench_{}_{workers}", std::process::id());
    let result = measure(args, workers, &schema);
    if let Err(e) = drop_schema(&args.url, &schema) {
        eprintln!("truce-pg-bench: dropping schema {schema}: {e}");
    }
    result
}

fn measure(args: &Args, workers: usize, schema: &str) -> Result<(f64, Duration), String> {
    let mut store = PgStore::connect_with_schema(&args.url, schema).map_err(|e| e.to_string())?;
    let started = Instant::now();
    for i in 0..args.docs {
        let (name, raw) = synthetic::report(i);
        let meta = DocMeta { id: name.clone(), ..DocMeta::default() };
        match store.enqueue(&name, &name, &raw, &meta).map_err(|e| e.to_string())? {
            EnqueueOutcome::Queued { .. } => {}
            other => return Err(format!("{name}: not queued: {other:?}")),
        }
    }
    let enqueue_rate = args.docs as f64 / started.elapsed().as_secs_f64();

    // Every worker connects first, then all start together.
    let barrier = Arc::new(Barrier::new(workers + 1));
    let threads: Vec<_> = (0..workers)
        .map(|w| {
            let (url, schema, barrier, work) = (args.url.clone(), schema.to_owned(), barrier.clone(), args.work);
            std::thread::spawn(move || -> Result<WorkerReport, StoreError> {
                let connected = PgStore::connect_with_schema(&url, &schema);
                barrier.wait();
                let opts = WorkerOptions {
                    exit_when_idle: true,
                    poll_interval: Duration::from_millis(5),
                    ..WorkerOptions::default()
                };
                run_worker(&mut connected?, &format!("bench-{w}"), |job| synthetic::process_with_work(job, work), opts)
            })
        })
        .collect();
    barrier.wait();
    let started = Instant::now();
    let mut stored = 0;
    for thread in threads {
        let report = thread.join().map_err(|_| "a worker panicked".to_owned())?.map_err(|e| e.to_string())?;
        stored += report.stored;
    }
    let elapsed = started.elapsed();
    let documents = store.stats().map_err(|e| e.to_string())?.documents;
    if stored != args.docs || documents != args.docs {
        return Err(format!(
            "{stored} documents stored by the workers, {documents} in the store, {} expected",
            args.docs
        ));
    }
    Ok((enqueue_rate, elapsed))
}

fn drop_schema(url: &str, schema: &str) -> Result<(), postgres::Error> {
    let mut client = postgres::Client::connect(url, postgres::NoTls)?;
    client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
}
