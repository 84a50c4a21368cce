//! Allocation recommendations: which ITU-T study group and Question should take a proposed work
//! item, with reasons. Pure logic — no store, no HTTP.
//!
//! A study group scores by four kinds of evidence, each shown:
//!
//! - **where similar work lives**: the existing items most like the proposal (overlap's
//!   [`OverlapIndex::similar`]) vote for the study group and Question that own them, weighted by
//!   their similarity;
//! - **mandates**: the proposal's likeness to the study group's IdM responsibilities under WTSA-20
//!   Resolution 2 and its general area ([`Mandate`], kept as data in `data/mandates.tsv`);
//! - **Questions**: the likeness to the titles, scopes and topics of its Questions;
//! - **coordination**: the lead study group for IdM (SG17) takes IdM work no other mandate claims,
//!   and JCA-IdM coordinates with some study groups in particular; both are small priors.
//!
//! A Question entry scores as its study group, scaled by how well the Question fits (its text and
//! the similar items it owns); a study group also gets an entry with no Question, for work no
//! Question fits.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::overlap::{OverlapIndex, Probe, TextVector};

/// The mandates shipped with the crate.
pub const MANDATES_TSV: &str = include_str!("../data/mandates.tsv");

/// Weight of the vote of similar existing items.
const SIMILAR_ITEMS: f64 = 0.45;
/// Weight of the best mandate's likeness.
const MANDATE: f64 = 0.30;
/// Weight of the best Question's likeness.
const QUESTION: f64 = 0.15;
/// Prior of the lead study group.
const LEAD: f64 = 0.07;
/// Prior of the study groups the coordination body names.
const COORDINATION: f64 = 0.03;
/// How many similar items vote.
const NEIGHBOURS: usize = 10;
/// Share of a study group's score an entry keeps when no Question is named, or the Question fits
/// not at all.
const NO_QUESTION: f64 = 0.6;

/// What a mandate line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MandateKind {
    /// Lead study group for IdM.
    Lead,
    /// An IdM responsibility given by WTSA Resolution 2.
    Idm,
    /// The study group's general area.
    Area,
}

/// One line of a study group's mandate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mandate {
    /// The study group ("SG17").
    pub study_group: String,
    /// What the line is.
    pub kind: MandateKind,
    /// Its text.
    pub text: String,
    /// Where it comes from.
    pub source: String,
}

/// A mandates line that is not `study_group<tab>kind<tab>text<tab>source`.
#[derive(Debug, thiserror::Error)]
#[error("mandates line {line}: {message}")]
pub struct MandatesError {
    /// The line, counted from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses mandate lines (`#` starts a comment line).
pub fn parse_mandates(tsv: &str) -> Result<Vec<Mandate>, MandatesError> {
    let mut mandates = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |message: String| MandatesError {
            line: n + 1,
            message,
        };
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [study_group, kind, text, source] = fields[..] else {
            return Err(error(format!("{} fields; four are needed", fields.len())));
        };
        let kind = match kind {
            "lead" => MandateKind::Lead,
            "idm" => MandateKind::Idm,
            "area" => MandateKind::Area,
            other => return Err(error(format!("kind {other:?}: one of lead, idm, area"))),
        };
        mandates.push(Mandate {
            study_group: study_group.to_owned(),
            kind,
            text: text.to_owned(),
            source: source.to_owned(),
        });
    }
    Ok(mandates)
}

/// The mandates shipped with the crate ([`MANDATES_TSV`]).
pub fn builtin_mandates() -> Vec<Mandate> {
    parse_mandates(MANDATES_TSV).expect("data/mandates.tsv is well-formed (tested)")
}

/// A study group that can take work.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StudyGroup {
    /// Its short label ("SG17").
    pub label: String,
    /// Its title.
    #[serde(default)]
    pub title: String,
    /// Its topics.
    #[serde(default)]
    pub topics: Vec<String>,
}

/// A Question of a study group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Its label ("Q10/17"); Questions of several study periods with one label are one.
    pub label: String,
    /// Its study group ("SG17").
    pub study_group: String,
    /// Its title.
    #[serde(default)]
    pub title: String,
    /// Its scope or description.
    #[serde(default)]
    pub scope: String,
    /// Its topics.
    #[serde(default)]
    pub topics: Vec<String>,
}

/// Who owns an indexed item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ownership {
    /// The item's id.
    pub item: String,
    /// Its study group ("SG17").
    pub study_group: String,
    /// Its Question ("Q10/17"), when known.
    pub question: Option<String>,
}

