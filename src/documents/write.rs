//! Writing the output safely: file names made from rule names, and files
//! written whole or not at all.
//!
//! - [`sanitize`] turns a name into one path component every common file
//!   system accepts: no separators, no `..`, no characters Windows refuses, no
//!   reserved device names, no trailing dot or space, at most 150 bytes.
//! - [`Namer`] hands out distinct names: two rule names that sanitise alike
//!   (or differ only in case) get `-2`, `-3` … in declaration order.
//! - [`write_atomic`] writes to a temporary file in the same folder and
//!   renames it into place, so a reader (or a crash) never sees half a file.
//! - [`Outputs`] remembers what a build wrote (`.yijian-build`), so the next
//!   build into the same folder removes documents of items since deleted,
//!   and never anything it did not write, except the `.NAME.PID.tmp` files
//!   a build killed half-way left behind.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Longest component in bytes (ext4 and most others allow 255).
const MAX_COMPONENT_BYTES: usize = 150;

/// One path component made from `name`.
pub fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        let bad = c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
        out.push(if bad { '_' } else { c });
    }
    // No trailing dots or spaces (Windows drops them), no leading dot
    // (hidden files, `.` and `..`).
    let trimmed = out.trim_end_matches(['.', ' ']).trim_start_matches('.');
    let mut out = trimmed.to_string();
    if out.len() > MAX_COMPONENT_BYTES {
        let mut cut = MAX_COMPONENT_BYTES;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        let hash = fnv(name.as_bytes());
        out.truncate(cut);
        out.push_str(&format!("-{:08x}", hash & 0xffff_ffff));
    }
    let stem = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    if out.is_empty() {
        "_".to_string()
    } else if reserved {
        format!("_{out}")
    } else {
        out
    }
}

/// FNV-1a, for a short stable suffix.
fn fnv(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Distinct sanitised names, in the order asked for.
#[derive(Debug, Default)]
pub struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    pub fn name(&mut self, wanted: &str) -> String {
        let base = sanitize(wanted);
        let mut candidate = base.clone();
        let mut n = 2;
        // Case-insensitive file systems (macOS, Windows) would merge `A` and `a`.
        while !self.taken.insert(candidate.to_lowercase()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

/// Whether `relative` stays inside the folder it is joined to.
pub fn is_contained(relative: &Path) -> bool {
    relative.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
/// Skips the write when the file already holds exactly these bytes, so
/// rebuilding changes no modification time needlessly.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        // No fsync: a rename is atomic for readers and for a build that
        // stops half-way, and syncing each of thousands of files costs
        // seconds (a power cut may lose the newest files, never mix them).
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        drop(file);
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Whether `name` is a temporary file of [`write_atomic`]: `.NAME.PID.tmp`.
fn is_temporary(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .and_then(|rest| rest.rsplit_once('.'))
        .is_some_and(|(target, pid)| !target.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the temporary files a build that was killed half-way left in
/// `out` (its own are renamed into place before this runs). Links are not
/// followed, and only names of the form [`write_atomic`] makes are touched.
fn remove_temporaries(out: &Path) {
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() && is_temporary(&entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The list of files a build wrote, kept in the output folder.
pub const OUTPUTS_FILE: &str = ".yijian-build";

/// What a build writes, relative to the output folder.
#[derive(Debug, Default)]
pub struct Outputs {
    pub files: Vec<PathBuf>,
}

impl Outputs {
    /// The list the previous build left in `out`, if any.
    pub fn previous(out: &Path) -> Outputs {
        let text = std::fs::read_to_string(out.join(OUTPUTS_FILE)).unwrap_or_default();
        Outputs {
            files: text
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(PathBuf::from)
                .filter(|p| is_contained(p))
                .collect(),
        }
    }

    /// Removes the files the previous build wrote that this one did not
    /// (documents of deleted items), among the kinds of file this build
    /// writes (`writes`): a build of PDFs alone leaves the HTML of an earlier
    /// build alone. Folders left empty go too. The files of other kinds that
    /// are still there stay on the list.
    pub fn remove_stale(&mut self, previous: &Outputs, out: &Path, writes: impl Fn(&Path) -> bool) {
        remove_temporaries(out);
        let now: HashSet<PathBuf> = self.files.iter().cloned().collect();
        for old in &previous.files {
            if now.contains(old) {
                continue;
            }
            let path = out.join(old);
            if !writes(old) {
                if path.is_file() {
                    self.files.push(old.clone());
                }
                continue;
            }
            if std::fs::remove_file(&path).is_ok() {
                let mut dir = path.parent();
                while let Some(d) = dir {
                    if d == out || std::fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
        }
        self.files.sort();
        self.files.dedup();
    }

    /// Records this build's files.
    pub fn save(&self, out: &Path) -> std::io::Result<()> {
        let mut text =
            String::from("# Files written by `yijian build`; the next build removes those it no longer writes.\n");
        for file in &self.files {
            text.push_str(&file.to_string_lossy().replace('\\', "/"));
            text.push('\n');
        }
        write_atomic(&out.join(OUTPUTS_FILE), text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_components() {
        assert_eq!(sanitize("食品经营许可（新办）"), "食品经营许可（新办）");
        assert_eq!(sanitize("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(sanitize(".."), "_");
        assert_eq!(sanitize("a:b*c?"), "a_b_c_");
        assert_eq!(sanitize("CON"), "_CON");
        assert_eq!(sanitize("名称. "), "名称");
        let long = "很".repeat(200);
        let short = sanitize(&long);
        assert!(short.len() <= MAX_COMPONENT_BYTES + 9, "{}", short.len());
        assert!(is_contained(Path::new(&short)));
    }

    #[test]
    fn temporaries_are_recognised_by_their_exact_form() {
        assert!(is_temporary(".办事指南.html.971.tmp"));
        assert!(!is_temporary("办事指南.html.971.tmp"));
        assert!(!is_temporary(".notes.tmp"));
        assert!(!is_temporary(".a.12x.tmp"));
    }

    #[test]
    fn namer_never_repeats() {
        let mut namer = Namer::default();
        assert_eq!(namer.name("a/b"), "a_b");
        assert_eq!(namer.name("a_b"), "a_b-2");
        assert_eq!(namer.name("A_B"), "A_B-3");
    }
}
