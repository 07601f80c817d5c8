//! What the loader does before `main`: the binary is position-independent,
//! so every pointer in a static is a relative relocation the loader writes,
//! copying the page it sits in, at every start. The frozen word lists are
//! written as offsets rather than pointers for that reason; this guards it.

/// The number of R_X86_64_RELATIVE entries in an x86-64 ELF file's `.rela.dyn`.
fn relative_relocations(elf: &[u8]) -> usize {
    let u16_at = |at: usize| u16::from_le_bytes(elf[at..at + 2].try_into().unwrap()) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(elf[at..at + 4].try_into().unwrap()) as usize;
    let u64_at = |at: usize| u64::from_le_bytes(elf[at..at + 8].try_into().unwrap()) as usize;
    assert_eq!(&elf[..5], b"\x7fELF\x02", "a 64-bit ELF file");
    let (sections, size, count, names) = (u64_at(0x28), u16_at(0x3a), u16_at(0x3c), u16_at(0x3e));
    let header = |i: usize| sections + i * size;
    let names_at = u64_at(header(names) + 0x18);
    let name = |i: usize| {
        let start = names_at + u32_at(header(i));
        let end = start + elf[start..].iter().position(|&b| b == 0).unwrap();
        &elf[start..end]
    };
    let rela = (0..count).find(|&i| name(i) == b".rela.dyn").expect("a .rela.dyn section");
    let (offset, bytes) = (u64_at(header(rela) + 0x18), u64_at(header(rela) + 0x20));
    // Elf64_Rela: offset, info (type in the low 32 bits), addend.
    (offset..offset + bytes).step_by(24).filter(|&at| u64_at(at + 8) & 0xffff_ffff == 8).count()
}

#[test]
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn the_binary_has_few_relative_relocations() {
    let elf = std::fs::read(env!("CARGO_BIN_EXE_quotelint")).unwrap();
    let n = relative_relocations(&elf);
    // Release 53d6619 had 34,767, 7,683 of them in the frozen word lists;
    // written as offsets, 27,084 are left (debug: 88,308, the lists' share
    // being the same). Dependencies' tables (HTML entities, Unicode case
    // folding and property names) and panic locations are most of the rest.
    // Release builds optimised across crates (fat LTO) drop unused code and
    // have 20,076; 14,280 once the unused regex dependency no longer built
    // regex-syntax's Unicode tables into the binary (speed18).
    let bound = if cfg!(debug_assertions) { 92_000 } else { 16_000 };
    assert!(n < bound, "{n} relative relocations: is there a list of &str in a big static?");
}
