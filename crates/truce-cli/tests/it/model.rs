//! The sentence classifier: the committed weights are what training gives, a model
//! file that cannot be read is refused, and what a model proposes is judged by the
//! grammar's rules like any trigger.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{path_str, repo, stderr, stdout, truce};

/// Feature → weight per class index, as `truce train-model` writes them.
fn weights(path: &Path) -> BTreeMap<String, BTreeMap<usize, f64>> {
    let tsv = std::fs::read_to_string(path).expect("read model");
    tsv.lines()
        .skip(1)
        .map(|line| {
            let (feature, cells) = line.split_once('\t').expect("feature and weights");
            let cells = cells
                .split(' ')
                .map(|c| {
                    let (class, w) = c.split_once(':').expect("class:weight");
                    (class.parse().expect("class"), w.parse().expect("weight"))
                })
                .collect();
            (feature.to_string(), cells)
        })
        .collect()
}

#[test]
fn the_committed_sentence_model_is_what_training_on_the_annotated_sets_gives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("model.tsv");
    let run = truce(&["train-model", "--out", path_str(&out)]);
    assert!(run.status.success(), "train-model failed: {}", stderr(&run));
    let committed_path = repo().join("data/model/sentence_types.tsv");
    let header = |p: &Path| std::fs::read_to_string(p).expect("read").lines().next().map(str::to_string);
    assert_eq!(header(&out), header(&committed_path), "the classes differ");
    let (trained, committed) = (weights(&out), weights(&committed_path));
    assert!(committed.len() > 1000, "the committed model has {} features", committed.len());
    // Weights are written to three decimals; a last-bit difference in exp() between
    // platforms may move one by a unit, or across the 0.02 cut-off.
    let empty = BTreeMap::new();
    for feature in trained.keys().chain(committed.keys()) {
        let (a, b) = (trained.get(feature).unwrap_or(&empty), committed.get(feature).unwrap_or(&empty));
        for class in a.keys().chain(b.keys()) {
            let (x, y) = (a.get(class).copied().unwrap_or(0.0), b.get(class).copied().unwrap_or(0.0));
            assert!((x - y).abs() <= 0.025, "{feature} class {class}: trained {x}, committed {y}: run `truce train-model` and commit the model");
        }
    }
}

#[test]
fn a_model_file_that_cannot_be_read_is_refused_naming_the_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.txt");
    std::fs::write(&report, "Azerbaijani forces shelled Sotk on 3 May 2023.\n").expect("write report");
    let model = dir.path().join("broken-model.tsv");
    std::fs::write(&model, "# classes: none firing\nw:shell\t1:heavy\n").expect("write model");
    let out = truce(&["extract", "--model", path_str(&model), path_str(&report)]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("broken-model.tsv") && err.contains("line 2") && err.contains("bad weight"), "{err}");
    assert!(stdout(&out).is_empty(), "nothing is extracted with a broken model");
}

/// An annotated set in a wording no lexicon pattern knows ("sprayed with lead").
fn write_training_set(root: &Path) {
    let docs = root.join("docs");
    std::fs::create_dir_all(&docs).expect("docs folder");
    let fired = [
        "On 2 May 2023 the watchtower near Tegh was sprayed with lead, the ministry said.",
        "On 4 May 2023 a farmhouse near Sotk was sprayed with lead overnight.",
        "On 6 May 2023 the post near Jermuk was sprayed with lead again.",
        "Villagers said the school near Tegh was sprayed with lead on 8 May 2023.",
    ];
    let calm = [
        "The road to the capital will be repaired in the autumn.",
        "Schools reopened after the holidays with new teachers.",
        "The weather was warm and dry for most of the week.",
        "Talks on the border commission will resume next month.",
        "The ministry published its budget for the coming year.",
        "A new bridge near Sotk opened to traffic in the spring.",
    ];
    let text: String = fired.iter().chain(&calm).map(|s| format!("{s}\n\n")).collect();
    std::fs::write(docs.join("train.txt"), &text).expect("write training report");
    std::fs::write(docs.join("manifest.csv"), "file,outlet,published,language,url\ntrain.txt,Test Wire,2023-05-31,en,\n").expect("write manifest");
    let gold: String = fired.iter().map(|s| format!("{}\n", serde_json::json!({"doc": "train.txt", "type": "firing", "text": s}))).collect();
    std::fs::write(root.join("gold.jsonl"), gold).expect("write gold");
}

