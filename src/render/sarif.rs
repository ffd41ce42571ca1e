//! `--format sarif`: SARIF 2.1.0, for code-scanning pages.
//!
//! Columns are in UTF-16 code units (SARIF's default `columnKind`), which is
//! what code-scanning pages count in.

use super::{Report, ResolvedLabel, codes_used};
use serde_sarif::sarif;

fn region(label: &ResolvedLabel) -> sarif::Region {
    sarif::Region::builder()
        .start_line(label.start.line as i64)
        .start_column(label.start.utf16_column as i64)
        .end_line(label.end.line as i64)
        .end_column(label.end.utf16_column as i64)
        .build()
}

fn location(label: &ResolvedLabel, with_message: bool) -> sarif::Location {
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(sarif::ArtifactLocation::builder().uri(uri(&label.file)).build())
        .region(region(label))
        .build();
    if with_message {
        sarif::Location::builder()
            .physical_location(physical)
            .message(sarif::Message::builder().text(label.message.clone()).build())
            .build()
    } else {
        sarif::Location::builder().physical_location(physical).build()
    }
}

/// A relative path as a URI reference, as SARIF requires: every byte outside
/// the unreserved set and `/` is percent-encoded (Chinese file names too).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn render(report: &Report<'_>) -> String {
    let lang = report.lang;
    let rules: Vec<sarif::ReportingDescriptor> = codes_used(report)
        .into_iter()
        .map(|code| {
            let info = code.info();
            sarif::ReportingDescriptor::builder()
                .id(code.as_str())
                .name(info.slug)
                .short_description(
                    sarif::MultiformatMessageString::builder()
                        .text(info.title.get(lang))
                        .build(),
                )
                .full_description(sarif::MultiformatMessageString::builder().text(info.page).build())
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(serde_json::json!(info.severity.as_str()))
                        .build(),
                )
                .build()
        })
        .collect();
    let results: Vec<sarif::Result> = report
        .resolved()
        .into_iter()
        .map(|diagnostic| {
            let mut text = diagnostic.message.clone();
            for help in &diagnostic.help {
                text.push('\n');
                text.push_str(help);
            }
            let level = if diagnostic.severity == "error" {
                sarif::ResultLevel::Error
            } else {
                sarif::ResultLevel::Warning
            };
            let locations: Vec<sarif::Location> = diagnostic.primary.iter().map(|l| location(l, false)).collect();
            let related: Vec<sarif::Location> = diagnostic.secondary.iter().map(|l| location(l, true)).collect();
            sarif::Result::builder()
                .rule_id(diagnostic.code)
                .level(level)
                .message(sarif::Message::builder().text(text).build())
                .locations(locations)
                .related_locations(related)
                .build()
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("yijian")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(serde_json::json!("utf16CodeUnits"))
        .build();
    let log = sarif::Sarif::builder()
        .version(serde_json::json!("2.1.0"))
        .schema(sarif::SCHEMA_URL)
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(uri("rules/事项/a b.yj"), "rules/%E4%BA%8B%E9%A1%B9/a%20b.yj");
    }
}