/// A coordination body and the study groups it names in particular.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coordination {
    /// Its name ("JCA-IdM").
    pub name: String,
    /// The study groups ("SG2", "SG13", "SG20", "SG17").
    pub study_groups: Vec<String>,
}

impl Coordination {
    /// JCA-IdM, whose terms of reference name "in particular SG2, SG13, SG20 and SG17".
    pub fn jca_idm() -> Self {
        Self {
            name: "JCA-IdM".to_owned(),
            study_groups: ["SG2", "SG13", "SG20", "SG17"].map(String::from).to_vec(),
        }
    }
}

/// What the recommender knows about study groups.
#[derive(Debug, Clone, Default)]
pub struct AllocationLandscape {
    /// The study groups that can take work.
    pub study_groups: Vec<StudyGroup>,
    /// Their Questions.
    pub questions: Vec<Question>,
    /// Their mandates.
    pub mandates: Vec<Mandate>,
    /// Who owns the indexed items.
    pub ownership: Vec<Ownership>,
    /// The coordination body, if any.
    pub coordination: Option<Coordination>,
}

/// A proposed work item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Its title.
    pub title: String,
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its topics.
    #[serde(default)]
    pub topics: Vec<String>,
}

/// A recommendation: a study group, maybe a Question, a score and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    /// The study group ("SG17").
    pub study_group: String,
    /// The Question ("Q10/17"), or `None` when the study group is recommended without one.
    pub question: Option<String>,
    /// The score, 0..1 (three decimals).
    pub score: f64,
    /// Human-readable reasons, the strongest first.
    pub reasons: Vec<String>,
}

struct GroupProfile {
    label: String,
    lead: bool,
    coordinated: bool,
    /// (kind, text vector, text) per mandate line, and the group's own title and topics.
    lines: Vec<(MandateKind, TextVector, String)>,
}

struct QuestionProfile {
    label: String,
    group: usize,
    vector: TextVector,
}

/// Ranks study groups and Questions for proposals, over one overlap index.
pub struct Allocator<'a> {
    index: &'a OverlapIndex,
    groups: Vec<GroupProfile>,
    questions: Vec<QuestionProfile>,
    /// Item id → (group, question).
    owners: HashMap<String, (usize, Option<usize>)>,
    coordination: Option<String>,
}

