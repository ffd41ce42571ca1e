//! The shipped rules and examples check clean: no errors, no warnings.

use crate::support::Checked;
use std::path::PathBuf;
use yijian::diagnostics::Lang;

fn assert_clean(path: &str) -> Checked {
    let checked = Checked::run(&[PathBuf::from(path)]);
    let codes = checked.codes();
    assert!(codes.is_empty(), "{path} is not clean:\n{}", checked.human(Lang::Zh));
    assert_eq!(checked.exit_code(), 0);
    checked
}

#[test]
fn shipped_rules_are_clean() {
    let checked = assert_clean("rules");
    let ws = &checked.discovery.workspaces;
    assert_eq!(ws.len(), 1, "rules/ is one workspace");
    let compiled = yijian::workspace::check(&ws[0]);
    assert!(compiled.ir.items.len() >= 3, "at least three real items");
    assert_eq!(compiled.ir.zones.len(), 7, "the seven zones of the hall");
}

#[test]
fn examples_are_clean_and_each_its_own_workspace() {
    let checked = assert_clean("examples");
    assert!(checked.discovery.workspaces.len() >= 5, "one workspace per example");
}

#[test]
fn the_root_manifest_checks_the_rules() {
    let checked = assert_clean(".");
    let files: usize = checked.discovery.workspaces.iter().map(|w| w.n_rule_files()).sum();
    assert!(files >= 5);
}

#[test]
fn synthetic_workspaces_are_clean() {
    use yijian::synth::{Config, workspace};
    let files = workspace(Config::items(120));
    let ws = yijian::workspace::Workspace::from_texts(files);
    let compiled = yijian::workspace::check(&ws);
    let checked_codes: Vec<_> = compiled.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(checked_codes.is_empty(), "{checked_codes:?}");
    assert_eq!(compiled.ir.items.len(), 120);
    assert_eq!(compiled.ir.things.len(), 12);
}

#[test]
fn situational_workspaces_are_clean() {
    for n_vars in [1, 2, 5, 10] {
        let ws = yijian::workspace::Workspace::from_texts(yijian::synth::situational(3, n_vars));
        let compiled = yijian::workspace::check(&ws);
        let codes: Vec<_> = compiled.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.is_empty(), "{n_vars} variables: {codes:?}");
    }
}
