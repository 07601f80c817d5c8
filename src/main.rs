use std::process::ExitCode;

// Counts each thread's memory so that one draft's analysis can be held to
// `--memory-limit` (see quotelint::budget).
#[global_allocator]
static ALLOCATOR: quotelint::budget::CountingAllocator = quotelint::budget::CountingAllocator;

fn main() -> ExitCode {
    quotelint::heap::settle();
    // Returning (rather than `process::exit`) lets stdout flush.
    ExitCode::from(u8::try_from(quotelint::cli::run()).unwrap_or(2))
}