impl<'a> Allocator<'a> {
    /// A recommender over `index` (the items) and `landscape` (who owns them, the mandates).
    pub fn new(index: &'a OverlapIndex, landscape: AllocationLandscape) -> Self {
        let mut groups: Vec<GroupProfile> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        let mut group = |label: &str, groups: &mut Vec<GroupProfile>| -> usize {
            *group_of.entry(label.to_owned()).or_insert_with(|| {
                groups.push(GroupProfile {
                    label: label.to_owned(),
                    lead: false,
                    coordinated: false,
                    lines: Vec::new(),
                });
                groups.len() - 1
            })
        };
        for sg in &landscape.study_groups {
            let g = group(&sg.label, &mut groups);
            let text = format!("{}; {}", sg.title, sg.topics.join("; "));
            let vector = index.text_vector(&[(&text, 1.0)]);
            groups[g].lines.push((MandateKind::Area, vector, text));
        }
        for mandate in &landscape.mandates {
            let g = group(&mandate.study_group, &mut groups);
            groups[g].lead |= mandate.kind == MandateKind::Lead;
            // Each clause of a mandate is a responsibility of its own: a proposal matching one
            // clause well is not diluted by the others.
            for clause in mandate
                .text
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                let vector = index.text_vector(&[(clause, 1.0)]);
                groups[g]
                    .lines
                    .push((mandate.kind, vector, clause.to_owned()));
            }
        }
        let coordination = landscape.coordination.as_ref().map(|c| c.name.clone());
        for label in landscape.coordination.iter().flat_map(|c| &c.study_groups) {
            let g = group(label, &mut groups);
            groups[g].coordinated = true;
        }
        let mut texts: HashMap<String, (usize, String)> = HashMap::new();
        let mut order = Vec::new();
        for q in &landscape.questions {
            let g = group(&q.study_group, &mut groups);
            let entry = texts.entry(q.label.clone()).or_insert_with(|| {
                order.push(q.label.clone());
                (g, String::new())
            });
            entry.1.push_str(&format!(
                "{}; {}; {}; ",
                q.title,
                q.scope,
                q.topics.join("; ")
            ));
        }
        let questions: Vec<QuestionProfile> = order
            .into_iter()
            .map(|label| {
                let (group, text) = &texts[&label];
                QuestionProfile {
                    vector: index.text_vector(&[(text, 1.0)]),
                    group: *group,
                    label,
                }
            })
            .collect();
        let question_of: HashMap<&str, usize> = questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.label.as_str(), i))
            .collect();
        let mut owners = HashMap::new();
        for o in &landscape.ownership {
            let g = group(&o.study_group, &mut groups);
            let q = o
                .question
                .as_deref()
                .and_then(|q| question_of.get(q).copied());
            owners.insert(o.item.clone(), (g, q));
        }
        Self {
            index,
            groups,
            questions,
            owners,
            coordination,
        }
    }

    /// Study groups and Questions for `proposal`, best first.
    pub fn allocate(&self, proposal: &Proposal) -> Vec<Allocation> {
        self.allocate_excluding(proposal, &[])
    }

    /// As [`Allocator::allocate`], as if the items `exclude` names were not there (to measure
    /// by leaving an item out).
    pub fn allocate_excluding(&self, proposal: &Proposal, exclude: &[&str]) -> Vec<Allocation> {
        let description = proposal.description.clone().unwrap_or_default();
        let topics = proposal.topics.join("; ");
        let vector =
            self.index
                .text_vector(&[(&proposal.title, 1.0), (&description, 0.5), (&topics, 0.7)]);
        let probe = Probe {
            title: proposal.title.clone(),
            description,
            topics: proposal.topics.clone(),
        };
        let similar = self.index.similar(&probe, NEIGHBOURS, exclude);
        // Squared, so that the closest items count most and many faint likenesses do not add up
        // to the study group that simply owns most items.
        let vote = |o: &crate::overlap::Overlap| o.score * o.score;
        // Shares of the likeness, scaled by the best likeness: a neighbourhood of faint matches
        // is weak evidence, however it is shared out.
        let strength = similar.first().map_or(0.0, |o| o.score);
        let total: f64 = similar.iter().map(vote).sum::<f64>() / strength;

        let mut group_votes = vec![(0.0, Vec::new()); self.groups.len()];
        let mut question_votes = vec![0.0; self.questions.len()];
        for o in &similar {
            let Some(&(g, q)) = self.owners.get(&o.id) else {
                continue;
            };
            group_votes[g].0 += vote(o) / total;
            group_votes[g].1.push(o.label.as_str());
            if let Some(q) = q {
                question_votes[q] += vote(o) / total;
            }
        }
        let question_sims: Vec<f64> = self
            .questions
            .iter()
            .map(|q| vector.cosine(&q.vector))
            .collect();

        let mut out = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let (votes, voters) = &group_votes[g];
            let best_line = group
                .lines
                .iter()
                .map(|(kind, v, text)| (vector.cosine(v), kind, v, text))
                .max_by(|x, y| x.0.total_cmp(&y.0));
            let mandate = best_line.as_ref().map_or(0.0, |l| l.0);
            let group_questions: Vec<usize> = (0..self.questions.len())
                .filter(|&q| self.questions[q].group == g)
                .collect();
            let best_question = group_questions
                .iter()
                .map(|&q| question_sims[q])
                .fold(0.0, f64::max);
            let mut parts: Vec<(f64, String)> = Vec::new();
            if *votes > 0.0 {
                parts.push((
                    SIMILAR_ITEMS * votes,
                    format!(
                        "similar existing work is owned here ({votes:.2}): {}",
                        voters.join(", ")
                    ),
                ));
            }
            if let Some((sim, kind, v, text)) = best_line.filter(|l| l.0 > 0.0) {
                let what = match kind {
                    MandateKind::Lead => "lead study group mandate for IdM",
                    MandateKind::Idm => "IdM mandate under WTSA-20 Res. 2",
                    MandateKind::Area => "study group area",
                };
                let terms = self.index.shared_terms(&vector, v, 4).join(", ");
                parts.push((
                    MANDATE * sim,
                    format!("{what} matches {sim:.2} ({terms}): \"{text}\""),
                ));
            }
            if group.lead {
                parts.push((LEAD, "lead study group for IdM (WTSA-20 Res. 2): takes IdM work no other mandate claims".to_owned()));
            }
            if group.coordinated {
                let name = self
                    .coordination
                    .as_deref()
                    .unwrap_or("the coordination body");
                parts.push((COORDINATION, format!("within {name}'s coordination scope")));
            }
            let score = (SIMILAR_ITEMS * votes
                + MANDATE * mandate
                + QUESTION * best_question
                + if group.lead { LEAD } else { 0.0 }
                + if group.coordinated { COORDINATION } else { 0.0 })
            .min(1.0);
            if score <= 0.0 {
                continue;
            }
            parts.sort_by(|x, y| y.0.total_cmp(&x.0));
            let reasons: Vec<String> = parts
                .into_iter()
                .map(|(c, r)| format!("{r} → +{c:.2}"))
                .collect();
            for &q in &group_questions {
                let fit = ((question_sims[q] + question_votes[q]) / 2.0).min(1.0);
                if fit <= 0.0 {
                    continue;
                }
                let question = &self.questions[q];
                let mut why = Vec::new();
                if question_votes[q] > 0.0 {
                    why.push(format!(
                        "owns similar existing work ({:.2})",
                        question_votes[q]
                    ));
                }
                if question_sims[q] > 0.0 {
                    let terms = self
                        .index
                        .shared_terms(&vector, &question.vector, 4)
                        .join(", ");
                    why.push(format!(
                        "title/scope match {:.2} ({terms})",
                        question_sims[q]
                    ));
                }
                let mut reasons_q = vec![format!("{}: {}", question.label, why.join("; "))];
                reasons_q.extend(reasons.iter().cloned());
                out.push(Allocation {
                    study_group: group.label.clone(),
                    question: Some(question.label.clone()),
                    score: score * (NO_QUESTION + (1.0 - NO_QUESTION) * fit),
                    reasons: reasons_q,
                });
            }
            let mut reasons_g = vec![format!("{} without a named Question", group.label)];
            reasons_g.extend(reasons);
            out.push(Allocation {
                study_group: group.label.clone(),
                question: None,
                score: score * NO_QUESTION,
                reasons: reasons_g,
            });
        }
        out.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| x.study_group.cmp(&y.study_group))
                .then_with(|| x.question.cmp(&y.question))
        });
        for a in &mut out {
            a.score = (a.score * 1000.0).round() / 1000.0;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overlap::{Item, OverlapConfig};

    fn item(id: &str, title: &str, topics: &[&str]) -> Item {
        Item {
            id: id.to_owned(),
            iri: format!("https://example.org/{id}"),
            label: id.to_uppercase(),
            title: title.to_owned(),
            bodies: vec!["ITU-T".to_owned()],
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            ..Item::default()
        }
    }

    fn owned(item: &str, study_group: &str, question: Option<&str>) -> Ownership {
        Ownership {
            item: item.to_owned(),
            study_group: study_group.to_owned(),
            question: question.map(str::to_owned),
        }
    }

    fn question(label: &str, study_group: &str, title: &str) -> Question {
        Question {
            label: label.to_owned(),
            study_group: study_group.to_owned(),
            title: title.to_owned(),
            ..Question::default()
        }
    }

    fn fixture() -> (OverlapIndex, AllocationLandscape) {
        let items = vec![
            item(
                "x1252",
                "Baseline identity management terms and definitions",
                &["identity management", "terminology"],
            ),
            item(
                "x1400",
                "Terms and definitions for distributed ledger technology",
                &["DLT", "terminology"],
            ),
            item(
                "x2310",
                "Security requirements for decentralized identity management systems using distributed ledger technology",
                &["DLT", "decentralized identity"],
            ),
            item(
                "y2720",
                "NGN identity management framework",
                &["NGN", "identity management"],
            ),
            item(
                "x509",
                "Public-key and attribute certificate frameworks",
                &["PKI"],
            ),
        ];
        let index = OverlapIndex::build(items, &[], OverlapConfig::default());
        let landscape = AllocationLandscape {
            study_groups: vec![StudyGroup {
                label: "SG17".into(),
                title: "Security".into(),
                topics: vec![],
            }],
            questions: vec![
                question(
                    "Q10/17",
                    "SG17",
                    "Identity management and telebiometrics architecture and mechanisms",
                ),
                question(
                    "Q11/17",
                    "SG17",
                    "Generic technologies (Directory, PKI, formal languages, object identifiers)",
                ),
                question(
                    "Q14/17",
                    "SG17",
                    "Distributed ledger technology (DLT) security",
                ),
            ],
            mandates: builtin_mandates(),
            ownership: vec![
                owned("x1252", "SG17", Some("Q10/17")),
                owned("x1400", "SG17", Some("Q14/17")),
                owned("x2310", "SG17", Some("Q14/17")),
                owned("y2720", "SG13", None),
                owned("x509", "SG17", Some("Q11/17")),
            ],
            coordination: Some(Coordination::jca_idm()),
        };
        (index, landscape)
    }

    #[test]
    fn builtin_mandates_parse_and_bad_lines_are_refused() {
        let mandates = builtin_mandates();
        assert!(
            mandates
                .iter()
                .any(|m| m.study_group == "SG17" && m.kind == MandateKind::Lead)
        );
        for sg in ["SG2", "SG13", "SG20"] {
            assert!(
                mandates
                    .iter()
                    .any(|m| m.study_group == sg && m.kind == MandateKind::Idm),
                "{sg}"
            );
        }
        assert!(parse_mandates("SG17\tlead\tonly three").is_err());
        assert!(parse_mandates("SG17\tboss\ttext\tsource").is_err());
    }

    #[test]
    fn iot_device_identity_goes_to_sg20_by_its_mandate() {
        let (index, landscape) = fixture();
        let allocator = Allocator::new(&index, landscape);
        let proposal = Proposal {
            title: "Identification and authentication of IoT devices in smart cities".into(),
            ..Proposal::default()
        };
        let ranked = allocator.allocate(&proposal);
        assert_eq!(ranked[0].study_group, "SG20", "{ranked:#?}");
        assert!(
            ranked[0]
                .reasons
                .iter()
                .any(|r| r.contains("IdM mandate under WTSA-20 Res. 2")),
            "{:?}",
            ranked[0].reasons
        );
    }

    #[test]
    fn identifier_format_goes_to_sg2() {
        let (index, landscape) = fixture();
        let allocator = Allocator::new(&index, landscape);
        let proposal = Proposal {
            title: "Format and structure of IdM identifiers".into(),
            ..Proposal::default()
        };
        let ranked = allocator.allocate(&proposal);
        assert_eq!(ranked[0].study_group, "SG2", "{ranked:#?}");
    }

    #[test]
    fn similar_existing_work_pulls_its_study_group_and_question() {
        let (index, landscape) = fixture();
        let allocator = Allocator::new(&index, landscape);
        let proposal = Proposal {
            title: "Distributed ledger technology terms".into(),
            topics: vec!["DLT".into()],
            ..Proposal::default()
        };
        let ranked = allocator.allocate(&proposal);
        assert_eq!(ranked[0].study_group, "SG17");
        assert_eq!(ranked[0].question.as_deref(), Some("Q14/17"), "{ranked:#?}");
        assert!(
            ranked[0]
                .reasons
                .iter()
                .any(|r| r.starts_with("similar existing work is owned here"))
        );
        assert!(ranked.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn leaving_an_item_out_removes_its_vote() {
        let (index, landscape) = fixture();
        let allocator = Allocator::new(&index, landscape);
        let proposal = Proposal {
            title: "Public-key and attribute certificate frameworks".into(),
            ..Proposal::default()
        };
        let with = allocator.allocate(&proposal);
        let without = allocator.allocate_excluding(&proposal, &["x509"]);
        assert!(with[0].reasons.join(" ").contains("X509"));
        assert!(!without.iter().any(|a| a.reasons.join(" ").contains("X509")));
    }

    #[test]
    fn the_lead_study_group_takes_work_no_mandate_claims() {
        let (index, landscape) = fixture();
        let allocator = Allocator::new(&index, landscape);
        let ranked = allocator.allocate(&Proposal {
            title: "Something entirely new".into(),
            ..Proposal::default()
        });
        assert_eq!(ranked[0].study_group, "SG17");
        assert!(
            ranked[0]
                .reasons
                .iter()
                .any(|r| r.starts_with("lead study group for IdM"))
        );
    }

    #[test]
    fn allocations_serialise_with_the_contract_fields() -> Result<(), serde_json::Error> {
        let (index, landscape) = fixture();
        let allocator = Allocator::new(&index, landscape);
        let ranked = allocator.allocate(&Proposal {
            title: "Something entirely new".into(),
            ..Proposal::default()
        });
        let json = serde_json::to_value(&ranked)?;
        let no_question = json
            .as_array()
            .and_then(|a| a.iter().find(|e| e["question"].is_null()))
            .expect("an entry without Question");
        for key in ["study_group", "question", "score", "reasons"] {
            assert!(no_question.get(key).is_some(), "{key} missing");
        }
        let proposal: Proposal = serde_json::from_str(r#"{"title": "T"}"#)?;
        assert_eq!(
            proposal,
            Proposal {
                title: "T".into(),
                ..Proposal::default()
            }
        );
        Ok(())
    }
}
