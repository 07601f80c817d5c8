//! `quotelint init [PATH] [--force]`: a commented starter `quotelint.toml`.

use super::args::InitArgs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::config::STARTER;
use std::path::PathBuf;

pub fn run(args: &InitArgs) -> i32 {
    let target = if args.path.is_dir() { args.path.join("quotelint.toml") } else { args.path.clone() };
    match write(&target, args.force) {
        Ok(()) => {
            println!("wrote {}", target.display());
            EXIT_CLEAN
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}

fn write(target: &PathBuf, force: bool) -> Result<(), String> {
    if target.exists() && !force {
        return Err(format!("{} already exists; pass --force to overwrite it", target.display()));
    }
    if target.is_dir() {
        return Err(format!("{} is a directory", target.display()));
    }
    std::fs::write(target, STARTER).map_err(|e| format!("{}: cannot write: {e}", target.display()))
}
