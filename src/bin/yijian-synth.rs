//! `yijian-synth N DIR [--catalogs ENTRIES FILES [--json]]`: writes a
//! synthetic workspace of N items to DIR, and optionally catalogs (实施清单) of
//! ENTRIES implementation entries in FILES county files (YAML, or JSON with
//! `--json`) with a manifest that lists them, for benchmarks and for measuring
//! the real binary (time, peak memory).
//!
//! `yijian-synth parse DIR [--lossless]`: only parses every rule file below
//! DIR and keeps the trees (the typed tree, or both trees with
//! `--lossless`), to measure what the lossless tree costs in time and memory.
//!
//! `yijian-synth situations N_VARS N_MATERIALS DIR`: writes one item with
//! N_VARS situation variables and N_MATERIALS conditional materials (the
//! exact situation analysis's benchmark input) to DIR.
//!
//! `yijian-synth load DIR`: only loads every catalog below DIR (no checks,
//! one thread): YAML with serde-saphyr, JSON with serde_json, each into
//! `IgnoredAny`, the floor to compare `yijian check` with.

use std::process::ExitCode;

fn write(dir: &std::path::Path, files: Vec<(String, String)>) -> Result<usize, String> {
    let mut bytes = 0;
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        bytes += text.len();
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(bytes)
}

/// The files below `dir` whose extension is one of `extensions`, sorted.
fn files_under(dir: &std::path::Path, extensions: &[&str]) -> Result<Vec<std::path::PathBuf>, String> {
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).map_err(|e| e.to_string())?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| extensions.iter().any(|x| e == *x)) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    Ok(paths)
}

fn load(dir: &std::path::Path) -> Result<(), String> {
    let paths = files_under(dir, &["yaml", "json"])?;
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        bytes += text.len();
        if path.extension().is_some_and(|e| e == "json") {
            let doc: serde::de::IgnoredAny =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            std::hint::black_box(doc);
        } else {
            let docs: Vec<serde::de::IgnoredAny> =
                serde_saphyr::from_multiple(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            std::hint::black_box(docs);
        }
    }
    println!(
        "serde-saphyr (YAML) or serde_json (JSON) alone, one thread: {} files, {bytes} bytes in {:.2} s",
        paths.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn parse(dir: &std::path::Path, lossless: bool) -> Result<(), String> {
    let paths = files_under(dir, &["yj"])?;
    let texts: Vec<String> = paths
        .iter()
        .map(|path| std::fs::read_to_string(path).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let start = std::time::Instant::now();
    let mut kept = Vec::with_capacity(texts.len());
    for (index, text) in texts.iter().enumerate() {
        let id = yijian::diagnostics::FileId(u32::try_from(index).unwrap_or(u32::MAX));
        if lossless {
            let (file, _, tree) = yijian::syntax::parse_lossless(id, text);
            kept.push((file, Some(tree)));
        } else {
            kept.push((yijian::syntax::parse(id, text).0, None));
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "parsed {} files, {bytes} bytes, {} in {:.2} s",
        kept.len(),
        if lossless { "both trees" } else { "the typed tree" },
        start.elapsed().as_secs_f64()
    );
    std::hint::black_box(kept);
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("parse") {
        let Some(dir) = args.get(2) else {
            eprintln!("usage: yijian-synth parse DIR [--lossless]");
            return ExitCode::from(2);
        };
        let lossless = args.get(3).map(String::as_str) == Some("--lossless");
        return match parse(std::path::Path::new(dir), lossless) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("{error}");
                ExitCode::from(2)
            }
        };
    }
    if args.get(1).map(String::as_str) == Some("situations") {
        let numbers: Vec<usize> = args.iter().skip(2).take(2).filter_map(|n| n.parse().ok()).collect();
        let (&[n_vars, n_materials], Some(dir)) = (numbers.as_slice(), args.get(4)) else {
            eprintln!("usage: yijian-synth situations N_VARS N_MATERIALS OUT_DIR");
            return ExitCode::from(2);
        };
        let dir = std::path::Path::new(dir);
        return match write(dir, yijian::synth::many_situations(n_vars, n_materials)) {
            Ok(_) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("{error}");
                ExitCode::from(2)
            }
        };
    }
    if args.get(1).map(String::as_str) == Some("load") {
        let Some(dir) = args.get(2) else {
            eprintln!("usage: yijian-synth load DIR");
            return ExitCode::from(2);
        };
        return match load(std::path::Path::new(dir)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("{error}");
                ExitCode::from(2)
            }
        };
    }
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: yijian-synth N_ITEMS OUT_DIR [--catalogs ENTRIES FILES [--json]] | yijian-synth load DIR");
        return ExitCode::from(2);
    };
    let dir = std::path::Path::new(dir);
    let rules = yijian::synth::workspace(yijian::synth::Config::items(n));
    let format = match args.get(6).map(String::as_str) {
        None => yijian::synth::CatalogFormat::Yaml,
        Some("--json") => yijian::synth::CatalogFormat::Json,
        Some(_) => {
            eprintln!("usage: yijian-synth N_ITEMS OUT_DIR [--catalogs ENTRIES FILES [--json]]");
            return ExitCode::from(2);
        }
    };
    let catalogs = match (args.get(3).map(String::as_str), args.get(4), args.get(5)) {
        (Some("--catalogs"), Some(entries), Some(files)) => {
            let (Ok(n_entries), Ok(n_files)) = (entries.parse::<usize>(), files.parse::<usize>()) else {
                eprintln!("--catalogs takes two numbers: ENTRIES FILES");
                return ExitCode::from(2);
            };
            let workspace = yijian::workspace::Workspace::from_texts(rules.clone());
            let compiled = yijian::workspace::check(&workspace);
            let mut files = yijian::synth::catalogs(
                &compiled.ir,
                yijian::synth::CatalogConfig {
                    n_entries,
                    n_files,
                    format,
                },
            );
            files.push(("yijian.toml".to_string(), "catalogs = [\"catalogs\"]\n".to_string()));
            files
        }
        (None, _, _) => Vec::new(),
        _ => {
            eprintln!("usage: yijian-synth N_ITEMS OUT_DIR [--catalogs ENTRIES FILES [--json]]");
            return ExitCode::from(2);
        }
    };
    let result = write(dir, rules).and_then(|a| write(dir, catalogs).map(|b| (a, b)));
    match result {
        Ok((rule_bytes, catalog_bytes)) => {
            println!(
                "wrote {n} items ({rule_bytes} bytes) and {catalog_bytes} bytes of catalogs to {}",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}
