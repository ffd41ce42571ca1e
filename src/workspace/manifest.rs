//! The manifest (`yijian.toml`): a workspace's settings, read with their
//! errors reported as E0005 at the offending place.

use crate::diagnostics::{Code, Diagnostic, FileId, Span, Tr};
use serde::Deserialize;

pub const MANIFEST: &str = "yijian.toml";

/// The settings a manifest may hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifest {
    pub name: Option<String>,
    pub rules: Option<Vec<String>>,
    pub lang: Option<String>,
    #[serde(default)]
    pub deny_warnings: bool,
    /// Catalog files or folders (实施清单, YAML or JSON), relative to the manifest.
    pub catalogs: Option<Vec<String>>,
    /// Whether a catalog's promise may only shrink the rules' promise (not
    /// only the legal limit).
    #[serde(default)]
    pub promises_may_only_shrink: bool,
    /// Warning codes this workspace treats as errors (`deny = ["W1302"]` for
    /// a centre that publishes the documents).
    #[serde(default)]
    pub deny: Vec<String>,
    /// Warning codes this workspace does not report (teaching examples that
    /// are never published). Errors cannot be allowed.
    #[serde(default)]
    pub allow: Vec<String>,
}

impl Manifest {
    /// Applies `deny` and `allow` to a workspace's diagnostics.
    pub fn apply_levels(&self, diagnostics: &mut Vec<Diagnostic>) {
        let codes = |list: &[String]| -> Vec<Code> { list.iter().filter_map(|c| Code::parse(c)).collect() };
        let (allow, deny) = (codes(&self.allow), codes(&self.deny));
        diagnostics.retain(|d| !(d.severity() == crate::diagnostics::Severity::Warning && allow.contains(&d.code)));
        for d in diagnostics.iter_mut() {
            if deny.contains(&d.code) {
                d.denied = true;
            }
        }
    }
}

/// E0005 for a code in `deny` or `allow` that does not exist, or an error in
/// `allow` (only warnings can be silenced).
fn check_code_lists(file: FileId, text: &str, manifest: &Manifest, diagnostics: &mut Vec<Diagnostic>) {
    let all: Vec<&str> = crate::diagnostics::codes::ALL.iter().map(|c| c.as_str()).collect();
    for (key, list) in [("deny", &manifest.deny), ("allow", &manifest.allow)] {
        for written in list {
            let quoted = format!("\"{written}\"");
            let start = text.find(&quoted).map_or(0, |at| at + 1);
            let span = Span::new(start, start + written.len().max(1));
            let detail = match Code::parse(written) {
                None => Some((
                    "not_a_code",
                    vec![("list", Tr::new(key, key)), ("code", Tr::same(written.as_str()))],
                )),
                Some(code) if key == "allow" && code.info().severity == crate::diagnostics::Severity::Error => {
                    Some(("error_allowed", vec![("code", Tr::same(written.as_str()))]))
                }
                Some(_) => None,
            };
            if let Some((detail, args)) = detail {
                diagnostics.push(Diagnostic::new(Code::E0005, file, span).detail(detail, &args).suggest(
                    crate::suggest::closest(&written.to_uppercase(), all.iter().copied()).map(str::to_string),
                ));
            }
        }
    }
}

/// Parses a manifest, reporting E0005 at the offending place.
pub fn parse_manifest(file: FileId, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Manifest> {
    match toml::from_str::<Manifest>(text) {
        Ok(manifest) => {
            if let Some(lang) = &manifest.lang
                && lang != "zh"
                && lang != "en"
            {
                let start = text.find(lang.as_str()).unwrap_or(0);
                diagnostics.push(
                    Diagnostic::new(Code::E0005, file, Span::new(start, start + lang.len()))
                        .detail("unknown_lang", &[("lang", Tr::same(lang.as_str()))]),
                );
            }
            check_code_lists(file, text, &manifest, diagnostics);
            Some(manifest)
        }
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let end = if span.end > span.start {
                span.end
            } else {
                span.start + 1
            };
            let message = error.message().trim().to_string();
            let mut diagnostic = Diagnostic::new(Code::E0005, file, Span::new(span.start, end.min(text.len().max(1))));
            let unknown = message
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string);
            let detail = match &unknown {
                Some(key) => {
                    diagnostic = diagnostic.suggest(
                        crate::suggest::closest(
                            key,
                            [
                                "name",
                                "rules",
                                "lang",
                                "deny-warnings",
                                "catalogs",
                                "promises-may-only-shrink",
                                "deny",
                                "allow",
                            ],
                        )
                        .map(str::to_string),
                    );
                    ("unknown_key", Tr::same(key.as_str()))
                }
                // TOML's own message, in English: shown as it is.
                None if message.starts_with("invalid type") => ("invalid_type", Tr::same(message.as_str())),
                None => ("toml", Tr::same(message.as_str())),
            };
            let (detail, value) = detail;
            let name = if detail == "unknown_key" { "key" } else { "message" };
            diagnostics.push(diagnostic.detail(detail, &[(name, value)]));
            None
        }
    }
}
