//! Materialised inference: the RDFS/OWL closure that the ontology declares, kept in its own named
//! graph, [`graph::INFERRED`].
//!
//! [`recompute`] recomputes the closure and brings that graph to it inside the caller's write
//! transaction, so a committed write and its closure become visible together. [`crate::store::GraphStore`] calls it
//! after every write; nothing else needs to. Queries see the closure through the union default
//! graph: `?x a idm:Standard` finds Recommendations and Specifications alike.
//!
//! The rules, evaluated to a fixpoint in Rust over the quads read from the transaction (a
//! semi-naive forward chainer: each new triple is joined once with what is known):
//!
//! | rule | if | then |
//! |---|---|---|
//! | rdfs9 | `x a C`, `C rdfs:subClassOf D` | `x a D` |
//! | rdfs7 | `x p y`, `p rdfs:subPropertyOf q` | `x q y` |
//! | inverse | `x p y`, `p owl:inverseOf q` (or `q owl:inverseOf p`) | `y q x` |
//! | symmetric | `x p y`, `p a owl:SymmetricProperty` | `y p x` |
//! | transitive | `x p y`, `y p z`, `p a owl:TransitiveProperty` | `x p z` |
//! | rdfs5, rdfs11 | `rdfs:subPropertyOf` and `rdfs:subClassOf` are transitive | |
//!
//! Axioms are read from every graph but the inferred one (the ontology graph in practice).
//! `rdfs:domain` and `rdfs:range` are deliberately not used for typing: in this ontology they
//! document intent, and the landscape CSV uses some properties more loosely (see
//! `idm:developedBy`), so typing by them would assert classes the data never claimed. Triples
//! already asserted in a source graph are not repeated in the inferred graph, and inferred triples
//! never go anywhere else.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{
    GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef,
    Term, TermRef,
};
use oxigraph::store::{QuadIter, StorageError, Store, Transaction};
// Fx hashing: the chainer hashes millions of small keys of its own, no untrusted ones.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::vocab::graph;

/// `owl:inverseOf`.
const OWL_INVERSE_OF: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#inverseOf");
/// `owl:SymmetricProperty`.
const OWL_SYMMETRIC_PROPERTY: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#SymmetricProperty");
/// `owl:TransitiveProperty`.
const OWL_TRANSITIVE_PROPERTY: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#TransitiveProperty");

/// Names the rules above. A store records it when its closure is complete under them
/// ([`crate::store::GraphStore::closure_is_complete`]); change it whenever the rules change, so
/// that stores closed under the old rules are recomputed when next opened.
pub const RULES: &str =
    "idmgraph closure rules 1: rdfs5 rdfs7 rdfs9 rdfs11 inverse symmetric transitive";

/// What one recomputation found and how long it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InferenceStats {
    /// Axioms read (subclass, subproperty, inverse, symmetric and transitive declarations).
    pub axioms: usize,
    /// Asserted triples the rules started from.
    pub asserted: usize,
    /// Triples in the inferred graph.
    pub inferred: usize,
    /// Triples the inferred graph held before.
    pub previous: usize,
    /// Quads of the inferred graph removed or inserted to bring it up to date.
    pub changed: usize,
    /// Wall-clock time of the recomputation, reading and writing included.
    pub elapsed: Duration,
}

/// The axioms of the ontology, as the rules use them.
#[derive(Default)]
struct Axioms {
    /// Direct superclasses of each class (named classes only: restrictions are not reasoned on).
    superclasses: HashMap<Term, Vec<Term>>,
    /// Direct superproperties of each property.
    superproperties: HashMap<NamedNode, Vec<NamedNode>>,
    /// Inverses of each property, in both directions of every `owl:inverseOf`.
    inverses: HashMap<NamedNode, Vec<NamedNode>>,
    symmetric: HashSet<NamedNode>,
    transitive: HashSet<NamedNode>,
    count: usize,
}

impl Axioms {
    /// No axioms but the two the rules always hold: `rdfs:subClassOf` and `rdfs:subPropertyOf`
    /// are transitive.
    fn new() -> Self {
        let mut axioms = Self::default();
        axioms.transitive.insert(rdfs::SUB_CLASS_OF.into_owned());
        axioms.transitive.insert(rdfs::SUB_PROPERTY_OF.into_owned());
        axioms
    }

    /// The predicates (and objects) of the triples that state axioms.
    const PATTERNS: [(NamedNodeRef<'static>, Option<NamedNodeRef<'static>>); 5] = [
        (rdfs::SUB_CLASS_OF, None),
        (rdfs::SUB_PROPERTY_OF, None),
        (OWL_INVERSE_OF, None),
        (rdf::TYPE, Some(OWL_SYMMETRIC_PROPERTY)),
        (rdf::TYPE, Some(OWL_TRANSITIVE_PROPERTY)),
    ];

    /// Whether `quad` states an axiom (of any shape the rules might read).
    fn states_one(quad: &Quad) -> bool {
        Self::PATTERNS.iter().any(|(predicate, object)| {
            quad.predicate.as_ref() == *predicate
                && object.is_none_or(|o| quad.object.as_ref() == TermRef::from(o))
        })
    }

    fn read(source: &impl QuadSource) -> Result<Self, StorageError> {
        let mut axioms = Self::new();
        for (predicate, object) in Self::PATTERNS {
            let object = object.map(TermRef::from);
            for quad in asserted(source.quads_for_pattern(None, Some(predicate), object, None)) {
                axioms.add(&quad?);
            }
        }
        Ok(axioms)
    }

