//! `yijian build`: the documents of the shipped rules, checked as a clerk
//! and an applicant would meet them — snapshots of the Markdown and HTML of
//! the shipped things, the questionnaire in a real browser, the text of the
//! PDFs, byte-identical rebuilds, the command line, and the shipped fonts.
//!
//! Tests that need an external program (`chromium`, `pdftotext`) fail when
//! `CI=true` and the program is missing, and otherwise print a notice and
//! pass: `.ci/run` installs them.

use crate::support::root;
use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yijian::documents::{self as build, Config, Formats};
use yijian::workspace;

/// Builds `paths` into `out` in-process.
fn build_into(paths: &[&str], out: &Path, formats: Formats) -> build::Summary {
    let paths: Vec<PathBuf> = paths.iter().map(|p| root().join(p)).collect();
    let discovery = workspace::discover(&paths);
    let compiled: Vec<_> = discovery.workspaces.iter().map(workspace::check).collect();
    for c in &compiled {
        assert!(
            c.diagnostics
                .iter()
                .all(|d| d.severity() != yijian::diagnostics::Severity::Error),
            "the rules have errors"
        );
    }
    let pairs: Vec<_> = discovery.workspaces.iter().zip(&compiled).collect();
    let config = Config {
        out: out.to_path_buf(),
        formats,
        progress: false,
    };
    build::build(&pairs, &config).unwrap()
}

fn formats(html: bool, markdown: bool, pdf: bool) -> Formats {
    Formats {
        html,
        markdown,
        pdf,
        flow: true,
        json: true,
    }
}

/// Every file below `dir`, relative, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

use crate::support::have;

// ------------------------------------------------------------ snapshots

/// The HTML without its inline stylesheet, script and chart, which are
/// reviewed as their own files (`src/documents/assets/`) and as Mermaid.
fn reviewable_html(html: &str) -> String {
    let mut out = html.to_string();
    for (open, close, placeholder) in [
        (
            "<style>",
            "</style>",
            "<style>/* src/documents/assets/site.css */</style>",
        ),
        (
            "<script>",
            "</script>",
            "<script>/* src/documents/assets/questionnaire.js */</script>",
        ),
        (
            "<figure class=\"flow\">",
            "</figure>",
            "<figure class=\"flow\"><!-- 流程图.svg --></figure>",
        ),
    ] {
        if let (Some(start), Some(end)) = (out.find(open), out.find(close)) {
            out.replace_range(start..end + close.len(), placeholder);
        }
    }
    out
}

