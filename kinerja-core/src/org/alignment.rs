//! Cascading alignment (intervensi, PermenPANRB 6/2022; docs/legal/permenpanrb-6-2022.md).
//!
//! Every planned result (RHK) may name a `parent`: a superior's RHK or a unit goal (IKU).
//!
//! **Reference rule.** RHK ids repeat across employees, so a parent is resolved against:
//! 1. a unit goal whose id equals the text;
//! 2. the RHK `"<employee_id>/<rhk_id>"` (qualified form);
//! 3. every RHK of *another* employee whose bare id equals the text.
//!
//! Exactly one candidate resolves the link; none is an `unknown_target` problem; more than one
//! is an `ambiguous_target` problem (qualify the id).
//!
//! **Cross-unit rule.** A link is cross-unit when the target (the goal's unit, or the unit of
//! the RHK's owner) is neither the employee's unit nor one of its ancestors.
//!
//! A primary RHK is *aligned* when its link resolves, is not cross-unit and is not on a cycle.
//! A goal is *supported* when at least one aligned RHK links to it. An RHK of a unit head who
//! has subordinates (another employee of the unit, or a sub-unit) is expected to be supported
//! by at least one aligned RHK. No score propagates (6/2022 is categorical): the contribution tree only shows
//! who supports what, with achievements when evaluations are given.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

use super::structure::OrgStructure;
use crate::error::{Error, Location, Result};
use crate::evaluation::Evaluation;
use crate::explain::{BiText, Citation, Labelled, Lang};
use crate::model::{CascadeType, Plan, PlannedResult, Predicate, ResultKind};
use crate::num::{Rounding, mean, ratio_pct};
use crate::rules::Policy;

/// The regulation behind cascading (intervensi kinerja): docs/legal/permenpanrb-6-2022.md.
pub const CASCADE_LAW: &str = "PermenPANRB 6/2022, Lampiran: intervensi kinerja (RHK bawahan mengintervensi RHK atasan; \
     BKN, Poin Penyempurnaan PermenPANRB 6/2022)";

/// The regulation behind unit goals (kinerja organisasi, IKU): docs/legal/permenpanrb-6-2022.md.
pub const GOAL_LAW: &str =
    "PermenPANRB 6/2022, Lampiran: kinerja organisasi (sasaran/IKU unit sebagai acuan RHK pimpinan)";

fn default_citation() -> Citation {
    Citation::law(CASCADE_LAW)
}

impl ProblemKind {
    /// Where the rule the problem breaks comes from: the cascading rule of PermenPANRB 6/2022
    /// for the link itself; the engine's documented conventions (reference, cross-unit and
    /// support rules of this module) where the law does not settle the point.
    pub fn citation(self) -> Citation {
        match self {
            ProblemKind::OrphanPrimary => Citation::law_on(
                CASCADE_LAW,
                "RHK utama diturunkan (intervensi) dari RHK atasan/IKU",
                "a primary RHK is derived from (intervenes in) a superior's RHK or an IKU",
            ),
            ProblemKind::UnknownTarget | ProblemKind::Cycle => Citation::law_on(
                CASCADE_LAW,
                "RHK atasan yang diintervensi harus ada",
                "the superior's RHK intervened in must exist",
            ),
            ProblemKind::AmbiguousTarget => Citation::unconfirmed(CASCADE_LAW).with_topic(
                "aturan rujukan induk (id RHK berkualifikasi `pegawai/rhk`): konvensi kinerja",
                "parent reference rule (qualified RHK id `employee/rhk`): kinerja convention",
            ),
            ProblemKind::CrossUnit => Citation::unconfirmed(CASCADE_LAW).with_topic(
                "aturan lintas unit (induk di luar unit dan unit atasannya): konvensi kinerja",
                "cross-unit rule (parent outside the unit and its superior units): kinerja convention",
            ),
            ProblemKind::UnsupportedRhk => Citation::unconfirmed(CASCADE_LAW).with_topic(
                "RHK pimpinan unit diharapkan diintervensi bawahan: konvensi kinerja",
                "a unit head's RHK is expected to be supported by subordinates: kinerja convention",
            ),
            ProblemKind::UnsupportedGoal => Citation::law_on(
                GOAL_LAW,
                "IKU unit diintervensi RHK (intervensi kinerja)",
                "a unit's IKU is supported by RHKs (performance intervention)",
            ),
        }
    }
}