    /// Takes `quad` in if it is an axiom the rules use. Returns the properties it names whose
    /// triples the rules must now read (none for a subclass axiom: `rdf:type` is always read).
    fn add(&mut self, quad: &Quad) -> Vec<NamedNode> {
        fn push<T: PartialEq>(values: &mut Vec<T>, value: T) -> bool {
            let new = !values.contains(&value);
            if new {
                values.push(value);
            }
            new
        }
        let predicate = quad.predicate.as_ref();
        let mut named = Vec::new();
        let new = if predicate == rdfs::SUB_CLASS_OF {
            let Term::NamedNode(superclass) = &quad.object else {
                return named;
            };
            let class = Term::from(quad.subject.clone());
            push(
                self.superclasses.entry(class).or_default(),
                superclass.clone().into(),
            )
        } else if predicate == rdfs::SUB_PROPERTY_OF || predicate == OWL_INVERSE_OF {
            let (NamedOrBlankNode::NamedNode(p), Term::NamedNode(q)) =
                (&quad.subject, &quad.object)
            else {
                return named;
            };
            named.extend([p.clone(), q.clone()]);
            if predicate == rdfs::SUB_PROPERTY_OF {
                push(
                    self.superproperties.entry(p.clone()).or_default(),
                    q.clone(),
                )
            } else {
                let new = push(self.inverses.entry(p.clone()).or_default(), q.clone());
                push(self.inverses.entry(q.clone()).or_default(), p.clone()) || new
            }
        } else if predicate == rdf::TYPE {
            let set = match &quad.object {
                Term::NamedNode(class) if class.as_ref() == OWL_SYMMETRIC_PROPERTY => {
                    &mut self.symmetric
                }
                Term::NamedNode(class) if class.as_ref() == OWL_TRANSITIVE_PROPERTY => {
                    &mut self.transitive
                }
                _ => return named,
            };
            let NamedOrBlankNode::NamedNode(property) = &quad.subject else {
                return named;
            };
            named.push(property.clone());
            set.insert(property.clone())
        } else {
            false
        };
        if new {
            self.count += 1;
        }
        named
    }

    /// The predicates whose triples the rules read or write: `rdf:type` and every property an
    /// axiom names.
    fn predicates(&self) -> HashSet<NamedNode> {
        let mut predicates: HashSet<NamedNode> = [rdf::TYPE.into_owned()].into_iter().collect();
        for (p, qs) in self.superproperties.iter().chain(&self.inverses) {
            predicates.insert(p.clone());
            predicates.extend(qs.iter().cloned());
        }
        predicates.extend(self.symmetric.iter().cloned());
        predicates.extend(self.transitive.iter().cloned());
        predicates
    }
}

/// A term's number in [`Terms`]: the chainer joins and hashes numbers, not strings.
type Id = u32;

/// A triple of term numbers: subject, predicate, object.
type Ids = [Id; 3];

/// The terms the chainer has met, numbered in order of appearance.
#[derive(Default)]
struct Terms {
    /// IRIs by their text: looked up without building a term.
    iris: HashMap<Box<str>, Id>,
    /// Blank nodes and literals.
    others: HashMap<Term, Id>,
    terms: Vec<Term>,
}

impl Terms {
    fn find(&self, term: TermRef<'_>) -> Option<Id> {
        match term {
            TermRef::NamedNode(iri) => self.iris.get(iri.as_str()),
            other => self.others.get(&other.into_owned()),
        }
        .copied()
    }

    fn id(&mut self, term: TermRef<'_>) -> Id {
        if let Some(id) = self.find(term) {
            return id;
        }
        let id = Id::try_from(self.terms.len()).expect("fewer than 2^32 distinct terms");
        self.terms.push(term.into_owned());
        match term {
            TermRef::NamedNode(iri) => self.iris.insert(iri.as_str().into(), id),
            other => self.others.insert(other.into_owned(), id),
        };
        id
    }

    fn ids(&mut self, quad: &Quad) -> Ids {
        [
            self.id(quad.subject.as_ref().into()),
            self.id(quad.predicate.as_ref().into()),
            self.id(quad.object.as_ref()),
        ]
    }

    /// The numbers of a quad's terms, if the chainer has met them all.
    fn known_ids(&self, quad: &Quad) -> Option<Ids> {
        Some([
            self.find(quad.subject.as_ref().into())?,
            self.find(quad.predicate.as_ref().into())?,
            self.find(quad.object.as_ref())?,
        ])
    }

    /// Whether the term can be a subject (an IRI or a blank node, not a literal).
    fn is_node(&self, id: Id) -> bool {
        !matches!(self.terms[id as usize], Term::Literal(_))
    }

    fn quad(&self, [s, p, o]: Ids) -> Quad {
        let subject = match &self.terms[s as usize] {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            other => unreachable!("the rules never put {other} in subject position"),
        };
        let Term::NamedNode(predicate) = &self.terms[p as usize] else {
            unreachable!("the rules only use IRIs as predicates")
        };
        Quad::new(
            subject,
            predicate.clone(),
            self.terms[o as usize].clone(),
            graph::INFERRED,
        )
    }
}

/// [`Axioms`] in term numbers.
struct Rules {
    rdf_type: Id,
    superclasses: HashMap<Id, Vec<Id>>,
    superproperties: HashMap<Id, Vec<Id>>,
    inverses: HashMap<Id, Vec<Id>>,
    symmetric: HashSet<Id>,
    transitive: HashSet<Id>,
}

impl Rules {
    fn new(axioms: &Axioms, terms: &mut Terms) -> Self {
        fn numbered<K, V>(map: &HashMap<K, Vec<V>>, terms: &mut Terms) -> HashMap<Id, Vec<Id>>
        where
            K: Clone + Into<Term>,
            V: Clone + Into<Term>,
        {
            map.iter()
                .map(|(key, values)| {
                    let key = terms.id(key.clone().into().as_ref());
                    (
                        key,
                        values
                            .iter()
                            .map(|v| terms.id(v.clone().into().as_ref()))
                            .collect(),
                    )
                })
                .collect()
        }
        let mut set = |from: &HashSet<NamedNode>| -> HashSet<Id> {
            from.iter().map(|p| terms.id(p.as_ref().into())).collect()
        };
        let symmetric = set(&axioms.symmetric);
        let transitive = set(&axioms.transitive);
        Self {
            rdf_type: terms.id(rdf::TYPE.into()),
            superclasses: numbered(&axioms.superclasses, terms),
            superproperties: numbered(&axioms.superproperties, terms),
            inverses: numbered(&axioms.inverses, terms),
            symmetric,
            transitive,
        }
    }
}

