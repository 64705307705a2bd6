//! API latency benchmark (not a test): starts the server in process on
//! 127.0.0.1:0 over a fresh store filled with synthetic reports (read and
//! extracted by the real reader and extractor), logs in, then runs concurrent
//! clients over keep-alive HTTP/1.1 connections (plain `tokio::net::TcpStream`,
//! no HTTP client library) against `GET /api/events?limit=50`,
//! `GET /api/incidents` and `GET /api/events/{id}`, one endpoint at a time,
//! and prints p50/p95/p99 latency and requests per second per endpoint.
//!
//!     cargo run --release -p truce-server --example truce-api-bench -- \
//!         [--db sqlite | --db postgres://postgres@127.0.0.1:5432/test] \
//!         [--docs 1000] [--clients 8] [--requests 200] [--pool 4] [--max-seconds 120]
//!
//! SQLite: a database file in a temporary folder, removed afterwards.
//! PostgreSQL: a schema of its own (`truce_api_bench_<pid>`), created here and
//! dropped afterwards (also when a phase fails). Loopback only; bounded in
//! requests (`--clients` × `--requests` per endpoint) and in time
//! (`--max-seconds` for all measured phases; clients stop at the deadline).

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use truce_model::{DocMeta, PartialDate};
use truce_server::{AppState, Options, StoreFactory};
use truce_store::UserRole;

const USER: &str = "bench";
const PASSWORD: &str = "bench-password-1";

struct Args {
    db: String,
    docs: usize,
    clients: usize,
    requests: usize,
    pool: usize,
    max_seconds: u64,
}

fn usage() -> ! {
    eprintln!(
        "usage: truce-api-bench [--db sqlite|postgres://...] [--docs N] [--clients K] [--requests R] [--pool P] \
         [--max-seconds S]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args { db: "sqlite".into(), docs: 1000, clients: 8, requests: 200, pool: 4, max_seconds: 120 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| usage());
        let number = |v: &str| -> usize { v.parse().ok().filter(|n| *n > 0).unwrap_or_else(|| usage()) };
        match flag.as_str() {
            "--db" => args.db = value,
            "--docs" => args.docs = number(&value).min(100_000),
            "--clients" => args.clients = number(&value).min(256),
            "--requests" => args.requests = number(&value).min(100_000),
            "--pool" => args.pool = number(&value).min(64),
            "--max-seconds" => args.max_seconds = number(&value).min(3600) as u64,
            _ => usage(),
        }
    }
    args
}

// ---------- synthetic reports ----------

