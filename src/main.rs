//! The `yijian` binary: everything happens in [`yijian::cli`].

/// mimalloc rather than the system allocator: the front end allocates
/// millions of small nodes on worker threads and frees them on another, and
/// mimalloc does that in fewer instructions and hands memory freed on one
/// thread back for another's use, where glibc keeps each thread's arena at
/// its high-water mark.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    yijian::cli::main()
}