/// The forward chainer's state: every known triple of the relevant predicates, what was inferred,
/// and indexes for the transitive joins.
#[derive(Default)]
struct Closure {
    known: HashSet<Ids>,
    inferred: Vec<Ids>,
    queue: VecDeque<Ids>,
    /// For transitive properties: (property, subject) → objects, and (property, object) →
    /// subjects.
    outgoing: HashMap<(Id, Id), Vec<Id>>,
    incoming: HashMap<(Id, Id), Vec<Id>>,
}

impl Closure {
    fn add(&mut self, triple: Ids, rules: &Rules, asserted: bool) {
        if !self.know(triple, rules) {
            return;
        }
        if !asserted {
            self.inferred.push(triple);
        }
        self.queue.push_back(triple);
    }

    /// Takes `triple` in without deriving anything from it (its consequences are known too);
    /// `false` when it was known already.
    fn know(&mut self, triple: Ids, rules: &Rules) -> bool {
        if !self.known.insert(triple) {
            return false;
        }
        let [s, p, o] = triple;
        if rules.transitive.contains(&p) {
            self.outgoing.entry((p, s)).or_default().push(o);
            self.incoming.entry((p, o)).or_default().push(s);
        }
        true
    }

    fn saturate(&mut self, rules: &Rules, terms: &Terms) {
        let mut derived = Vec::new();
        while let Some(triple) = self.queue.pop_front() {
            consequences(triple, rules, terms, self, &mut derived);
            for triple in derived.drain(..) {
                self.add(triple, rules, false);
            }
        }
    }
}

/// The numbers `map` gives for `key`.
fn each(map: &HashMap<Id, Vec<Id>>, key: Id) -> impl Iterator<Item = Id> + '_ {
    map.get(&key).into_iter().flatten().copied()
}

/// The triples one rule application derives from `triple`, given what is known so far.
fn consequences(
    [s, p, o]: Ids,
    rules: &Rules,
    terms: &Terms,
    closure: &Closure,
    derived: &mut Vec<Ids>,
) {
    if p == rules.rdf_type {
        derived.extend(each(&rules.superclasses, o).map(|class| [s, p, class]));
    }
    derived.extend(each(&rules.superproperties, p).map(|q| [s, q, o]));
    let transitive = rules.transitive.contains(&p);
    if terms.is_node(o) {
        derived.extend(each(&rules.inverses, p).map(|q| [o, q, s]));
        if rules.symmetric.contains(&p) {
            derived.push([o, p, s]);
        }
        if transitive {
            for &further in closure.outgoing.get(&(p, o)).into_iter().flatten() {
                derived.push([s, p, further]);
            }
        }
    }
    if transitive {
        for &earlier in closure.incoming.get(&(p, s)).into_iter().flatten() {
            derived.push([earlier, p, o]);
        }
    }
}

/// Quads outside the inferred graph: what the rules start from. (The inferred graph is replaced,
/// not read, so nothing a user writes there feeds the rules.)
fn asserted(quads: QuadIter<'_>) -> impl Iterator<Item = Result<Quad, StorageError>> + '_ {
    let inferred = GraphNameRef::from(graph::INFERRED);
    quads.filter(move |quad| !matches!(quad, Ok(q) if q.graph_name.as_ref() == inferred))
}

/// Where the rules read quads from: the store itself, or a write transaction (which sees its
/// own uncommitted writes).
pub trait QuadSource {
    /// The quads matching a pattern, as [`Store::quads_for_pattern`].
    fn quads_for_pattern(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph_name: Option<GraphNameRef<'_>>,
    ) -> QuadIter<'_>;
}

impl QuadSource for Store {
    fn quads_for_pattern(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph_name: Option<GraphNameRef<'_>>,
    ) -> QuadIter<'_> {
        Store::quads_for_pattern(self, subject, predicate, object, graph_name)
    }
}

impl QuadSource for Transaction<'_> {
    fn quads_for_pattern(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph_name: Option<GraphNameRef<'_>>,
    ) -> QuadIter<'_> {
        Transaction::quads_for_pattern(self, subject, predicate, object, graph_name)
    }
}

/// The closure of what `source` asserts, and how the inferred graph must change to hold it.
pub struct Changes {
    axioms: usize,
    asserted: usize,
    inferred: usize,
    /// Triples the inferred graph held before.
    previous: usize,
    /// In the inferred graph, no longer inferred.
    stale: Vec<Quad>,
    /// Inferred, not yet in the inferred graph (quads of that graph).
    new: Vec<Quad>,
}

impl Changes {
    fn compute(source: &impl QuadSource) -> Result<Self, StorageError> {
        let axioms = Axioms::read(source)?;
        let read = axioms.predicates();
        Self::compute_with(source, axioms, Terms::default(), &[], read)
    }

