//! The `yijian` binary: everything happens in [`yijian::cli`].

fn main() -> std::process::ExitCode {
    yijian::cli::main()
}