#[test]
fn snapshots_of_the_shipped_things() {
    let out = tempfile::tempdir().unwrap();
    build_into(&["rules"], out.path(), formats(true, true, false));
    for (slug, name) in [("kaiban-canyindian", "开办餐饮店"), ("xinshenger", "新生儿出生")] {
        let dir = out.path().join("一件事").join(name);
        for (doc, id) in [
            ("一次性告知单", "notice"),
            ("受理清单", "checklist"),
            ("办事指南", "guide"),
        ] {
            let markdown = std::fs::read_to_string(dir.join(format!("{doc}.md"))).unwrap();
            let html = std::fs::read_to_string(dir.join(format!("{doc}.html"))).unwrap();
            insta::with_settings!({
                snapshot_path => root().join("tests/snapshots/build"),
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(format!("{slug}-{id}-md"), markdown);
                insta::assert_snapshot!(format!("{slug}-{id}-html"), reviewable_html(&html));
            });
        }
        let mermaid = std::fs::read_to_string(dir.join("流程图.mmd")).unwrap();
        insta::with_settings!({
            snapshot_path => root().join("tests/snapshots/build"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{slug}-flow-mmd"), mermaid);
        });
    }
}

/// A joint review that does the items' steps instead (替代) and needs the
/// applicant on site (到场): the guide says which steps and where, the path
/// names the steps the review waits for, and the chart's review box says both.
#[test]
fn a_joint_review_that_replaces_steps_in_the_guide_and_chart() {
    for (slug, fixture, name) in [
        (
            "replaces-steps",
            "tests/fixtures/ok/joint-review-replaces-steps.yj",
            "残疾人两项补贴",
        ),
        (
            "joint-site-inspection",
            "tests/fixtures/ok/joint-site-inspection.yj",
            "门店招牌设置",
        ),
    ] {
        let out = tempfile::tempdir().unwrap();
        build_into(&[fixture], out.path(), formats(false, true, false));
        let dir = out.path().join("一件事").join(name);
        let guide = std::fs::read_to_string(dir.join("办事指南.md")).unwrap();
        let process: String = guide
            .lines()
            .skip_while(|l| !l.contains("办理流程"))
            .take_while(|l| !(l.starts_with("## ") && l.contains("审批结果")))
            .collect::<Vec<_>>()
            .join("\n");
        let mermaid = std::fs::read_to_string(dir.join("流程图.mmd")).unwrap();
        insta::with_settings!({
            snapshot_path => root().join("tests/snapshots/build"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{slug}-guide-process"), process);
            insta::assert_snapshot!(format!("{slug}-flow-mmd"), mermaid);
        });
    }
}

#[test]
fn the_site_lists_every_document_by_zone_and_department() {
    let out = tempfile::tempdir().unwrap();
    let summary = build_into(&["rules"], out.path(), formats(true, true, false));
    assert_eq!((summary.items, summary.things), shipped_counts());
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains(">按功能区</h2>") && index.contains(">按部门</h2>"));
    assert!(index.contains("联合办理区") && index.contains("某市消防救援支队"));
    // Every link of the index points at a file that was written.
    let mut rest = index.as_str();
    let mut n_links = 0;
    while let Some(at) = rest.find("href=\"") {
        rest = &rest[at + 6..];
        let end = rest.find('"').unwrap();
        let link = &rest[..end];
        if link.starts_with('#') {
            continue;
        }
        let decoded = link.replace("%20", " ");
        assert!(out.path().join(&decoded).is_file(), "broken link {link}");
        n_links += 1;
    }
    // 13 subjects, each 3 documents and a chart, listed by zone and by department.
    assert!(n_links >= 13 * 4 * 2, "{n_links} links");
    // The model is exported.
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("model.json")).unwrap()).unwrap();
    assert_eq!(model["items"].as_array().unwrap().len(), shipped_counts().0);
    let thing = model["things"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "开办餐饮店")
        .unwrap();
    // 营业执照 is asked by all four items (the three every applicant does and
    // the optional 烟草专卖零售许可) and spared by data sharing.
    let licence = thing["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "营业执照")
        .unwrap();
    assert_eq!(licence["items"].as_array().unwrap().len(), 4);
    assert!(licence["exempt"]["sources"][0].as_str().unwrap().contains("电子证照库"));
}

#[test]
fn documents_say_what_a_clerk_needs() {
    let out = tempfile::tempdir().unwrap();
    build_into(&["rules"], out.path(), formats(false, true, false));
    let item = out.path().join("事项/公众聚集场所投入使用、营业前消防安全检查");
    let notice = std::fs::read_to_string(item.join("一次性告知单.md")).unwrap();
    // Conditional materials are grouped under their situation.
    assert!(notice.contains("### 申请方式 = 告知承诺时，还需提交"), "{notice}");
    // Shared materials are exempt, naming the data source.
    assert!(
        notice.contains("| 营业执照 | 电子证照库（数据局）、市场主体登记库（市场监管局） |"),
        "{notice}"
    );
    // The time each procedure takes, from the step graph.
    assert!(notice.contains("| 申请方式 = 告知承诺 | 1 个工作日 |"), "{notice}");
    let checklist = std::fs::read_to_string(item.join("受理清单.md")).unwrap();
    assert!(checklist.contains("| □ |"), "{checklist}");
    assert!(
        checklist.contains("免提交：窗口通过电子证照库（数据局）"),
        "{checklist}"
    );
}

// ------------------------------------------------------------ browser

/// The page after its scripts ran, as Chromium sees it.
fn dump_dom(page: &Path, query: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}?{query}", page.display());
    let output = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=3000", "--dump-dom"])
        .arg(url)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        dom.contains("</html>"),
        "chromium printed no page: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    dom
}

/// The opening tag of the innermost `<section class="group" …>` or `<tr …>`
/// before `text`.
fn opening_tag<'a>(dom: &'a str, text: &str, tag: &str) -> &'a str {
    let at = dom.find(text).unwrap_or_else(|| panic!("{text} not in the page"));
    let start = dom[..at].rfind(tag).unwrap();
    let end = start + dom[start..].find('>').unwrap();
    &dom[start..=end]
}

