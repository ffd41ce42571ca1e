//! `yijian lsp`: the language server, over stdio (lsp-server, rust-analyzer's
//! transport).
//!
//! The server keeps every file of the workspace in memory: read from disk
//! once when the workspace is first seen, then kept up to date from the
//! editor's `didOpen`/`didChange` (incremental) notifications, so a keystroke
//! re-checks the workspace without touching the disk. After each change it
//! runs `check` on the workspace the file belongs to and publishes the
//! diagnostics of every file of that workspace (a renamed material breaks
//! uses in other files), with the same codes, messages and related places
//! as `yijian check`. Positions are in UTF-16 code units, or in UTF-8 bytes
//! when the client offers that encoding.
//!
//! A request that panics is answered with an error and the server goes on:
//! bad input never stops it.

mod edits;
mod names;
mod position;

use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::workspace::{self, SourceFile, Workspace};
use lsp_server::{Connection, Message, Notification, Request, Response};
use position::{Encoding, Lines};
pub use position::{path_of_uri, uri_of_path};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Runs the server on stdin and stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let result = serve(&connection);
    drop(connection);
    let _ = io_threads.join();
    result
}

/// Serves one client on `connection` (stdio, or an in-memory pair in tests).
pub fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let encoding = Encoding::negotiate(&params);
    let roots = roots_of(&params);
    let result = json!({
        "capabilities": {
            "positionEncoding": encoding.name(),
            "textDocumentSync": { "openClose": true, "change": 2, "save": { "includeText": false } },
            "definitionProvider": true,
            "referencesProvider": true,
            "documentSymbolProvider": true,
            "workspaceSymbolProvider": true,
            "documentFormattingProvider": true,
            "hoverProvider": true,
            "completionProvider": { "triggerCharacters": ["：", ":"] },
            "codeActionProvider": true,
            "renameProvider": true,
            "signatureHelpProvider": { "triggerCharacters": ["：", ":", " "] },
        },
        "serverInfo": { "name": "yijian", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let mut server = Server {
        connection,
        encoding,
        workspaces: Vec::new(),
    };
    for root in roots {
        server.load(&root);
    }
    for index in 0..server.workspaces.len() {
        server.check_and_publish(index);
    }
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    return Ok(());
                }
                let id = request.id.clone();
                let method = request.method.clone();
                let response = guarded(id, &method, || server.request(request));
                let _ = server.connection.sender.send(Message::Response(response));
            }
            Message::Notification(notification) => {
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.notification(notification)));
                if outcome.is_err() {
                    server.log(&crate::messages::Msg::LspNotificationFailed.get(Lang::En));
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// The answer to one request: what `answer` gives, an error when it refuses,
/// and an internal error (not a crash) when it panics.
fn guarded(id: lsp_server::RequestId, method: &str, answer: impl FnOnce() -> Result<Value, String>) -> Response {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(answer)) {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err(message)) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, message),
        Err(_) => Response::new_err(
            id,
            lsp_server::ErrorCode::InternalError as i32,
            crate::messages::Msg::LspInternalError { method }.get(Lang::En),
        ),
    }
}

/// The folders the client opened.
fn roots_of(params: &Value) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .get("workspaceFolders")
        .and_then(Value::as_array)
        .map(|folders| {
            folders
                .iter()
                .filter_map(|f| f.get("uri").and_then(Value::as_str))
                .filter_map(position::path_of_uri)
                .collect()
        })
        .unwrap_or_default();
    if roots.is_empty()
        && let Some(root) = params
            .get("rootUri")
            .and_then(Value::as_str)
            .and_then(position::path_of_uri)
    {
        roots.push(root);
    }
    roots
}

/// One workspace as the server holds it: its files by absolute path, with
/// the editor's text for open files.
struct Loaded {
    workspace: Workspace,
    /// Absolute paths, in the order of `workspace.files`.
    paths: Vec<PathBuf>,
    /// Files that had diagnostics at the last publication.
    published: Vec<PathBuf>,
    /// The result of the last check.
    diagnostics: Vec<Diagnostic>,
    /// The parse and lowering of each file, reused while its text is unchanged.
    cache: workspace::FrontEndCache,
}

struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    workspaces: Vec<Loaded>,
}

