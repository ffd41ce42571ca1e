//! Fuzz target: any bytes as a rule file, through the parser, the lowering,
//! the resolver and every check. It must return diagnostics, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yijian::workspace::{self, Workspace};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ws = Workspace::from_texts([("fuzz.yj", text.as_ref())]);
    let compiled = workspace::check(&ws);
    // Rendering walks every span: it must not panic either.
    let report = yijian::render::Report {
        workspaces: vec![(&ws, compiled.diagnostics.as_slice())],
        global: &[],
        lang: yijian::diagnostics::Lang::Zh,
    };
    let _ = yijian::render::human::render(&report, yijian::render::human::Style::plain());
});
