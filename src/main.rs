fn main() {
    let mut files = Vec::new();
    for path in std::env::args().skip(4) {
        let f = quotelint::source::read_path(std::path::Path::new(&path)).unwrap();
        let a = quotelint::analyze(f);
        let quotes: Vec<_> = a.scan.quotes.iter().zip(&a.attributions).map(|(q, at)| {
            let lc = a.file.lines.line_col(&a.file.text, q.span.start);
            serde_json::json!({"span": q.span, "line": lc.line, "column": lc.column, "text": q.text, "kind": q.kind.as_str(),
              "speaker": at.speaker, "cue": at.cue, "channel": at.channel})
        }).collect();
        files.push(serde_json::json!({"path": path, "quotes": quotes}));
    }
    println!("{}", serde_json::json!({"version": 1, "files": files}));
}
