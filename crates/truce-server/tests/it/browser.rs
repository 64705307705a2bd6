//! The UI as a person uses it, in real headless Chromium: `web/e2e/run.mjs`
//! (playwright-core, Debian's `/usr/bin/chromium`) against a server on
//! 127.0.0.1 over the demo database. Screenshots go to `target/screenshots/`.
//!
//! Missing prerequisites fail the test with what to run; nothing is skipped.

use std::process::Command;
use std::time::Instant;

use crate::{ADMIN, ANALYST, VIEWER, demo, repo};

#[test]
fn the_ui_works_in_a_real_browser() {
    let chromium = std::env::var("TRUCE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    assert!(
        std::path::Path::new(&chromium).is_file(),
        "Chromium not found at {chromium}: run scripts/setup-test-deps.sh (installs Debian's chromium), \
         or set TRUCE_CHROMIUM"
    );
    let web = repo().join("web");
    assert!(
        web.join("node_modules/playwright-core").is_dir(),
        "web/node_modules/playwright-core missing: run scripts/setup-test-deps.sh (npm ci in web/)"
    );
    assert!(
        truce_server::ui_built(),
        "the UI was not built when truce-server was compiled: run scripts/build-ui.sh, then cargo test again"
    );

    let demo = demo();
    // A reviewer's verdict on the incident holding the first event, as `truce
    // incidents verdict` stores it: the incident page shows it beside the status.
    let mut store = truce_store_sqlite::SqliteStore::open(&demo.path).unwrap();
    let verdict = serde_json::json!({"op": "verdict", "incident": 1,
        "verdict": {"kind": "pending", "reviewer": "ana", "note": "waiting for a third report"}});
    truce_store::Store::add_incident_correction(&mut store, "ana", &verdict.to_string()).unwrap();
    drop(store);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(truce_server::serve_on(demo.state.clone(), listener, async {
        stopped.await.ok();
    }));

    let screenshots = repo().join("target/screenshots");
    std::fs::create_dir_all(&screenshots).unwrap();
    let started = Instant::now();
    let output = Command::new("node")
        .arg(web.join("e2e/run.mjs"))
        .current_dir(&web)
        .env("TRUCE_URL", format!("http://{addr}"))
        .env("TRUCE_CHROMIUM", &chromium)
        .env("TRUCE_SCREENSHOTS", &screenshots)
        .env("TRUCE_ANALYST", format!("{}:{}", ANALYST.0, ANALYST.1))
        .env("TRUCE_VIEWER", format!("{}:{}", VIEWER.0, VIEWER.1))
        .env("TRUCE_ADMIN", format!("{}:{}", ADMIN.0, ADMIN.1))
        .output()
        .expect("running node web/e2e/run.mjs (is Node.js installed?)");
    let log = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    println!("{log}\nbrowser checks took {:.1} s", started.elapsed().as_secs_f64());
    let _ = stop.send(());
    runtime.block_on(server).unwrap().unwrap();
    assert!(output.status.success(), "the browser checks failed:\n{log}");
}