#[test]
fn the_questionnaire_shows_what_applies_in_a_browser() {
    if !have("chromium", "chromium") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    build_into(&["rules"], out.path(), formats(true, false, false));

    // One item: the applicant chose the notification-and-promise procedure.
    let guide = out
        .path()
        .join("事项/公众聚集场所投入使用、营业前消防安全检查/办事指南.html");
    let dom = dump_dom(&guide, "申请方式=告知承诺");
    let promise = opening_tag(&dom, "消防安全告知承诺书", "<section class=\"group\"");
    assert!(
        promise.contains("data-applies=\"true\"") && !promise.contains("hidden"),
        "{promise}"
    );
    let form = opening_tag(&dom, "消防安全检查申报表", "<section class=\"group\"");
    assert!(
        form.contains("data-applies=\"false\"") && form.contains("hidden"),
        "{form}"
    );
    // Steps of the other procedure are hidden too.
    let step = opening_tag(&dom, "现场检查（一般程序）", "<tr");
    assert!(step.contains("hidden"), "{step}");
    assert!(dom.contains("按您的回答，需要提交 5 项材料。"), "summary");

    // A thing asks each question once for all its items.
    let checklist = out.path().join("一件事/新生儿出生/受理清单.html");
    let dom = dump_dom(&checklist, "婚生=否&落户方=随父&月龄=3");
    assert_eq!(dom.matches("name=\"月龄\"").count(), 1, "one question for both items");
    let dna = opening_tag(&dom, "亲子鉴定证明", "<section class=\"group\"");
    assert!(dna.contains("data-applies=\"true\""), "{dna}");
    // Unanswered questions leave their materials listed.
    let ethnic = opening_tag(&dom, "新增人口民族成份确认书", "<section class=\"group\"");
    assert!(
        ethnic.contains("data-applies=\"unknown\"") && !ethnic.contains("hidden"),
        "{ethnic}"
    );

    // A row of a shared material that applies only to married parents.
    let registration = out.path().join("事项/出生登记（户口登记）/受理清单.html");
    let dom = dump_dom(&registration, "婚生=否");
    let marriage = opening_tag(&dom, "结婚证", "<tr");
    assert!(
        marriage.contains("hidden"),
        "结婚证 is not checked when the parents are not married: {marriage}"
    );
}

// ------------------------------------------------------------ fonts in a browser

/// A fontconfig set-up that knows no Chinese font: its only folder holds a
/// copy of one Latin font of the machine. (With no font at all Chromium
/// prints a blank page, whatever the page asks for, so the folder cannot be
/// empty.) `None`, after a notice or a CI failure like [`have`]'s, when the
/// machine has no Latin TrueType font.
struct NoChineseFonts {
    dir: tempfile::TempDir,
}

impl NoChineseFonts {
    fn new() -> Option<NoChineseFonts> {
        let chinese_free = |path: &Path| {
            std::fs::read(path).is_ok_and(|data| {
                ttf_parser::Face::parse(&data, 0)
                    .is_ok_and(|face| face.glyph_index('A').is_some() && face.glyph_index('办').is_none())
            })
        };
        let mut candidates = vec![
            PathBuf::from("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            PathBuf::from("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        ];
        let mut stack = vec![PathBuf::from("/usr/share/fonts")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "ttf") {
                    candidates.push(path);
                }
            }
        }
        let Some(latin) = candidates.into_iter().find(|p| chinese_free(p)) else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("no Latin TrueType font under /usr/share/fonts: CI must install chromium's fonts");
            }
            eprintln!("SKIPPED: no Latin TrueType font under /usr/share/fonts; this test fails when CI=true");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let fonts = dir.path().join("fonts");
        std::fs::create_dir_all(&fonts).unwrap();
        std::fs::copy(&latin, fonts.join(latin.file_name().unwrap())).unwrap();
        for sub in ["home", "config", "cache", "data", "fontconfig-cache"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        std::fs::write(
            dir.path().join("fonts.conf"),
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n  \
                 <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
                fonts.display(),
                dir.path().join("fontconfig-cache").display()
            ),
        )
        .unwrap();
        Some(NoChineseFonts { dir })
    }

    /// Prints `page` to `pdf` with headless Chromium that sees only these
    /// fonts and no network; killed after 60 s.
    fn print(&self, page: &Path, pdf: &Path) {
        let profile = tempfile::tempdir().unwrap();
        let log = self.dir.path().join("chromium.log");
        let home = self.dir.path();
        let mut child = std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                // Chromium's own header and footer (date, address) would be
                // drawn in a machine font.
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()))
            .env("FONTCONFIG_FILE", home.join("fonts.conf"))
            .env("HOME", home.join("home"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_DATA_HOME", home.join("data"))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish printing {} within 60 s", page.display());
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        };
        assert!(
            status.success() && pdf.is_file(),
            "chromium failed on {}: {}",
            page.display(),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
}

