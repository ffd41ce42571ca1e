//! `cargo bench --bench lsp`: the language server's latency from a
//! `didChange` to the diagnostics it publishes (median and worst of 50
//! edits) on the shipped rules and on a 1,000-item synthetic workspace, and
//! its memory over a long session of edits (the resident set before and
//! after). Each edit types or deletes one character of a material's name in
//! a `需要：` line, so every edit changes what is published.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let scratch = std::env::temp_dir().join(format!("yijian-lsp-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let synthetic = scratch.join("synthetic");
    for (path, text) in yijian::synth::workspace(yijian::synth::Config::items(1_000)) {
        let path = synthetic.join(path);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(path, text);
    }
    let food = shipped.join("事项/食品经营许可（新办）.yj");
    latency("shipped rules (60 files)", &shipped, &food, 50);
    let first = synthetic.join("items/00000.yj");
    latency("1,000-item synthetic workspace", &synthetic, &first, 50);
    memory(&shipped, &food, 2_000);
    let _ = std::fs::remove_dir_all(&scratch);
}

struct Session {
    client: Connection,
    server: std::thread::JoinHandle<Result<(), String>>,
    uri: String,
    line: usize,
    column: usize,
    typo: bool,
    version: i64,
}

impl Session {
    fn start(root: &Path, file: &Path) -> Session {
        let (server_side, client) = Connection::memory();
        let server = std::thread::spawn(move || yijian::lsp::serve(&server_side));
        let root_uri = uri(root);
        send(
            &client,
            Message::Request(Request::new(
                RequestId::from(1),
                "initialize".to_string(),
                json!({ "processId": null, "rootUri": root_uri, "capabilities": {} }),
            )),
        );
        wait(&client, |m| matches!(m, Message::Response(_)));
        send(&client, notification("initialized", json!({})));
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let uri = uri(file);
        send(
            &client,
            notification(
                "textDocument/didOpen",
                json!({ "textDocument": { "uri": uri, "languageId": "yijian", "version": 1, "text": text } }),
            ),
        );
        // The place to edit: the end of the first name after `需要：`.
        let (line, column) = text
            .lines()
            .enumerate()
            .find_map(|(n, l)| {
                let at = l.find("需要：")?;
                let rest = &l[at + "需要：".len()..];
                let name_len = rest.find(['、', '；', ' ', '}']).unwrap_or(rest.len());
                Some((n, l[..at + "需要：".len() + name_len].encode_utf16().count()))
            })
            .unwrap_or((0, 0));
        Session {
            client,
            server,
            uri,
            line,
            column,
            typo: false,
            version: 1,
        }
    }

    /// One edit, and the time until its diagnostics are published.
    fn edit(&mut self) -> Duration {
        let at = json!({ "line": self.line, "character": self.column });
        let change = if self.typo {
            let end = json!({ "line": self.line, "character": self.column + 1 });
            json!({ "range": { "start": at, "end": end }, "text": "" })
        } else {
            json!({ "range": { "start": at, "end": at }, "text": "甲" })
        };
        self.typo = !self.typo;
        self.version += 1;
        let start = Instant::now();
        send(
            &self.client,
            notification(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": self.uri, "version": self.version }, "contentChanges": [change] }),
            ),
        );
        let uri = self.uri.clone();
        wait(
            &self.client,
            |m| matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics" && n.params.get("uri").and_then(Value::as_str) == Some(uri.as_str())),
        );
        start.elapsed()
    }

    fn stop(self) {
        send(
            &self.client,
            Message::Request(Request::new(RequestId::from(2), "shutdown".to_string(), Value::Null)),
        );
        wait(&self.client, |m| matches!(m, Message::Response(_)));
        send(&self.client, notification("exit", Value::Null));
        let _ = self.server.join();
    }
}

fn latency(name: &str, root: &Path, file: &Path, n_edits: usize) {
    let mut session = Session::start(root, file);
    let mut times: Vec<Duration> = (0..n_edits).map(|_| session.edit()).collect();
    session.stop();
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let worst = times.last().copied().unwrap_or_default();
    println!(
        "lsp didChange → publishDiagnostics, {name}: median {:.1} ms, worst {:.1} ms ({n_edits} edits)",
        median.as_secs_f64() * 1000.0,
        worst.as_secs_f64() * 1000.0
    );
}

fn memory(root: &Path, file: &Path, n_edits: usize) {
    let mut session = Session::start(root, file);
    for _ in 0..20 {
        session.edit();
    }
    let before = resident_kib();
    let start = Instant::now();
    for _ in 0..n_edits {
        session.edit();
    }
    let after = resident_kib();
    session.stop();
    println!(
        "lsp memory, shipped rules: resident {before} KiB after 20 edits, {after} KiB after {} more ({:.0} s)",
        n_edits,
        start.elapsed().as_secs_f64()
    );
}

/// The process's resident set (server and client share it), from /proc.
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn notification(method: &str, params: Value) -> Message {
    Message::Notification(Notification::new(method.to_string(), params))
}

fn send(client: &Connection, message: Message) {
    let _ = client.sender.send(message);
}

fn wait(client: &Connection, wanted: impl Fn(&Message) -> bool) {
    while let Ok(message) = client.receiver.recv_timeout(Duration::from_secs(120)) {
        if wanted(&message) {
            return;
        }
    }
}

fn uri(path: &Path) -> String {
    let path: PathBuf = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    yijian::lsp::uri_of_path(&path)
}
