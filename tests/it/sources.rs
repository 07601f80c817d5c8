//! `quotelint sources`: who is quoted, how often, through which channels,
//! and where the story introduces them.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quotelint")).args(args).output().expect("run quotelint");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn fixture(name: &str) -> String {
    format!("{}/fixtures/attribution/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn sources_json_groups_quotes_by_resolved_speaker() {
    let (code, out) = run(&["sources", "--format", "json", &fixture("channels.md")]);
    assert_eq!(code, 0, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let sources = json["files"][0]["sources"].as_array().expect("sources list");
    let by_name = |name: &str| {
        sources.iter().find(|s| s["name"] == name).unwrap_or_else(|| panic!("no source {name} in {sources:#?}"))
    };
    // "Silva added later" is the same person as "Marta Silva told AFP"
    let silva = by_name("Marta Silva");
    assert_eq!(silva["kind"], "person");
    assert_eq!(silva["quotes"], 2);
    assert_eq!(silva["channels"], serde_json::json!([{"kind": "interview", "outlet": "AFP"}]));
    assert_eq!(silva["first_mention"]["line"], 1);
    assert_eq!(by_name("Ivan Sorokin")["channels"][0]["outlet"], "TASS");
    // an unnamed role stays a role: nobody says which ministry
    assert_eq!(by_name("the ministry")["kind"], "role");
}

#[test]
fn first_mention_carries_the_appositive_that_introduces_the_source() {
    let (_, out) = run(&["sources", "--format", "json", &fixture("epithet.md")]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let sources = json["files"][0]["sources"].as_array().expect("sources list");
    let costa = sources.iter().find(|s| s["name"] == "Rafael Costa").expect("Rafael Costa is a source");
    // once by name, once as "the specialist"
    assert_eq!(costa["quotes"], 2);
    assert_eq!(costa["first_mention"]["text"], "Rafael Costa, an engineer at the University of Porto");
    let agency = sources.iter().find(|s| s["name"] == "European Space Agency").expect("the agency is resolved");
    assert_eq!(agency["kind"], "organization");
}

#[test]
fn sources_table_lists_each_draft_and_counts() {
    let (code, out) = run(&["sources", &fixture("channels.md"), &fixture("follow-on.md")]);
    assert_eq!(code, 0);
    assert!(out.contains("channels.md\n"), "{out}");
    assert!(out.contains("interview (AFP)"), "{out}");
    assert!(out.trim_end().ends_with("in 2 files"), "{out}");
}
