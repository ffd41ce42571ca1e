//! The language server driven in-process by a scripted client: the
//! handshake, diagnostics after incremental edits with Chinese and
//! full-width text (positions asserted exactly, in UTF-16 and UTF-8),
//! definition, references, hover, outlines, formatting, and a request the
//! server does not answer.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::time::Duration;

const LIBRARY: &str = "材料 营业执照 { 来源：政府部门核发；依据：\"《市场主体登记管理条例》第二十一条\" }\n";

const ITEM: &str = "部门 市场监管局 { 全称：\"某市市场监督管理局\" }\n\n事项 食品经营许可 {\n  基本编码：\"000130101000\"\n  类型：行政许可\n  实施部门：市场监管局\n  法定时限：20 工作日\n  承诺时限：10 工作日\n  材料 营业执照 { 类型：原件 }\n  环节 受理 { 时限：当场 }\n  环节 审查 { 需要：营业执照 }\n  环节 决定 { 产出：许可证 }\n  环节 送达 { 送达：许可证 }\n  结果 许可证 { 类型：证照；送达方式：窗口领取 }\n}\n";

struct Client {
    connection: Connection,
    next_id: i32,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
}

impl Client {
    fn start(root: &std::path::Path, utf8: bool) -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || yijian::lsp::serve(&server));
        let mut client = Client {
            connection: client,
            next_id: 0,
            server: Some(handle),
        };
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{ "uri": uri(root), "name": "rules" }],
                "capabilities": { "general": { "positionEncodings": encodings } },
            }),
        );
        assert_eq!(
            result["capabilities"]["positionEncoding"],
            if utf8 { "utf-8" } else { "utf-16" }
        );
        client.notify("initialized", json!({}));
        client
    }

    fn notify(&self, method: &str, params: Value) {
        self.connection
            .sender
            .send(Message::Notification(Notification::new(method.to_string(), params)))
            .unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection
            .sender
            .send(Message::Request(Request::new(id.clone(), method.to_string(), params)))
            .unwrap();
        loop {
            match self.connection.receiver.recv_timeout(Duration::from_secs(30)).unwrap() {
                Message::Response(response) if response.id == id => {
                    return match response.response_result {
                        Ok(value) => value,
                        Err(error) => json!({ "error": error.message, "code": error.code }),
                    };
                }
                _ => {}
            }
        }
    }

    /// The next diagnostics published for `file_uri`.
    fn diagnostics_for(&self, file_uri: &str) -> Vec<Value> {
        loop {
            match self.connection.receiver.recv_timeout(Duration::from_secs(30)).unwrap() {
                Message::Notification(n)
                    if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == file_uri =>
                {
                    return n.params["diagnostics"].as_array().unwrap().clone();
                }
                _ => {}
            }
        }
    }

    fn stop(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let result = self.server.take().unwrap().join().unwrap();
        assert_eq!(result, Ok(()));
    }
}

fn uri(path: &std::path::Path) -> String {
    yijian::lsp::uri_of_path(&std::fs::canonicalize(path).unwrap())
}

fn workspace() -> tempfile::TempDir {
    crate::support::temp_files(&[
        ("yijian.toml", "allow = [\"W1302\"]\n"),
        ("材料库.yj", LIBRARY),
        ("事项.yj", ITEM),
    ])
}

/// The UTF-16 column of the `nth` occurrence of `needle` on its line, and the line.
fn utf16_position(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = text.match_indices(needle).nth(nth).unwrap().0;
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let line = text[..offset].matches('\n').count();
    (line, text[line_start..offset].encode_utf16().count())
}

