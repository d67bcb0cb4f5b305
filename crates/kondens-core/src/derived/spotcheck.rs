//! Spot-checks: a reproducible random sample of one coder's meaning units (the same
//! seed draws the same units), stratified by transcript or by code when asked, and the
//! summary of what the reviewer said — the agreement rate with its 95 % Wilson interval,
//! per code, and the disagreements with their comments.

use crate::model::{CodeId, MeaningUnit, Project, SpotCheck, Target, UnitId, Verdict};
use crate::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;

/// How a sample is stratified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    None,
    Transcript,
    Code,
}

impl By {
    pub fn parse(s: &str) -> Result<By> {
        match s {
            "none" | "" => Ok(By::None),
            "transcript" => Ok(By::Transcript),
            "code" => Ok(By::Code),
            _ => Err(Error::Refused(format!(
                "--by {s:?}: use transcript or code (or leave it out)"
            ))),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            By::None => "none",
            By::Transcript => "transcript",
            By::Code => "code",
        }
    }
}

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `n` of `coder`'s units drawn with `seed`, each stratum (transcript, or first code)
/// getting its share by size, in the units' own order.
pub fn sample(project: &Project, coder: &str, n: usize, seed: u64, by: By) -> Result<Vec<UnitId>> {
    let units = project.units_of(coder);
    if units.is_empty() {
        return Err(Error::Refused(format!(
            "{coder} has no meaning units to check"
        )));
    }
    if n == 0 {
        return Err(Error::Refused("--sample: at least one unit".into()));
    }
    let mut strata: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        let key = match by {
            By::None => (0, String::new()),
            By::Transcript => (
                project.transcript_index(u.transcript).unwrap_or(usize::MAX),
                String::new(),
            ),
            By::Code => (0, u.codes.first().map_or(String::new(), |c| c.to_string())),
        };
        strata.entry(key).or_default().push(i);
    }
    let total = units.len();
    let n = n.min(total);
    // Shares by size; what the rounding leaves goes to the largest remainders.
    let mut quotas: Vec<(usize, usize)> = strata
        .values()
        .map(|s| (n * s.len() / total, (n * s.len()) % total))
        .collect();
    let given: usize = quotas.iter().map(|q| q.0).sum();
    let mut order: Vec<usize> = (0..quotas.len()).collect();
    order.sort_by(|a, b| quotas[*b].1.cmp(&quotas[*a].1).then(a.cmp(b)));
    for &i in order.iter().take(n - given) {
        quotas[i].0 += 1;
    }
    let mut rng = Rng(seed);
    let mut picked: Vec<usize> = Vec::with_capacity(n);
    for (stratum, (quota, _)) in strata.values().zip(quotas) {
        let mut pool = stratum.clone();
        for k in 0..quota.min(pool.len()) {
            let j = k + rng.below(pool.len() - k);
            pool.swap(k, j);
            picked.push(pool[k]);
        }
    }
    picked.sort_unstable();
    Ok(picked.into_iter().map(|i| units[i].id).collect())
}

/// The 95 % Wilson score interval of `k` successes in `n` trials.
pub fn wilson(k: usize, n: usize) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (k, n) = (k as f64, n as f64);
    let z = 1.959_963_984_540_054_f64;
    let p = k / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Counts of verdicts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    pub agreed: usize,
    pub disagreed: usize,
    pub unsure: usize,
    /// agreed / (agreed + disagreed); `None` with no agreement or disagreement yet.
    pub rate: Option<f64>,
    pub ci95: Option<(f64, f64)>,
}

impl Counts {
    fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Agree => self.agreed += 1,
            Verdict::Disagree => self.disagreed += 1,
            Verdict::Unsure => self.unsure += 1,
        }
    }

    fn finish(&mut self) {
        let decided = self.agreed + self.disagreed;
        self.rate = (decided > 0).then(|| self.agreed as f64 / decided as f64);
        self.ci95 = wilson(self.agreed, decided);
    }
}

/// A disagreement, with what was said about the unit.
#[derive(Clone, Debug, Serialize)]
pub struct Disagreement {
    pub unit: String,
    pub quote: String,
    pub codes: Vec<String>,
    pub comments: Vec<String>,
}

/// One spot-check, summed up.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub reviewer: String,
    pub coder: String,
    pub created: String,
    pub seed: u64,
    pub by: String,
    pub sample_size: usize,
    pub answered: usize,
    #[serde(flatten)]
    pub counts: Counts,
    /// Per code path (a unit with several codes counts for each).
    pub per_code: BTreeMap<String, Counts>,
    pub disagreements: Vec<Disagreement>,
}

fn summary(project: &Project, reviewer: &str, s: &SpotCheck) -> Summary {
    let mut counts = Counts::default();
    let mut per_code: BTreeMap<String, Counts> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let threads = project.threads();
    let code_paths = |u: &MeaningUnit| -> Vec<String> {
        u.codes
            .iter()
            .map(|c: &CodeId| project.codebook.path_label(*c))
            .collect()
    };
    for id in &s.sample {
        let Some(&v) = s.verdicts.get(id) else {
            continue;
        };
        counts.add(v);
        let unit = project.unit(&s.of, *id);
        for path in unit.map(code_paths).unwrap_or_default() {
            per_code.entry(path).or_default().add(v);
        }
        if v == Verdict::Disagree {
            let target = Target::Unit {
                owner: s.of.clone(),
                id: *id,
            };
            let comments = threads
                .iter()
                .filter(|t| *t.target == target)
                .flat_map(|t| t.comments.iter())
                .map(|(who, c)| format!("{who}: {}", c.text))
                .collect();
            disagreements.push(Disagreement {
                unit: id.to_string(),
                quote: unit.map_or("(deleted)".into(), |u| project.quote(u).to_string()),
                codes: unit.map(code_paths).unwrap_or_default(),
                comments,
            });
        }
    }
    counts.finish();
    per_code.values_mut().for_each(Counts::finish);
    Summary {
        reviewer: reviewer.to_string(),
        coder: s.of.clone(),
        created: s.created.to_string(),
        seed: s.seed,
        by: s.by.clone(),
        sample_size: s.sample.len(),
        answered: s.verdicts.len(),
        counts,
        per_code,
        disagreements,
    }
}

/// Every spot-check in the project, by reviewer then time.
pub fn report(project: &Project) -> Vec<Summary> {
    project
        .reviews
        .iter()
        .flat_map(|(who, r)| r.spotchecks.iter().map(move |s| summary(project, who, s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wilson_interval_matches_the_reference() {
        // statsmodels.stats.proportion.proportion_confint(8, 10, method="wilson")
        // = (0.4901625, 0.9433178); (10, 10) = (0.7224672, 1.0); (0, 5) = (0.0, 0.4344825).
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        let (lo, hi) = wilson(8, 10).unwrap();
        assert!(close(lo, 0.4901625) && close(hi, 0.9433178), "{lo} {hi}");
        let (lo, hi) = wilson(10, 10).unwrap();
        assert!(close(lo, 0.7224672) && close(hi, 1.0), "{lo} {hi}");
        let (lo, hi) = wilson(0, 5).unwrap();
        assert!(close(lo, 0.0) && close(hi, 0.4344825), "{lo} {hi}");
        assert_eq!(wilson(0, 0), None);
    }
}
