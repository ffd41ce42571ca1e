//! Sets `native_stack_guard` on the targets where pest_stack_guard 1.0.1
//! probes the stack without its `stack-guard` feature (the targets listed
//! in Cargo.toml).

fn main() {
    println!("cargo:rustc-check-cfg=cfg(native_stack_guard)");
    let target = std::env::var("TARGET").unwrap_or_default();
    let native = [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
        "aarch64-pc-windows-msvc",
    ];
    if native.contains(&target.as_str()) {
        println!("cargo:rustc-cfg=native_stack_guard");
    }
}
