//! "Did you mean": the closest candidate to a mistyped word.

/// The candidate nearest to `word` by edit distance over characters, if it is
/// near enough to be a likely typo: at most one edit in three characters.
/// Ties go to the first candidate, so results are deterministic.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == word {
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
}
