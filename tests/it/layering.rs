//! The library's modules import downward only (see the crate's docs): a
//! stage may use the stages and plain data below it, never one above. This
//! reads `src/` and fails on any cycle among the top-level modules, naming it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every `.rs` file under `src/`.
fn source_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// A module's tests in their own file (`#[cfg(test)] mod tests;`).
fn is_tests_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "tests.rs")
}

/// Top-level module → the top-level modules its non-test code names.
fn imports() -> Graph {
    let src = src();
    let mut graph = Graph::new();
    for path in source_files().into_iter().filter(|p| !is_tests_file(p)) {
        let relative = path.strip_prefix(&src).expect("under src");
        let first = relative.components().next().expect("a first component");
        let top = first.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        let used = named_modules(&text);
        graph.entry(top.clone()).or_default().extend(used.into_iter().filter(|m| *m != top));
    }
    graph
}

/// The modules named as `crate::module` or in `use crate::{a, b::c}`, in
/// code before the test module; comments and doc links do not count.
fn named_modules(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let code: String =
        code.lines().filter(|l| !l.trim_start().starts_with("//")).flat_map(|l| [l, "\n"]).collect();
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            names.extend(inner.split(',').map(|p| ident(p.trim())).filter(|n| !n.is_empty()));
        } else {
            names.insert(ident(rest));
        }
    }
    names.retain(|n| !n.is_empty() && n.chars().next().is_some_and(char::is_lowercase));
    names
}

/// A cycle, as the modules along it, if the graph has one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

#[test]
fn modules_import_downward_only() {
    let graph = imports();
    // the reader works: the rules read the analysis, which reads the Markdown stage
    assert!(graph["rules"].contains("analysis"), "{graph:?}");
    assert!(graph["analysis"].contains("markdown"), "{graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("modules import each other in a circle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_reader_sees_grouped_imports_and_skips_comments_and_tests() {
    let text = "use crate::{span::Span, budget};\n// crate::rules in a comment\n/// [`crate::lsp`]\nfn f() { crate::heap::trim(); }\n#[cfg(test)]\nmod tests { use crate::cli; }\n";
    let names: Vec<String> = named_modules(text).into_iter().collect();
    assert_eq!(names, ["budget", "heap", "span"]);
}

#[test]
fn a_circle_is_found_and_named() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")] {
        graph.entry(from.to_string()).or_default().insert(to.to_string());
    }
    assert_eq!(find_cycle(&graph).map(|c| c.join(" → ")).as_deref(), Some("a → b → c → a"));
    graph.get_mut("c").expect("c").clear();
    assert_eq!(find_cycle(&graph), None);
}

/// The import check passes over `tests.rs` files as test code: each must be
/// a test module, declared `#[cfg(test)] mod tests;` by the module it is in.
#[test]
fn every_tests_file_is_a_test_module() {
    let tests: Vec<PathBuf> = source_files().into_iter().filter(|p| is_tests_file(p)).collect();
    assert!(tests.len() >= 2, "the tokens and lexicon tests files are found: {tests:?}");
    for path in tests {
        let dir = path.parent().expect("a tests file is in a module's directory");
        let parent = std::fs::read_to_string(dir.join("mod.rs"))
            .or_else(|_| std::fs::read_to_string(dir.with_extension("rs")));
        let parent = parent.unwrap_or_else(|_| panic!("{} has no parent module file", path.display()));
        assert!(
            parent.contains("#[cfg(test)]\nmod tests;"),
            "{} is not declared as a test module",
            path.display()
        );
    }
}