/// The fonts a PDF printed by Chromium embeds, without subset prefixes.
/// Chromium (Skia) embeds OpenType CFF fonts such as Noto Sans CJK as Type 3
/// fonts, for which `pdffonts` prints `[none]`; their font descriptors still
/// carry `/FontName`, in dictionaries Skia does not compress.
fn embedded_fonts(pdf: &Path) -> std::collections::BTreeSet<String> {
    let bytes = std::fs::read(pdf).unwrap();
    let key = b"/FontName /";
    let mut names = std::collections::BTreeSet::new();
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(key.len()).position(|w| w == key) {
        let start = at + found + key.len();
        let end = bytes[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || b"/<>[]()".contains(b))
            .map_or(bytes.len(), |n| start + n);
        let name = String::from_utf8_lossy(&bytes[start..end]).into_owned();
        names.insert(name.split_once('+').map_or(name.clone(), |(_, n)| n.to_string()));
        at = end;
    }
    names
}

#[test]
fn html_reads_in_chinese_in_a_browser_without_chinese_fonts() {
    if !have("chromium", "chromium") || !have("pdftotext", "poppler-utils") {
        return;
    }
    let Some(fonts) = NoChineseFonts::new() else { return };
    let out = tempfile::tempdir().unwrap();
    build_into(&["examples/01-一个事项"], out.path(), formats(true, false, false));
    // One copy of the font, with its licence, for the whole site.
    let written = files(out.path());
    let otf: Vec<_> = written
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "otf"))
        .collect();
    assert_eq!(
        otf,
        vec![
            Path::new("assets/fonts/NotoSansCJKsc-Bold-GBK.otf"),
            Path::new("assets/fonts/NotoSansCJKsc-Regular-GBK.otf")
        ]
    );
    assert!(written.contains_key(Path::new("assets/fonts/OFL.txt")));
    let shipped = |p: &str| std::fs::read(root().join("fonts").join(p)).unwrap();
    assert!(
        written[Path::new("assets/fonts/NotoSansCJKsc-Regular-GBK.otf")] == shipped("NotoSansCJKsc-Regular-GBK.otf")
    );

    let item = out.path().join("事项/烟草专卖零售许可（新办）");
    let only_ours = |pdf: &Path, what: &str| {
        let names = embedded_fonts(pdf);
        assert!(
            names.contains("NotoSansCJKsc-Regular") && names.iter().all(|n| n.starts_with("NotoSansCJKsc-")),
            "{what} is not drawn in the shipped font alone: {names:?}"
        );
        names
    };
    // The guide: its text, headings (bold) and the chart inline in it.
    let pdf = out.path().join("guide.pdf");
    fonts.print(&item.join("办事指南.html"), &pdf);
    let names = only_ours(&pdf, "the guide");
    assert!(names.contains("NotoSansCJKsc-Bold"), "headings are bold: {names:?}");
    let text = squeeze(&pdftotext(&pdf));
    for expected in [
        "办事指南",
        "烟草专卖零售许可（新办）",
        "基本编码",
        "某市烟草专卖局",
        "受理",
    ] {
        assert!(text.contains(expected), "{expected} not in the printed guide: {text}");
    }
    // The chart on its own, and the index.
    let pdf = out.path().join("chart.pdf");
    fonts.print(&item.join("流程图.svg"), &pdf);
    only_ours(&pdf, "the flow chart");
    assert!(squeeze(&pdftotext(&pdf)).contains("审查"), "the chart's text");
    let pdf = out.path().join("index.pdf");
    fonts.print(&out.path().join("index.html"), &pdf);
    only_ours(&pdf, "the index");
    assert!(squeeze(&pdftotext(&pdf)).contains("烟草专卖零售许可（新办）"));

    // The control: without the @font-face rules the same page has no
    // Chinese font at all, so the checks above test the rules.
    let html = std::fs::read_to_string(item.join("办事指南.html")).unwrap();
    let faces = html.find("<style>\n@font-face").expect("the font rules");
    let end = faces + html[faces..].find("</style>\n").unwrap() + "</style>\n".len();
    let bare = item.join("无字体.html");
    std::fs::write(&bare, format!("{}{}", &html[..faces], &html[end..])).unwrap();
    let pdf = out.path().join("bare.pdf");
    fonts.print(&bare, &pdf);
    let names = embedded_fonts(&pdf);
    assert!(
        !names.iter().any(|n| n.contains("CJK")),
        "a Chinese font reached Chromium besides the site's: {names:?}"
    );
}

