//! Fuzz target: any bytes as a rule file, through the lossless tree and the
//! formatter. The tree must print the text back, the formatter must never
//! panic or report a change of meaning (`Unsound`), and what it formats must
//! format to itself, in both keyword languages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yijian::diagnostics::{FileId, Lang};
use yijian::format::{Config, Refusal, format};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (_, _, tree) = yijian::syntax::parse_lossless(FileId(0), &text);
    assert_eq!(tree.print(&text), text.as_ref(), "the lossless tree lost text");
    for keywords in [None, Some(Lang::En), Some(Lang::Zh)] {
        match format(&text, Config { keywords }) {
            Ok(once) => {
                let twice = format(&once, Config { keywords });
                assert!(matches!(&twice, Ok(t) if *t == once), "not idempotent");
            }
            Err(Refusal::Syntax(_)) => {}
            Err(Refusal::Unsound(unsound)) => panic!("unsound formatting ({})", unsound.what),
        }
    }
});