#[test]
fn diagnostics_follow_incremental_edits_with_exact_utf16_ranges() {
    let dir = workspace();
    let item = dir.path().join("事项.yj");
    let item_uri = uri(&item);
    let client = Client::start(dir.path(), false);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": item_uri, "languageId": "yijian", "version": 1, "text": ITEM } }),
    );
    // (A clean file gets no publication until it has something to show.)
    // Type a character after 营业执照 in `需要：营业执照` (the second 营业执照 of the file).
    let (line, column) = utf16_position(ITEM, "营业执照", 1);
    let at = json!({ "line": line, "character": column + 4 });
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": item_uri, "version": 2 },
            "contentChanges": [{ "range": { "start": at, "end": at }, "text": "照" }],
        }),
    );
    let diagnostics = client.diagnostics_for(&item_uri);
    let e0201 = diagnostics
        .iter()
        .find(|d| d["code"] == "E0201")
        .expect("E0201 after the typo");
    assert_eq!(
        e0201["range"],
        json!({ "start": { "line": line, "character": column }, "end": { "line": line, "character": column + 5 } })
    );
    assert!(e0201["message"].as_str().unwrap().contains("营业执照照"), "{e0201}");
    assert_eq!(e0201["severity"], 1);
    // Undo it with a full-width edit range (delete the character again).
    let end = json!({ "line": line, "character": column + 5 });
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": item_uri, "version": 3 },
            "contentChanges": [{ "range": { "start": at, "end": end }, "text": "" }],
        }),
    );
    assert_eq!(client.diagnostics_for(&item_uri), Vec::<Value>::new());
    client.stop();
}

#[test]
fn a_renamed_material_breaks_its_uses_in_other_files() {
    let dir = workspace();
    let library_uri = uri(&dir.path().join("材料库.yj"));
    let item_uri = uri(&dir.path().join("事项.yj"));
    let client = Client::start(dir.path(), false);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": library_uri, "languageId": "yijian", "version": 1, "text": LIBRARY } }),
    );
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": library_uri, "version": 2 },
            "contentChanges": [{ "text": LIBRARY.replace("营业执照", "企业营业执照") }],
        }),
    );
    // The item's own 材料 营业执照 no longer takes its source and basis from the library.
    let diagnostics = client.diagnostics_for(&item_uri);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["W0501", "W0502"], "{diagnostics:?}");
    let (line, column) = utf16_position(ITEM, "营业执照", 0);
    assert_eq!(
        diagnostics[0]["range"],
        json!({ "start": { "line": line, "character": column }, "end": { "line": line, "character": column + 4 } })
    );
    client.stop();
}

#[test]
fn navigation_hover_outline_and_formatting() {
    let dir = workspace();
    let item_uri = uri(&dir.path().join("事项.yj"));
    let library_uri = uri(&dir.path().join("材料库.yj"));
    for utf8 in [false, true] {
        let mut client = Client::start(dir.path(), utf8);
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": item_uri, "languageId": "yijian", "version": 1, "text": ITEM } }),
        );
        // 需要：营业执照 → the library's 材料 营业执照.
        let offset = ITEM.match_indices("营业执照").nth(1).unwrap().0;
        let line = ITEM[..offset].matches('\n').count();
        let line_start = ITEM[..offset].rfind('\n').unwrap() + 1;
        let column = if utf8 {
            offset - line_start + 3
        } else {
            ITEM[line_start..offset].encode_utf16().count() + 1
        };
        let position =
            json!({ "textDocument": { "uri": item_uri }, "position": { "line": line, "character": column } });
        let definition = client.request("textDocument/definition", position.clone());
        let target = &definition[0];
        assert_eq!(target["uri"], library_uri, "{definition}");
        let name_end = if utf8 { 7 + 12 } else { 7 };
        assert_eq!(
            target["range"],
            json!({ "start": { "line": 0, "character": if utf8 { 7 } else { 3 } }, "end": { "line": 0, "character": name_end } })
        );
        let mut with_context = position.clone();
        with_context["context"] = json!({ "includeDeclaration": true });
        let references = client.request("textDocument/references", with_context);
        let uris: Vec<&str> = references
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["uri"].as_str().unwrap())
            .collect();
        assert_eq!(uris.iter().filter(|u| **u == library_uri).count(), 1, "{references}");
        assert_eq!(
            uris.iter().filter(|u| **u == item_uri).count(),
            2,
            "the item's 材料 and 需要: {references}"
        );
        let hover = client.request("textDocument/hover", position);
        let shown = hover["contents"]["value"].as_str().unwrap();
        assert!(
            shown.starts_with("**材料 营业执照**\n\n来源：政府部门核发 · 依据：\"《市场主体登记管理条例》第二十一条\""),
            "{hover}"
        );
        let symbols = client.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": item_uri } }),
        );
        let names: Vec<&str> = symbols
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["市场监管局", "食品经营许可"]);
        let steps: Vec<&str> = symbols[1]["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(steps, ["营业执照", "受理", "审查", "决定", "送达", "许可证"]);
        let found = client.request("workspace/symbol", json!({ "query": "营业" }));
        assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
        // Formatting: an unformatted text gets one edit with the formatted text.
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": item_uri, "version": 2 },
                "contentChanges": [{ "text": ITEM.replace("类型：行政许可", "类型:行政许可") }],
            }),
        );
        let edits = client.request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": item_uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        );
        assert_eq!(edits.as_array().unwrap().len(), 1, "{edits}");
        assert_eq!(
            edits[0]["newText"],
            yijian::format::format(&ITEM.replace("类型：行政许可", "类型:行政许可"), Default::default()).unwrap()
        );
        // A request it does not answer is an error, and the server goes on.
        let unknown = client.request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": { "uri": item_uri } }),
        );
        assert!(unknown["error"].is_string(), "{unknown}");
        let again = client.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": item_uri } }),
        );
        assert!(again.is_array());
        client.stop();
    }
}