/// The citation of a contribution-tree node: a goal cites organisational performance; an
/// RHK cites the cascading rule for its cascade type.
fn node_citation(kind: NodeKind, result_kind: Option<ResultKind>, cascade: Option<CascadeType>) -> Citation {
    match (kind, cascade, result_kind) {
        (NodeKind::Goal, _, _) => Citation::law(GOAL_LAW),
        (NodeKind::Rhk, Some(CascadeType::Direct), _) => Citation::law_on(
            CASCADE_LAW,
            "kaskade langsung (bagian dari RHK atasan)",
            "direct cascade (a part of the superior's RHK)",
        ),
        (NodeKind::Rhk, Some(CascadeType::Indirect), _) => Citation::law_on(
            CASCADE_LAW,
            "kaskade tidak langsung (mendukung RHK atasan)",
            "indirect cascade (supports the superior's RHK)",
        ),
        (NodeKind::Rhk, None, Some(ResultKind::Additional)) => {
            Citation::law_on(CASCADE_LAW, "RHK tambahan (tidak dikaskade)", "additional RHK (not cascaded)")
        }
        (NodeKind::Rhk, None, _) => Citation::law(CASCADE_LAW),
    }
}

/// The kind of an alignment problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A primary RHK with no parent.
    OrphanPrimary,
    /// The parent names nothing known.
    UnknownTarget,
    /// The parent names more than one thing.
    AmbiguousTarget,
    /// The parent lies outside the employee's unit and its ancestors.
    CrossUnit,
    /// RHK links form a cycle.
    Cycle,
    /// A unit head's primary RHK that no subordinate supports.
    UnsupportedRhk,
    /// A unit goal no RHK supports.
    UnsupportedGoal,
}

/// One alignment problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlignmentProblem {
    /// Kind.
    pub kind: ProblemKind,
    /// The unit concerned.
    pub unit: String,
    /// The employee concerned.
    pub employee: Option<String>,
    /// The RHK (`employee/rhk`) or goal concerned.
    pub item: String,
    /// The parent text, when the problem is about a link.
    pub target: Option<String>,
    /// What is wrong, in both languages.
    pub message: BiText,
    /// Where the rule comes from ([`ProblemKind::citation`]).
    #[serde(default = "default_citation")]
    pub citation: Citation,
}

/// The kind of a node of the contribution tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A unit goal (IKU).
    Goal,
    /// A planned result (RHK).
    Rhk,
}

/// A node of the contribution tree (stored flat: `children` are indexes into `nodes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionNode {
    /// Goal or RHK.
    pub kind: NodeKind,
    /// Goal id, or `employee/rhk`.
    pub id: String,
    /// Unit.
    pub unit: String,
    /// Owner, for an RHK.
    pub employee: Option<String>,
    /// Name or description.
    pub name: String,
    /// Primary or additional, for an RHK.
    pub result_kind: Option<ResultKind>,
    /// Cascade type of the link to the parent.
    pub cascade: Option<CascadeType>,
    /// Mean achievement of the RHK's indicators (rounded), when an evaluation is given.
    pub achievement: Option<Decimal>,
    /// The owner's predicate, when an evaluation is given.
    pub predicate: Option<Predicate>,
    /// Parent node.
    pub parent: Option<usize>,
    /// Children nodes.
    pub children: Vec<usize>,
    /// Depth from its root.
    pub depth: usize,
    /// Problems attached to this node.
    pub problems: Vec<ProblemKind>,
    /// Where the node's rule comes from (organisational goals or the cascade type).
    #[serde(default = "default_citation")]
    pub citation: Citation,
}

/// Coverage of one unit (or of the whole organisation, unit `*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitAlignment {
    /// Unit id (`*` for the organisation).
    pub unit: String,
    /// Primary RHKs of the unit's employees.
    pub primary_rhk: u64,
    /// Of those, aligned.
    pub aligned_rhk: u64,
    /// `aligned / primary × 100`, rounded; `None` without primary RHKs.
    pub rhk_coverage: Option<Decimal>,
    /// Goals of the unit.
    pub goals: u64,
    /// Of those, supported.
    pub supported_goals: u64,
    /// `supported / goals × 100`, rounded; `None` without goals.
    pub goal_coverage: Option<Decimal>,
    /// Problems in the unit.
    pub problems: u64,
}

