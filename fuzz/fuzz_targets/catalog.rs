//! Fuzz target: any bytes as a catalog (实施清单, YAML) checked against a
//! small rule workspace. It must return diagnostics, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yijian::workspace::{self, Workspace};

const RULES: &str = "部门 市场监管局 { 全称：\"某市市场监督管理局\"；层级：市 }\n\
事项 食品经营许可 {\n  基本编码：\"000115001000\"\n  类型：行政许可\n  实施部门：市场监管局\n  法定时限：20 工作日\n}\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ws = Workspace::from_texts([("rules.yj", RULES), ("catalog.yaml", text.as_ref())]);
    let _ = workspace::check(&ws);
});