    /// The closure under `axioms` of `more` (triples numbered in `terms`) and of what `source`
    /// asserts with the predicates in `read`.
    fn compute_with(
        source: &impl QuadSource,
        axioms: Axioms,
        mut terms: Terms,
        more: &[Ids],
        read: HashSet<NamedNode>,
    ) -> Result<Self, StorageError> {
        let rules = Rules::new(&axioms, &mut terms);
        let mut closure = Closure::default();
        for predicate in read {
            for quad in
                asserted(source.quads_for_pattern(None, Some(predicate.as_ref()), None, None))
            {
                closure.add(terms.ids(&quad?), &rules, true);
            }
        }
        for &triple in more {
            closure.add(triple, &rules, true);
        }
        let asserted_count = closure.known.len();
        closure.saturate(&rules, &terms);
        let mut inferred: HashSet<Ids> = closure.inferred.into_iter().collect();
        let inferred_count = inferred.len();
        let mut stale = Vec::new();
        let mut previous = 0;
        for quad in source.quads_for_pattern(None, None, None, Some(graph::INFERRED.into())) {
            let quad = quad?;
            previous += 1;
            // What is already there and still inferred stays as it is.
            if !terms
                .known_ids(&quad)
                .is_some_and(|ids| inferred.remove(&ids))
            {
                stale.push(quad);
            }
        }
        Ok(Self {
            axioms: axioms.count,
            asserted: asserted_count,
            inferred: inferred_count,
            previous,
            stale,
            new: inferred.into_iter().map(|ids| terms.quad(ids)).collect(),
        })
    }

    fn stats(&self, start: Instant) -> InferenceStats {
        InferenceStats {
            axioms: self.axioms,
            asserted: self.asserted,
            inferred: self.inferred,
            previous: self.previous,
            changed: self.stale.len() + self.new.len(),
            elapsed: start.elapsed(),
        }
    }

    fn remove_stale(&self, transaction: &mut Transaction<'_>) -> Result<(), StorageError> {
        for quad in &self.stale {
            transaction.remove(quad);
        }
        if self.inferred == 0 {
            transaction.remove_named_graph(NamedOrBlankNodeRef::from(graph::INFERRED))?;
        }
        Ok(())
    }

    fn new_quads(&self) -> impl Iterator<Item = QuadRef<'_>> {
        self.new.iter().map(Quad::as_ref)
    }
}

/// Rebuilds the inferred graph from the other graphs, inside `transaction`.
///
/// The closure is computed from scratch, then the graph is brought to it by removing what is no
/// longer inferred and inserting what is new: after a small write that touches a few quads
/// instead of rewriting the whole graph. Whatever a user wrote into the inferred graph is
/// removed: the graph is derived data. A store without inferences has no inferred graph.
pub fn recompute(transaction: &mut Transaction<'_>) -> Result<InferenceStats, StorageError> {
    let start = Instant::now();
    let changes = Changes::compute(transaction)?;
    changes.remove_stale(transaction)?;
    for quad in changes.new_quads() {
        transaction.insert(quad);
    }
    if changes.inferred > 0 {
        transaction.insert_named_graph(graph::INFERRED);
    }
    let stats = changes.stats(start);
    tracing::debug!(?stats, "recomputed the inferred graph");
    Ok(stats)
}

/// Brings the inferred graph up to date inside `transaction` after a write that only inserted
/// `inserted` into a store whose closure was complete: only the consequences of the new
/// triples are derived. The rules join a new triple with others only through a transitive
/// property, so the store's triples of transitive properties (asserted and inferred, from the
/// ontology's hierarchies mostly) are all that is read, with the axioms. A new triple that
/// was inferred before leaves the inferred graph (it is asserted now).
///
/// `None`, with nothing done, when `inserted` states an axiom or goes into the inferred graph:
/// [`recompute`] then.
pub fn follow_insertions(
    transaction: &mut Transaction<'_>,
    inserted: &[Quad],
) -> Result<Option<InferenceStats>, StorageError> {
    let start = Instant::now();
    let inferred_graph = GraphNameRef::from(graph::INFERRED);
    if inserted
        .iter()
        .any(|quad| quad.graph_name.as_ref() == inferred_graph || Axioms::states_one(quad))
    {
        return Ok(None);
    }
    let axioms = Axioms::read(transaction)?;
    let mut terms = Terms::default();
    let rules = Rules::new(&axioms, &mut terms);
    let mut closure = Closure::default();
    for quad in inserted {
        closure.add(terms.ids(quad), &rules, true);
    }
    for property in &axioms.transitive {
        for quad in transaction.quads_for_pattern(None, Some(property.as_ref()), None, None) {
            let ids = terms.ids(&quad?);
            closure.know(ids, &rules);
        }
    }
    closure.saturate(&rules, &terms);
    let mut added = 0;
    for triple in closure.inferred {
        let quad = terms.quad(triple);
        let stated = transaction
            .quads_for_pattern(
                Some(quad.subject.as_ref()),
                Some(quad.predicate.as_ref()),
                Some(quad.object.as_ref()),
                None,
            )
            .next()
            .transpose()?
            .is_some();
        if !stated {
            transaction.insert(&quad);
            added += 1;
        }
    }
    let mut removed = 0;
    for quad in inserted {
        let inferred = QuadRef::new(&quad.subject, &quad.predicate, &quad.object, inferred_graph);
        if transaction.contains(inferred)? {
            transaction.remove(inferred);
            removed += 1;
        }
    }
    if added > 0 {
        transaction.insert_named_graph(graph::INFERRED);
    }
    let stats = InferenceStats {
        axioms: axioms.count,
        asserted: inserted.len(),
        // The net change: counting the whole graph would read it all.
        inferred: added,
        previous: removed,
        changed: added + removed,
        elapsed: start.elapsed(),
    };
    tracing::debug!(?stats, "followed the insertions into the inferred graph");
    Ok(Some(stats))
}