/// The alignment report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlignmentReport {
    /// Per unit, in breadth-first order.
    pub units: Vec<UnitAlignment>,
    /// The whole organisation.
    pub organisation: UnitAlignment,
    /// Every problem, sorted by unit, kind and item.
    pub problems: Vec<AlignmentProblem>,
    /// The contribution tree, flat.
    pub nodes: Vec<ContributionNode>,
    /// Root nodes: every goal, then RHKs without a usable parent.
    pub roots: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    None,
    Goal(usize),
    Rhk(usize),
    Bad,
}

/// Checks the cascade of `plans` against the structure. `evaluations` (by employee id) adds
/// achievements and predicates to the contribution tree. A plan of an employee who is not in
/// the structure, or two plans of one employee, are errors.
///
/// ```
/// use kinerja_core::org::{align, OrgStructure, OrgUnit};
/// use kinerja_core::rules::Policy;
/// let s = OrgStructure::new(vec![OrgUnit { id: "u".into(), name: "U".into(), parent: None, head: None }], vec![], vec![]).unwrap();
/// let r = align(&s, &[], None, &Policy::default()).unwrap();
/// assert!(r.problems.is_empty());
/// assert_eq!(r.organisation.rhk_coverage, None);
/// ```
pub fn align(
    structure: &OrgStructure,
    plans: &[Plan],
    evaluations: Option<&BTreeMap<String, Evaluation>>,
    policy: &Policy,
) -> Result<AlignmentReport> {
    let mut tree = Tree::build(structure, plans, evaluations, policy)?;
    let mut problems: Vec<AlignmentProblem> = Vec::new();
    let resolved = tree.resolve_links(&mut problems);
    let on_cycle = tree.cycles(&resolved, &mut problems);
    let links = tree.attach(structure, &resolved, &on_cycle, &mut problems)?;
    tree.unsupported(structure, &links.supported_by, &mut problems)?;
    problems.sort_by(|a, b| (&a.unit, a.kind, &a.item).cmp(&(&b.unit, b.kind, &b.item)));
    let mut nodes = tree.nodes;
    mark_problems(&mut nodes, &problems);
    set_depths(&mut nodes, &links.roots);
    let (units, organisation) = coverage(structure, &nodes, &links, &problems, policy.rounding.reported)?;
    Ok(AlignmentReport { units, organisation, problems, nodes, roots: links.roots })
}

/// The contribution tree being built: its nodes (goals first, then every RHK in plan order)
/// and the indexes a parent text is resolved against.
struct Tree<'a> {
    nodes: Vec<ContributionNode>,
    /// The goals are nodes `0..goal_count`.
    goal_count: usize,
    /// Goal node by goal id.
    goal_node: HashMap<&'a str, usize>,
    /// RHK node by `employee/rhk`.
    qualified: HashMap<String, usize>,
    /// RHK nodes by bare RHK id.
    bare: HashMap<&'a str, Vec<usize>>,
    /// The parent text of each node (none for goals).
    parents_text: Vec<Option<&'a str>>,
}

/// The links that hold, as the tree and the coverage count them.
struct Links {
    /// Per node: a primary or additional RHK whose link resolves, is not cross-unit and is
    /// not on a cycle.
    aligned: Vec<bool>,
    /// Per node: how many aligned RHKs link to it.
    supported_by: Vec<u64>,
    /// Every goal, then the RHKs without a usable parent.
    roots: Vec<usize>,
}