impl Server<'_> {
    fn log(&self, text: &str) {
        let _ = self.connection.sender.send(Message::Notification(Notification::new(
            "window/logMessage".to_string(),
            json!({ "type": 1, "message": text }),
        )));
    }

    /// Loads the workspaces under `root` from disk (once).
    fn load(&mut self, root: &Path) {
        let discovery = workspace::discover(&[root.to_path_buf()]);
        for ws in discovery.workspaces {
            let paths: Vec<PathBuf> = ws.files.iter().map(|f| absolute(Path::new(&f.path))).collect();
            if paths.iter().any(|p| self.locate(p).is_some()) {
                continue;
            }
            self.workspaces.push(Loaded {
                workspace: ws,
                paths,
                published: Vec::new(),
                diagnostics: Vec::new(),
                cache: workspace::FrontEndCache::default(),
            });
        }
    }

    /// The workspace and index of the file at `path`.
    fn locate(&self, path: &Path) -> Option<(usize, usize)> {
        self.workspaces
            .iter()
            .enumerate()
            .find_map(|(w, loaded)| loaded.paths.iter().position(|p| p == path).map(|f| (w, f)))
    }

    /// The workspace and index of `path`, loading its folder or adding it to
    /// the workspace whose folder holds it, or to a workspace of its own.
    fn locate_or_add(&mut self, path: &Path, text: &str) -> Option<(usize, usize)> {
        if let Some(found) = self.locate(path) {
            return Some(found);
        }
        if let Some(dir) = path.parent() {
            self.load(dir);
            if let Some(found) = self.locate(path) {
                return Some(found);
            }
        }
        let shown = workspace::display(path);
        let file = source_file(shown, text.to_string());
        let holder = self
            .workspaces
            .iter()
            .position(|loaded| path.starts_with(absolute(Path::new(&loaded.workspace.root))));
        match holder {
            Some(w) => {
                let loaded = self.workspaces.get_mut(w)?;
                loaded.workspace.files.add(file);
                loaded.paths.push(path.to_path_buf());
                Some((w, loaded.paths.len() - 1))
            }
            None => {
                let mut ws = Workspace::from_texts(std::iter::empty::<(String, String)>());
                ws.files.add(file);
                self.workspaces.push(Loaded {
                    workspace: ws,
                    paths: vec![path.to_path_buf()],
                    published: Vec::new(),
                    diagnostics: Vec::new(),
                    cache: workspace::FrontEndCache::default(),
                });
                Some((self.workspaces.len() - 1, 0))
            }
        }
    }

    fn file(&self, uri: &str) -> Option<(&Loaded, usize)> {
        let path = position::path_of_uri(uri)?;
        let (w, f) = self.locate(&path)?;
        Some((self.workspaces.get(w)?, f))
    }

    // ---------------------------------------------------------------- notifications

    fn notification(&mut self, notification: Notification) {
        let params = &notification.params;
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let Some(path) = position::path_of_uri(&uri) else {
            return;
        };
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                let text = params
                    .pointer("/textDocument/text")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if let Some((w, f)) = self.locate_or_add(&path, text) {
                    self.set_text(w, f, text.to_string());
                    self.check_and_publish(w);
                }
            }
            "textDocument/didChange" => {
                let Some((w, f)) = self.locate(&path) else { return };
                let Some(file) = self.workspaces.get(w).and_then(|l| l.workspace.files.get(file_id(f))) else {
                    return;
                };
                let mut text = file.text.clone();
                for change in params
                    .get("contentChanges")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
                {
                    let Some(new_text) = change.get("text").and_then(Value::as_str) else {
                        continue;
                    };
                    match change.get("range") {
                        Some(range) => {
                            let lines = Lines::new(&text);
                            if let Some((start, end)) = lines.range_to_offsets(&text, range, self.encoding) {
                                text.replace_range(start..end, new_text);
                            }
                        }
                        None => text = new_text.to_string(),
                    }
                }
                self.set_text(w, f, text);
                self.check_and_publish(w);
            }
            "textDocument/didClose" | "textDocument/didSave" => {
                // The editor's text stays what the server knows: on close
                // the file on disk is what the editor saved last.
                if notification.method == "textDocument/didClose"
                    && let Some((w, f)) = self.locate(&path)
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    self.set_text(w, f, text);
                    self.check_and_publish(w);
                }
            }
            _ => {}
        }
    }

    fn set_text(&mut self, w: usize, f: usize, text: String) {
        if let Some(loaded) = self.workspaces.get_mut(w) {
            loaded.workspace.files.set_text(file_id(f), text);
        }
    }

    /// Checks workspace `w` and publishes the diagnostics of each of its
    /// files (an empty list for a file whose findings are gone).
    fn check_and_publish(&mut self, w: usize) {
        let encoding = self.encoding;
        let Some(loaded) = self.workspaces.get_mut(w) else {
            return;
        };
        let compiled = workspace::check_cached(&loaded.workspace, &mut loaded.cache);
        let lang = workspace::manifest_lang(&loaded.workspace).unwrap_or(Lang::Zh);
        let mut per_file: Vec<Vec<Value>> = vec![Vec::new(); loaded.paths.len()];
        for diagnostic in &compiled.diagnostics {
            let Some(location) = diagnostic.location() else {
                continue;
            };
            let Some(list) = per_file.get_mut(location.file.0 as usize) else {
                continue;
            };
            list.push(to_lsp(diagnostic, &loaded.workspace, &loaded.paths, lang, encoding));
        }
        let mut published = Vec::new();
        for (path, list) in loaded.paths.iter().zip(per_file) {
            if list.is_empty() && !loaded.published.contains(path) {
                continue;
            }
            if !list.is_empty() {
                published.push(path.clone());
            }
            let _ = self.connection.sender.send(Message::Notification(Notification::new(
                "textDocument/publishDiagnostics".to_string(),
                json!({ "uri": position::uri_of_path(path), "diagnostics": list }),
            )));
        }
        loaded.published = published;
        loaded.diagnostics = compiled.diagnostics;
    }

    // ---------------------------------------------------------------- requests

    fn request(&mut self, request: Request) -> Result<Value, String> {
        let params = &request.params;
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .unwrap_or("");
        match request.method.as_str() {
            "textDocument/formatting" => {
                let Some((loaded, f)) = self.file(uri) else {
                    return Ok(Value::Null);
                };
                let Some(file) = loaded.workspace.files.get(file_id(f)) else {
                    return Ok(Value::Null);
                };
                match crate::format::format(&file.text, crate::format::Config::default()) {
                    Ok(formatted) if formatted != file.text => {
                        let lines = Lines::of(file);
                        let range = lines.range(&file.text, 0, file.text.len(), self.encoding);
                        Ok(json!([{ "range": range, "newText": formatted }]))
                    }
                    _ => Ok(json!([])),
                }
            }
            "textDocument/documentSymbol" => {
                let Some((loaded, f)) = self.file(uri) else {
                    return Ok(Value::Null);
                };
                let Some(file) = loaded.workspace.files.get(file_id(f)) else {
                    return Ok(Value::Null);
                };
                Ok(names::document_symbols(file, self.encoding))
            }
            "workspace/symbol" => {
                let query = params.get("query").and_then(Value::as_str).unwrap_or("");
                let mut out = Vec::new();
                for loaded in &self.workspaces {
                    out.extend(names::workspace_symbols(loaded, query, self.encoding));
                }
                Ok(Value::Array(out))
            }
            "textDocument/codeAction" => {
                let Some((loaded, f)) = self.file(uri) else {
                    return Ok(Value::Null);
                };
                let Some(file) = loaded.workspace.files.get(file_id(f)) else {
                    return Ok(Value::Null);
                };
                let lines = Lines::of(file);
                let Some((start, end)) = params
                    .get("range")
                    .and_then(|r| lines.range_to_offsets(&file.text, r, self.encoding))
                else {
                    return Ok(Value::Null);
                };
                Ok(edits::code_actions(loaded, f, start, end, uri, self.encoding))
            }
            "textDocument/completion"
            | "textDocument/signatureHelp"
            | "textDocument/definition"
            | "textDocument/references"
            | "textDocument/hover"
            | "textDocument/rename" => {
                let Some((loaded, f)) = self.file(uri) else {
                    return Ok(Value::Null);
                };
                let Some(file) = loaded.workspace.files.get(file_id(f)) else {
                    return Ok(Value::Null);
                };
                let lines = Lines::of(file);
                let Some(offset) = params
                    .get("position")
                    .and_then(|p| lines.offset(&file.text, p, self.encoding))
                else {
                    return Ok(Value::Null);
                };
                if request.method == "textDocument/completion" {
                    return Ok(edits::completion(loaded, f, offset));
                }
                if request.method == "textDocument/signatureHelp" {
                    return Ok(edits::signature_help(loaded, f, offset));
                }
                let index = names::Index::of(loaded);
                Ok(match request.method.as_str() {
                    "textDocument/definition" => index.definition(f, offset, self.encoding),
                    "textDocument/rename" => {
                        let new_name = params.get("newName").and_then(Value::as_str).unwrap_or("");
                        edits::rename(&index, f, offset, new_name, self.encoding)
                    }
                    "textDocument/references" => {
                        let with_declaration = params
                            .pointer("/context/includeDeclaration")
                            .and_then(Value::as_bool)
                            .unwrap_or(true);
                        index.references(f, offset, with_declaration, self.encoding)
                    }
                    _ => with_explanation(index.hover(f, offset, self.encoding), loaded, f, offset),
                })
            }
            _ => Err(crate::messages::Msg::LspUnsupported {
                method: &request.method,
            }
            .get(Lang::En)),
        }
    }
}

