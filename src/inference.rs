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

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{
    GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef,
    Term, TermRef,
};
use oxigraph::store::{QuadIter, StorageError, Store, Transaction};

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

/// What one recomputation found and how long it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InferenceStats {
    /// Axioms read (subclass, subproperty, inverse, symmetric and transitive declarations).
    pub axioms: usize,
    /// Asserted triples the rules started from.
    pub asserted: usize,
    /// Triples in the inferred graph.
    pub inferred: usize,
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
    fn read(transaction: &impl QuadSource) -> Result<Self, StorageError> {
        let mut axioms = Self::default();
        for quad in
            asserted(transaction.quads_for_pattern(None, Some(rdfs::SUB_CLASS_OF), None, None))
        {
            let quad = quad?;
            if let Term::NamedNode(superclass) = quad.object {
                axioms
                    .superclasses
                    .entry(quad.subject.into())
                    .or_default()
                    .push(superclass.into());
                axioms.count += 1;
            }
        }
        for quad in
            asserted(transaction.quads_for_pattern(None, Some(rdfs::SUB_PROPERTY_OF), None, None))
        {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(property), Term::NamedNode(superproperty)) =
                (quad.subject, quad.object)
            {
                axioms
                    .superproperties
                    .entry(property)
                    .or_default()
                    .push(superproperty);
                axioms.count += 1;
            }
        }
        for quad in asserted(transaction.quads_for_pattern(None, Some(OWL_INVERSE_OF), None, None))
        {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(p), Term::NamedNode(q)) =
                (quad.subject, quad.object)
            {
                axioms
                    .inverses
                    .entry(p.clone())
                    .or_default()
                    .push(q.clone());
                axioms.inverses.entry(q).or_default().push(p);
                axioms.count += 1;
            }
        }
        for (class, set) in [
            (OWL_SYMMETRIC_PROPERTY, &mut axioms.symmetric),
            (OWL_TRANSITIVE_PROPERTY, &mut axioms.transitive),
        ] {
            for quad in asserted(transaction.quads_for_pattern(
                None,
                Some(rdf::TYPE),
                Some(class.into()),
                None,
            )) {
                if let NamedOrBlankNode::NamedNode(property) = quad?.subject {
                    set.insert(property);
                    axioms.count += 1;
                }
            }
        }
        axioms.transitive.insert(rdfs::SUB_CLASS_OF.into_owned());
        axioms.transitive.insert(rdfs::SUB_PROPERTY_OF.into_owned());
        Ok(axioms)
    }

    /// The predicates whose triples the rules read or write: `rdf:type` and every property an
    /// axiom names.
    fn predicates(&self) -> HashSet<NamedNode> {
        let mut predicates = HashSet::from([rdf::TYPE.into_owned()]);
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
    ids: HashMap<Term, Id>,
    terms: Vec<Term>,
}

impl Terms {
    fn id(&mut self, term: Term) -> Id {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        let id = Id::try_from(self.terms.len()).expect("fewer than 2^32 distinct terms");
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        id
    }

    fn ids(&mut self, quad: Quad) -> Ids {
        [
            self.id(quad.subject.into()),
            self.id(quad.predicate.into()),
            self.id(quad.object),
        ]
    }

    /// The numbers of a quad's terms, if the chainer has met them all.
    fn known_ids(&self, quad: &Quad) -> Option<Ids> {
        let id = |term: Term| self.ids.get(&term).copied();
        Some([
            id(quad.subject.clone().into())?,
            id(quad.predicate.clone().into())?,
            id(quad.object.clone())?,
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
                    let key = terms.id(key.clone().into());
                    (
                        key,
                        values.iter().map(|v| terms.id(v.clone().into())).collect(),
                    )
                })
                .collect()
        }
        let mut set = |from: &HashSet<NamedNode>| -> HashSet<Id> {
            from.iter().map(|p| terms.id(p.clone().into())).collect()
        };
        let symmetric = set(&axioms.symmetric);
        let transitive = set(&axioms.transitive);
        Self {
            rdf_type: terms.id(rdf::TYPE.into_owned().into()),
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
        if !self.known.insert(triple) {
            return;
        }
        let [s, p, o] = triple;
        if rules.transitive.contains(&p) {
            self.outgoing.entry((p, s)).or_default().push(o);
            self.incoming.entry((p, o)).or_default().push(s);
        }
        if !asserted {
            self.inferred.push(triple);
        }
        self.queue.push_back(triple);
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
struct Changes {
    axioms: usize,
    asserted: usize,
    inferred: usize,
    /// In the inferred graph, no longer inferred.
    stale: Vec<Quad>,
    /// Inferred, not yet in the inferred graph (quads of that graph).
    new: Vec<Quad>,
}

impl Changes {
    fn compute(source: &impl QuadSource) -> Result<Self, StorageError> {
        let axioms = Axioms::read(source)?;
        let mut terms = Terms::default();
        let rules = Rules::new(&axioms, &mut terms);
        let mut closure = Closure::default();
        for predicate in axioms.predicates() {
            for quad in
                asserted(source.quads_for_pattern(None, Some(predicate.as_ref()), None, None))
            {
                closure.add(terms.ids(quad?), &rules, true);
            }
        }
        let asserted_count = closure.known.len();
        closure.saturate(&rules, &terms);
        let mut inferred: HashSet<Ids> = closure.inferred.into_iter().collect();
        let inferred_count = inferred.len();
        let mut stale = Vec::new();
        for quad in source.quads_for_pattern(None, None, None, Some(graph::INFERRED.into())) {
            let quad = quad?;
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
            stale,
            new: inferred.into_iter().map(|ids| terms.quad(ids)).collect(),
        })
    }

    fn stats(&self, start: Instant) -> InferenceStats {
        InferenceStats {
            axioms: self.axioms,
            asserted: self.asserted,
            inferred: self.inferred,
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

/// Rebuilds the inferred graph of `store` after a bulk load, as [`recompute`] does, but writes
/// what is new with Oxigraph's bulk loader: a transaction holds its writes in memory and
/// commits them slowly, and a bulk load can infer millions of triples.
///
/// Not one atomic step: the stale triples go in one transaction, the new ones in one bulk load.
/// The caller must be the only writer. Readers may see the graph between the two steps, and a
/// crash there leaves the closure incomplete until the next recomputation (`idmgraph serve`
/// recomputes at start).
pub fn recompute_in_bulk(store: &Store) -> Result<InferenceStats, StorageError> {
    let start = Instant::now();
    let changes = Changes::compute(store)?;
    if !changes.stale.is_empty() || changes.inferred == 0 {
        let mut transaction = store.start_transaction()?;
        changes.remove_stale(&mut transaction)?;
        transaction.commit()?;
    }
    if !changes.new.is_empty() {
        let mut loader = store.bulk_loader();
        loader.load_quads(changes.new_quads())?;
        loader.commit()?;
    }
    let stats = changes.stats(start);
    tracing::debug!(?stats, "recomputed the inferred graph in bulk");
    Ok(stats)
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