impl<'a> Tree<'a> {
    /// The goal nodes, then a node per RHK of every plan; an unknown employee, a second plan
    /// of one employee or a repeated RHK id of one plan is an error.
    fn build(
        structure: &'a OrgStructure,
        plans: &'a [Plan],
        evaluations: Option<&BTreeMap<String, Evaluation>>,
        policy: &Policy,
    ) -> Result<Self> {
        let nodes = goal_nodes(structure);
        let goal_count = nodes.len();
        let mut tree = Tree {
            nodes,
            goal_count,
            goal_node: structure.goals().iter().enumerate().map(|(i, g)| (g.id.as_str(), i)).collect(),
            qualified: HashMap::new(),
            bare: HashMap::new(),
            parents_text: vec![None; goal_count],
        };
        let mut seen_plans: HashMap<&str, usize> = HashMap::new();
        for (pi, plan) in plans.iter().enumerate() {
            let eid = plan.employee.id.as_str();
            let Some(emp) = structure.employee(eid) else {
                return Err(Error::Unknown {
                    at: Location::employee(eid).with_row(pi as u64),
                    kind: "employee".into(),
                    id: eid.into(),
                });
            };
            if seen_plans.insert(eid, pi).is_some() {
                return Err(Error::Duplicate {
                    at: Location::employee(eid).with_row(pi as u64),
                    kind: "plan".into(),
                    id: eid.into(),
                });
            }
            let eval = evaluations.and_then(|m| m.get(eid));
            for r in &plan.results {
                tree.add_rhk(eid, &emp.unit, r, eval, policy)?;
            }
        }
        Ok(tree)
    }

    /// The node of RHK `r` of employee `eid` (of `unit`), with its achievement and predicate
    /// when evaluated; a second RHK `eid/r` is an error.
    fn add_rhk(
        &mut self,
        eid: &str,
        unit: &str,
        r: &'a PlannedResult,
        eval: Option<&Evaluation>,
        policy: &Policy,
    ) -> Result<()> {
        let key = format!("{eid}/{}", r.id);
        let at = Location::employee(eid).with_unit(unit).with_indicator(&r.id);
        let achievement = match eval {
            Some(ev) => rhk_achievement(ev, &r.id, policy, &at)?,
            None => None,
        };
        let idx = self.nodes.len();
        if self.qualified.insert(key.clone(), idx).is_some() {
            return Err(Error::Duplicate { at, kind: "planned result".into(), id: r.id.clone() });
        }
        self.bare.entry(r.id.as_str()).or_default().push(idx);
        self.parents_text.push(r.parent.as_deref());
        self.nodes.push(ContributionNode {
            kind: NodeKind::Rhk,
            id: key,
            unit: unit.to_string(),
            employee: Some(eid.to_string()),
            name: r.description.clone(),
            result_kind: Some(r.kind),
            cascade: r.cascade,
            citation: node_citation(NodeKind::Rhk, Some(r.kind), r.cascade),
            achievement,
            predicate: eval.map(|e| e.predicate),
            parent: None,
            children: Vec::new(),
            depth: 0,
            problems: Vec::new(),
        });
        Ok(())
    }

    /// The link of every RHK by the reference rule; an orphan primary RHK, an unknown and an
    /// ambiguous parent are problems.
    fn resolve_links(&self, problems: &mut Vec<AlignmentProblem>) -> Vec<Link> {
        let n = self.nodes.len();
        let mut link = vec![Link::None; n];
        for i in self.goal_count..n {
            let Some(node) = self.nodes.get(i) else { continue };
            let Some(p) = self.parents_text.get(i).copied().flatten() else {
                if node.result_kind == Some(ResultKind::Primary) {
                    problems.push(problem(
                        ProblemKind::OrphanPrimary,
                        node,
                        None,
                        BiText::new(
                            format!(
                                "RHK utama {} tidak mengintervensi RHK atasan atau sasaran unit",
                                node.id
                            ),
                            format!("primary RHK {} supports no superior RHK and no unit goal", node.id),
                        ),
                    ));
                }
                continue;
            };
            if let Some(s) = link.get_mut(i) {
                *s = self.resolve(node, p, problems);
            }
        }
        link
    }

    /// What parent text `p` of `node` names: a unit goal, the RHK `employee/rhk`, or the RHKs
    /// of other employees with that bare id, in that order.
    fn candidates(&self, node: &ContributionNode, p: &str) -> Vec<Link> {
        let owner = node.employee.as_deref().unwrap_or("");
        let mut cands: Vec<Link> = Vec::new();
        if let Some(&g) = self.goal_node.get(p) {
            cands.push(Link::Goal(g));
        }
        if let Some(&q) = self.qualified.get(p) {
            cands.push(Link::Rhk(q));
        }
        for &b in self.bare.get(p).map(Vec::as_slice).unwrap_or(&[]) {
            let other = self.nodes.get(b).and_then(|x| x.employee.as_deref()) != Some(owner);
            if other && !cands.contains(&Link::Rhk(b)) {
                cands.push(Link::Rhk(b));
            }
        }
        cands
    }

