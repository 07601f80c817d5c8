//! `quotelint completions SHELL` and `quotelint man`, generated from the clap
//! definition so they never fall out of step with the real options.

use super::args::{Cli, CompletionsArgs};
use super::{print, EXIT_CLEAN, EXIT_ERROR};
use clap::CommandFactory;

pub fn completions(args: &CompletionsArgs) -> i32 {
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "quotelint", &mut buffer);
    finish(buffer)
}

pub fn man() -> i32 {
    let mut buffer = Vec::new();
    if let Err(err) = clap_mangen::Man::new(Cli::command()).render(&mut buffer) {
        eprintln!("error: cannot render the man page: {err}");
        return EXIT_ERROR;
    }
    finish(buffer)
}

fn finish(buffer: Vec<u8>) -> i32 {
    if print(&String::from_utf8_lossy(&buffer)) {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}