const PLACES: [&str; 12] = [
    "Aghdam",
    "Sotk",
    "Tegh",
    "Khojavend",
    "Fuzuli",
    "Taghavard",
    "Shusha",
    "Kalbajar",
    "Lachin",
    "Tartar",
    "Verin Shorzha",
    "Jermuk",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEAPONS: [&str; 4] = ["small arms", "large-calibre machine guns", "mortars", "sniper rifles"];
const OUTLETS: [&str; 4] = ["Caspian Wire", "Highland Courier", "Araxes News Service", "Borderline Dispatch"];

fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Report `i`: three reports tell each occurrence (a statement, a denial, a
/// wire story), so incidents merge and some are disputed. Its outlet,
/// publication date and text.
fn report(i: usize) -> (String, PartialDate, String) {
    let k = (i / 3) as u64;
    let h = mix(k);
    let place = PLACES[(h % PLACES.len() as u64) as usize];
    let day_number = 18_600 + (h >> 8) % 1000; // days since 1970: 2020-12..2023-09
    let day = PartialDate::from_days_from_epoch(day_number as i64);
    let (y, m, d) = (day.year().unwrap_or(2022), day.month().unwrap_or(1), day.day().unwrap_or(1));
    let date = format!("{d} {} {y}", MONTHS[(m - 1) as usize]);
    let weapon = WEAPONS[((h >> 20) % WEAPONS.len() as u64) as usize];
    let published = PartialDate::from_days_from_epoch(day_number as i64 + 1);
    let (outlet, text) = match i % 3 {
        0 => (
            "Ministry of Defense of Azerbaijan (statement)".to_owned(),
            format!(
                "Information of the Ministry of Defense. Report {i}.\n\nOn {date}, units of the Armenian armed forces \
                 fired at positions of the Azerbaijan Army near {place} from {weapon}, the Ministry of Defense of \
                 Azerbaijan said.\n\nUnits of the Azerbaijan Army took adequate retaliatory measures."
            ),
        ),
        1 => (
            "Ministry of Defence of Armenia (statement)".to_owned(),
            format!(
                "Statement of the Ministry of Defence of Armenia. Report {i}.\n\nThe report of the Azerbaijani side \
                 that Armenian units fired on Azerbaijani positions near {place} on {date} is disinformation and \
                 does not correspond to reality."
            ),
        ),
        _ => {
            let injured = 1 + (h >> 40) % 3;
            (
                OUTLETS[((h >> 32) % OUTLETS.len() as u64) as usize].to_owned(),
                format!(
                    "Report {i}.\n\nShots were heard near {place} on the night of {date}, residents said. A house \
                     was damaged, and {injured} civilians were injured, the local administration said.\n\nOn {date}, \
                     the Russian peacekeeping contingent set up an observation post near Khankendi, the Russian \
                     Ministry of Defence said."
                ),
            )
        }
    };
    (outlet, published, text)
}

// ---------- a minimal HTTP/1.1 client over one keep-alive connection ----------

struct Conn {
    stream: BufReader<TcpStream>,
    host: String,
    cookie: String,
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Conn {
    async fn open(addr: SocketAddr, cookie: &str) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn { stream: BufReader::new(stream), host: addr.to_string(), cookie: cookie.to_owned() })
    }

    async fn request(&mut self, method: &str, path: &str, body: Option<&str>) -> std::io::Result<Reply> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n", self.host);
        if !self.cookie.is_empty() {
            let _ = write!(head, "Cookie: {}\r\n", self.cookie);
        }
        if let Some(body) = body {
            let _ = write!(head, "Content-Type: application/json\r\nContent-Length: {}\r\n", body.len());
        }
        head.push_str("\r\n");
        head.push_str(body.unwrap_or(""));
        self.stream.get_mut().write_all(head.as_bytes()).await?;

        let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status: u16 =
            line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| bad("status line"))?;
        let mut headers = Vec::new();
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err(bad("connection closed in the headers"));
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let mut body = Vec::new();
        if let Some(n) = header("content-length") {
            let n: usize = n.parse().map_err(|_| bad("content-length"))?;
            body.resize(n, 0);
            self.stream.read_exact(&mut body).await?;
        } else if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
            loop {
                line.clear();
                self.stream.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                    .map_err(|_| bad("chunk size"))?;
                let at = body.len();
                body.resize(at + size, 0);
                self.stream.read_exact(&mut body[at..]).await?;
                line.clear();
                self.stream.read_line(&mut line).await?; // the CRLF after the chunk (or the trailer's end)
                if size == 0 {
                    break;
                }
            }
        }
        Ok(Reply { status, headers, body })
    }
}

// ---------- measuring ----------

struct Phase {
    name: String,
    latencies: Vec<Duration>,
    errors: usize,
    wall: Duration,
    cut_short: bool,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// `clients` connections, each sending `requests` requests one after the
/// other (`path(client, i)`), until done or `deadline`.
async fn phase(
    name: &str,
    addr: SocketAddr,
    cookie: &str,
    clients: usize,
    requests: usize,
    deadline: Instant,
    path: impl Fn(usize, usize) -> String + Send + Sync + Clone + 'static,
) -> Phase {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..clients {
        let cookie = cookie.to_owned();
        let path = path.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(requests);
            let mut errors = 0;
            let mut cut_short = false;
            let mut conn = match Conn::open(addr, &cookie).await {
                Ok(c) => c,
                Err(_) => return (latencies, requests, false),
            };
            for i in 0..requests {
                if Instant::now() >= deadline {
                    cut_short = true;
                    break;
                }
                let p = path(client, i);
                let sent = Instant::now();
                match tokio::time::timeout(Duration::from_secs(30), conn.request("GET", &p, None)).await {
                    Ok(Ok(reply)) if reply.status == 200 => latencies.push(sent.elapsed()),
                    Ok(Ok(_)) => errors += 1,
                    _ => {
                        errors += 1;
                        match Conn::open(addr, &cookie).await {
                            Ok(c) => conn = c,
                            Err(_) => break,
                        }
                    }
                }
            }
            (latencies, errors, cut_short)
        }));
    }
    let mut all =
        Phase { name: name.to_owned(), latencies: Vec::new(), errors: 0, wall: Duration::ZERO, cut_short: false };
    for t in tasks {
        if let Ok((latencies, errors, cut)) = t.await {
            all.latencies.extend(latencies);
            all.errors += errors;
            all.cut_short |= cut;
        }
    }
    all.wall = started.elapsed();
    all.latencies.sort();
    all
}

fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_slice(&reply.body).unwrap_or(serde_json::Value::Null)
}

// ---------- the store ----------

enum Backend {
    Sqlite { _dir: tempfile::TempDir, path: String },
    Postgres { url: String, schema: String },
}

impl Backend {
    fn name(&self) -> String {
        match self {
            Backend::Sqlite { path, .. } => format!("sqlite ({path})"),
            Backend::Postgres { schema, .. } => format!("postgres (schema {schema})"),
        }
    }

    fn factory(&self) -> StoreFactory {
        match self {
            Backend::Sqlite { path, .. } => truce_server::store_factory(path, None),
            Backend::Postgres { url, schema } => truce_server::store_factory(url, Some(schema)),
        }
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let Backend::Postgres { url, schema } = self {
            // The bench's own scratch schema: the only SQL here, to leave nothing behind.
            let dropped = postgres::Client::connect(url, postgres::NoTls)
                .and_then(|mut c| c.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE")));
            match dropped {
                Ok(()) => eprintln!("dropped schema {schema}"),
                Err(e) => eprintln!("could not drop schema {schema}: {e}"),
            }
        }
    }
}

fn fill(backend: &Backend, docs: usize) -> Result<(usize, Duration), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut store = (backend.factory())()?;
    let gazetteer = truce_gazetteer::Gazetteer::builtin();
    let mut events = 0;
    for i in 0..docs {
        let (outlet, published, text) = report(i);
        let meta = DocMeta {
            id: format!("bench-{i:06}.txt"),
            outlet: Some(outlet),
            published: Some(published),
            language: Some("en".into()),
            url: None,
        };
        let doc = truce_text::decode_document(text.as_bytes(), truce_text::Format::Text, meta)?;
        let extraction = truce_extract::extract(&doc, gazetteer);
        events += extraction.events.len();
        store.put_document(text.as_bytes(), &doc, &extraction.events)?;
    }
    truce_server::users::add_user(store.as_mut(), USER, UserRole::Viewer, Some(PASSWORD))?;
    Ok((events, started.elapsed()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args();
    let backend = if args.db == "sqlite" {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("bench.db").to_string_lossy().into_owned();
        Backend::Sqlite { _dir: dir, path }
    } else if args.db.starts_with("postgres://") || args.db.starts_with("postgresql://") {
        Backend::Postgres { url: args.db.clone(), schema: format!("truce_api_bench_{}", std::process::id()) }
    } else {
        eprintln!("--db is `sqlite` (a temporary file) or a postgres:// URL");
        usage()
    };

    let (events, fill_time) = fill(&backend, args.docs)?;
    println!(
        "truce-api-bench: {}; {} documents ({events} events) stored in {:.1} s",
        backend.name(),
        args.docs,
        fill_time.as_secs_f64()
    );

    let server = tokio::runtime::Builder::new_multi_thread().enable_all().thread_name("server").build()?;
    let clients = tokio::runtime::Builder::new_multi_thread().enable_all().thread_name("client").build()?;
    let options = Options { max_connections: args.pool, ..Options::default() };
    let state = AppState::with_options(backend.factory(), options)?;
    let listener = server.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = server.spawn(truce_server::serve_on(state, listener, async {
        stopped.await.ok();
    }));

    let result = clients.block_on(async {
        // Log in: the session cookie.
        let mut conn = Conn::open(addr, "").await?;
        let body = serde_json::json!({ "name": USER, "password": PASSWORD }).to_string();
        let login = conn.request("POST", "/api/login", Some(&body)).await?;
        if login.status != 200 {
            return Err(format!("login answered {}", login.status).into());
        }
        let cookie = login
            .headers
            .iter()
            .find(|(k, _)| k == "set-cookie")
            .and_then(|(_, v)| v.split(';').next())
            .ok_or("no session cookie")?
            .to_owned();
        let mut conn = Conn::open(addr, &cookie).await?;
        // The first data request builds the cached view (events, incidents, assessments).
        let t = Instant::now();
        let first = conn.request("GET", "/api/incidents?limit=1", None).await?;
        let cold = t.elapsed();
        let incidents = json(&first)["total"].as_u64().unwrap_or(0);
        let page = json(&conn.request("GET", "/api/events?limit=500", None).await?);
        let ids: Vec<i64> =
            page["items"].as_array().into_iter().flatten().filter_map(|e| e["event_id"].as_i64()).collect();
        if ids.is_empty() {
            return Err("no events stored".into());
        }
        // What the incidents look like: merged from several reports, disputed.
        let (mut merged, mut disputed, mut offset) = (0, 0, 0);
        while offset < incidents {
            let page = json(&conn.request("GET", &format!("/api/incidents?limit=500&offset={offset}"), None).await?);
            for i in page["items"].as_array().into_iter().flatten() {
                merged += usize::from(i["documents"].as_u64() > Some(1));
                disputed += usize::from(i["status"] == "disputed");
            }
            offset += 500;
        }
        println!(
            "{incidents} incidents ({merged} told by several reports, {disputed} disputed); first request (builds the \
             view: events, incidents, assessments) {:.0} ms",
            cold.as_secs_f64() * 1000.0
        );
        println!(
            "{} clients x {} requests per endpoint, keep-alive HTTP/1.1 on {addr}; pool of {} store connections; \
             limit {} s",
            args.clients, args.requests, args.pool, args.max_seconds
        );

        let deadline = Instant::now() + Duration::from_secs(args.max_seconds);
        let n = ids.len();
        let event = move |c: usize, i: usize| format!("/api/events/{}", ids[(c * 7919 + i * 31) % n]);
        let (k, r) = (args.clients, args.requests);
        // Warm-up, not measured: every pooled store connection opened, statements prepared.
        for warm in [|_, _| "/api/events?limit=50".to_owned(), |_, _| "/api/incidents".to_owned()] {
            phase("warm-up", addr, &cookie, k, 5, deadline, warm).await;
        }
        phase("warm-up", addr, &cookie, k, 5, deadline, event.clone()).await;
        let mut phases = Vec::new();
        phases.push(
            phase("GET /api/events?limit=50", addr, &cookie, k, r, deadline, |_, _| "/api/events?limit=50".into())
                .await,
        );
        phases.push(phase("GET /api/incidents", addr, &cookie, k, r, deadline, |_, _| "/api/incidents".into()).await);
        phases.push(phase("GET /api/events/{id}", addr, &cookie, k, r, deadline, event).await);
        Ok::<_, Box<dyn std::error::Error>>(phases)
    });
    let _ = stop.send(());
    let _ = server.block_on(serving);
    let phases = result?;

    println!(
        "{:<28} {:>8} {:>6} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "endpoint", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"
    );
    for p in &phases {
        let l = &p.latencies;
        println!(
            "{:<28} {:>8} {:>6} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>9.0}{}",
            p.name,
            l.len(),
            p.errors,
            percentile(l, 0.50),
            percentile(l, 0.95),
            percentile(l, 0.99),
            percentile(l, 1.0),
            l.len() as f64 / p.wall.as_secs_f64(),
            if p.cut_short { "  (stopped at the time limit)" } else { "" }
        );
    }
    Ok(())
}