    /// The link of `node` to parent text `p`: its one candidate, else bad with a problem (no
    /// candidate: unknown; several: ambiguous).
    fn resolve(&self, node: &ContributionNode, p: &str, problems: &mut Vec<AlignmentProblem>) -> Link {
        match self.candidates(node, p).as_slice() {
            [] => {
                problems.push(problem(
                    ProblemKind::UnknownTarget,
                    node,
                    Some(p),
                    BiText::new(
                        format!("induk `{p}` dari RHK {} tidak dikenal (bukan sasaran unit maupun RHK pegawai lain)", node.id),
                        format!("parent `{p}` of RHK {} is unknown (neither a unit goal nor another employee's RHK)", node.id),
                    ),
                ));
                Link::Bad
            }
            [one] => *one,
            many => {
                let names: Vec<String> = many
                    .iter()
                    .filter_map(|c| match c {
                        Link::Goal(g) | Link::Rhk(g) => self.nodes.get(*g).map(|x| x.id.clone()),
                        _ => None,
                    })
                    .collect();
                problems.push(problem(
                    ProblemKind::AmbiguousTarget,
                    node,
                    Some(p),
                    BiText::new(
                        format!(
                            "induk `{p}` dari RHK {} ambigu: {}; tulis sebagai `pegawai/rhk`",
                            node.id,
                            names.join(", ")
                        ),
                        format!(
                            "parent `{p}` of RHK {} is ambiguous: {}; write it as `employee/rhk`",
                            node.id,
                            names.join(", ")
                        ),
                    ),
                ));
                Link::Bad
            }
        }
    }

    /// The nodes on a cycle of RHK links (each RHK has at most one parent: a functional
    /// graph); each cycle is a problem.
    fn cycles(&self, link: &[Link], problems: &mut Vec<AlignmentProblem>) -> Vec<bool> {
        let n = self.nodes.len();
        let mut on_cycle = vec![false; n];
        let cycles = super::graph::functional_cycles(n, self.goal_count..n, |c| match link.get(c) {
            Some(Link::Rhk(t)) => Some(*t),
            _ => None,
        });
        for members in cycles {
            let names: Vec<String> =
                members.iter().take(20).filter_map(|&m| self.nodes.get(m).map(|x| x.id.clone())).collect();
            for &m in &members {
                if let Some(o) = on_cycle.get_mut(m) {
                    *o = true;
                }
            }
            if let Some(node) = members.first().and_then(|&c| self.nodes.get(c)) {
                let more = if members.len() > 20 { " → …" } else { "" };
                problems.push(problem(
                    ProblemKind::Cycle,
                    node,
                    None,
                    BiText::new(
                        format!("siklus intervensi RHK: {}{more} → {}", names.join(" → "), node.id),
                        format!("cycle of RHK links: {}{more} → {}", names.join(" → "), node.id),
                    ),
                ));
            }
        }
        on_cycle
    }

    /// The tree edges of the resolved links off cycles; a cross-unit link is an edge and a
    /// problem, any other aligns its RHK and supports its parent.
    fn attach(
        &mut self,
        structure: &OrgStructure,
        link: &[Link],
        on_cycle: &[bool],
        problems: &mut Vec<AlignmentProblem>,
    ) -> Result<Links> {
        let n = self.nodes.len();
        let mut aligned = vec![false; n];
        let mut supported_by = vec![0u64; n];
        let mut roots: Vec<usize> = (0..self.goal_count).collect();
        for i in self.goal_count..n {
            let target = match link.get(i).copied() {
                Some(Link::Goal(t)) | Some(Link::Rhk(t)) => Some(t),
                _ => None,
            };
            let cyc = on_cycle.get(i).copied().unwrap_or(false);
            let Some(t) = target.filter(|_| !cyc) else {
                roots.push(i);
                continue;
            };
            let (Some(node), Some(tnode)) = (self.nodes.get(i), self.nodes.get(t)) else { continue };
            let cross = !structure.is_ancestor_or_self(&tnode.unit, &node.unit)?;
            if cross {
                problems.push(problem(
                    ProblemKind::CrossUnit,
                    node,
                    self.parents_text.get(i).copied().flatten(),
                    BiText::new(
                        format!(
                            "RHK {} (unit {}) mengintervensi {} milik unit {}, yang bukan unitnya sendiri atau unit atasannya",
                            node.id, node.unit, tnode.id, tnode.unit
                        ),
                        format!(
                            "RHK {} (unit {}) supports {} of unit {}, which is neither its own unit nor an ancestor",
                            node.id, node.unit, tnode.id, tnode.unit
                        ),
                    ),
                ));
            } else {
                if let Some(a) = aligned.get_mut(i) {
                    *a = true;
                }
                if let Some(s) = supported_by.get_mut(t) {
                    *s += 1;
                }
            }
            if let Some(nd) = self.nodes.get_mut(i) {
                nd.parent = Some(t);
            }
            if let Some(tn) = self.nodes.get_mut(t) {
                tn.children.push(i);
            }
        }
        Ok(Links { aligned, supported_by, roots })
    }

