//! `yijian-synth N DIR`: writes a synthetic workspace of N items to DIR, for
//! benchmarks and for measuring the real binary (time, peak memory).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: yijian-synth N_ITEMS OUT_DIR");
        return ExitCode::from(2);
    };
    let dir = std::path::Path::new(dir);
    let mut bytes = 0;
    for (path, text) in yijian::synth::workspace(yijian::synth::Config::items(n)) {
        let path = dir.join(path);
        if let Some(parent) = path.parent()
            && let Err(error) = std::fs::create_dir_all(parent)
        {
            eprintln!("{}: {error}", parent.display());
            return ExitCode::from(2);
        }
        bytes += text.len();
        if let Err(error) = std::fs::write(&path, text) {
            eprintln!("{}: {error}", path.display());
            return ExitCode::from(2);
        }
    }
    println!("wrote {n} items, {bytes} bytes, to {}", dir.display());
    ExitCode::SUCCESS
}