#[test]
fn a_trained_model_proposes_unknown_wording_and_the_rules_judge_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = dir.path().join("set");
    write_training_set(&set);
    let model = dir.path().join("model.tsv");
    let trained = truce(&["train-model", "--out", path_str(&model), path_str(&set)]);
    assert!(trained.status.success(), "train-model failed: {}", stderr(&trained));

    let report_dir = dir.path().join("reports");
    std::fs::create_dir_all(&report_dir).expect("reports folder");
    std::fs::write(
        report_dir.join("report.txt"),
        "Border news\n\n\
         On 20 May 2023 the checkpoint near Kalbajar was sprayed with lead, the Ministry of Defense of Azerbaijan said.\n\n\
         The watchtower near Tegh could be sprayed with lead if the talks fail.\n\n\
         Later a barn was sprayed with lead as well.\n",
    )
    .expect("write report");
    std::fs::write(report_dir.join("manifest.csv"), "file,outlet,published,language,url\nreport.txt,Test Wire,2023-05-31,en,\n").expect("write manifest");
    let extract_with = |model: &Path| {
        let out = truce(&["extract", "--model", path_str(model), path_str(&report_dir)]);
        assert!(out.status.success(), "extract failed: {}", stderr(&out));
        stdout(&out).lines().map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line")).collect::<Vec<_>>()
    };

    // Without a model that knows the wording, nothing is found: no lexicon pattern has it.
    let empty_model = dir.path().join("empty.tsv");
    let header = std::fs::read_to_string(&model).expect("read model").lines().next().expect("header").to_string();
    std::fs::write(&empty_model, format!("{header}\n")).expect("write empty model");
    let lexicon_only = extract_with(&empty_model);
    assert!(lexicon_only.is_empty(), "the lexicon alone found: {lexicon_only:?}");

    let records = extract_with(&model);
    assert_eq!(records.len(), 1, "{records:?}");
    let r = &records[0];
    assert_eq!(r["type"], "firing");
    assert_eq!(r["date"], "2023-05-20");
    assert_eq!(r["places"], serde_json::json!(["Kalbajar"]));
    assert_eq!(r["claims"][0]["claimant"], "Ministry of Defense of Azerbaijan");
    assert!(r["rule"].as_array().expect("rules").iter().any(|x| x == "trigger:firing:model"), "{r}");
    // Less sure than the same record found by a pattern (0.85 with date, place and a source).
    assert!(r["confidence"].as_f64().expect("confidence") < 0.7, "{r}");
    // The conditional sentence is judged a non-event by the rules, and the last one names
    // neither a place nor a date, so nothing is proposed for it.
    assert!(!records.iter().any(|r| r["text"].as_str().is_some_and(|t| t.contains("could be") || t.contains("barn"))));
}

#[test]
fn cross_validation_judges_each_set_with_a_model_trained_on_the_others() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    write_training_set(&first);
    write_training_set(&second);
    let out = truce(&["train-model", "--cross-validate", path_str(&first), path_str(&second)]);
    assert!(out.status.success(), "cross-validation failed: {}", stderr(&out));
    let printed = stdout(&out);
    // Each set holds the same four "sprayed with lead" sentences, so a model trained on
    // one finds all four in the other, and no calm sentence.
    for set in [&first, &second] {
        let line = printed.lines().find(|l| l.starts_with(path_str(set))).unwrap_or_else(|| panic!("no line for {}: {printed}", set.display()));
        assert!(line.contains("4 right of 4 proposed, 4 event sentences"), "{line}");
    }
    assert!(printed.contains("all sets, threshold 0.4: P 1.000 R 1.000"), "{printed}");
    assert!(!dir.path().join("data").exists(), "cross-validation writes no model");

    let alone = truce(&["train-model", "--cross-validate", path_str(&first)]);
    assert!(!alone.status.success());
    assert!(stderr(&alone).contains("at least two annotated sets"), "{}", stderr(&alone));
}
