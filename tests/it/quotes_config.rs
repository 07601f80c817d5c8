//! `quotes` and `sources` read the draft's `quotelint.toml` like `check`: a
//! newsroom's own reporting verbs change who is found to speak.

use std::process::Command;

const DRAFT: &str = "“The ferry will run all winter,” Jane Doe harrumphed on Monday.\n";
const CONFIG: &str = "[extend]\nspeech-verbs = [{ forms = [\"harrumph\", \"harrumphs\", \"harrumphed\", \"harrumphing\"], class = \"neutral\" }]\n";

fn speaker(dir: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_quotelint"))
        .current_dir(dir)
        .args(extra)
        .args(["quotes", "--format", "json", "story.md"])
        .output()
        .expect("run quotelint");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    json["files"][0]["quotes"][0]["speaker"].clone()
}

#[test]
fn quotes_uses_the_configured_word_lists() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("story.md"), DRAFT).expect("write draft");
    // "harrumphed" is no reporting verb out of the box
    assert!(speaker(dir.path(), &[]).is_null());
    std::fs::write(dir.path().join("quotelint.toml"), CONFIG).expect("write config");
    assert_eq!(speaker(dir.path(), &[])["name"], "Jane Doe");
    // --isolated ignores the file again
    assert!(speaker(dir.path(), &["--isolated"]).is_null());
}
