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
    Term, Triple,
};
use oxigraph::store::{QuadIter, StorageError, Transaction};

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
    fn read(transaction: &Transaction<'_>) -> Result<Self, StorageError> {
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

/// The forward chainer's state: every known triple of the relevant predicates, what was inferred,
/// and indexes for the transitive joins.
#[derive(Default)]
struct Closure {
    known: HashSet<Triple>,
    inferred: Vec<Triple>,
    queue: VecDeque<Triple>,
    /// For transitive properties: subject → objects, and object → subjects.
    outgoing: HashMap<(NamedNode, NamedOrBlankNode), Vec<Term>>,
    incoming: HashMap<(NamedNode, Term), Vec<NamedOrBlankNode>>,
}

impl Closure {
    fn add(&mut self, triple: Triple, axioms: &Axioms, asserted: bool) {
        if self.known.contains(&triple) {
            return;
        }
        if axioms.transitive.contains(&triple.predicate) {
            self.outgoing
                .entry((triple.predicate.clone(), triple.subject.clone()))
                .or_default()
                .push(triple.object.clone());
            self.incoming
                .entry((triple.predicate.clone(), triple.object.clone()))
                .or_default()
                .push(triple.subject.clone());
        }
        if !asserted {
            self.inferred.push(triple.clone());
        }
        self.known.insert(triple.clone());
        self.queue.push_back(triple);
    }

    fn saturate(&mut self, axioms: &Axioms) {
        while let Some(triple) = self.queue.pop_front() {
            for derived in consequences(&triple, axioms, self) {
                self.add(derived, axioms, false);
            }
        }
    }
}

/// The triples one rule application derives from `triple`, given what is known so far.
fn consequences(triple: &Triple, axioms: &Axioms, closure: &Closure) -> Vec<Triple> {
    let Triple {
        subject,
        predicate,
        object,
    } = triple;
    let mut derived = Vec::new();
    if predicate.as_ref() == rdf::TYPE {
        for class in axioms.superclasses.get(object).into_iter().flatten() {
            derived.push(Triple::new(
                subject.clone(),
                predicate.clone(),
                class.clone(),
            ));
        }
    }
    for superproperty in axioms.superproperties.get(predicate).into_iter().flatten() {
        derived.push(Triple::new(
            subject.clone(),
            superproperty.clone(),
            object.clone(),
        ));
    }
    if let Some(object_node) = as_node(object) {
        for inverse in axioms.inverses.get(predicate).into_iter().flatten() {
            derived.push(Triple::new(
                object_node.clone(),
                inverse.clone(),
                subject.clone(),
            ));
        }
        if axioms.symmetric.contains(predicate) {
            derived.push(Triple::new(
                object_node.clone(),
                predicate.clone(),
                subject.clone(),
            ));
        }
        if axioms.transitive.contains(predicate) {
            let next = (predicate.clone(), object_node);
            for further in closure.outgoing.get(&next).into_iter().flatten() {
                derived.push(Triple::new(
                    subject.clone(),
                    predicate.clone(),
                    further.clone(),
                ));
            }
        }
    }
    if axioms.transitive.contains(predicate) {
        let previous = (predicate.clone(), Term::from(subject.clone()));
        for earlier in closure.incoming.get(&previous).into_iter().flatten() {
            derived.push(Triple::new(
                earlier.clone(),
                predicate.clone(),
                object.clone(),
            ));
        }
    }
    derived
}

/// The object as a subject, when it can be one (not a literal).
fn as_node(term: &Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

/// Quads outside the inferred graph: what the rules start from. (The inferred graph is replaced,
/// not read, so nothing a user writes there feeds the rules.)
fn asserted(quads: QuadIter<'_>) -> impl Iterator<Item = Result<Quad, StorageError>> + '_ {
    let inferred = GraphNameRef::from(graph::INFERRED);
    quads.filter(move |quad| !matches!(quad, Ok(q) if q.graph_name.as_ref() == inferred))
}

/// Rebuilds the inferred graph from the other graphs, inside `transaction`.
///
/// The closure is computed from scratch, then the graph is brought to it by removing what is no
/// longer inferred and inserting what is new: after a small write that touches a few quads
/// instead of rewriting the whole graph. Whatever a user wrote into the inferred graph is
/// removed: the graph is derived data. A store without inferences has no inferred graph.
pub fn recompute(transaction: &mut Transaction<'_>) -> Result<InferenceStats, StorageError> {
    let start = Instant::now();
    let inferred_graph = GraphNameRef::from(graph::INFERRED);
    let axioms = Axioms::read(transaction)?;
    let mut closure = Closure::default();
    for predicate in axioms.predicates() {
        for quad in
            asserted(transaction.quads_for_pattern(None, Some(predicate.as_ref()), None, None))
        {
            let quad = quad?;
            closure.add(
                Triple::new(quad.subject, quad.predicate, quad.object),
                &axioms,
                true,
            );
        }
    }
    let asserted_count = closure.known.len();
    closure.saturate(&axioms);
    let inferred: HashSet<Triple> = closure.inferred.into_iter().collect();
    let mut kept = HashSet::new();
    let mut stale = Vec::new();
    for quad in transaction.quads_for_pattern(None, None, None, Some(inferred_graph)) {
        let quad = quad?;
        let triple = Triple::new(quad.subject, quad.predicate, quad.object);
        if inferred.contains(&triple) {
            kept.insert(triple);
        } else {
            stale.push(triple);
        }
    }
    for triple in &stale {
        transaction.remove(QuadRef::new(
            &triple.subject,
            &triple.predicate,
            &triple.object,
            inferred_graph,
        ));
    }
    let mut added = 0;
    for triple in inferred.iter().filter(|t| !kept.contains(*t)) {
        transaction.insert(QuadRef::new(
            &triple.subject,
            &triple.predicate,
            &triple.object,
            inferred_graph,
        ));
        added += 1;
    }
    if inferred.is_empty() {
        transaction.remove_named_graph(NamedOrBlankNodeRef::from(graph::INFERRED))?;
    } else {
        transaction.insert_named_graph(graph::INFERRED);
    }
    let stats = InferenceStats {
        axioms: axioms.count,
        asserted: asserted_count,
        inferred: inferred.len(),
        changed: stale.len() + added,
        elapsed: start.elapsed(),
    };
    tracing::debug!(?stats, "recomputed the inferred graph");
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
