use std::process::ExitCode;

fn main() -> ExitCode {
    // Returning (rather than `process::exit`) lets stdout flush.
    ExitCode::from(u8::try_from(quotelint::cli::run()).unwrap_or(2))
}
