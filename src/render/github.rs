//! `--format github`: GitHub Actions workflow commands, one line per finding,
//! so a pull request shows each finding on its line.

use super::{Report, summary};

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for diagnostic in report.resolved() {
        let level = if diagnostic.severity == "error" {
            "error"
        } else {
            "warning"
        };
        let mut message = diagnostic.message.clone();
        for help in &diagnostic.help {
            message.push('\n');
            message.push_str(help);
        }
        let mut properties = Vec::new();
        if let Some(primary) = &diagnostic.primary {
            properties.push(format!("file={}", escape_property(&primary.file)));
            properties.push(format!("line={}", primary.start.line));
            properties.push(format!("col={}", primary.start.column));
            properties.push(format!("endLine={}", primary.end.line));
            properties.push(format!("endColumn={}", primary.end.column));
        }
        properties.push(format!("title={}", escape_property(diagnostic.code)));
        out.push_str(&format!(
            "::{level} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_text() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