/// Rebuilds the inferred graph of `store` after a bulk load, as [`recompute`] does, but writes
/// what is new with Oxigraph's bulk loader: a transaction holds its writes in memory and
/// commits them slowly, and a bulk load can infer millions of triples.
///
/// Not one atomic step: the new triples go in one bulk load, the stale ones in one transaction.
/// The caller must be the only writer. Readers may see the graph between the two steps, and a
/// crash there leaves the closure incomplete until the next recomputation (`idmgraph serve`
/// recomputes at start).
pub fn recompute_in_bulk(store: &Store) -> Result<InferenceStats, StorageError> {
    let start = Instant::now();
    write_in_bulk(store, Changes::compute(store)?, start)
}

/// Brings the inferred graph of `store` to `changes`: the new triples in one bulk load, then
/// the stale ones removed in one transaction.
fn write_in_bulk(
    store: &Store,
    changes: Changes,
    start: Instant,
) -> Result<InferenceStats, StorageError> {
    if !changes.new.is_empty() {
        let mut loader = crate::store::bulk_loader(store);
        loader.load_quads(changes.new_quads())?;
        loader.commit()?;
    }
    remove_stale(store, changes, start)
}

fn remove_stale(
    store: &Store,
    changes: Changes,
    start: Instant,
) -> Result<InferenceStats, StorageError> {
    if !changes.stale.is_empty() || changes.inferred == 0 {
        let mut transaction = store.start_transaction()?;
        changes.remove_stale(&mut transaction)?;
        transaction.commit()?;
    }
    let stats = changes.stats(start);
    tracing::debug!(?stats, "recomputed the inferred graph in bulk");
    Ok(stats)
}

/// Follows the quads of a bulk load as the parser gives them and keeps those the rules read, so
/// that the closure is computed without reading the loaded data back from the store (which
/// costs more than parsing it did) and, in the usual case, committed with the data in the same
/// bulk load.
///
/// Axioms come from the store and from the load itself. A triple is kept when the rules read its
/// predicate at the time it is parsed; the first [`LoadObserver::HELD_BACK`] triples passed over
/// are held back in case a later axiom makes the rules read them (an ontology's labels come
/// before the subproperty axiom of `skos:prefLabel`, say). A predicate the rules come to read
/// after some of its triples were passed over and not held back is "late": its triples are read
/// back from the store once the load is committed, and the closure is written in a second step.
/// Load the ontology first.
pub struct LoadObserver {
    axioms: Axioms,
    terms: Terms,
    triples: Vec<Ids>,
    /// IRIs of the predicates the rules read.
    read: HashSet<String>,
    /// Triples passed over, by the IRI of their predicate (kept while fewer than
    /// [`Self::HELD_BACK`], names only after).
    passed_over: HashMap<String, Vec<Quad>>,
    /// How many triples `passed_over` holds.
    held_back: usize,
    /// Whether more than [`Self::HELD_BACK`] were passed over.
    overflowed: bool,
    /// Predicates the rules read whose triples were passed over and not held back.
    late: HashSet<NamedNode>,
}

impl LoadObserver {
    /// How many passed-over triples are held back in memory.
    pub const HELD_BACK: usize = 100_000;

    /// An observer for a load into `store`, which the loaded data is not in yet.
    pub fn new(store: &Store) -> Result<Self, StorageError> {
        let axioms = Axioms::read(store)?;
        let read = axioms
            .predicates()
            .into_iter()
            .map(NamedNode::into_string)
            .collect();
        Ok(Self {
            axioms,
            terms: Terms::default(),
            triples: Vec::new(),
            read,
            passed_over: HashMap::default(),
            held_back: 0,
            overflowed: false,
            late: HashSet::default(),
        })
    }

    /// Sees one parsed quad.
    pub fn observe(&mut self, quad: &Quad) {
        if quad.graph_name.as_ref() == GraphNameRef::from(graph::INFERRED) {
            return;
        }
        for property in self.axioms.add(quad) {
            if self.read.contains(property.as_str()) {
                continue;
            }
            match self.passed_over.remove(property.as_str()) {
                Some(quads) if !self.overflowed => {
                    self.held_back -= quads.len();
                    for quad in quads {
                        let triple = self.terms.ids(&quad);
                        self.triples.push(triple);
                    }
                }
                Some(_) => {
                    self.late.insert(property.clone());
                }
                None => {}
            }
            self.read.insert(property.into_string());
        }
        let predicate = quad.predicate.as_str();
        if self.read.contains(predicate) {
            if !self.late.contains(&quad.predicate) {
                let triple = self.terms.ids(quad);
                self.triples.push(triple);
            }
            return;
        }
        let held = match self.passed_over.get_mut(predicate) {
            Some(held) => held,
            None => self.passed_over.entry(predicate.to_owned()).or_default(),
        };
        if self.overflowed {
            return;
        }
        if self.held_back < Self::HELD_BACK {
            held.push(quad.clone());
            self.held_back += 1;
        } else {
            // Too many to hold: from now on, only the predicates are remembered.
            self.passed_over.values_mut().for_each(Vec::clear);
            self.held_back = 0;
            self.overflowed = true;
        }
    }

    /// Ends the observation. Call it before the load is committed: it reads what the store
    /// held before.
    pub fn finish(mut self, store: &Store) -> Result<LoadClosure, StorageError> {
        let start = Instant::now();
        let mut read = self.axioms.predicates();
        if self.late.is_empty() {
            let changes =
                Changes::compute_with(store, self.axioms, self.terms, &self.triples, read)?;
            return Ok(LoadClosure::Ready { changes, start });
        }
        // The store's triples of the predicates that are not late, as they were before the load;
        // the late ones, old and new, are read once the load is committed.
        read.retain(|predicate| !self.late.contains(predicate));
        for predicate in read {
            for quad in
                asserted(store.quads_for_pattern(None, Some(predicate.as_ref()), None, None))
            {
                let triple = self.terms.ids(&quad?);
                self.triples.push(triple);
            }
        }
        Ok(LoadClosure::AfterCommit {
            observer: Box::new(self),
            start,
        })
    }
}

