//! The `lineup` binary: everything lives in the library.

/// mimalloc instead of the C library's allocator: a schedule is hundreds of thousands of small
/// strings, and with it the first screen of 10,000 talks comes about a fifth sooner (measured in
/// the README's Speed table). The tests use the system allocator; the benchmarks use this one.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    lineup::cli::main()
}
