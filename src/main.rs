//! The `lineup` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    lineup::cli::main()
}
