//! `truce`: the command-line program. Parses arguments, picks the store, and
//! calls the library crates; the only crate that reads argv, the environment
//! and the terminal, and the one that turns outcomes into exit codes
//! (0 all went well, 1 some input failed or nothing matched a lookup, 2 usage).

mod bench;
mod db;
mod geo_cmd;
mod mandate;
mod output;
mod pipeline;
mod train;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use truce_model::{EventType, PartialDate};
use truce_store::{EventFilter, PutOutcome, Store};
use truce_text::LoadOptions;

use crate::db::{Db, DbArg};
use crate::pipeline::ManifestChoice;

#[derive(Parser)]
#[command(name = "truce", version, about = "Ceasefire-monitoring workbench: reports in, attributed event records out")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}


#[derive(clap::Args, Clone)]
struct InputArgs {
    /// Report files or folders (.txt, .html, .htm, .md); folders are read recursively.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Manifest CSV (file,outlet,published,language,url) for all inputs; default: manifest.csv beside each file.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = 20 * 1024 * 1024)]
    max_bytes: u64,
}

impl InputArgs {
    fn manifest_choice(&self) -> ManifestChoice {
        match &self.manifest {
            Some(p) => ManifestChoice::Explicit(p.clone()),
            None => ManifestChoice::Beside,
        }
    }
    fn load_options(&self) -> LoadOptions {
        LoadOptions { max_bytes: self.max_bytes }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Jsonl,
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Read reports and print their event records as JSON lines (stores nothing).
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// A sentence classifier written by `truce train-model`, instead of the built-in one
        /// (to measure a model trained without the set being scored).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Read reports and store documents, events, places, actors and claims. On PostgreSQL the
    /// documents are queued for `truce worker` (on any machine) to extract and store.
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        db: DbArg,
    },
    /// List stored events.
    Events {
        #[command(flatten)]
        db: DbArg,
        /// Event type code (firing, armed_clash, ...).
        #[arg(long = "type")]
        event_type: Option<EventType>,
        /// Events whose period ends on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        from: Option<PartialDate>,
        /// Events whose period starts on or before this date.
        #[arg(long)]
        to: Option<PartialDate>,
        /// A place, by any of its names (Stepanakert finds Khankendi).
        #[arg(long)]
        place: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Print a stored document's clean text with its events.
    Show {
        /// Document: numeric id, file name, or content-hash prefix.
        doc: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Explain extraction sentence by sentence: matches, and why each event was or was not emitted.
    Explain {
        /// A report file.
        path: PathBuf,
        #[arg(long)]
        manifest: Option<PathBuf>,
    },
    /// Events merged into incidents across reports, with their status computed from the claims and
    /// analysts' corrections applied; `split`, `merge` and `verdict` record a correction.
    #[command(args_conflicts_with_subcommands = true)]
    Incidents {
        #[command(subcommand)]
        command: Option<IncidentsCommand>,
        #[command(flatten)]
        list: IncidentsList,
    },
    /// Which provisions of the 10 November 2020 statement each incident's claims may engage, by whom, on what evidence.
    Assess {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        from: Option<PartialDate>,
        #[arg(long)]
        to: Option<PartialDate>,
        #[arg(long)]
        json: bool,
    },
    /// A periodic bulletin: counts by type, place and party as each side reports them, disputes, zone changes, provisions.
    Report {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        from: PartialDate,
        #[arg(long)]
        to: PartialDate,
        /// md or html.
        #[arg(long, default_value = "md")]
        format: String,
    },
    /// A place by any of its names: canonical name, spellings, coordinates; every candidate when ambiguous.
    Place {
        name: String,
    },
    /// Time-versioned zones: list, valid on a date, export as GeoJSON, compare two dates.
    Zones {
        #[command(subcommand)]
        command: ZonesCommand,
    },
    /// Benchmark extraction (decode, clean, extract) on a corpus repeated to a size; prints MB/s, documents/s and peak memory.
    Bench {
        /// Report files or folders (default: the seeds and the dev set).
        paths: Vec<PathBuf>,
        /// Megabytes of input to process.
        #[arg(long, default_value_t = 50.0)]
        mb: f64,
    },
    /// Train the sentence classifier that proposes event types where no lexicon trigger matched.
    TrainModel {
        /// Annotated sets: folders holding docs/ and gold.jsonl (default: every set under eval/).
        sets: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(long, default_value = "data/model/sentence_types.tsv")]
        out: PathBuf,
        /// Write no model; instead print leave-one-set-out sentence-level precision and
        /// recall (each set judged by a model trained on all the others).
        #[arg(long)]
        cross_validate: bool,
    },
    /// Bring the database schema to this version of truce.
    Migrate {
        #[command(flatten)]
        db: DbArg,
    },
    /// Process queued documents (PostgreSQL): extract and store them, each in one transaction.
    Worker {
        #[command(flatten)]
        db: DbArg,
        /// Worker threads, each with its own connection.
        #[arg(long, default_value_t = 1)]
        jobs: usize,
        /// Return once the queue is empty instead of waiting for more.
        #[arg(long)]
        exit_when_idle: bool,
        /// Seconds a job stays leased before another worker may take it over.
        #[arg(long, default_value_t = 300)]
        lease_secs: u64,
    },
    /// The PostgreSQL job queue: counts per state, and every job not done with its last error.
    Jobs {
        #[command(flatten)]
        db: DbArg,
    },
    /// Copy a database (a laptop's SQLite file) to the team's PostgreSQL server, and check the copy.
    Copy {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// PostgreSQL schema of the target.
        #[arg(long, env = "TRUCE_PG_SCHEMA")]
        pg_schema: Option<String>,
    },
    /// Serve the web UI and the JSON API (OpenAPI at /api/openapi.json).
    Serve {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
    /// Manage the accounts of the web UI.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Ingest the bundled demo corpus into a local SQLite file, summarize what was found, and serve the web UI.
    Demo {
        #[arg(long, default_value = "truce-demo.db")]
        db: PathBuf,
        /// Corpus folder (default: the bundled corpus/demo).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Where to serve the web UI.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Ingest and summarize only; do not serve.
        #[arg(long)]
        no_serve: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account; its password is generated and printed once.
    Add {
        name: String,
        /// viewer (reads), analyst (also reviews events) or admin (also manages accounts).
        #[arg(long, default_value = "analyst")]
        role: String,
        #[command(flatten)]
        db: DbArg,
    },
}

/// Who records a correction or an import.
#[derive(clap::Args, Clone)]
struct UserArg {
    /// Recorded with the change; default: $TRUCE_USER, else the login name.
    #[arg(long, env = "TRUCE_USER")]
    user: Option<String>,
}

impl UserArg {
    fn name(&self) -> String {
        self.user
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| "unknown".to_string())
    }
}

#[derive(Subcommand)]
enum ZonesCommand {
    /// Every zone with its versions: the shipped illustrative ones and those imported.
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// The zone versions valid on a date.
    At {
        date: PartialDate,
        #[command(flatten)]
        db: DbArg,
    },
    /// GeoJSON of one zone, of the versions valid on a date, or of all.
    Export {
        name: Option<String>,
        #[arg(long)]
        at: Option<PartialDate>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Area added and removed between two dates, and the settlements that changed side.
    Diff {
        name: String,
        from: PartialDate,
        to: PartialDate,
        #[command(flatten)]
        db: DbArg,
    },
    /// Store a published map (GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection, unioned) as a
    /// version of a zone, after checking it and that its period overlaps no other version of that zone.
    Import {
        /// The GeoJSON file.
        file: PathBuf,
        /// The zone it is a version of (new, or one listed by `truce zones list`).
        #[arg(long)]
        name: String,
        /// First day the map holds (YYYY-MM-DD).
        #[arg(long)]
        from: PartialDate,
        /// Last day it holds, inclusive (YYYY-MM-DD); omit while it still holds.
        #[arg(long)]
        to: Option<PartialDate>,
        /// Who published the map ("Russian MoD website, map of 2022-03-24").
        #[arg(long)]
        source: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        user: UserArg,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(clap::Args)]
struct IncidentsList {
    #[command(flatten)]
    db: DbArg,
    #[arg(long)]
    from: Option<PartialDate>,
    #[arg(long)]
    to: Option<PartialDate>,
    /// JSON lines instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum IncidentsCommand {
    /// The incidents (what `truce incidents` alone prints).
    List(IncidentsList),
    /// Take events out of an incident into one of their own (a wrong merge).
    Split {
        /// The incident: its id or any of its event ids.
        incident: i64,
        /// The event ids to take out, comma-separated.
        #[arg(long, required = true, value_delimiter = ',')]
        events: Vec<i64>,
        #[command(flatten)]
        user: UserArg,
        #[command(flatten)]
        db: DbArg,
    },
    /// Put two incidents together (a missed merge); each named by its id or any of its event ids.
    Merge {
        a: i64,
        b: i64,
        #[command(flatten)]
        user: UserArg,
        #[command(flatten)]
        db: DbArg,
    },
    /// Record your verdict on an incident: shown beside its computed status, never replacing its claims.
    Verdict {
        /// The incident: its id or any of its event ids.
        incident: i64,
        /// credible, unverifiable, not_credible or pending.
        #[arg(long, value_parser = parse_verdict_kind)]
        status: truce_incidents::VerdictKind,
        /// Why.
        #[arg(long)]
        note: String,
        #[command(flatten)]
        user: UserArg,
        #[command(flatten)]
        db: DbArg,
    },
}

/// A verdict code, as `truce_incidents::VerdictKind` writes it.
fn parse_verdict_kind(code: &str) -> Result<truce_incidents::VerdictKind, String> {
    use truce_incidents::VerdictKind::{Credible, NotCredible, Pending, Unverifiable};
    let kinds = [Credible, Unverifiable, NotCredible, Pending];
    kinds.into_iter().find(|k| k.code() == code).ok_or_else(|| {
        let codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
        format!("unknown verdict {code:?}; expected one of {}", codes.join(", "))
    })
}

/// The store to read imported zones from. The shipped zones need no
/// database, so a lookup does not create a SQLite file that does not exist:
/// such a file holds no imports.
fn open_for_zones(arg: &DbArg) -> anyhow::Result<Box<dyn Store>> {
    match Db::of(arg) {
        Db::Sqlite(path) if !path.exists() => {
            eprintln!("note: {} does not exist; showing the shipped zones only", path.display());
            Ok(Box::new(truce_store_sqlite::SqliteStore::open_in_memory()?))
        }
        db => db.open(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        // Output piped into `head` that stopped reading: not a failure.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Serves the web UI and API until Ctrl-C.
fn serve(factory: truce_server::StoreFactory, addr: std::net::SocketAddr) -> anyhow::Result<()> {
    truce_server::serve_blocking(factory, addr, |bound| {
        println!("truce: serving the web UI and API on http://{bound}/  (Ctrl-C stops)");
        if !truce_server::ui_built() {
            eprintln!("note: the web UI is not built: run scripts/build-ui.sh, then build truce again");
        }
    })?;
    Ok(())
}

fn exit_for(failures: usize) -> ExitCode {
    if failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Extract { input, model } => {
            if let Some(path) = model {
                train::install(&path)?;
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut n_docs = 0;
            let mut n_events = 0;
            let failures = pipeline::run(&input.paths, &input.manifest_choice(), &input.load_options(), |p| {
                n_docs += 1;
                n_events += p.events.len();
                output::write_jsonl(&mut out, p.events.iter())
            })?;
            std::io::Write::flush(&mut out)?;
            eprintln!("extracted {n_events} events from {n_docs} documents; {failures} inputs failed");
            Ok(exit_for(failures))
        }
        Command::Ingest { input, db } => {
            let db = Db::of(&db);
            let failures = if db.is_postgres() {
                enqueue(&db, &input.paths, &input.manifest_choice(), &input.load_options())?
            } else {
                let mut store = db.open()?;
                ingest(store.as_mut(), &input.paths, &input.manifest_choice(), &input.load_options())?
            };
            Ok(exit_for(failures))
        }
        Command::Migrate { db } => {
            db::migrate(&Db::of(&db))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Worker { db, jobs, exit_when_idle, lease_secs } => Ok(if db::worker(&Db::of(&db), jobs, exit_when_idle, lease_secs)? { ExitCode::SUCCESS } else { ExitCode::FAILURE }),
        Command::Jobs { db } => {
            db::jobs(&Db::of(&db))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Copy { from, to, pg_schema } => {
            let verified = db::copy(&Db::parse(&from, None), &Db::parse(&to, pg_schema))?;
            if !verified {
                eprintln!("error: the copy does not match its source (see the tables above)");
            }
            Ok(if verified { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Events { db, event_type, from, to, place, format, limit } => {
            let store = Db::of(&db).open()?;
            let place = place.map(|p| canonical_place(&p));
            let filter = EventFilter { event_type, from, to, place, doc_id: None, limit };
            let events = store.events(&filter)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            match format {
                Format::Jsonl => output::write_jsonl(&mut out, events.iter().map(|e| &e.record))?,
                Format::Csv => output::write_csv(&mut out, &events)?,
                Format::Table => output::write_table(&mut out, &events)?,
            }
            std::io::Write::flush(&mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { doc, db } => {
            let store = Db::of(&db).open()?;
            let Some(d) = store.document(&doc)? else {
                eprintln!("error: no document {doc:?} in {}", db.db);
                return Ok(ExitCode::FAILURE);
            };
            output::write_document(&mut std::io::stdout().lock(), &d)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { path, manifest } => {
            let choice = match manifest {
                Some(m) => ManifestChoice::Explicit(m),
                None => ManifestChoice::Beside,
            };
            let mut shown = 0;
            let failures = pipeline::run(std::slice::from_ref(&path), &choice, &LoadOptions::default(), |p| {
                shown += 1;
                let ex = truce_extract::explain(&p.doc, truce_gazetteer::Gazetteer::builtin());
                output::write_explanation(&mut std::io::stdout().lock(), &p.doc, &ex)
            })?;
            if shown == 0 && failures == 0 {
                bail!("{}: no report file found", path.display());
            }
            Ok(exit_for(failures))
        }
        Command::Incidents { command: None, list } | Command::Incidents { command: Some(IncidentsCommand::List(list)), .. } => {
            let store = Db::of(&list.db).open()?;
            mandate::write_incidents(&mut std::io::stdout().lock(), store.as_ref(), list.from, list.to, list.json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Incidents { command: Some(command), .. } => {
            use truce_incidents::{Correction, Verdict};
            let (correction, user, db) = match command {
                IncidentsCommand::List(_) => unreachable!("listed above"),
                IncidentsCommand::Split { incident, events, user, db } => (Correction::Split { incident, events }, user.name(), db),
                IncidentsCommand::Merge { a, b, user, db } => (Correction::Merge { a, b }, user.name(), db),
                IncidentsCommand::Verdict { incident, status, note, user, db } => {
                    let user = user.name();
                    (Correction::Verdict { incident, verdict: Verdict { kind: status, reviewer: user.clone(), note, date: None } }, user, db)
                }
            };
            let mut store = Db::of(&db).open()?;
            mandate::correct(&mut std::io::stdout().lock(), store.as_mut(), &user, correction)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Assess { db, from, to, json } => {
            let store = Db::of(&db).open()?;
            mandate::write_assessments(&mut std::io::stdout().lock(), store.as_ref(), from, to, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { db, from, to, format } => {
            let format: truce_rules::Format = format.parse().map_err(|e| anyhow::anyhow!("--format {format}: {e}"))?;
            let store = Db::of(&db).open()?;
            mandate::write_report(&mut std::io::stdout().lock(), store.as_ref(), from, to, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Place { name } => {
            if geo_cmd::place(&mut std::io::stdout().lock(), &name)? {
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("error: no place called {name:?} in the gazetteer");
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Zones { command } => {
            let mut out = std::io::stdout().lock();
            match command {
                ZonesCommand::List { db } => geo_cmd::list(&mut out, open_for_zones(&db)?.as_ref())?,
                ZonesCommand::At { date, db } => geo_cmd::at(&mut out, open_for_zones(&db)?.as_ref(), date)?,
                ZonesCommand::Export { name, at, db } => geo_cmd::export(&mut out, open_for_zones(&db)?.as_ref(), name.as_deref(), at)?,
                ZonesCommand::Diff { name, from, to, db } => geo_cmd::diff(&mut out, open_for_zones(&db)?.as_ref(), &name, from, to)?,
                ZonesCommand::Import { file, name, from, to, source, note, user, db } => {
                    let mut store = Db::of(&db).open()?;
                    let meta = truce_zones::VersionMeta { from, to, source, note };
                    geo_cmd::import(&mut out, store.as_mut(), &file, &name, meta, &user.name())?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { paths, mb } => {
            let paths = if paths.is_empty() { vec![PathBuf::from("../shared/corpus/seeds"), PathBuf::from("eval/dev/docs")] } else { paths };
            bench::run(&paths, mb)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::TrainModel { sets, out, cross_validate } => {
            let sets = if sets.is_empty() { train::default_sets(Path::new("eval"))? } else { sets };
            if cross_validate {
                train::cross_validate(&sets)?;
            } else {
                train::run(&sets, &out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { db, corpus, addr, no_serve } => {
            let corpus = corpus.unwrap_or_else(pipeline::demo_corpus);
            if !corpus.is_dir() {
                bail!("{}: demo corpus folder not found", corpus.display());
            }
            let mut store = Db::Sqlite(db.clone()).open()?;
            let failures = ingest(store.as_mut(), &[corpus], &ManifestChoice::Beside, &LoadOptions::default())?;
            output::write_demo_summary(&mut std::io::stdout().lock(), store.as_ref(), &db)?;
            if let Some(password) = truce_server::users::ensure_admin(store.as_mut())? {
                println!("\nweb UI login: {} / {password}  (shown once; `truce user add` makes more accounts)", truce_server::users::DEMO_ADMIN);
            }
            drop(store);
            if !no_serve {
                serve(truce_server::store_factory(&db.to_string_lossy(), None), addr)?;
            }
            Ok(exit_for(failures))
        }
        Command::Serve { db, addr } => {
            serve(truce_server::store_factory(&db.db, db.pg_schema.as_deref()), addr)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::User { command: UserCommand::Add { name, role, db } } => {
            let role: truce_store::UserRole = role.parse().map_err(anyhow::Error::msg)?;
            let mut store = Db::of(&db).open()?;
            let password = truce_server::users::add_user(store.as_mut(), &name, role, None)?;
            println!("password for {name} (shown once): {password}");
            Ok(ExitCode::SUCCESS)
        }
    }
}


/// A place name as the user typed it, turned into the gazetteer's canonical name when it is one.
fn canonical_place(name: &str) -> String {
    let gaz = truce_gazetteer::Gazetteer::builtin();
    match gaz.lookup(name).first() {
        Some(p) => p.name.clone(),
        None => name.to_string(),
    }
}

/// Reads and checks every input, then queues it for the workers (PostgreSQL).
fn enqueue(db: &Db, paths: &[PathBuf], manifest: &ManifestChoice, opts: &LoadOptions) -> anyhow::Result<usize> {
    let mut store = db.open_pg()?;
    let (mut queued, mut known) = (0, 0);
    let failures = pipeline::walk(paths, manifest, opts, false, |p| {
        let outcome = store
            .enqueue(&p.doc.meta.id, &p.path.to_string_lossy(), &p.raw, &p.doc.meta)
            .with_context(|| format!("queueing {}", p.doc.meta.id))?;
        match outcome {
            truce_store_postgres::queue::EnqueueOutcome::Queued { .. } => queued += 1,
            _ => known += 1,
        }
        Ok(())
    })?;
    eprintln!("queued {queued} documents for the workers; {known} already stored or queued; {failures} inputs failed");
    Ok(failures)
}

fn ingest(store: &mut dyn Store, paths: &[PathBuf], manifest: &ManifestChoice, opts: &LoadOptions) -> anyhow::Result<usize> {
    let (mut new_docs, mut dup_docs, mut n_events) = (0, 0, 0);
    let failures = pipeline::run(paths, manifest, opts, |p| {
        match store.put_document(&p.raw, &p.doc, &p.events).with_context(|| format!("storing {}", p.doc.meta.id))? {
            PutOutcome::Inserted { events, .. } => {
                new_docs += 1;
                n_events += events;
            }
            PutOutcome::Duplicate { .. } => dup_docs += 1,
        }
        Ok(())
    })?;
    eprintln!("ingested {new_docs} new documents with {n_events} events; {dup_docs} already stored; {failures} inputs failed");
    Ok(failures)
}