    /// Problems for the goals no aligned RHK supports, and for the primary RHKs of unit heads
    /// with subordinates that none supports.
    fn unsupported(
        &self,
        structure: &OrgStructure,
        supported_by: &[u64],
        problems: &mut Vec<AlignmentProblem>,
    ) -> Result<()> {
        for (i, node) in self.nodes.iter().enumerate() {
            if supported_by.get(i).copied().unwrap_or(0) > 0 {
                continue;
            }
            match node.kind {
                NodeKind::Goal => problems.push(problem(
                    ProblemKind::UnsupportedGoal,
                    node,
                    None,
                    BiText::new(
                        format!("sasaran unit {} tidak didukung RHK mana pun", node.id),
                        format!("unit goal {} is supported by no RHK", node.id),
                    ),
                )),
                NodeKind::Rhk => {
                    let owner = node.employee.as_deref().unwrap_or("");
                    let heads_unit = structure.head(&node.unit)? == Some(owner);
                    let has_subordinates = heads_unit
                        && (structure.employees_of(&node.unit)?.len() > 1
                            || !structure.children(&node.unit)?.is_empty());
                    if has_subordinates && node.result_kind == Some(ResultKind::Primary) {
                        problems.push(problem(
                            ProblemKind::UnsupportedRhk,
                            node,
                            None,
                            BiText::new(
                                format!(
                                    "RHK utama kepala unit {} tidak diintervensi bawahan mana pun",
                                    node.id
                                ),
                                format!(
                                    "the unit head's primary RHK {} is supported by no subordinate",
                                    node.id
                                ),
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// A node per unit goal, in the structure's order: the roots of the contribution tree.
fn goal_nodes(structure: &OrgStructure) -> Vec<ContributionNode> {
    structure
        .goals()
        .iter()
        .map(|g| ContributionNode {
            kind: NodeKind::Goal,
            id: g.id.clone(),
            unit: g.unit.clone(),
            employee: None,
            name: g.name.clone(),
            result_kind: None,
            cascade: None,
            achievement: None,
            predicate: None,
            parent: None,
            children: Vec::new(),
            depth: 0,
            problems: Vec::new(),
            citation: node_citation(NodeKind::Goal, None, None),
        })
        .collect()
}

/// The mean achievement of the indicators of RHK `rhk` in `ev`, rounded as the policy rounds
/// achievements; none without such indicators.
fn rhk_achievement(ev: &Evaluation, rhk: &str, policy: &Policy, at: &Location) -> Result<Option<Decimal>> {
    let vals: Vec<Decimal> =
        ev.indicators.iter().filter(|i| i.result == rhk).map(|i| i.achievement_raw).collect();
    if vals.is_empty() {
        return Ok(None);
    }
    Ok(Some(policy.rounding.achievement.apply(mean(&vals, at)?)))
}

/// A problem of `kind` about `node` (and the parent text `target`), citing its rule.
fn problem(
    kind: ProblemKind,
    node: &ContributionNode,
    target: Option<&str>,
    message: BiText,
) -> AlignmentProblem {
    AlignmentProblem {
        kind,
        unit: node.unit.clone(),
        employee: node.employee.clone(),
        item: node.id.clone(),
        target: target.map(str::to_string),
        message,
        citation: kind.citation(),
    }
}

/// Each node lists the kinds of the problems about it, once each, in the problems' order.
fn mark_problems(nodes: &mut [ContributionNode], problems: &[AlignmentProblem]) {
    // A goal id may equal an RHK's `employee/rhk`: a problem names an RHK when it names an
    // employee, a goal otherwise.
    let node_of: HashMap<(NodeKind, String), usize> =
        nodes.iter().enumerate().map(|(i, x)| ((x.kind, x.id.clone()), i)).collect();
    for p in problems {
        let kind = if p.employee.is_some() { NodeKind::Rhk } else { NodeKind::Goal };
        if let Some(nd) = node_of.get(&(kind, p.item.clone())).and_then(|&i| nodes.get_mut(i)) {
            if !nd.problems.contains(&p.kind) {
                nd.problems.push(p.kind);
            }
        }
    }
}

/// The depth of every node: breadth-first from the roots.
fn set_depths(nodes: &mut [ContributionNode], roots: &[usize]) {
    let mut queue: Vec<usize> = roots.to_vec();
    let mut k = 0;
    while let Some(&u) = queue.get(k) {
        k += 1;
        let d = nodes.get(u).map_or(0, |x| x.depth);
        let kids = nodes.get(u).map(|x| x.children.clone()).unwrap_or_default();
        for c in kids {
            if let Some(nc) = nodes.get_mut(c) {
                nc.depth = d + 1;
            }
            queue.push(c);
        }
    }
}

/// Counts of one unit: primary RHKs, aligned ones, goals, supported ones, problems.
type Counts = [u64; 5];

/// The coverage of every unit (breadth-first) and of the whole organisation.
fn coverage(
    structure: &OrgStructure,
    nodes: &[ContributionNode],
    links: &Links,
    problems: &[AlignmentProblem],
    rounding: Rounding,
) -> Result<(Vec<UnitAlignment>, UnitAlignment)> {
    let mut per_unit: HashMap<&str, Counts> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let e = per_unit.entry(node.unit.as_str()).or_default();
        match node.kind {
            NodeKind::Goal => {
                e[2] += 1;
                if links.supported_by.get(i).copied().unwrap_or(0) > 0 {
                    e[3] += 1;
                }
            }
            NodeKind::Rhk if node.result_kind == Some(ResultKind::Primary) => {
                e[0] += 1;
                if links.aligned.get(i).copied().unwrap_or(false) {
                    e[1] += 1;
                }
            }
            NodeKind::Rhk => {}
        }
    }
    for p in problems {
        per_unit.entry(p.unit.as_str()).or_default()[4] += 1;
    }
    let mut units = Vec::new();
    let mut total: Counts = [0u64; 5];
    for u in structure.breadth_first() {
        let c = per_unit.get(u).copied().unwrap_or_default();
        for (t, v) in total.iter_mut().zip(c) {
            *t += v;
        }
        units.push(unit_alignment(u, c, rounding)?);
    }
    let organisation = unit_alignment("*", total, rounding)?;
    Ok((units, organisation))
}

/// The coverage of `unit` from its counts.
fn unit_alignment(unit: &str, c: Counts, rounding: Rounding) -> Result<UnitAlignment> {
    let at = Location::unit(unit);
    Ok(UnitAlignment {
        unit: unit.to_string(),
        primary_rhk: c[0],
        aligned_rhk: c[1],
        rhk_coverage: coverage_pct(c[1], c[0], rounding, &at)?,
        goals: c[2],
        supported_goals: c[3],
        goal_coverage: coverage_pct(c[3], c[2], rounding, &at)?,
        problems: c[4],
    })
}

/// `num / den × 100`, rounded; none when `den` is 0.
fn coverage_pct(num: u64, den: u64, rounding: Rounding, at: &Location) -> Result<Option<Decimal>> {
    if den == 0 {
        return Ok(None);
    }
    Ok(Some(rounding.apply(ratio_pct(Decimal::from(num), Decimal::from(den), at)?)))
}

fn kind_label(k: ProblemKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (ProblemKind::OrphanPrimary, Lang::Id) => "tanpa induk",
        (ProblemKind::OrphanPrimary, Lang::En) => "orphan",
        (ProblemKind::UnknownTarget, Lang::Id) => "induk tidak dikenal",
        (ProblemKind::UnknownTarget, Lang::En) => "unknown parent",
        (ProblemKind::AmbiguousTarget, Lang::Id) => "induk ambigu",
        (ProblemKind::AmbiguousTarget, Lang::En) => "ambiguous parent",
        (ProblemKind::CrossUnit, Lang::Id) => "lintas unit",
        (ProblemKind::CrossUnit, Lang::En) => "cross-unit",
        (ProblemKind::Cycle, Lang::Id) => "siklus",
        (ProblemKind::Cycle, Lang::En) => "cycle",
        (ProblemKind::UnsupportedRhk, Lang::Id) => "tidak didukung bawahan",
        (ProblemKind::UnsupportedRhk, Lang::En) => "no subordinate support",
        (ProblemKind::UnsupportedGoal, Lang::Id) => "tidak didukung",
        (ProblemKind::UnsupportedGoal, Lang::En) => "unsupported",
    }
}

/// Deepest indentation printed; deeper nodes show their depth as a number instead.
const MAX_INDENT: usize = 32;

impl AlignmentReport {
    /// The contribution tree as indented text (goal → supporting RHKs → …), with coverage
    /// and problems. Iterative, so deep trees are fine.
    pub fn contribution_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let source_w = lang.pick("Dasar", "Source");
        let (title, cov_rhk, cov_goal, probs) = match lang {
            Lang::Id => {
                ("Pohon kontribusi (intervensi RHK)", "RHK utama selaras", "Sasaran unit didukung", "Masalah")
            }
            Lang::En => (
                "Contribution tree (RHK cascade)",
                "Primary RHKs aligned",
                "Unit goals supported",
                "Problems",
            ),
        };
        out.push_str(title);
        out.push('\n');
        out.push_str(&format!("{source_w}: {}\n", Citation::law(CASCADE_LAW).render(lang)));
        let pct = |v: Option<Decimal>| {
            v.map_or_else(|| crate::explain::NONE.to_string(), |x| crate::explain::percent(x, lang))
        };
        let o = &self.organisation;
        out.push_str(&format!(
            "{cov_rhk}: {}/{} ({}); {cov_goal}: {}/{} ({})\n",
            o.aligned_rhk,
            o.primary_rhk,
            pct(o.rhk_coverage),
            o.supported_goals,
            o.goals,
            pct(o.goal_coverage)
        ));
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            let Some(nd) = self.nodes.get(i) else { continue };
            let indent = "  ".repeat(nd.depth.min(MAX_INDENT));
            let deep = if nd.depth > MAX_INDENT { format!("[{}] ", nd.depth) } else { String::new() };
            let mut line = match nd.kind {
                NodeKind::Goal => match lang {
                    Lang::Id => format!("{indent}{deep}● Sasaran {} (unit {}): {}", nd.id, nd.unit, nd.name),
                    Lang::En => format!("{indent}{deep}● Goal {} (unit {}): {}", nd.id, nd.unit, nd.name),
                },
                NodeKind::Rhk => {
                    let c = nd.cascade.map(|c| format!(" [{}]", c.label(lang))).unwrap_or_default();
                    format!("{indent}{deep}└ RHK {}{c}: {}", nd.id, nd.name)
                }
            };
            if let Some(a) = nd.achievement {
                line.push_str(&match lang {
                    Lang::Id => format!("; capaian {}", crate::explain::percent(a, lang)),
                    Lang::En => format!("; achievement {}", crate::explain::percent(a, lang)),
                });
            }
            if let Some(p) = nd.predicate {
                line.push_str(&match lang {
                    Lang::Id => format!("; predikat {}", p.label(lang)),
                    Lang::En => format!("; predicate {}", p.label(lang)),
                });
            }
            if !nd.problems.is_empty() {
                let ps: Vec<&str> = nd.problems.iter().map(|k| kind_label(*k, lang)).collect();
                line.push_str(&format!(" ⚠ {}", ps.join(", ")));
            }
            out.push_str(&line);
            out.push('\n');
            stack.extend(nd.children.iter().rev());
        }
        if !self.problems.is_empty() {
            out.push_str(&format!("{probs}:\n"));
            for p in &self.problems {
                out.push_str(&format!(
                    "- [{}] {} ({source_w}: {})\n",
                    p.unit,
                    p.message.get(lang),
                    p.citation.render(lang)
                ));
            }
        }
        out
    }
}
