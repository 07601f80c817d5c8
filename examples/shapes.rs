//! Writes the generated drafts of `benches/support/shapes.rs` to a directory,
//! for timing whole `quotelint` processes (`benches/scaling.sh`):
//!
//! ```sh
//! cargo run --release --example shapes -- /tmp/shapes 1 2 4 8
//! ```
//!
//! writes `SHAPE-Nmb.md` for every shape and size (in MB, fractions allowed), and, when the
//! training corpus is present, `corpus/NNNN.md` (one file an article) and
//! `corpus-concat.md` (all of them in one draft).

#[path = "../benches/support/shapes.rs"]
mod shapes;

use shapes::{Shape, MB};
use std::path::PathBuf;

const TRAIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/polnear-train.jsonl");

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: shapes OUT_DIR [SIZE_MB...]");
        std::process::exit(2);
    };
    let sizes: Vec<f64> = args.filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1.0, 2.0, 4.0, 8.0] } else { sizes };
    std::fs::create_dir_all(&dir).expect("output directory");
    for shape in Shape::ALL {
        for &mb in &sizes {
            let path = dir.join(format!("{}-{mb}mb.md", shape.name()));
            std::fs::write(&path, shape.generate((mb * MB as f64) as usize)).expect("draft written");
        }
    }
    let texts = shapes::corpus_texts(TRAIN);
    if texts.is_empty() {
        eprintln!("corpus skipped: {TRAIN} not found");
        return;
    }
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus directory");
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(corpus.join(format!("{i:04}.md")), text).expect("article written");
    }
    std::fs::write(dir.join("corpus-concat.md"), texts.join("\n\n")).expect("concatenation written");
}