/// Every `url(…)` of the shipped font in a page or chart of `site`, as the
/// file it points at.
fn font_urls(site: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for (path, bytes) in files(site) {
        if !path.extension().is_some_and(|e| e == "html" || e == "svg") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for (at, _) in text.match_indices("url(\"") {
            let rest = &text[at + 5..];
            let url = &rest[..rest.find('"').unwrap()];
            out.push((path.clone(), site.join(path.parent().unwrap()).join(url)));
        }
    }
    out
}

#[test]
fn one_copy_of_the_font_serves_every_page_of_several_workspaces() {
    let out = tempfile::tempdir().unwrap();
    build_into(
        &["examples/01-一个事项", "examples/02-材料与环节"],
        out.path(),
        formats(true, false, false),
    );
    let otf: Vec<PathBuf> = files(out.path())
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "otf"))
        .collect();
    assert_eq!(otf.len(), 2, "{otf:?}");
    assert!(otf.iter().all(|p| p.starts_with("assets/fonts")), "{otf:?}");
    let urls = font_urls(out.path());
    // Each workspace's index and its subjects' pages and charts, and the top index.
    assert!(urls.len() > 20, "{urls:?}");
    for (page, font) in &urls {
        assert!(font.is_file(), "{}: {} is not there", page.display(), font.display());
    }
}

// ------------------------------------------------------------ PDF

fn pdftotext(pdf: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(output.stdout).unwrap()
}

/// Text without white space, so words a table cell wraps still match.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(feature = "pdf")]
#[test]
fn pdfs_carry_searchable_text_headers_and_page_numbers() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    build_into(&["rules"], out.path(), formats(false, false, true));
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("model.json")).unwrap()).unwrap();
    for thing in model["things"].as_array().unwrap() {
        let dir = out.path().join("一件事").join(thing["slug"].as_str().unwrap());
        let notice = squeeze(&pdftotext(&dir.join("一次性告知单.pdf")));
        let checklist = squeeze(&pdftotext(&dir.join("受理清单.pdf")));
        for material in thing["materials"].as_array().unwrap() {
            let name = squeeze(material["name"].as_str().unwrap());
            assert!(
                notice.contains(&name),
                "{name} missing from the notice of {}",
                thing["name"]
            );
            assert!(
                checklist.contains(&name),
                "{name} missing from the checklist of {}",
                thing["name"]
            );
        }
        assert!(
            notice.contains(&format!("一次性告知单·{}", thing["name"].as_str().unwrap())),
            "header"
        );
        assert!(notice.contains("第1页，共"), "page numbers");
    }
    // An item's header names its code.
    let guide = pdftotext(&out.path().join("事项/食品经营许可（新办）/办事指南.pdf"));
    assert!(guide.contains("基本编码 000123012000"), "{guide}");
    // A4, and the shipped font embedded.
    let info = std::process::Command::new("pdfinfo")
        .arg(out.path().join("事项/食品经营许可（新办）/办事指南.pdf"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("(A4)"));
    let fonts = std::process::Command::new("pdffonts")
        .arg(out.path().join("事项/食品经营许可（新办）/办事指南.pdf"))
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.contains("NotoSansCJKsc-Regular") && fonts.contains("NotoSansCJKsc-Bold"),
        "{fonts}"
    );
}

/// The text of each page of a PDF.
#[cfg(feature = "pdf")]
fn pages(pdf: &Path) -> Vec<String> {
    let info = std::process::Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let n: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    (1..=n)
        .map(|page| {
            let output = std::process::Command::new("pdftotext")
                .args(["-enc", "UTF-8", "-f", &page.to_string(), "-l", &page.to_string()])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            squeeze(&String::from_utf8(output.stdout).unwrap())
        })
        .collect()
}