/// A real client: Debian's Neovim, headless, runs `yijian lsp` on a copy of
/// the shipped rules, gets the diagnostic of a typo at the right place and
/// jumps from a use of a material to its declaration.
#[test]
fn neovim_gets_diagnostics_and_goes_to_the_definition() {
    if !crate::support::have("nvim", "neovim") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    copy_dir(&crate::support::root().join("rules"), &rules);
    std::fs::write(rules.join("yijian.toml"), "").unwrap();
    let file = rules.join("事项/食品经营许可（新办）.yj");
    let text = std::fs::read_to_string(&file).unwrap();
    let name = "食品经营设备布局和操作流程文件";
    let line = text.lines().position(|l| l.trim() == format!("需要：{name}")).unwrap();
    let declaration = text
        .lines()
        .position(|l| l.trim() == format!("材料 {name} {{"))
        .unwrap();
    let script = dir.path().join("test.lua");
    let out = dir.path().join("out.txt");
    std::fs::write(
        &script,
        format!(
            r#"
local out = io.open("{out}", "w")
vim.cmd("edit {file}")
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({{ cmd = {{ "{yijian}", "lsp" }}, root_dir = "{root}", name = "yijian" }})
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() local c = vim.lsp.get_client_by_id(id); return c ~= nil and c.initialized end)
local line = vim.api.nvim_buf_get_lines(buf, {line}, {line} + 1, false)[1]
vim.api.nvim_buf_set_lines(buf, {line}, {line} + 1, false, {{ line .. "照" }})
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  out:write(string.format("diagnostic %s %d %d %d %d\n", d.code, d.lnum, d.col, d.end_lnum, d.end_col))
end
vim.api.nvim_buf_set_lines(buf, {line}, {line} + 1, false, {{ line }})
vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end)
out:write(string.format("after undo %d\n", #vim.diagnostic.get(buf)))
vim.api.nvim_win_set_cursor(0, {{ {line} + 1, #line - 3 }})
local results = vim.lsp.buf_request_sync(buf, "textDocument/definition", vim.lsp.util.make_position_params(), 20000)
for _, r in pairs(results or {{}}) do
  for _, loc in ipairs(r.result or {{}}) do
    out:write(string.format("definition %s %d %d\n", vim.uri_to_fname(loc.uri), loc.range.start.line, loc.range.start.character))
  end
end
out:close()
vim.cmd("qa!")
"#,
            out = out.display(),
            file = file.display(),
            yijian = env!("CARGO_BIN_EXE_yijian"),
            root = rules.display(),
            line = line,
        ),
    )
    .unwrap();
    let status = std::process::Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&rules)
        .env("HOME", dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(status.status.success(), "nvim failed: {status:?}\n{report}");
    let line_text = text.lines().nth(line).unwrap();
    let col = line_text.find(name).unwrap();
    assert!(
        report.contains(&format!(
            "diagnostic E0201 {line} {col} {line} {}\n",
            col + name.len() + "照".len()
        )),
        "{report}"
    );
    assert!(report.contains("after undo 0\n"), "{report}");
    let expected = format!(
        "definition {} {declaration} {}\n",
        std::fs::canonicalize(&file).unwrap().display(),
        text.lines().nth(declaration).unwrap()[..text.lines().nth(declaration).unwrap().find(name).unwrap()]
            .encode_utf16()
            .count()
    );
    assert!(report.contains(&expected), "expected {expected:?} in\n{report}");
}

pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The position (UTF-16) just after the `nth` occurrence of `needle`.
fn after(text: &str, needle: &str, nth: usize) -> Value {
    let (line, column) = utf16_position(text, needle, nth);
    json!({ "line": line, "character": column + needle.encode_utf16().count() })
}

#[test]
fn completion_code_actions_rename_and_explanations() {
    let dir = workspace();
    let item_uri = uri(&dir.path().join("事项.yj"));
    let library_uri = uri(&dir.path().join("材料库.yj"));
    let mut client = Client::start(dir.path(), false);
    let text = ITEM
        .replace("需要：营业执照", "需要：营业执照照")
        .replace("法定时限：20 工作日", "法定时限：20 天");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": item_uri, "languageId": "yijian", "version": 1, "text": text } }),
    );
    let diagnostics = client.diagnostics_for(&item_uri);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"E0201") && codes.contains(&"E0103"), "{codes:?}");
    let labels = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    // Values after a colon: the field's words, or names of the kind it names.
    let words = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": item_uri }, "position": after(&text, "类型：", 0) }),
    );
    assert!(labels(&words).contains(&"行政许可".to_string()), "{words}");
    let names = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": item_uri }, "position": after(&text, "实施部门：", 0) }),
    );
    assert_eq!(labels(&names), ["市场监管局"]);
    // At the start of an entry: the item's fields and declarations, both languages.
    let fields = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": item_uri }, "position": after(&text, "  ", 3) }),
    );
    for expected in ["承诺时限", "promised-limit", "材料", "step", "当"] {
        assert!(
            labels(&fields).contains(&expected.to_string()),
            "{expected} in {fields}"
        );
    }
    // In a condition: the item's situations and their values.
    let with_situation = text.replace(
        "  环节 受理 { 时限：当场 }\n",
        "  情形 申请方式 { 取值：告知承诺、一般程序 }\n  环节 受理 { 时限：当场；当 申 }\n",
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": item_uri, "version": 2 }, "contentChanges": [{ "text": with_situation }] }),
    );
    let in_condition = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": item_uri }, "position": after(&with_situation, "当 申", 0) }),
    );
    assert_eq!(labels(&in_condition), ["申请方式", "告知承诺", "一般程序"]);
    let shape = client.request(
        "textDocument/signatureHelp",
        json!({ "textDocument": { "uri": item_uri }, "position": after(&with_situation, "当 申", 0) }),
    );
    assert!(
        shape["signatures"][0]["label"]
            .as_str()
            .unwrap()
            .starts_with("当 情形 = 取值"),
        "{shape}"
    );
    let duration = client.request(
        "textDocument/signatureHelp",
        json!({ "textDocument": { "uri": item_uri }, "position": after(&with_situation, "承诺时限：", 0) }),
    );
    assert_eq!(duration["signatures"][0]["label"], "N 工作日 | N 自然日 | 当场");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": item_uri, "version": 3 }, "contentChanges": [{ "text": text }] }),
    );
    // Code actions: the did-you-mean name, and 天 as working or calendar days.
    let actions = |client: &mut Client, needle: &str| -> Vec<(String, String)> {
        let at = after(&text, needle, 0);
        let found = client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": item_uri }, "range": { "start": at, "end": at }, "context": { "diagnostics": [] } }),
        );
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let edit = &a["edit"]["changes"][item_uri.as_str()][0];
                (
                    a["title"].as_str().unwrap().to_string(),
                    edit["newText"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let typo = actions(&mut client, "营业执照照");
    assert!(typo.iter().any(|(_, new)| new == "营业执照"), "{typo:?}");
    let days = actions(&mut client, "20 天");
    let texts: Vec<&str> = days.iter().map(|(_, new)| new.as_str()).collect();
    assert_eq!(texts, ["20 工作日", "20 自然日"], "{days:?}");
    // Hovering a finding shows its explain page.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": item_uri }, "position": after(&text, "20 ", 0) }),
    );
    assert!(
        hover["contents"]["value"].as_str().unwrap().contains("E0103"),
        "{hover}"
    );
    // Rename the library material: its declaration and every use, in both files.
    let position = after(&text, "材料 营", 0);
    let edit = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": item_uri }, "position": position, "newName": "企业营业执照" }),
    );
    assert_eq!(
        edit["changes"][library_uri.as_str()].as_array().unwrap().len(),
        1,
        "{edit}"
    );
    assert_eq!(
        edit["changes"][item_uri.as_str()].as_array().unwrap().len(),
        1,
        "{edit}"
    );
    assert_eq!(edit["changes"][item_uri.as_str()][0]["newText"], "企业营业执照");
    let quoted = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": item_uri }, "position": position, "newName": "营业执照、副本" }),
    );
    assert_eq!(
        quoted["changes"][library_uri.as_str()][0]["newText"],
        "\"营业执照、副本\""
    );
    client.stop();
}