/// A rule file with its line index.
fn source_file(path: String, text: String) -> SourceFile {
    SourceFile::new(path, text, workspace::FileKind::Rules)
}

/// The id of the file at index `f` of a workspace.
fn file_id(f: usize) -> crate::diagnostics::FileId {
    crate::diagnostics::FileId(u32::try_from(f).unwrap_or(u32::MAX))
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    std::fs::canonicalize(&joined).unwrap_or(joined)
}

/// A diagnostic in the protocol's shape: the code, the message with its
/// help lines, the labels of other places as related information.
fn to_lsp(diagnostic: &Diagnostic, ws: &Workspace, paths: &[PathBuf], lang: Lang, encoding: Encoding) -> Value {
    let range_of = |file: crate::diagnostics::FileId, span: crate::diagnostics::Span| -> Value {
        match ws.file(file) {
            Some(f) => Lines::of(f).range(&f.text, span.start as usize, span.end as usize, encoding),
            None => json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }),
        }
    };
    let mut message = diagnostic.message(lang);
    for line in diagnostic.help(lang) {
        message.push('\n');
        message.push_str(&line);
    }
    let range = match &diagnostic.primary {
        Some(label) => range_of(label.location.file, label.location.span),
        None => range_of(crate::diagnostics::FileId(0), crate::diagnostics::Span::new(0, 0)),
    };
    let related: Vec<Value> = diagnostic
        .secondary
        .iter()
        .filter_map(|label| {
            let path = paths.get(label.location.file.0 as usize)?;
            Some(json!({
                "location": { "uri": position::uri_of_path(path), "range": range_of(label.location.file, label.location.span) },
                "message": diagnostic.label_text(label, lang),
            }))
        })
        .collect();
    let severity = match diagnostic.severity() {
        Severity::Error => 1,
        _ => 2,
    };
    let code = diagnostic.code.as_str();
    json!({
        "range": range,
        "severity": severity,
        "code": code,
        "source": "yijian",
        "message": message,
        "relatedInformation": related,
    })
}

/// A hover over a finding's place also shows the explain page of its code
/// (what `yijian explain CODE` prints).
fn with_explanation(hover: Value, loaded: &Loaded, f: usize, offset: usize) -> Value {
    let pages: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            d.location().is_some_and(|l| {
                l.file.0 as usize == f && (l.span.start as usize) <= offset && offset <= l.span.end as usize
            })
        })
        .map(|d| d.code.info().page.to_string())
        .collect();
    if pages.is_empty() {
        return hover;
    }
    let mut value = hover
        .pointer("/contents/value")
        .and_then(Value::as_str)
        .map(|v| format!("{v}\n\n---\n\n"))
        .unwrap_or_default();
    value.push_str(&pages.join("\n\n---\n\n"));
    json!({ "contents": { "kind": "markdown", "value": value } })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_that_panics_gets_an_internal_error() {
        let response = guarded(lsp_server::RequestId::from(7), "textDocument/hover", || {
            panic!("a bug in a request handler")
        });
        let error = response.response_result.err();
        assert_eq!(
            error.as_ref().map(|e| e.code),
            Some(lsp_server::ErrorCode::InternalError as i32)
        );
        assert!(error.is_some_and(|e| e.message.contains("textDocument/hover")));
    }
}