/// A four-step item's guide: the chart is sized to its text, so the process
/// section — heading, table and chart — stays on one page, and the guide
/// takes two pages. (At its natural size the chart took half a page and
/// went to the next one, leaving its table behind.)
#[cfg(feature = "pdf")]
#[test]
fn a_short_process_keeps_its_heading_table_and_chart_together() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    build_into(&["examples/01-一个事项"], out.path(), formats(false, false, true));
    let guide = pages(&out.path().join("事项/烟草专卖零售许可（新办）/办事指南.pdf"));
    assert_eq!(guide.len(), 2, "{guide:#?}");
    let process = guide.iter().find(|p| p.contains("五、办理流程")).unwrap();
    // The table (pdftotext reads it column by column), then the chart's boxes.
    assert!(process.contains("环节受理审查决定送达"), "the table: {process}");
    assert!(process.contains("审查烟草专卖局15个工作日"), "the chart: {process}");
}

/// Every character a PDF of the shipped rules prints — template text
/// included — is in the shipped fonts.
#[cfg(feature = "pdf")]
#[test]
fn every_character_of_the_pdf_sources_is_covered() {
    let discovery = workspace::discover(&[root().join("rules")]);
    let compiled = workspace::check(&discovery.workspaces[0]);
    let model = build::model::compute("rules", &compiled);
    let flow = build::doc::Block::Flow {
        svg: String::new(),
        mermaid: String::new(),
    };
    let mut documents = Vec::new();
    for item in &model.items {
        documents.extend(build::doc::item_documents(item, &flow));
    }
    for thing in &model.things {
        documents.extend(build::doc::thing_documents(thing, &model.items, &flow));
    }
    for document in &documents {
        let source = build::pdf::source(document);
        let missing = yijian::fonts::uncovered(&source);
        assert!(missing.is_empty(), "{}: {missing:?}", document.title());
    }
}

/// typst finds a glyph for every character the coverage table lists, in
/// both weights (ttf-parser, under typst, is what looks them up).
#[test]
fn the_shipped_fonts_have_every_listed_character() {
    for file in ["NotoSansCJKsc-Regular-GBK.otf", "NotoSansCJKsc-Bold-GBK.otf"] {
        let data = std::fs::read(root().join("fonts").join(file)).unwrap();
        let face = ttf_parser::Face::parse(&data, 0).unwrap();
        let mut missing = Vec::new();
        for (low, high) in yijian::fonts::parse_ranges(yijian::fonts::COVERAGE) {
            for code in low..=high {
                if let Some(c) = char::from_u32(code)
                    && face.glyph_index(c).is_none()
                {
                    missing.push(format!("U+{code:04X}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "{file}: {} listed characters without a glyph: {:?}",
            missing.len(),
            &missing[..missing.len().min(10)]
        );
    }
    let size: u64 = std::fs::read_dir(root().join("fonts"))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(size < 12 * 1024 * 1024, "fonts/ is {size} bytes");
}

// ------------------------------------------------------------ determinism

#[test]
fn building_twice_gives_the_same_bytes() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let all = Formats::all();
    build_into(&["rules"], first.path(), all);
    build_into(&["rules"], second.path(), all);
    let a = files(first.path());
    let b = files(second.path());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{} differs between builds", path.display());
    }
    assert!(a.len() > 100, "{} files", a.len());
}

// ------------------------------------------------------------ command line

#[test]
fn the_command_builds_the_site() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let assert = Command::cargo_bin("yijian")
        .unwrap()
        .current_dir(root())
        .args(["build", "rules", "--format", "html,markdown,flow", "--out"])
        .arg(&site)
        .env("NO_COLOR", "1")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let (items, things) = shipped_counts();
    assert!(
        stdout.contains(&format!("已生成 {items} 个事项、{things} 件一件事的")),
        "{stdout}"
    );
    assert!(site.join("index.html").is_file());
    assert!(site.join("一件事/开办餐饮店/受理清单.html").is_file());
    assert!(
        !site.join("一件事/开办餐饮店/受理清单.pdf").exists(),
        "only the formats asked for"
    );
    // No temporary file is left behind.
    assert!(files(&site).keys().all(|p| !p.to_string_lossy().ends_with(".tmp")));
}

#[test]
fn the_command_refuses_rules_with_errors() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let assert = Command::cargo_bin("yijian")
        .unwrap()
        .current_dir(root())
        .args(["build", "tests/fixtures/err/E0801-licence-from-data-source.yj", "--out"])
        .arg(&site)
        .env("NO_COLOR", "1")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("E0801"), "{stderr}");
    assert!(stderr.contains("先用 `yijian check` 修正后再生成文档"), "{stderr}");
    assert!(!site.exists(), "nothing is written");
}