#[test]
fn a_missing_legal_limit_gets_a_template_line() {
    let dir = workspace();
    let item_uri = uri(&dir.path().join("事项.yj"));
    let mut client = Client::start(dir.path(), false);
    let text = ITEM
        .replace("  法定时限：20 工作日\n", "")
        .replace("  承诺时限：10 工作日\n", "");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": item_uri, "languageId": "yijian", "version": 1, "text": text } }),
    );
    let diagnostics = client.diagnostics_for(&item_uri);
    let e0402 = diagnostics.iter().find(|d| d["code"] == "E0402").expect("E0402");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": item_uri }, "range": e0402["range"], "context": { "diagnostics": [] } }),
    );
    let edit = &actions[0]["edit"]["changes"][item_uri.as_str()][0];
    assert_eq!(edit["newText"], "\n  法定时限：20 工作日", "{actions}");
    assert_eq!(
        edit["range"]["start"]["line"],
        text.lines().position(|l| l.starts_with("事项")).unwrap()
    );
    client.stop();
}

/// The VS Code grammar highlights every keyword of the tables: it is
/// generated from them, and this test fails when a keyword is added without it.
#[test]
fn the_vscode_grammar_knows_every_keyword() {
    use yijian::keywords::{BLOCKS, CONDITION_WORDS, FIELDS, UNITS};
    let path = crate::support::root().join("editors/vscode/syntaxes/yijian.tmLanguage.json");
    let grammar: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pattern = |rule: &str| grammar["repository"][rule]["match"].as_str().unwrap().to_string();
    // The words of the first capturing group of a rule (lookarounds skipped).
    let alternatives = |rule: &str| -> Vec<String> {
        let text = pattern(rule);
        let open = text
            .match_indices('(')
            .find(|(at, _)| !text[at + 1..].starts_with('?'))
            .unwrap()
            .0;
        let inner = &text[open + 1..];
        let inner = &inner[..inner.find(')').unwrap()];
        inner.split('|').map(|w| w.replace('\\', "")).collect()
    };
    let mut missing = Vec::new();
    let words = |entries: &mut dyn Iterator<Item = (&'static str, &'static str, &'static [&'static str])>| {
        entries
            .flat_map(|(zh, en, aliases)| [zh, en].into_iter().chain(aliases.iter().copied()))
            .collect::<Vec<_>>()
    };
    for (rule, list) in [
        (
            "declaration",
            words(&mut BLOCKS.iter().map(|e| (e.zh, e.en, e.aliases))),
        ),
        ("field", words(&mut FIELDS.iter().map(|e| (e.zh, e.en, e.aliases)))),
        ("duration", words(&mut UNITS.iter().map(|e| (e.zh, e.en, e.aliases)))),
        (
            "condition",
            words(&mut CONDITION_WORDS.iter().map(|e| (e.zh, e.en, e.aliases))),
        ),
    ] {
        let known = alternatives(rule);
        let known = if rule == "duration" {
            let text = pattern(rule);
            let inner = &text[text.rfind("s*(").unwrap() + 3..];
            inner[..inner.find(')').unwrap()]
                .split('|')
                .map(|w| w.replace('\\', ""))
                .collect()
        } else {
            known
        };
        for word in list {
            if word.chars().any(char::is_alphanumeric) && !known.iter().any(|k| k == word) {
                missing.push(format!("{rule}: {word}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to editors/vscode/syntaxes/yijian.tmLanguage.json: {missing:?}"
    );
}

/// A service catalog (YAML) is checked as it is typed, like a rule file.
#[test]
fn a_catalog_is_checked_as_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let example = dir.path().join("06");
    copy_dir(&crate::support::root().join("examples/06-实施清单"), &example);
    let catalog = example.join("清单/某某县.yaml");
    let catalog_uri = uri(&catalog);
    let text = std::fs::read_to_string(&catalog).unwrap();
    let client = Client::start(&example, false);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": catalog_uri, "languageId": "yaml", "version": 1, "text": text } }),
    );
    let broken = text.replacen("promised_limit:", "promised_limt:", 1);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": catalog_uri, "version": 2 }, "contentChanges": [{ "text": broken }] }),
    );
    let diagnostics = client.diagnostics_for(&catalog_uri);
    let e1402 = diagnostics.iter().find(|d| d["code"] == "E1402").expect("E1402");
    let (line, column) = utf16_position(&broken, "promised_limt", 0);
    assert_eq!(e1402["range"]["start"], json!({ "line": line, "character": column }));
    assert!(e1402["message"].as_str().unwrap().contains("promised_limt"), "{e1402}");
    client.stop();
}

