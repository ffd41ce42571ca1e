//! The fonts shipped in `fonts/` and the characters they cover.
//!
//! The PDF documents embed these fonts and the HTML site carries a copy of
//! them (nothing is looked up on the machine and nothing is downloaded), so a
//! character they do not cover would print as a blank. [`covers`] answers from `fonts/coverage.txt`, which
//! `fonts/subset.py` writes together with the font; a test keeps the two in
//! step. The check `E1301` uses it on every text a document prints.

use std::sync::LazyLock;

/// The family name of the shipped CJK font (its name table's family).
pub const CJK_FAMILY: &str = "Noto Sans CJK SC";

/// The shipped CJK fonts: Noto Sans CJK SC Regular and Bold, cut down to GBK
/// and the punctuation and symbol blocks (see `fonts/README.md`). The PDFs
/// embed them; the HTML site carries one copy of each in its assets.
pub const CJK_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansCJKsc-Regular-GBK.otf");
pub const CJK_BOLD: &[u8] = include_bytes!("../fonts/NotoSansCJKsc-Bold-GBK.otf");

/// The file names of [`CJK_REGULAR`] and [`CJK_BOLD`], as shipped.
pub const CJK_REGULAR_FILE: &str = "NotoSansCJKsc-Regular-GBK.otf";
pub const CJK_BOLD_FILE: &str = "NotoSansCJKsc-Bold-GBK.otf";

/// The PostScript names of the two faces (a viewer that has the full font
/// installed under these names uses it instead of downloading ours).
pub const CJK_REGULAR_POSTSCRIPT: &str = "NotoSansCJKsc-Regular";
pub const CJK_BOLD_POSTSCRIPT: &str = "NotoSansCJKsc-Bold";

/// The fonts' licence (SIL OFL 1.1), which must travel with every copy.
pub const LICENCE: &str = include_str!("../fonts/OFL.txt");

/// The coverage table as shipped: `XXXX-YYYY` ranges, one a line.
pub const COVERAGE: &str = include_str!("../fonts/coverage.txt");

static RANGES: LazyLock<Vec<(u32, u32)>> = LazyLock::new(|| parse_ranges(COVERAGE));

/// The coverage of the Basic Multilingual Plane as one bit per code point
/// (8 KiB): E1301 asks about every character of every printed text, and a
/// bit is cheaper to look up than a search through the ranges.
static BMP: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    for &(low, high) in RANGES.iter() {
        for code in low..=high.min(0xFFFF) {
            if let Some(word) = bits.get_mut((code / 64) as usize) {
                *word |= 1 << (code % 64);
            }
        }
    }
    bits
});

/// Parses `XXXX-YYYY` lines (hexadecimal, inclusive); `#` starts a comment.
pub fn parse_ranges(text: &str) -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = text
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter_map(|line| {
            let (low, high) = line.split_once('-')?;
            Some((
                u32::from_str_radix(low.trim(), 16).ok()?,
                u32::from_str_radix(high.trim(), 16).ok()?,
            ))
        })
        .collect();
    ranges.sort_unstable();
    ranges
}

/// Whether a shipped font has a glyph for `c`. Line breaks and tabs count as
/// covered: documents lay them out as space, they draw nothing.
pub fn covers(c: char) -> bool {
    if matches!(c, '\n' | '\r' | '\t') {
        return true;
    }
    let code = u32::from(c);
    if code < 0x10000 {
        return BMP
            .get((code / 64) as usize)
            .is_some_and(|word| word & (1 << (code % 64)) != 0);
    }
    in_ranges(code)
}

/// Whether `code` lies in one of the coverage ranges (a binary search).
fn in_ranges(code: u32) -> bool {
    let ranges = &*RANGES;
    let at = ranges.partition_point(|(low, _)| *low <= code);
    at > 0 && ranges.get(at - 1).is_some_and(|(_, high)| code <= *high)
}

/// The characters of `text` no shipped font covers, each once, in order.
pub fn uncovered(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if !covers(c) && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_text_is_covered() {
        assert!(uncovered("食品经营许可（新办）：A4，≤ 300 ㎡，张喆、王堃①“”《》—…").is_empty());
    }

    #[test]
    fn the_bitmap_says_what_the_ranges_say() {
        for code in 0..0x1_0000u32 {
            if let Some(c) = char::from_u32(code).filter(|c| !matches!(c, '\n' | '\r' | '\t')) {
                assert_eq!(covers(c), in_ranges(code), "U+{code:04X}");
            }
        }
        assert!(covers('中') && !covers('\u{E000}'));
    }

    #[test]
    fn rare_characters_are_not() {
        assert_eq!(uncovered("𠮷野家 㐀"), vec!['𠮷', '㐀']);
    }
}
