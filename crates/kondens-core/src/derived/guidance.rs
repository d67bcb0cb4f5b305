//! Soft guidance for steps 3 and 4: notes, never rules. The numbers come from published
//! STC studies (two or three subgroups per code group); nothing here blocks any work.

/// First-person pronouns in the languages kondens is used with (English, Norwegian
/// bokmål and nynorsk, Danish, Swedish), lower case.
const FIRST_PERSON: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "jeg",
    "eg",
    "meg",
    "mig",
    "min",
    "mi",
    "mitt",
    "mine",
    "vi",
    "oss",
    "os",
    "vår",
    "vårt",
    "våre",
    "vore",
    "jag",
    "mitt",
    "mina",
    "vår",
    "våra",
];

/// The first-person pronouns in `text` (an apostrophe ends a word, so "I'm" counts),
/// outside quotation marks (a quote inside an
/// analytic text speaks in the participant's voice, which is fine).
pub fn first_person_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut word = String::new();
    let flush = |word: &mut String, quoted: bool, out: &mut Vec<String>| {
        if !quoted && !word.is_empty() {
            let lower = word.to_lowercase();
            if FIRST_PERSON.contains(&lower.as_str()) && !out.contains(&lower) {
                out.push(lower);
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        flush(&mut word, quoted, &mut out);
        match c {
            '"' => quoted = !quoted,
            '“' | '«' | '„' => quoted = true,
            '”' | '»' => quoted = false,
            _ => {}
        }
    }
    flush(&mut word, quoted, &mut out);
    out
}

/// A note when a condensate has text but no first-person pronoun.
pub fn condensate_note(text: &str) -> Option<String> {
    (!text.trim().is_empty() && first_person_words(text).is_empty()).then(|| {
        "No first-person pronoun (I, we, jeg, vi …): a condensate is written as if one \
         participant tells the story."
            .to_string()
    })
}

/// A note when an analytic text reads as first person.
pub fn analytic_note(text: &str) -> Option<String> {
    let found = first_person_words(text);
    (!found.is_empty()).then(|| {
        format!(
            "Reads as first person ({}): an analytic text describes the participants in \
             the third person.",
            found.join(", ")
        )
    })
}

/// A note when a code group has far more or fewer subgroups than the usual two or three.
pub fn subgroup_count_note(subgroups: usize) -> Option<String> {
    match subgroups {
        0 => Some(
            "No subgroups yet: sort this group's units into two or three subgroups (n \
             makes one)."
                .into(),
        ),
        1 => Some("Only 1 subgroup: STC studies usually sort a code group into 2–3.".into()),
        2..=4 => None,
        n => Some(format!(
            "{n} subgroups: STC studies usually sort a code group into 2–3."
        )),
    }
}

/// A note when a subgroup has units but no condensate.
pub fn missing_condensate_note(units: usize, condensate: &str) -> Option<String> {
    (units > 0 && condensate.trim().is_empty()).then(|| {
        format!(
            "{units} meaning unit{} but no condensate yet (e writes it).",
            if units == 1 { "" } else { "s" }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_person_is_found_in_several_languages_and_not_inside_quotes() {
        assert!(condensate_note("Jeg fikk hjelp da vi trengte det.").is_none());
        assert!(condensate_note("I felt I wasn't heard.").is_none());
        assert!(condensate_note("Eg vart ikkje høyrd.").is_none());
        assert!(condensate_note("The nurses listened.").is_some());
        assert!(condensate_note("   ").is_none());
        assert!(analytic_note("Most participants described waiting.").is_none());
        assert!(analytic_note("Several said “I was alone” at first.").is_none());
        assert_eq!(
            analytic_note("We found that I was wrong.").as_deref(),
            Some(
                "Reads as first person (we, i): an analytic text describes the participants \
                 in the third person."
            )
        );
    }

    #[test]
    fn subgroup_counts_outside_two_to_four_get_a_note() {
        assert!(subgroup_count_note(0).is_some());
        assert!(subgroup_count_note(1).is_some());
        assert!(subgroup_count_note(3).is_none());
        assert!(subgroup_count_note(6).unwrap().starts_with("6 subgroups"));
        assert!(missing_condensate_note(3, "").is_some());
        assert!(missing_condensate_note(0, "").is_none());
        assert!(missing_condensate_note(2, "I did").is_none());
    }
}