/// A rule file that is not UTF-8 gets its diagnostic as soon as the
/// workspace is loaded, and the server goes on serving the others.
#[test]
fn a_file_that_is_not_utf8_gets_a_diagnostic() {
    let dir = workspace();
    let bad = dir.path().join("乱码.yj");
    std::fs::write(&bad, b"\xe4\xba\x8b\xe9\xa1\xb9 \xff\xfe {}\n").unwrap();
    let mut client = Client::start(dir.path(), false);
    let diagnostics = client.diagnostics_for(&uri(&bad));
    assert_eq!(diagnostics[0]["code"], "E0002", "{diagnostics:?}");
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri(&dir.path().join("事项.yj")) } }),
    );
    assert!(symbols.is_array());
    client.stop();
}

/// `替代 <item>` in a joint review names an item declared elsewhere: going
/// to its definition lands on the item, and the item's references list it.
#[test]
fn a_replaced_item_is_a_use_of_the_item() {
    const THING: &str = "一件事 开办餐饮店 {\n  牵头部门：市场监管局\n  事项：食品经营许可\n  会签 联合审查 {\n    部门：市场监管局\n    时限：1 工作日\n    替代 食品经营许可 { 环节：审查 }\n  }\n}\n";
    let dir = crate::support::temp_files(&[
        ("yijian.toml", "allow = [\"W1302\"]\n"),
        ("材料库.yj", LIBRARY),
        ("事项.yj", ITEM),
        ("一件事.yj", THING),
    ]);
    let item_uri = uri(&dir.path().join("事项.yj"));
    let thing_uri = uri(&dir.path().join("一件事.yj"));
    let mut client = Client::start(dir.path(), false);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": thing_uri, "languageId": "yijian", "version": 1, "text": THING } }),
    );
    let (line, column) = utf16_position(THING, "食品经营许可", 1);
    let position =
        json!({ "textDocument": { "uri": thing_uri }, "position": { "line": line, "character": column + 1 } });
    let definition = client.request("textDocument/definition", position);
    assert_eq!(definition[0]["uri"], item_uri, "{definition}");
    let (item_line, _) = utf16_position(ITEM, "事项 食品经营许可", 0);
    assert_eq!(definition[0]["range"]["start"]["line"], item_line, "{definition}");
    client.stop();
}
