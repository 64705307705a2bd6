//! The API in process: every endpoint, sessions and roles, CSRF, pagination
//! limits, ETags, JSON errors, hostile text, the review trail.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;
use truce_store::{Store, UserRole};
use truce_store_sqlite::SqliteStore;

use crate::{ADMIN, ANALYST, VIEWER, demo};

struct Client {
    app: Router,
    cookie: Option<String>,
    csrf: Option<String>,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    /// The error code of a JSON error body, checking its shape.
    fn code(&self) -> String {
        let v = self.json();
        assert!(v["error"]["message"].is_string(), "{}", self.text);
        assert!(self.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
        v["error"]["code"].as_str().unwrap().to_owned()
    }
}

impl Client {
    fn new(app: &Router) -> Client {
        Client { app: app.clone(), cookie: None, csrf: None }
    }

    async fn send(&self, method: Method, uri: &str, body: Option<Value>, extra: &[(&str, &str)]) -> Answer {
        let mut req = Request::builder().method(method).uri(uri).header(header::HOST, "127.0.0.1:8080");
        if let Some(cookie) = &self.cookie {
            req = req.header(header::COOKIE, cookie);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let body = match body {
            Some(v) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        let res = self.app.clone().oneshot(req.body(body).unwrap()).await.unwrap();
        let (parts, body) = res.into_parts();
        let bytes = to_bytes(body, usize::MAX).await.unwrap();
        Answer { status: parts.status, headers: parts.headers, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.send(Method::GET, uri, None, &[]).await
    }

    /// A write as the UI sends it: JSON, the CSRF header, same origin.
    async fn post(&self, uri: &str, body: Value) -> Answer {
        let csrf = self.csrf.clone().unwrap_or_default();
        self.send(Method::POST, uri, Some(body), &[("x-csrf-token", &csrf), ("origin", "http://127.0.0.1:8080")]).await
    }

    async fn login(app: &Router, (name, password): (&str, &str)) -> Client {
        let mut client = Client::new(app);
        let a = client.send(Method::POST, "/api/login", Some(json!({ "name": name, "password": password })), &[]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.text);
        let set = a.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
        for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(set.contains(attr), "{set}");
        }
        client.cookie = Some(set.split(';').next().unwrap().to_owned());
        client.csrf = Some(a.json()["csrf_token"].as_str().unwrap().to_owned());
        assert_eq!(a.json()["user"]["name"], name);
        client
    }
}

fn app() -> (Router, crate::Demo) {
    let demo = demo();
    (truce_server::router(demo.state.clone()), demo)
}

/// The id of the first event whose sentence contains `needle`.
async fn event_with(c: &Client, needle: &str) -> i64 {
    let events = c.get("/api/events?limit=500").await.json();
    events["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no event with {needle:?}"))["event_id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn data_needs_a_session_and_errors_are_json() {
    let (app, _demo) = app();
    let anon = Client::new(&app);
    for path in
        ["/api/events", "/api/documents", "/api/stats", "/api/zones?date=2021-01-01", "/api/me", "/api/search?q=x"]
    {
        let a = anon.get(path).await;
        assert_eq!((a.status, a.code().as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"), "{path}");
    }
    let wrong = anon.send(Method::POST, "/api/login", Some(json!({"name": "ana", "password": "nope"})), &[]).await;
    assert_eq!((wrong.status, wrong.code().as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    let nobody = anon.send(Method::POST, "/api/login", Some(json!({"name": "nobody", "password": "nope"})), &[]).await;
    assert_eq!(nobody.json(), wrong.json(), "an unknown name answers like a wrong password");
    let forged = Client { cookie: Some(format!("truce_session={}", "ab".repeat(32))), ..Client::new(&app) };
    assert_eq!(forged.get("/api/events").await.code(), "unauthorized");

    let c = Client::login(&app, VIEWER).await;
    let a = c.get("/api/no/such/thing").await;
    assert_eq!((a.status, a.code().as_str()), (StatusCode::NOT_FOUND, "not_found"));
    let a = c.get("/api/events/999999").await;
    assert_eq!((a.status, a.code().as_str()), (StatusCode::NOT_FOUND, "not_found"));
    let a = c.get("/api/events/abc").await;
    assert_eq!((a.status, a.code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
    let a = c.get("/api/documents/no-such-document.txt").await;
    assert_eq!(a.code(), "not_found");
    let a = c.send(Method::DELETE, "/api/events", None, &[]).await;
    assert_eq!((a.status, a.code().as_str()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"));
    let a = c.get("/api/events?type=shelling").await;
    assert_eq!(a.code(), "bad_request");
    assert!(a.json()["error"]["message"].as_str().unwrap().contains("shelling"));
    let a = c.get("/api/events?from=yesterday").await;
    assert_eq!(a.code(), "bad_request");
    let a = c.get("/api/events?bbox=1,2,3").await;
    assert_eq!(a.code(), "bad_request");

    // Bodies: not JSON, not JSON-typed, too large.
    let bad = anon.send(Method::POST, "/api/login", None, &[("content-type", "application/json")]).await;
    assert_eq!(bad.code(), "bad_request");
    let typed = anon.send(Method::POST, "/api/login", None, &[("content-type", "text/plain")]).await;
    assert_eq!((typed.status, typed.code().as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
    let huge = json!({ "name": "x".repeat(100_000), "password": "y" });
    let big = anon.send(Method::POST, "/api/login", Some(huge), &[]).await;
    assert_eq!((big.status, big.code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));
}

#[tokio::test]
async fn every_endpoint_answers() {
    let (app, _demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let me = c.get("/api/me").await.json();
    assert_eq!((me["user"]["name"].as_str(), me["user"]["role"].as_str()), (Some("vera"), Some("viewer")));

    let stats = c.get("/api/stats").await.json();
    assert_eq!(stats["documents"], 12);
    let n_events = stats["events"].as_u64().unwrap();
    assert!(n_events >= 20, "{stats}");

    let docs = c.get("/api/documents").await.json();
    assert_eq!(docs["total"], 12);
    let doc = c.get("/api/documents/08_lachin-road-protest.txt").await.json();
    assert!(doc["clean_text"].as_str().unwrap().contains("sit-in"));
    assert!(!doc["events"].as_array().unwrap().is_empty());
    let by_id = c.get(&format!("/api/documents/{}", doc["document"]["doc_id"])).await.json();
    assert_eq!(by_id["document"], doc["document"]);

    let events = c.get("/api/events?limit=500").await.json();
    assert_eq!(events["total"].as_u64(), Some(n_events));
    let first = &events["items"][0];
    for key in ["event_id", "doc_id", "type", "places", "claims", "text", "span", "status", "review_state", "zones"] {
        assert!(first.get(key).is_some(), "{key} missing: {first}");
    }
    let id = first["event_id"].as_i64().unwrap();
    let detail = c.get(&format!("/api/events/{id}")).await.json();
    assert_eq!(detail["event"], *first);
    assert_eq!(detail["history"], json!([]));
    assert_eq!(detail["extracted"]["type"], first["type"]);
    assert_eq!(c.get(&format!("/api/events/{id}/history")).await.json(), json!([]));

    let daily = c.get("/api/events/daily").await.json();
    let counted: u64 = daily["days"].as_array().unwrap().iter().map(|d| d["count"].as_u64().unwrap()).sum();
    assert_eq!(counted + daily["undated"].as_u64().unwrap(), n_events);

    let claims = c.get("/api/claims?stance=denied").await.json();
    assert!(claims["total"].as_u64().unwrap() >= 1);
    assert!(claims["items"].as_array().unwrap().iter().all(|r| r["stance"] == "denied"));

    let places = c.get("/api/places").await.json();
    assert!(places["items"].as_array().unwrap().iter().all(|p| p["events"].as_u64().unwrap() >= 1));
    let lookup = c.get("/api/places?q=Stepanakert").await.json();
    let khankendi = &lookup["items"][0];
    assert_eq!(khankendi["name"], "Khankendi");
    assert!(khankendi["lat"].as_f64().unwrap() > 39.0 && khankendi["lon"].as_f64().unwrap() > 46.0);

    let roads = c.get("/api/map/roads").await;
    assert_eq!(roads.headers[header::CONTENT_TYPE], "application/geo+json");
    let roads = roads.json();
    assert!(roads["features"].as_array().unwrap().iter().any(|f| f["properties"]["kind"] == "checkpoint"));
    assert!(roads["features"].as_array().unwrap().iter().any(|f| f["geometry"]["type"] == "LineString"));

    let facets = c.get("/api/facets").await.json();
    assert!(facets["zones"].as_array().unwrap().contains(&json!("peacekeeping-zone")));

    let found = c.get("/api/search?q=sit-in+Lachin").await.json();
    assert!(
        found["documents"].as_array().unwrap().iter().any(|d| d["name"] == "08_lachin-road-protest.txt"),
        "{found}"
    );
    let none = c.get("/api/search?q=%22%28*").await.json();
    assert_eq!((none["documents"].as_array().unwrap().len(), none["events"].as_array().unwrap().len()), (0, 0));

    // The OpenAPI document needs no session and is generated from the code.
    let spec = Client::new(&app).get("/api/openapi.json").await.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    for path in
        ["/api/events", "/api/events/{id}/review", "/api/zones", "/api/search", "/api/login", "/api/documents/{key}",
         "/api/incidents/{id}/split", "/api/incidents/merge", "/api/incidents/{id}/verdict",
         "/api/incidents/{id}/history", "/api/incidents/daily"]
    {
        assert!(spec["paths"].get(path).is_some(), "{path} missing from the OpenAPI document");
    }
    assert!(spec["components"]["schemas"].get("EventOut").is_some());
}

#[tokio::test]
async fn filters() {
    let (app, _demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let all = c.get("/api/events?limit=500").await.json();
    let items = all["items"].as_array().unwrap();
    let ids = |v: &Value| -> Vec<i64> {
        v["items"].as_array().unwrap().iter().map(|e| e["event_id"].as_i64().unwrap()).collect()
    };

    let protests = c.get("/api/events?type=protest").await.json();
    assert!(protests["total"].as_u64().unwrap() >= 1);
    assert!(protests["items"].as_array().unwrap().iter().all(|e| e["type"] == "protest"));
    let two = c.get("/api/events?type=protest,firing&limit=500").await.json();
    assert!(two["items"].as_array().unwrap().iter().all(|e| e["type"] == "protest" || e["type"] == "firing"));

    let disputed = c.get("/api/events?status=disputed&limit=500").await.json();
    let expected: Vec<i64> =
        items.iter().filter(|e| e["status"] == "disputed").map(|e| e["event_id"].as_i64().unwrap()).collect();
    assert_eq!(ids(&disputed), expected);
    assert!(!expected.is_empty(), "the demo has disputed events");

    // Dates overlap the period; a place in any spelling; actors; zones; boxes.
    let dec22 = c.get("/api/events?from=2022-12-01&to=2022-12-31&limit=500").await.json();
    assert!(dec22["items"].as_array().unwrap().iter().all(|e| {
        let d = e["date"].as_str().unwrap();
        d.starts_with("2022") || d <= "2022-12-31"
    }));
    assert!(dec22["total"].as_u64().unwrap() >= 1);
    let at = c.get("/api/events?place=Stepanakert&limit=500").await.json();
    assert!(
        at["items"].as_array().unwrap().iter().all(|e| e["places"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Khankendi"))
    );
    let in_zone = c.get("/api/events?zone=peacekeeping-zone&limit=500").await.json();
    assert!(in_zone["total"].as_u64().unwrap() >= 1, "some demo events lie in the peacekeeping zone");
    assert!(
        in_zone["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["zones"].as_array().unwrap().contains(&json!("peacekeeping-zone")))
    );
    let boxed = c.get("/api/events?bbox=46.0,39.0,47.5,40.5&limit=500").await.json();
    let nowhere = c.get("/api/events?bbox=0,0,1,1").await.json();
    assert!(boxed["total"].as_u64().unwrap() >= 1);
    assert_eq!(nowhere["total"], 0);
    let actor = items.iter().find_map(|e| e["actors"][0]["name"].as_str()).unwrap();
    let by_actor =
        c.get(&format!("/api/events?actor={}&limit=500", actor.replace(' ', "+").to_uppercase())).await.json();
    assert!(by_actor["total"].as_u64().unwrap() >= 1, "actor {actor}");
    let bad = c.get("/api/events?status=true").await;
    assert_eq!(bad.code(), "bad_request");
}

#[tokio::test]
async fn pagination_has_limits() {
    let (app, _demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let all = c.get("/api/events?limit=500").await.json();
    let total = all["total"].as_u64().unwrap() as usize;
    let page = c.get("/api/events?limit=2&offset=1").await.json();
    assert_eq!(
        (page["limit"].as_u64(), page["offset"].as_u64(), page["total"].as_u64()),
        (Some(2), Some(1), Some(total as u64))
    );
    assert_eq!(page["items"].as_array().unwrap()[..], all["items"].as_array().unwrap()[1..3]);
    let default = c.get("/api/events").await.json();
    assert_eq!(default["limit"], truce_server::DEFAULT_PAGE);
    let past = c.get(&format!("/api/events?offset={}", total + 10)).await.json();
    assert_eq!(past["items"], json!([]));
    for bad in ["limit=0", "limit=501", "limit=-1", "limit=ten", "offset=-3"] {
        for path in ["/api/events", "/api/documents", "/api/claims", "/api/places"] {
            let a = c.get(&format!("{path}?{bad}")).await;
            assert_eq!((a.status, a.code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"), "{path}?{bad}");
        }
    }
    assert_eq!(c.get("/api/search?q=road&limit=101").await.code(), "bad_request");
}

#[tokio::test]
async fn etags_answer_304_until_the_data_changes() {
    let (app, _demo) = app();
    let c = Client::login(&app, ANALYST).await;
    let first = c.get("/api/events?limit=500").await;
    let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
    let again = c.send(Method::GET, "/api/events?limit=500", None, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.text.is_empty());
    assert_eq!(again.headers[header::ETAG], etag.as_str());
    let other = c.send(Method::GET, "/api/events?limit=500", None, &[("if-none-match", "\"0000\"")]).await;
    assert_eq!(other.status, StatusCode::OK);

    let id = first.json()["items"][0]["event_id"].as_i64().unwrap();
    assert_eq!(
        c.post(&format!("/api/events/{id}/review"), json!({"action": "reject"})).await.status,
        StatusCode::CREATED
    );
    let changed = c.send(Method::GET, "/api/events?limit=500", None, &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status, StatusCode::OK, "a review changes the list");
    assert_ne!(changed.headers[header::ETAG], etag.as_str());
}

#[tokio::test]
async fn writes_need_the_csrf_token_and_the_same_origin() {
    let (app, _demo) = app();
    let c = Client::login(&app, ANALYST).await;
    let id = c.get("/api/events").await.json()["items"][0]["event_id"].as_i64().unwrap();
    let uri = format!("/api/events/{id}/review");
    let body = json!({"action": "accept"});

    let none = c.send(Method::POST, &uri, Some(body.clone()), &[]).await;
    assert_eq!((none.status, none.code().as_str()), (StatusCode::FORBIDDEN, "csrf_failed"));
    let wrong = c.send(Method::POST, &uri, Some(body.clone()), &[("x-csrf-token", "0123")]).await;
    assert_eq!(wrong.code(), "csrf_failed");
    let csrf = c.csrf.clone().unwrap();
    let foreign = c
        .send(Method::POST, &uri, Some(body.clone()), &[("x-csrf-token", &csrf), ("origin", "https://evil.example")])
        .await;
    assert_eq!(foreign.code(), "csrf_failed");
    let cross = c
        .send(Method::POST, &uri, Some(body.clone()), &[("x-csrf-token", &csrf), ("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(cross.code(), "csrf_failed");
    let foreign_login = Client::new(&app)
        .send(
            Method::POST,
            "/api/login",
            Some(json!({"name": "ana", "password": ANALYST.1})),
            &[("origin", "http://evil.example")],
        )
        .await;
    assert_eq!(foreign_login.code(), "csrf_failed");
    assert_eq!(c.get(&format!("/api/events/{id}/history")).await.json(), json!([]), "nothing refused was written");

    let ok = c.post(&uri, body).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text);

    // Logging out needs the token too, then the session is gone.
    let out = c.send(Method::POST, "/api/logout", None, &[]).await;
    assert_eq!(out.code(), "csrf_failed");
    let out = c.send(Method::POST, "/api/logout", None, &[("x-csrf-token", &csrf)]).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(c.get("/api/events").await.code(), "unauthorized");
}

#[tokio::test]
async fn roles_decide_who_writes() {
    let (app, _demo) = app();
    let viewer = Client::login(&app, VIEWER).await;
    let id = viewer.get("/api/events").await.json()["items"][0]["event_id"].as_i64().unwrap();
    let a = viewer.post(&format!("/api/events/{id}/review"), json!({"action": "accept"})).await;
    assert_eq!((a.status, a.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"));
    assert_eq!(viewer.get(&format!("/api/events/{id}/history")).await.json(), json!([]));
    assert_eq!(viewer.get("/api/users").await.code(), "forbidden");

    let analyst = Client::login(&app, ANALYST).await;
    let a = analyst.post("/api/users", json!({"name": "eve", "role": "admin"})).await;
    assert_eq!(a.code(), "forbidden");

    let admin = Client::login(&app, ADMIN).await;
    let made = admin.post("/api/users", json!({"name": "new-analyst", "role": "analyst"})).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let password = made.json()["password"].as_str().unwrap().to_owned();
    assert_eq!(password.len(), 20);
    let newcomer = Client::login(&app, ("new-analyst", &password)).await;
    assert_eq!(
        newcomer.post(&format!("/api/events/{id}/review"), json!({"action": "accept"})).await.status,
        StatusCode::CREATED
    );
    assert_eq!(admin.post("/api/users", json!({"name": "new-analyst", "role": "viewer"})).await.code(), "conflict");
    assert_eq!(admin.post("/api/users", json!({"name": "x", "role": "boss"})).await.code(), "validation_failed");
    assert_eq!(
        admin.post("/api/users", json!({"name": " padded", "role": "viewer"})).await.code(),
        "validation_failed"
    );
    let listed = admin.get("/api/users").await.json();
    assert_eq!(listed.as_array().unwrap().len(), 4);
    assert!(!listed.to_string().contains("argon2"), "hashes never leave the server");
}

#[tokio::test]
async fn a_correction_is_recorded_and_the_extracted_record_kept() {
    let (app, demo) = app();
    let c = Client::login(&app, ANALYST).await;
    let id = event_with(&c, "sit-in").await;
    let before = c.get(&format!("/api/events/{id}")).await.json();
    let fields = json!({
        "type": "obstruction", "date": "2022-12-12", "date_end": "2022-12-16",
        "places": ["Shushi", "Lachin corridor"],
        "actors": [{"name": "Azerbaijani activists", "role": "perpetrator"}],
        "killed": 0, "injured": null
    });
    let made = c
        .post(&format!("/api/events/{id}/review"), json!({"action": "correct", "fields": fields, "note": "a blockade"}))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let made = made.json();
    assert_eq!((made["user"].as_str(), made["action"].as_str()), (Some("ana"), Some("correct")));
    assert_eq!(made["before"]["type"], before["event"]["type"]);
    assert_eq!(made["after"]["places"], json!(["Shusha", "Lachin corridor"]), "stored by canonical name");

    let after = c.get(&format!("/api/events/{id}")).await.json();
    assert_eq!(
        (after["event"]["type"].as_str(), after["event"]["review_state"].as_str()),
        (Some("obstruction"), Some("corrected"))
    );
    assert_eq!(after["event"]["date_end"], "2022-12-16");
    assert_eq!(after["extracted"], before["extracted"], "the extracted fields are kept");
    assert_eq!(after["event"]["text"], before["event"]["text"], "the sentence is never corrected");
    assert_eq!(after["history"].as_array().unwrap().len(), 1);
    assert_eq!(after["history"][0]["note"], "a blockade");
    let obstructions = c.get("/api/events?type=obstruction&limit=500").await.json();
    assert!(
        obstructions["items"].as_array().unwrap().iter().any(|e| e["event_id"] == id),
        "filters see the correction"
    );

    let rejected =
        c.post(&format!("/api/events/{id}/review"), json!({"action": "reject", "note": "not an event"})).await.json();
    assert_eq!(rejected["before"], rejected["after"]);
    assert_eq!(rejected["before"]["type"], "obstruction");
    let history = c.get(&format!("/api/events/{id}/history")).await.json();
    assert_eq!(
        history.as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect::<Vec<_>>(),
        ["correct", "reject"]
    );
    assert_eq!(c.get(&format!("/api/events/{id}")).await.json()["event"]["review_state"], "rejected");

    // Refused corrections write nothing.
    for (body, says) in [
        (json!({"action": "correct"}), "fields"),
        (json!({"action": "accept", "fields": fields}), "fields"),
        (json!({"action": "approve"}), "approve"),
        (json!({"action": "correct", "fields": {"type": "shelling", "date": null}}), "shelling"),
        (json!({"action": "correct", "fields": {"type": "firing", "date": "2022-13-01"}}), "date"),
        (
            json!({"action": "correct", "fields": {"type": "firing", "date": "2022-12-12", "date_end": "2022-12-01"}}),
            "before",
        ),
        (json!({"action": "correct", "fields": {"type": "firing", "date": null, "places": ["Atlantis"]}}), "Atlantis"),
        (
            json!({"action": "correct", "fields": {"type": "firing", "date": null, "actors": [{"name": "X", "role": "hero"}]}}),
            "hero",
        ),
        (json!({"action": "correct", "fields": {"type": "firing", "date": null, "killed": -1}}), ""),
        (json!({"action": "accept", "extra": 1}), "extra"),
    ] {
        let a = c.post(&format!("/api/events/{id}/review"), body.clone()).await;
        assert_eq!(a.code(), "validation_failed", "{body}: {}", a.text);
        assert!(a.text.contains(says), "{body}: {}", a.text);
    }
    assert_eq!(c.get(&format!("/api/events/{id}/history")).await.json().as_array().unwrap().len(), 2);
    assert_eq!(c.post("/api/events/999999/review", json!({"action": "accept"})).await.code(), "not_found");

    // In the database: the extracted row as it was, two corrections.
    let store = SqliteStore::open(&demo.path).unwrap();
    assert_eq!(
        store.event(id).unwrap().unwrap().record.event_type.code(),
        before["extracted"]["type"].as_str().unwrap()
    );
    assert_eq!(store.history(id).unwrap().len(), 2);
}

#[tokio::test]
async fn hostile_text_is_served_as_escaped_json() {
    let (app, _demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let a = c.get("/api/documents/08_lachin-road-protest.txt").await;
    assert_eq!(a.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(a.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(!a.text.contains("<script>"), "raw markup in the body");
    assert!(a.text.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    assert!(
        a.json()["clean_text"].as_str().unwrap().contains("<script>alert(1)</script>"),
        "the same text once parsed"
    );
    let found = c.get("/api/search?q=script+alert").await;
    assert!(!found.text.contains("<script>"));

    let page = Client::new(&app).get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(page.headers[header::X_FRAME_OPTIONS], "DENY");
}

#[tokio::test]
async fn zones_are_given_for_a_date_and_labelled_illustrative() {
    let (app, _demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let geometry = |v: &Value| {
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["properties"]["name"] == "peacekeeping-zone")
            .map(|f| f["geometry"].clone())
    };
    let before = c.get("/api/zones?date=2020-12-12").await;
    assert_eq!(before.headers[header::CONTENT_TYPE], "application/geo+json");
    let before = before.json();
    let after = c.get("/api/zones?date=2020-12-14").await.json();
    assert_eq!((before["type"].as_str(), before["illustrative"].as_bool()), (Some("FeatureCollection"), Some(true)));
    assert!(before["note"].as_str().unwrap().starts_with("Illustrative"));
    assert!(before["features"].as_array().unwrap().iter().all(|f| f["properties"]["illustrative"] == true));
    let (b, a) = (geometry(&before).unwrap(), geometry(&after).unwrap());
    assert_ne!(b, a, "the zone was redrawn on 13 December 2020");
    let from = |v: &Value| -> Vec<String> {
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["properties"]["name"] == "peacekeeping-zone")
            .map(|f| f["properties"]["from"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!((from(&before), from(&after)), (vec!["2020-11-10".to_owned()], vec!["2020-12-13".to_owned()]));
    let none = c.get("/api/zones?date=2019-01-01").await.json();
    assert_eq!(none["features"], json!([]));
    assert_eq!(c.get("/api/zones").await.code(), "bad_request");
    assert_eq!(c.get("/api/zones?date=--12-12").await.code(), "bad_request");
}

#[test]
fn users_are_added_with_hashed_passwords_and_the_demo_admin_once() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let given = truce_server::users::add_user(&mut store, "nina", UserRole::Analyst, Some("long enough")).unwrap();
    assert_eq!(given, "long enough");
    let stored = store.user("nina").unwrap().unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$") && !stored.password_hash.contains("long enough"));
    assert!(truce_server::users::verify_password(&stored.password_hash, "long enough"));
    assert!(!truce_server::users::verify_password(&stored.password_hash, "long enougH"));
    let generated = truce_server::users::add_user(&mut store, "otto", UserRole::Viewer, None).unwrap();
    assert_eq!(generated.len(), 20);
    assert!(truce_server::users::add_user(&mut store, "otto", UserRole::Viewer, None).is_err());
    assert!(truce_server::users::add_user(&mut store, "short", UserRole::Viewer, Some("1234567")).is_err());
    assert!(truce_server::users::add_user(&mut store, "", UserRole::Viewer, None).is_err());

    let password = truce_server::users::ensure_admin(&mut store).unwrap().expect("a first admin");
    let admin = store.user(truce_server::users::DEMO_ADMIN).unwrap().unwrap();
    assert_eq!(admin.user.role, UserRole::Admin);
    assert!(truce_server::users::verify_password(&admin.password_hash, &password));
    assert_eq!(truce_server::users::ensure_admin(&mut store).unwrap(), None, "only once");
}

#[tokio::test]
async fn incidents_merge_reports_and_keep_every_claim() {
    let (app, _demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let events = c.get("/api/events?limit=500").await.json();
    let n_events = events["total"].as_u64().unwrap();
    let all = c.get("/api/incidents?limit=500").await;
    assert!(all.headers.get(header::ETAG).is_some());
    let all = all.json();
    let items = all["items"].as_array().unwrap();
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 10 && total < n_events, "{total} incidents from {n_events} events");
    let covered: u64 = items.iter().map(|i| i["event_ids"].as_array().unwrap().len() as u64).sum();
    assert_eq!(covered, n_events, "every event is in exactly one incident");
    for i in items {
        for key in ["incident_id", "type", "places", "status", "sources", "deniers", "zones", "provisions"] {
            assert!(i.get(key).is_some(), "{key} missing: {i}");
        }
        assert!(["single_source", "corroborated", "disputed"].contains(&i["status"].as_str().unwrap()), "{i}");
    }

    // A merged, disputed incident: the Azerbaijani statement and the Armenian denial.
    let merged = items
        .iter()
        .find(|i| i["documents"].as_u64() > Some(1) && i["status"] == "disputed")
        .expect("a disputed incident told by two documents");
    let id = merged["incident_id"].as_i64().unwrap();
    let detail = c.get(&format!("/api/incidents/{id}")).await.json();
    assert_eq!(detail["incident"], *merged);
    let claims = detail["claims"].as_array().unwrap();
    assert!(claims.iter().any(|c| c["stance"] == "asserted") && claims.iter().any(|c| c["stance"] == "denied"));
    for claim in claims {
        // Each claim's sentence is where its span says in its document's clean text.
        let doc = c.get(&format!("/api/documents/{}", claim["doc_id"])).await.json();
        let text: Vec<char> = doc["clean_text"].as_str().unwrap().chars().collect();
        let [s, e] = [claim["span"][0].as_u64().unwrap() as usize, claim["span"][1].as_u64().unwrap() as usize];
        assert_eq!(text[s..e].iter().collect::<String>(), claim["text"].as_str().unwrap());
    }
    assert_eq!(detail["events"].as_array().unwrap().len(), merged["event_ids"].as_array().unwrap().len());
    let links = detail["links"].as_array().unwrap();
    assert!(!links.is_empty(), "merge reasons are given");
    assert!(links[0]["reasons"].as_array().unwrap().iter().all(|r| r["kind"].is_string() && r["text"].is_string()));
    let provisions = detail["provisions"].as_array().unwrap();
    assert!(!provisions.is_empty(), "{detail}");
    for p in provisions {
        let wording = p["wording"].as_str().unwrap();
        assert!(wording.contains("if so"), "{wording}");
        assert!(!wording.to_lowercase().contains("violated") && !wording.to_lowercase().contains("breached"));
    }
    assert_eq!(detail["agreement"]["id"].as_str().map(|s| !s.is_empty()), Some(true));
    // Zones valid on its date, each place measured to the edge.
    let placements = detail["zone_placements"].as_array().unwrap();
    assert!(!placements.is_empty(), "{detail}");
    assert!(placements.iter().all(|p| p["distance_to_edge_km"].as_f64().unwrap() >= 0.0 && p["illustrative"] == true));
    let first_event = merged["event_ids"][0].as_i64().unwrap();
    assert_eq!(c.get(&format!("/api/events/{first_event}")).await.json()["incident_id"], id);

    // Filters.
    let disputed = c.get("/api/incidents?status=disputed&limit=500").await.json();
    let expected = items.iter().filter(|i| i["status"] == "disputed").count() as u64;
    assert_eq!(disputed["total"].as_u64(), Some(expected));
    let firing = c.get("/api/incidents?type=firing&limit=500").await.json();
    assert!(
        firing["items"].as_array().unwrap().iter().all(|i| i["types"].as_array().unwrap().contains(&json!("firing")))
    );
    let dec22 = c.get("/api/incidents?from=2022-12&to=2022-12&limit=500").await.json();
    assert!(dec22["total"].as_u64().unwrap() >= 1);
    assert!(
        dec22["items"].as_array().unwrap().iter().all(
            |i| i["first_day"].as_str().unwrap() <= "2022-12-31" && i["last_day"].as_str().unwrap() >= "2022-12-01"
        )
    );
    let at = c.get("/api/incidents?place=Stepanakert&limit=500").await.json();
    assert!(at["total"].as_u64().unwrap() >= 1);
    assert!(
        at["items"].as_array().unwrap().iter().all(|i| i["places"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Khankendi"))
    );
    let in_zone = c.get("/api/incidents?zone=peacekeeping-zone&limit=500").await.json();
    assert!(in_zone["total"].as_u64().unwrap() >= 1);
    assert_eq!(c.get("/api/incidents?bbox=0,0,1,1").await.json()["total"], 0);
    let page = c.get("/api/incidents?limit=2&offset=1").await.json();
    assert_eq!(page["items"].as_array().unwrap()[..], items[1..3]);
    for bad in ["status=unattributed", "type=shelling", "from=--12-12", "to=soon", "bbox=1,2", "limit=0", "offset=x"] {
        let a = c.get(&format!("/api/incidents?{bad}")).await;
        assert_eq!((a.status, a.code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"), "{bad}");
    }
    assert_eq!(c.get("/api/incidents/999999").await.code(), "not_found");
    assert_eq!(c.get("/api/incidents/abc").await.code(), "bad_request");
}

#[tokio::test]
async fn a_rejected_event_leaves_its_incident() {
    let (app, _demo) = app();
    let c = Client::login(&app, ANALYST).await;
    let items = c.get("/api/incidents?limit=500").await.json()["items"].as_array().unwrap().clone();
    let merged = items.iter().find(|i| i["event_ids"].as_array().unwrap().len() > 1).expect("a merged incident");
    let ids: Vec<i64> = merged["event_ids"].as_array().unwrap().iter().map(|e| e.as_i64().unwrap()).collect();
    let last = *ids.last().unwrap();
    assert_eq!(
        c.post(&format!("/api/events/{last}/review"), json!({"action": "reject"})).await.status,
        StatusCode::CREATED
    );
    let after = c.get(&format!("/api/incidents/{}", ids[0])).await.json();
    let now: Vec<i64> =
        after["incident"]["event_ids"].as_array().unwrap().iter().map(|e| e.as_i64().unwrap()).collect();
    assert_eq!(now, ids[..ids.len() - 1], "the view was rebuilt without the rejected event");
    assert_eq!(c.get(&format!("/api/events/{last}")).await.json()["incident_id"], Value::Null);
}

#[tokio::test]
async fn assessments_counts_and_the_bulletin() {
    let (app, _demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let all = c.get("/api/assessments?limit=500").await.json();
    let items = all["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for a in items {
        assert!(a["wording"].as_str().unwrap().contains("if so"), "{a}");
        assert!(!a["claims"].as_array().unwrap().is_empty());
        assert!(a["engagements"].as_array().unwrap().iter().all(|e| e["wording"].as_str().unwrap().contains("if so")));
    }
    let dec22 = c.get("/api/assessments?from=2022-12-01&to=2022-12-31").await.json();
    assert!(dec22["total"].as_u64().unwrap() < all["total"].as_u64().unwrap());
    assert_eq!(c.get("/api/assessments?from=yesterday").await.code(), "bad_request");

    let counts = c.get("/api/counts").await.json();
    let claimants = counts["claimants"].as_array().unwrap();
    let az = claimants.iter().find(|x| x["claimant"] == "Ministry of Defense of Azerbaijan").expect("{counts}");
    let am = claimants.iter().find(|x| x["claimant"] == "Ministry of Defense of Armenia").expect("{counts}");
    assert!(az["asserted"].as_u64().unwrap() >= 1 && am["denied"].as_u64().unwrap() >= 1, "{counts}");
    assert!(counts["incidents"].as_u64().unwrap() >= 10);
    let july21 = c.get("/api/counts?from=2021-07&to=2021-07").await.json();
    assert!(july21["incidents"].as_u64().unwrap() < counts["incidents"].as_u64().unwrap());
    assert_eq!(july21["from"], "2021-07");

    let md = c.get("/api/report?from=2020-11-10&to=2023-12-31").await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(md.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/markdown"));
    assert!(md.text.contains("if so"), "{}", md.text);
    let html = c.get("/api/report?from=2020-11-10&to=2023-12-31&format=html").await;
    assert!(html.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    assert!(html.text.contains("<svg") && html.text.contains("if so"));
    assert!(!html.text.contains("<script"), "source text is escaped in the bulletin");
    let csp = html.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'none'"), "{csp}");
    assert!(csp.contains("style-src 'sha256-") && !csp.contains("unsafe"), "{csp}");
    assert!(html.headers.get(header::ETAG).is_some());
    for bad in ["", "?from=2022-01-01", "?to=2022-01-01", "?from=2022-02&to=2022-01", "?from=2022&to=2022&format=pdf"] {
        let a = c.get(&format!("/api/report{bad}")).await;
        assert_eq!((a.status, a.code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"), "{bad}");
    }

    let anon = Client::new(&app);
    for path in
        ["/api/incidents", "/api/incidents/1", "/api/assessments", "/api/counts", "/api/report?from=2022&to=2022"]
    {
        assert_eq!(anon.get(path).await.code(), "unauthorized", "{path}");
    }
    let spec = anon.get("/api/openapi.json").await.json();
    for path in ["/api/incidents", "/api/incidents/{id}", "/api/assessments", "/api/counts", "/api/report"] {
        assert!(spec["paths"].get(path).is_some(), "{path} missing from the OpenAPI document");
    }
    for schema in ["IncidentOut", "IncidentDetail", "EngagementOut", "AssessmentPage", "CountsOut"] {
        assert!(spec["components"]["schemas"].get(schema).is_some(), "{schema}");
    }
}

#[tokio::test]
async fn stored_incident_corrections_and_zone_imports_shape_what_is_served() {
    let (app, demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let before = c.get("/api/incidents?limit=500").await.json();
    let merged = before["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["event_ids"].as_array().unwrap().len() > 1)
        .expect("a merged incident")
        .clone();
    let ids: Vec<i64> = merged["event_ids"].as_array().unwrap().iter().map(|e| e.as_i64().unwrap()).collect();
    let last = *ids.last().unwrap();

    // As `truce incidents split|verdict` and `truce zones import` store them (the CLI's ground state).
    let mut store = SqliteStore::open(&demo.path).unwrap();
    let split = json!({"op": "split", "incident": ids[0], "events": [last]});
    store.add_incident_correction("ana", &split.to_string()).unwrap();
    let verdict = json!({"op": "verdict", "incident": ids[0],
        "verdict": {"kind": "unverifiable", "reviewer": "ana", "note": "no second source"}});
    store.add_incident_correction("ana", &verdict.to_string()).unwrap();
    store.add_incident_correction("ana", &json!({"op": "merge", "a": 999_998, "b": 999_999}).to_string()).unwrap();
    let khankendi = truce_gazetteer::Gazetteer::builtin().resolve("Khankendi").unwrap();
    let (lat, lon) = (khankendi.lat.unwrap(), khankendi.lon.unwrap());
    let ring = json!([
        [lon - 0.1, lat - 0.1],
        [lon + 0.1, lat - 0.1],
        [lon + 0.1, lat + 0.1],
        [lon - 0.1, lat + 0.1],
        [lon - 0.1, lat - 0.1]
    ]);
    let geometry = json!({"type": "Polygon", "coordinates": [ring]}).to_string();
    let row = truce_store::ZoneVersionRow {
        valid_from: "2022-01-01".parse().unwrap(),
        valid_to: None,
        source: "a test map".into(),
        note: String::new(),
        constructed: false,
        geometry: geometry.clone(),
        bbox: [lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1],
    };
    store.put_zone_import("ana", "test.geojson", geometry.as_bytes(), &[("khankendi-test".into(), row)]).unwrap();
    drop(store);

    let after = c.get("/api/incidents?limit=500").await.json();
    assert_eq!(after["total"].as_u64(), before["total"].as_u64().map(|n| n + 1), "the split made one more");
    let warnings = after["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "the merge of unknown events is not applied: {warnings:?}");
    assert!(warnings[0].as_str().unwrap().contains("999998"), "{warnings:?}");
    let kept = c.get(&format!("/api/incidents/{}", ids[0])).await.json();
    let kept_ids: Vec<i64> =
        kept["incident"]["event_ids"].as_array().unwrap().iter().map(|e| e.as_i64().unwrap()).collect();
    assert_eq!(kept_ids, ids[..ids.len() - 1]);
    assert_eq!(kept["incident"]["verdict"]["kind"], "unverifiable");
    // A verdict is shown beside the status computed from the claims, never instead of it.
    let shown = kept["incident"]["shown_status"].as_str().unwrap();
    let computed = kept["incident"]["status"].as_str().unwrap();
    assert!(
        shown.starts_with("unverifiable (reviewer: ana)") && shown.ends_with(&format!("computed: {computed}")),
        "{shown}"
    );
    assert!(!kept["incident"]["corrections"].as_array().unwrap().is_empty());
    let alone = c.get(&format!("/api/incidents/{last}")).await.json();
    assert_eq!(alone["incident"]["event_ids"], json!([last]));

    // The imported map is served beside the shipped ones, not illustrative.
    let zones = c.get("/api/zones?date=2022-12-13").await.json();
    let imported = zones["features"].as_array().unwrap().iter().find(|f| f["properties"]["name"] == "khankendi-test");
    assert_eq!(imported.expect("the imported zone")["properties"]["illustrative"], false);
    assert!(c.get("/api/facets").await.json()["zones"].as_array().unwrap().contains(&json!("khankendi-test")));
    let inside = c.get("/api/incidents?zone=khankendi-test&limit=500").await.json();
    assert!(inside["total"].as_u64().unwrap() >= 1, "an incident at Khankendi after 2022 lies in it");
    let id = inside["items"][0]["incident_id"].as_i64().unwrap();
    let detail = c.get(&format!("/api/incidents/{id}")).await.json();
    let placement = detail["zone_placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["zone"] == "khankendi-test" && p["inside"] == true)
        .expect("placed inside the imported zone");
    assert_eq!(placement["illustrative"], false);
}

fn ids(v: &Value) -> Vec<i64> {
    v.as_array().unwrap().iter().map(|e| e.as_i64().unwrap()).collect()
}

#[tokio::test]
async fn analysts_split_merge_and_give_verdicts_with_a_history() {
    let (app, demo) = app();
    let c = Client::login(&app, ANALYST).await;
    let before = c.get("/api/incidents?limit=500").await.json();
    let total = before["total"].as_u64().unwrap();
    let merged = before["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["event_ids"].as_array().unwrap().len() > 1)
        .expect("a merged incident")
        .clone();
    let id = merged["incident_id"].as_i64().unwrap();
    let events = ids(&merged["event_ids"]);
    let last = *events.last().unwrap();

    // Split the last event off: two incidents, one more in all.
    let a = c.post(&format!("/api/incidents/{id}/split"), json!({"events": [last]})).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    let split = a.json();
    assert_eq!(split["user"], "ana");
    assert_eq!(split["op"], "split");
    let shaped: Vec<Vec<i64>> = split["incidents"].as_array().unwrap().iter().map(|i| ids(&i["event_ids"])).collect();
    assert_eq!(shaped, vec![events[..events.len() - 1].to_vec(), vec![last]]);
    assert_eq!(c.get("/api/incidents?limit=500").await.json()["total"].as_u64(), Some(total + 1));

    // Merge them back: the round trip gives the incident as it was.
    let a = c.post("/api/incidents/merge", json!({"a": id, "b": last})).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    let back = a.json();
    assert_eq!(back["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(ids(&back["incidents"][0]["event_ids"]), events);
    assert_eq!(c.get("/api/incidents?limit=500").await.json()["total"].as_u64(), Some(total));

    // A verdict is shown beside the computed status.
    let a = c.post(&format!("/api/incidents/{id}/verdict"), json!({"status": "not_credible", "note": "one source"})).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    let shown = c.get(&format!("/api/incidents/{id}")).await.json()["incident"].clone();
    assert_eq!(shown["verdict"]["kind"], "not_credible");
    assert_eq!(shown["verdict"]["reviewer"], "ana");
    assert_eq!(shown["verdict"]["note"], "one source");
    let computed = shown["status"].as_str().unwrap();
    assert_eq!(shown["shown_status"], format!("not_credible (reviewer: ana); computed: {computed}"));

    // The history: all three, who and when, membership before and after.
    let history = c.get(&format!("/api/incidents/{id}/history")).await.json();
    let entries = history.as_array().unwrap();
    assert_eq!(entries.iter().map(|h| h["op"].as_str().unwrap()).collect::<Vec<_>>(), ["split", "merge", "verdict"]);
    for h in entries {
        assert_eq!(h["user"], "ana");
        assert_eq!(h["applied"], true);
        assert!(h["created_at"].as_str().unwrap().ends_with('Z'), "{h}");
    }
    assert_eq!(ids(&entries[0]["before"][0]["event_ids"]), events);
    assert_eq!(entries[0]["after"].as_array().unwrap().len(), 2);
    assert_eq!(entries[1]["before"].as_array().unwrap().len(), 2);
    assert_eq!(ids(&entries[1]["after"][0]["event_ids"]), events);
    assert!(entries[2]["after"][0]["shown_status"].as_str().unwrap().starts_with("not_credible"));
    // Stored append-only, with the user, as the CLI stores them.
    let stored = SqliteStore::open(&demo.path).unwrap().incident_corrections().unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored.iter().all(|r| r.user == "ana"));
    assert!(stored[0].json.contains("\"op\":\"split\""), "{}", stored[0].json);

    // A viewer reads the history but writes nothing.
    let v = Client::login(&app, VIEWER).await;
    assert_eq!(v.get(&format!("/api/incidents/{id}/history")).await.json().as_array().unwrap().len(), 3);
    for (uri, body) in [
        (format!("/api/incidents/{id}/split"), json!({"events": [last]})),
        ("/api/incidents/merge".to_owned(), json!({"a": id, "b": last})),
        (format!("/api/incidents/{id}/verdict"), json!({"status": "credible"})),
    ] {
        let a = v.post(&uri, body).await;
        assert_eq!((a.status, a.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{uri}");
    }
    assert_eq!(SqliteStore::open(&demo.path).unwrap().incident_corrections().unwrap().len(), 3);
}

#[tokio::test]
async fn incident_corrections_refused_store_nothing() {
    let (app, demo) = app();
    let c = Client::login(&app, ANALYST).await;
    let list = c.get("/api/incidents?limit=500").await.json();
    let items = list["items"].as_array().unwrap();
    let single = items.iter().find(|i| i["event_ids"].as_array().unwrap().len() == 1).unwrap();
    let id = single["incident_id"].as_i64().unwrap();
    let other = items.iter().find(|i| i["incident_id"] != single["incident_id"]).unwrap()["incident_id"].as_i64().unwrap();
    let csrf = c.csrf.clone().unwrap();

    // Without the CSRF token, or from another origin.
    let uri = format!("/api/incidents/{id}/verdict");
    let body = json!({"status": "credible"});
    let none = c.send(Method::POST, &uri, Some(body.clone()), &[]).await;
    assert_eq!((none.status, none.code().as_str()), (StatusCode::FORBIDDEN, "csrf_failed"));
    let foreign = c
        .send(Method::POST, "/api/incidents/merge", Some(json!({"a": id, "b": other})), &[
            ("x-csrf-token", &csrf),
            ("origin", "https://evil.example"),
        ])
        .await;
    assert_eq!(foreign.code(), "csrf_failed");

    // Unknown incidents: 404.
    for (uri, body) in [
        ("/api/incidents/999999/verdict".to_owned(), json!({"status": "credible"})),
        ("/api/incidents/999999/split".to_owned(), json!({"events": [1]})),
        ("/api/incidents/merge".to_owned(), json!({"a": id, "b": 999_999})),
        ("/api/incidents/merge".to_owned(), json!({"a": 999_999, "b": id})),
    ] {
        let a = c.post(&uri, body).await;
        assert_eq!((a.status, a.code().as_str()), (StatusCode::NOT_FOUND, "not_found"), "{uri}: {}", a.text);
    }
    assert_eq!(c.get("/api/incidents/999999/history").await.code(), "not_found");
    assert_eq!(c.get("/api/incidents/abc/history").await.code(), "bad_request");

    // Corrections that do not apply, or bodies that do not make sense: 422.
    for (uri, body) in [
        (format!("/api/incidents/{id}/split"), json!({"events": [id]})),
        (format!("/api/incidents/{id}/split"), json!({"events": [other]})),
        (format!("/api/incidents/{id}/split"), json!({"events": []})),
        ("/api/incidents/merge".to_owned(), json!({"a": id, "b": id})),
        (format!("/api/incidents/{id}/verdict"), json!({"status": "true"})),
        (format!("/api/incidents/{id}/verdict"), json!({"status": "credible", "note": "x".repeat(2001)})),
        (format!("/api/incidents/{id}/verdict"), json!({"status": "credible", "extra": 1})),
    ] {
        let a = c.post(&uri, body.clone()).await;
        assert_eq!((a.status, a.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"), "{uri} {body}: {}", a.text);
    }
    assert!(SqliteStore::open(&demo.path).unwrap().incident_corrections().unwrap().is_empty(), "nothing refused was stored");
    assert_eq!(c.get(&format!("/api/incidents/{id}/history")).await.json(), json!([]));
}

#[tokio::test]
async fn the_incident_histogram_counts_incidents() {
    let (app, _demo) = app();
    let c = Client::login(&app, VIEWER).await;
    let daily = c.get("/api/incidents/daily").await.json();
    let counted: u64 = daily["days"].as_array().unwrap().iter().map(|d| d["count"].as_u64().unwrap()).sum::<u64>()
        + daily["undated"].as_u64().unwrap();
    assert_eq!(Some(counted), c.get("/api/incidents?limit=1").await.json()["total"].as_u64());
    let events = c.get("/api/events?limit=1").await.json()["total"].as_u64().unwrap();
    assert!(counted < events, "incidents merge events: {counted} incidents of {events} events");
    assert_eq!(c.get("/api/incidents/daily?status=nonsense").await.code(), "bad_request");
}
