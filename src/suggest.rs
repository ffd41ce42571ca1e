//! "Did you mean": the closest candidate to a mistyped word.

/// Words longer than this get no suggestion: the edit distance costs the
/// product of the two lengths, and no real name is this long, so a hostile
/// 350,000-character name must not cost minutes.
pub const MAX_LEN: usize = 128;

/// The candidate nearest to `word` by edit distance over characters, if it is
/// near enough to be a likely typo: at most one edit in three characters.
/// Ties go to the first candidate, so results are deterministic. The cost is
/// bounded: candidates whose length differs by more than the allowed number
/// of edits are skipped unread, and words longer than [`MAX_LEN`] are not compared.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.len() > MAX_LEN * 4 {
        return None;
    }
    let len = word.chars().count();
    if len > MAX_LEN {
        return None;
    }
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == word || candidate.len() > (MAX_LEN + limit) * 4 {
            continue;
        }
        if candidate.chars().count().abs_diff(len) > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(word, candidate);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_one_character_typos_in_chinese() {
        let names = ["居民身份证", "营业执照", "户口簿"];
        assert_eq!(closest("营业执昭", names), Some("营业执照"));
        assert_eq!(closest("营执业照", names), Some("营业执照"));
        assert_eq!(closest("结婚证", names), None);
    }

    #[test]
    fn long_words_cost_nothing() {
        let long = "营".repeat(350_000);
        let near = format!("{}照", "营".repeat(349_999));
        assert_eq!(closest(&long, [near.as_str()]), None);
        let short = "营业执照";
        assert_eq!(closest(short, [long.as_str(), "营业执昭"]), Some("营业执昭"));
    }
}