/// The closure of a bulk load ([`LoadObserver::finish`]).
pub enum LoadClosure {
    /// Computed: its new triples go into the load, its stale ones are removed after.
    Ready {
        /// The closure and how the inferred graph must change.
        changes: Changes,
        /// When the computation started.
        start: Instant,
    },
    /// Needs the late predicates' triples from the store, once the load is committed.
    AfterCommit {
        /// What the load parsed and the store held before.
        observer: Box<LoadObserver>,
        /// When the computation started.
        start: Instant,
    },
}

impl LoadClosure {
    /// The inferred quads to commit with the load.
    pub fn new_quads(&self) -> impl Iterator<Item = QuadRef<'_>> {
        match self {
            Self::Ready { changes, .. } => Some(changes.new_quads()),
            Self::AfterCommit { .. } => None,
        }
        .into_iter()
        .flatten()
    }

    /// Brings the inferred graph to the closure. Call it once the load is committed.
    pub fn finish(self, store: &Store) -> Result<InferenceStats, StorageError> {
        match self {
            Self::Ready { changes, start } => remove_stale(store, changes, start),
            Self::AfterCommit { observer, start } => {
                let changes = Changes::compute_with(
                    store,
                    observer.axioms,
                    observer.terms,
                    &observer.triples,
                    observer.late,
                )?;
                write_in_bulk(store, changes, start)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use oxigraph::io::RdfFormat;
    use oxigraph::model::GraphName;

    use super::*;
    use crate::store::{GraphStore, Input};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    const FIXTURE: &str = r#"
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix e: <http://e/> .
        e:Recommendation rdfs:subClassOf e:Standard .
        e:Standard rdfs:subClassOf e:Document .
        e:commonText a owl:SymmetricProperty ; rdfs:subPropertyOf e:alignedWith .
        e:alignedWith a owl:SymmetricProperty .
        e:supersedes owl:inverseOf e:supersededBy .
        e:partOf a owl:TransitiveProperty .
        e:x1252 a e:Recommendation ; e:commonText e:iso24760 ; e:supersedes e:old .
        e:clause a e:Clause ; e:partOf e:annex . e:annex e:partOf e:x1252 .
    "#;

    fn store_with(turtle: &'static str) -> Result<GraphStore, Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let input = Input {
            name: "fixture.ttl".to_owned(),
            format: RdfFormat::Turtle,
            reader: turtle.as_bytes(),
        };
        store.load([input], Some(&NamedNode::new("http://e/g")?))?;
        Ok(store)
    }

    fn inferred(
        store: &GraphStore,
        s: &str,
        p: &str,
        o: &str,
    ) -> Result<bool, Box<dyn std::error::Error>> {
        let quad = Quad::new(
            NamedNode::new(s)?,
            NamedNode::new(p)?,
            NamedNode::new(o)?,
            GraphName::from(graph::INFERRED.into_owned()),
        );
        Ok(store.oxigraph().contains(&quad)?)
    }

    const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    fn inferred_graph(store: &GraphStore) -> Result<Vec<String>, StorageError> {
        let mut quads = store
            .oxigraph()
            .quads_for_pattern(None, None, None, Some(graph::INFERRED.into()))
            .map(|quad| quad.map(|q| q.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        quads.sort();
        Ok(quads)
    }

    #[test]
    fn a_bulk_load_infers_what_a_transactional_load_does() -> TestResult {
        let transactional = store_with(FIXTURE)?;
        let bulk = GraphStore::in_memory()?;
        // A stale quad in the inferred graph must go, as in a transaction.
        let stale = "<http://e/x> <http://e/p> <http://e/y> <https://w3id.org/idmgraph/id/graph/inferred> .";
        for (name, format, text) in [
            ("stale.nq", RdfFormat::NQuads, stale),
            ("fixture.ttl", RdfFormat::Turtle, FIXTURE),
        ] {
            let input = Input {
                name: name.to_owned(),
                format,
                reader: Box::new(text.as_bytes()) as Box<dyn std::io::Read>,
            };
            let graph =
                (format == RdfFormat::Turtle).then(|| NamedNode::new_unchecked("http://e/g"));
            bulk.bulk_load([input], graph.as_ref(), |_| {})?;
        }
        let expected = inferred_graph(&transactional)?;
        assert!(expected.len() > 5, "{expected:?}");
        assert_eq!(inferred_graph(&bulk)?, expected);
        Ok(())
    }

    fn bulk_load_text(
        store: &GraphStore,
        format: RdfFormat,
        text: String,
    ) -> Result<usize, Box<dyn std::error::Error>> {
        let input = Input {
            name: "input".to_owned(),
            format,
            reader: Box::new(std::io::Cursor::new(text)) as Box<dyn std::io::Read>,
        };
        Ok(store.bulk_load([input], None, |_| {})?)
    }

    #[test]
    fn a_bulk_load_applies_axioms_that_come_after_the_data() -> TestResult {
        // The same statements as FIXTURE, data first: the observer passed those triples over
        // before it knew the rules read them.
        let (prefixes, statements) = FIXTURE.split_at(FIXTURE.find("e:Recommendation").unwrap());
        let (axioms, data) = statements.split_at(statements.find("e:x1252").unwrap());
        let data_first = format!("{prefixes}{data}{axioms}");
        let transactional = store_with(FIXTURE)?;
        let bulk = GraphStore::in_memory()?;
        let added = bulk_load_text(&bulk, RdfFormat::Turtle, data_first)?;
        assert_eq!(added, 13);
        let expected = inferred_graph(&transactional)?;
        assert!(expected.len() > 5, "{expected:?}");
        assert_eq!(inferred_graph(&bulk)?, expected);
        Ok(())
    }

    #[test]
    fn an_axiom_after_more_triples_than_are_held_back_applies_once_the_load_is_committed()
    -> TestResult {
        use std::fmt::Write as _;
        let labels = LoadObserver::HELD_BACK + 1;
        let mut text = String::new();
        for i in 0..labels {
            writeln!(text, "<http://e/x{i}> <http://e/label> \"{i}\" .")?;
        }
        text.push_str(
            "<http://e/label> <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> <http://e/name> .\n",
        );
        let store = GraphStore::in_memory()?;
        assert_eq!(
            bulk_load_text(&store, RdfFormat::NTriples, text)?,
            labels + 1
        );
        let name = NamedNodeRef::new("http://e/name")?;
        let names = store
            .oxigraph()
            .quads_for_pattern(None, Some(name), None, Some(graph::INFERRED.into()))
            .count();
        assert_eq!(names, labels);
        Ok(())
    }

    #[test]
    fn a_bulk_load_counts_only_the_asserted_quads_it_adds() -> TestResult {
        let store = GraphStore::in_memory()?;
        let fixture = || FIXTURE.to_owned();
        assert_eq!(bulk_load_text(&store, RdfFormat::Turtle, fixture())?, 13);
        assert_eq!(bulk_load_text(&store, RdfFormat::Turtle, fixture())?, 0);
        // One new triple whose consequences the inferred graph gets too.
        let more = "<http://e/x1253> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/Recommendation> .".to_owned();
        let before = inferred_graph(&store)?.len();
        assert_eq!(bulk_load_text(&store, RdfFormat::NTriples, more)?, 1);
        assert_eq!(inferred_graph(&store)?.len(), before + 2);
        Ok(())
    }

    #[test]
    fn subclasses_give_every_superclass_as_a_type() -> TestResult {
        let store = store_with(FIXTURE)?;
        assert!(inferred(
            &store,
            "http://e/x1252",
            TYPE,
            "http://e/Standard"
        )?);
        assert!(inferred(
            &store,
            "http://e/x1252",
            TYPE,
            "http://e/Document"
        )?);
        assert!(inferred(
            &store,
            "http://e/Recommendation",
            "http://www.w3.org/2000/01/rdf-schema#subClassOf",
            "http://e/Document"
        )?);
        assert!(
            !inferred(&store, "http://e/x1252", TYPE, "http://e/Recommendation")?,
            "asserted triples are not repeated"
        );
        Ok(())
    }

    #[test]
    fn subproperties_and_symmetry_combine() -> TestResult {
        let store = store_with(FIXTURE)?;
        assert!(inferred(
            &store,
            "http://e/x1252",
            "http://e/alignedWith",
            "http://e/iso24760"
        )?);
        assert!(inferred(
            &store,
            "http://e/iso24760",
            "http://e/commonText",
            "http://e/x1252"
        )?);
        assert!(inferred(
            &store,
            "http://e/iso24760",
            "http://e/alignedWith",
            "http://e/x1252"
        )?);
        Ok(())
    }

    #[test]
    fn inverses_hold_in_both_directions() -> TestResult {
        let store = store_with(FIXTURE)?;
        assert!(inferred(
            &store,
            "http://e/old",
            "http://e/supersededBy",
            "http://e/x1252"
        )?);
        let store = store_with(
            "<http://e/p> <http://www.w3.org/2002/07/owl#inverseOf> <http://e/q> . <http://e/a> <http://e/q> <http://e/b> .",
        )?;
        assert!(inferred(&store, "http://e/b", "http://e/p", "http://e/a")?);
        Ok(())
    }

    #[test]
    fn transitive_properties_are_closed() -> TestResult {
        let store = store_with(FIXTURE)?;
        assert!(inferred(
            &store,
            "http://e/clause",
            "http://e/partOf",
            "http://e/x1252"
        )?);
        Ok(())
    }

    #[test]
    fn recomputing_is_idempotent_and_replaces_user_writes_to_the_inferred_graph() -> TestResult {
        let store = store_with(FIXTURE)?;
        let dump = |store: &GraphStore| -> Result<Vec<u8>, Box<dyn std::error::Error>> {
            let mut out = Vec::new();
            store.dump(RdfFormat::NQuads, &mut out)?;
            Ok(out)
        };
        let before = dump(&store)?;
        let stats = store.recompute_inferences()?;
        assert!(stats.inferred > 0);
        assert_eq!(stats.changed, 0, "nothing to change the second time");
        assert_eq!(dump(&store)?, before);
        let bogus = Quad::new(
            NamedNode::new("http://e/a")?,
            NamedNode::new("http://e/b")?,
            NamedNode::new("http://e/c")?,
            GraphName::from(graph::INFERRED.into_owned()),
        );
        store.write(|t| {
            t.insert(&bogus);
            Ok::<_, crate::store::StoreError>(())
        })?;
        assert!(!store.oxigraph().contains(&bogus)?);
        assert_eq!(dump(&store)?, before);
        Ok(())
    }

    #[test]
    fn a_store_without_axioms_gets_no_inferred_graph() -> TestResult {
        let store = store_with("<http://e/a> <http://e/b> <http://e/c> .")?;
        assert!(!store.contains_graph(&GraphName::from(graph::INFERRED.into_owned()))?);
        assert_eq!(store.len()?, 1);
        Ok(())
    }

    #[test]
    fn an_update_adding_a_recommendation_makes_it_a_standard_and_deleting_it_removes_that()
    -> TestResult {
        use crate::sparql::{Dataset, SparqlOptions, execute_update, parse_update};
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let rec = "https://w3id.org/idmgraph/id/rec/itut-x9999";
        let standard = crate::vocab::idm::STANDARD.as_str();
        let insert = format!(
            "PREFIX idm: <https://w3id.org/idmgraph/ontology#> INSERT DATA {{ GRAPH <http://e/g> {{ <{rec}> a idm:Recommendation }} }}"
        );
        execute_update(
            &store,
            parse_update(&insert, None)?,
            &Dataset::default(),
            &SparqlOptions::default(),
        )?;
        assert!(inferred(&store, rec, TYPE, standard)?);
        assert!(inferred(
            &store,
            rec,
            TYPE,
            "http://xmlns.com/foaf/0.1/Document"
        )?);
        let delete = insert.replace("INSERT DATA", "DELETE DATA");
        execute_update(
            &store,
            parse_update(&delete, None)?,
            &Dataset::default(),
            &SparqlOptions::default(),
        )?;
        assert!(!inferred(&store, rec, TYPE, standard)?);
        let mentions = store
            .oxigraph()
            .quads_for_pattern(Some(NamedNodeRef::new(rec)?.into()), None, None, None)
            .count();
        assert_eq!(
            mentions, 0,
            "nothing about the deleted Recommendation is left"
        );
        Ok(())
    }

    #[test]
    fn inserted_data_gives_the_closure_a_recomputation_gives() -> TestResult {
        use crate::sparql::{Dataset, SparqlOptions, execute_update, parse_update};
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let id = "https://w3id.org/idmgraph/id/";
        // Each joins the existing closure a different way: a subclass chain, a transitive chain
        // through the inverse of a subproperty (org:hasSubOrganization), a topic under a topic,
        // a symmetric link, and a triple that was inferred and is asserted now.
        let updates = [
            format!(
                "INSERT DATA {{ GRAPH <http://e/g> {{ <{id}rec/itut-x9999> a idm:Recommendation }} }}"
            ),
            format!(
                "INSERT DATA {{ GRAPH <http://e/g> {{ <{id}wg/new-unit> org:subOrganizationOf <{id}wg/jtc1-sc27> . <{id}sg/sg17> org:hasSubOrganization <{id}question/q99-17> }} }}"
            ),
            format!(
                "INSERT DATA {{ <{id}topic/new-topic> a skos:Concept ; skos:broader <{id}topic/passwordless> }}"
            ),
            format!(
                "INSERT DATA {{ GRAPH <http://e/g> {{ <{id}rec/itut-x9999> idm:alignedWith <{id}rec/itut-x1252> }} }}"
            ),
            format!(
                "INSERT DATA {{ GRAPH <http://e/g> {{ <{id}rec/itut-x1252> a idm:Standard }} }}"
            ),
        ];
        let prefixes = "PREFIX idm: <https://w3id.org/idmgraph/ontology#> \
            PREFIX org: <http://www.w3.org/ns/org#> \
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ";
        for update in &updates {
            let update = parse_update(&format!("{prefixes}{update}"), None)?;
            let inserted = match &update.operations[..] {
                [spargebra::GraphUpdateOperation::InsertData { data }] => data.len(),
                _ => 0,
            };
            assert!(inserted > 0);
            let before = inferred_graph(&store)?.len();
            let text = update.to_string();
            execute_update(
                &store,
                update,
                &Dataset::default(),
                &SparqlOptions::default(),
            )?;
            assert!(
                inferred_graph(&store)?.len() != before,
                "{text}: the inferred graph did not move"
            );
        }
        assert!(inferred(
            &store,
            &format!("{id}rec/itut-x9999"),
            TYPE,
            crate::vocab::idm::STANDARD.as_str()
        )?);
        // Recomputing from scratch finds nothing to change.
        let followed = inferred_graph(&store)?;
        let stats = store.recompute_inferences()?;
        let recomputed = inferred_graph(&store)?;
        let missed: Vec<&String> = recomputed
            .iter()
            .filter(|q| !followed.contains(q))
            .collect();
        let extra: Vec<&String> = followed
            .iter()
            .filter(|q| !recomputed.contains(q))
            .collect();
        assert!(
            missed.is_empty() && extra.is_empty(),
            "missed {missed:#?}\nextra {extra:#?}"
        );
        assert_eq!(stats.changed, 0, "{stats:?}");
        Ok(())
    }

    #[test]
    fn insertions_follow_unless_they_state_axioms_or_write_the_inferred_graph() -> TestResult {
        let store = store_with(FIXTURE)?;
        let quad = |s: &str,
                    p: &str,
                    o: &str,
                    g: NamedNodeRef<'_>|
         -> Result<Quad, Box<dyn std::error::Error>> {
            Ok(Quad::new(
                NamedNode::new(s)?,
                NamedNode::new(p)?,
                NamedNode::new(o)?,
                g,
            ))
        };
        let g = NamedNodeRef::new("http://e/g")?;
        let cases = [
            (quad("http://e/x", TYPE, "http://e/C", g)?, true),
            (
                quad(
                    "http://e/p",
                    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf",
                    "http://e/q",
                    g,
                )?,
                false,
            ),
            (
                quad(
                    "http://e/p",
                    TYPE,
                    "http://www.w3.org/2002/07/owl#TransitiveProperty",
                    g,
                )?,
                false,
            ),
            (
                quad("http://e/x", TYPE, "http://e/C", graph::INFERRED)?,
                false,
            ),
        ];
        for (quad, follows) in cases {
            let mut transaction = store.oxigraph().start_transaction()?;
            transaction.insert(&quad);
            let followed = follow_insertions(&mut transaction, std::slice::from_ref(&quad))?;
            assert_eq!(followed.is_some(), follows, "{quad}");
        }
        Ok(())
    }

    #[test]
    fn recomputing_on_the_default_data_is_fast() -> TestResult {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let stats = store.recompute_inferences()?;
        eprintln!("default data: {stats:?}");
        assert!(stats.inferred > 0);
        // Generous for a debug build on a loaded CI machine; release takes a few milliseconds.
        assert!(stats.elapsed < Duration::from_secs(2), "{stats:?}");
        Ok(())
    }
}
