//! How the system allocator (glibc's malloc on Linux) holds memory for the
//! binary. A long draft's analysis and findings are a few large vectors
//! grown by doubling and millions of small allocations freed in waves; with
//! malloc's defaults, a freed large block raises the size above which blocks
//! are mapped on their own, so the next large vectors come from the heap:
//! doubling one copies it with both copies resident, and the pages it leaves
//! free stay counted in the process's memory. The 8 MB nested-list draft
//! peaked 18 MB higher that way.
//!
//! Elsewhere (other platforms, other C libraries) both calls do nothing.

/// Blocks at least this large are mapped on their own (then grown in place
/// by the kernel, and unmapped when freed).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MAP_ABOVE: i32 = 128 * 1024;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod ffi {
    pub const M_MMAP_THRESHOLD: i32 = -3;
    unsafe extern "C" {
        pub fn mallopt(param: i32, value: i32) -> i32;
        pub fn malloc_trim(pad: usize) -> i32;
    }
}

/// Fixes the size above which blocks are mapped on their own (setting it
/// also stops malloc from raising it). Called once, first thing in `main`.
pub fn settle() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt takes no pointers; this parameter is valid at any time.
    unsafe {
        ffi::mallopt(ffi::M_MMAP_THRESHOLD, MAP_ABOVE);
    }
}

/// Drafts shorter than this leave too little free for a trim to be worth
/// its walk over the heap: called after every rule, it made checking the
/// 973 corpus articles a third slower.
const WORTH_TRIMMING: usize = 1 << 20;

/// Returns the free pages malloc holds to the system, when the draft being
/// checked is `draft_bytes` long and that is long enough: called after a
/// stage that freed much of what it made, before the next one grows.
pub fn give_back_free_pages(draft_bytes: usize) {
    if draft_bytes < WORTH_TRIMMING {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers and may be called at any time.
    unsafe {
        ffi::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn settling_and_trimming_leave_allocation_working() {
        super::settle();
        let big = vec![7u8; 4 << 20];
        drop(big);
        super::give_back_free_pages(super::WORTH_TRIMMING);
        let again: Vec<u64> = (0..1 << 20).collect();
        assert_eq!(again.iter().sum::<u64>(), (1u64 << 20) * ((1 << 20) - 1) / 2);
    }
}