#[test]
fn a_rebuild_removes_what_it_no_longer_writes_and_nothing_else() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = |path: &str| {
        Command::cargo_bin("yijian")
            .unwrap()
            .current_dir(root())
            .args(["build", path, "--format", "html", "--out"])
            .arg(&site)
            .assert()
            .success();
    };
    run("rules");
    std::fs::write(site.join("说明.txt"), "窗口自己的文件").unwrap();
    assert!(site.join("事项/户外招牌设置/办事指南.html").is_file());
    run("examples/01-一个事项");
    assert!(
        !site.join("事项/户外招牌设置").exists(),
        "documents of items no longer built are removed"
    );
    assert!(site.join("说明.txt").is_file(), "files the build did not write stay");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!index.contains("户外招牌设置"));
    // A build of other formats leaves these in place.
    Command::cargo_bin("yijian")
        .unwrap()
        .current_dir(root())
        .args(["build", "examples/01-一个事项", "--format", "markdown", "--out"])
        .arg(&site)
        .assert()
        .success();
    assert!(site.join("index.html").is_file() && site.join("index.md").is_file());
}

#[test]
fn names_become_safe_distinct_folders() {
    let text = |name: &str, code: &str| {
        format!(
            "事项 \"{name}\" {{\n  基本编码：\"{code}\"\n  类型：行政确认\n  实施部门：公安局\n  法定时限：30 工作日\n  承诺时限：当场\n  \
             材料 申报表 {{ 来源：申请人自备；依据：\"《条例》第七条\"；形式：纸质、电子 }}\n  \
             结果 户口页 {{ 类型：证照；送达方式：窗口领取、邮寄 }}\n  环节 受理 {{ 时限：当场；需要：申报表 }}\n  \
             环节 登记 {{ 类型：决定；时限：当场；产出：户口页 }}\n  环节 送达 {{ 送达：户口页 }}\n}}\n"
        )
    };
    let rules = format!(
        "部门 公安局 {{ 全称：\"某某县公安局\"；层级：县 }}\n{}{}",
        text("../逃逸/a:b", "000107001000"),
        text(".._逃逸_a_b", "000107001001")
    );
    let ws = workspace::Workspace::from_texts([("a.yj", rules)]);
    let mut compiled = workspace::check(&ws);
    // The items leave the hall's address and hours out (W1302); the names are the point.
    compiled
        .diagnostics
        .retain(|d| d.code != yijian::diagnostics::Code::W1302);
    assert!(compiled.diagnostics.is_empty(), "{:?}", compiled.diagnostics);
    let out = tempfile::tempdir().unwrap();
    let config = Config {
        out: out.path().join("site"),
        formats: formats(true, false, false),
        progress: false,
    };
    build::build(&[(&ws, &compiled)], &config).unwrap();
    let written = files(&out.path().join("site"));
    let folders: std::collections::BTreeSet<_> = written
        .keys()
        .filter_map(|p| p.parent())
        .filter(|p| p.starts_with("事项"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        folders.into_iter().collect::<Vec<_>>(),
        vec!["事项/_逃逸_a_b".to_string(), "事项/_逃逸_a_b-2".to_string()]
    );
    assert!(!out.path().join("逃逸").exists());
}

/// The number of items and things in the shipped rules.
fn shipped_counts() -> (usize, usize) {
    let discovery = yijian::workspace::discover(&[crate::support::root().join("rules")]);
    let compiled = yijian::workspace::check(&discovery.workspaces[0]);
    (compiled.ir.items.len(), compiled.ir.things.len())
}

/// The county guide of issue 11 (城镇污水排入排水管网许可, written from a
/// published 办事指南): the printed forms say what the guide says.
const COUNTY: &str = "tests/fixtures/err/W1303-paishui-county-guide";

#[cfg(feature = "pdf")]
#[test]
fn the_county_guide_prints_what_the_published_guide_says() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    build_into(&[COUNTY], out.path(), formats(true, true, true));
    let dir = out.path().join("事项/城镇污水排入排水管网许可");
    // The result's sample file is copied beside the documents and linked.
    assert_eq!(
        std::fs::read(dir.join("样本/许可证样本.svg")).unwrap(),
        std::fs::read(root().join(COUNTY).join("样本/许可证样本.svg")).unwrap()
    );
    let html = std::fs::read_to_string(dir.join("办事指南.html")).unwrap();
    assert!(html.contains("<a href=\"样本/许可证样本.svg\">城镇污水排入排水管网许可证样本</a>"));
    let markdown = std::fs::read_to_string(dir.join("办事指南.md")).unwrap();
    assert!(markdown.contains("- [城镇污水排入排水管网许可证样本](<样本/许可证样本.svg>)"));
    let checklist = squeeze(&pdftotext(&dir.join("受理清单.pdf")));
    let notice = squeeze(&pdftotext(&dir.join("一次性告知单.pdf")));
    let guide = squeeze(&pdftotext(&dir.join("办事指南.pdf")));
    for (name, text) in [
        ("受理清单", &checklist),
        ("一次性告知单", &notice),
        ("办事指南", &guide),
    ] {
        assert!(!text.contains("未填写"), "{name} prints 未填写: {text}");
        assert!(
            text.contains("000176024000（待核实）"),
            "{name} marks the unconfirmed code"
        );
    }
    // 比对原件留存复印件 where the guide says so, on the counter's form too.
    assert!(checklist.contains("比对原件留存复印件：核对复印件与原件一致后留存复印件1份，原件退还"));
    assert!(checklist.contains("查验原件后退还申请人，不留存"));
    assert!(checklist.contains("收取复印件1份（不需要原件）"));
    assert!(checklist.contains("收取原件或复印件1份，两者任一即可"));
    assert!(!checklist.contains("查验原件，或收取复印件"));
    // In the notice's table the cell wraps beside its neighbour: read it in drawing order.
    let raw = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(dir.join("一次性告知单.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(squeeze(&String::from_utf8_lossy(&raw.stdout)).contains("营业执照复印件（比对原件留存复印件）"));
    // Approval conditions in the guide and the notice, never on the checklist.
    let approval = "排放的污水符合国家或者地方规定的有关排放标准";
    assert!(guide.contains("审批条件") && guide.contains(approval));
    assert!(notice.contains("审批条件") && notice.contains(approval));
    assert!(!checklist.contains(approval) && !checklist.contains("审批条件"));
    assert!(checklist.contains("排水户已建成内部排水设施，具备接入城镇排水管网的条件"));
    // Each step's description, with the department's full name.
    assert!(guide.contains("审查排放口设置、预处理设施和排水水质是否符合审批条件"));
    assert!(guide.contains("窗口核对申请材料，比对营业执照和图纸的原件后留存复印件"));
    assert!(guide.contains("某某县城市管理局"));
    // The national data model's fields.
    for text in [
        "实施依据",
        "《城镇污水排入排水管网许可管理办法》（住房和城乡建设部令第21号）",
        "中介服务",
        "排水水质检测",
        "有效期：5年",
        "支持（免费寄递）",
        "1个工作日",
        "12345",
    ] {
        assert!(guide.contains(text), "the guide lacks {text}");
    }
    assert!(notice.contains("申请前需要办理的中介服务"));
}

#[test]
fn the_county_guide_without_its_hours_is_refused_where_the_hall_publishes() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join(COUNTY)).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Take 办理时间 out of the zone the item inherits it from.
        let text: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("办理时间"))
            .map(|line| format!("{line}\n"))
            .collect();
        std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    let out = assert_cmd::Command::cargo_bin("yijian")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let found: Vec<(String, String, String)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // deny = ["W1302"] in its yijian.toml makes the warning an error.
    assert!(
        found.contains(&(
            "W1302".to_string(),
            "error".to_string(),
            "事项“城镇污水排入排水管网许可”没有写“办理时间”，办事指南、一次性告知单会印出“未填写”".to_string()
        )),
        "{found:?}"
    );
    // The unconfirmed basic code stays a warning.
    assert!(
        found
            .iter()
            .any(|(code, severity, _)| code == "W1303" && severity == "warning")
    );
}

#[test]
fn an_unconfirmed_code_passes_check_but_not_deny_warnings() {
    let run = |deny: bool| {
        let mut cmd = assert_cmd::Command::cargo_bin("yijian").unwrap();
        cmd.env("NO_COLOR", "1").current_dir(root()).arg("check");
        if deny {
            cmd.arg("--deny-warnings");
        }
        cmd.arg(COUNTY).assert()
    };
    let out = run(false).code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("W1303") && stdout.contains("基本编码"), "{stdout}");
    run(true).code(1);
}
