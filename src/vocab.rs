//! IRIs of the idmgraph ontology, and of the entities and named graphs the
//! service writes.
//!
//! [`idm`] has one constant per class, property and individual declared in
//! `ontology/idm.ttl`, in the style of `oxigraph::model::vocab`; [`idm::ALL`]
//! lists them all so a test can check that each is declared there and that
//! the ontology declares nothing else. Terms reused from ORG, FOAF, SKOS,
//! DCTERMS and PROV are not repeated here. [`graph`] names the graphs that
//! data is loaded into.

use oxigraph::model::NamedNodeRef;

/// Prefix of every entity IRI: `{ID_BASE}{kind}/{slug}`, e.g.
/// `https://w3id.org/idmgraph/id/rec/itut-x1252`.
pub const ID_BASE: &str = "https://w3id.org/idmgraph/id/";

/// IRI of the ontology document (`owl:Ontology`) in `ontology/idm.ttl`.
pub const ONTOLOGY_DOCUMENT: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology");

/// The `skos:ConceptScheme` of topics; topic IRIs are `{ID_BASE}topic/{slug}`.
pub const TOPIC_SCHEME: NamedNodeRef<'_> =
    NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/id/topic");

/// Named graphs the service loads data into.
pub mod graph {
    use oxigraph::model::NamedNodeRef;

    /// The ontology, `ontology/idm.ttl`.
    pub const ONTOLOGY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/id/graph/ontology");
    /// The seed facts, `data/seed.ttl`, derived from the seed liaison statement.
    pub const SEED: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/id/graph/seed");
    /// The standards landscape imported from CSV.
    pub const LANDSCAPE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/id/graph/landscape");
    /// Triples added by the inference step.
    pub const INFERRED: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/id/graph/inferred");
    /// Overlaps computed between standards.
    pub const OVERLAPS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/id/graph/overlaps");

    /// Every named graph above.
    pub const ALL: &[NamedNodeRef<'static>] = &[ONTOLOGY, SEED, LANDSCAPE, INFERRED, OVERLAPS];
}

/// Terms of the idmgraph ontology, namespace `https://w3id.org/idmgraph/ontology#`.
pub mod idm {
    use oxigraph::model::NamedNodeRef;

    /// The namespace of every term in this module.
    pub const NAMESPACE: &str = "https://w3id.org/idmgraph/ontology#";

    // Classes: documents
    /// `idm:Standard` (class): A normative deliverable of a standards body or forum: an ITU-T
    /// Recommendation, an ISO/IEC or ISO International Standard, or a forum specification.
    /// Superclass of the three.
    pub const STANDARD: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Standard");
    /// `idm:Recommendation` (class): An ITU-T Recommendation, identified as "ITU-T X.1252"; an
    /// edition is written "ITU-T X.1252 (04/2010)".
    pub const RECOMMENDATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Recommendation");
    /// `idm:InternationalStandard` (class): An ISO, IEC or ISO/IEC deliverable (International
    /// Standard, Technical Specification or Technical Report), identified as "ISO/IEC
    /// 24760-1:2019".
    pub const INTERNATIONAL_STANDARD: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#InternationalStandard");
    /// `idm:Specification` (class): A specification of a forum or consortium such as W3C, FIDO
    /// Alliance, IETF, OpenID Foundation or OASIS.
    pub const SPECIFICATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Specification");
    /// `idm:Supplement` (class): An informative supplement to an ITU-T Recommendation or
    /// series, identified as "ITU-T X Suppl. 45".
    pub const SUPPLEMENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Supplement");
    /// `idm:TermsOfReference` (class): The terms of reference (ToR) of a body: its scope,
    /// objectives, support, meetings, reporting, leadership and lifetime.
    pub const TERMS_OF_REFERENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#TermsOfReference");
    /// `idm:LiaisonStatement` (class): A formal communication from one body (idm:sender) to
    /// another (idm:recipient), for information or asking for an action (idm:requestedAction).
    pub const LIAISON_STATEMENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#LiaisonStatement");
    /// `idm:Resolution` (class): A resolution adopted by an assembly or conference, such as
    /// WTSA-20 Resolution 2 or GSC-16 Resolution 4.
    pub const RESOLUTION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Resolution");
    /// `idm:Clause` (class): A numbered clause, annex or section of a document.
    /// dcterms:isPartOf links it to the document or to the enclosing clause; dcterms:identifier
    /// holds its local number ("5.1", "Annex B", "B.1").
    pub const CLAUSE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Clause");
    /// `idm:Objective` (class): One objective stated in terms of reference; its text is the
    /// dcterms:description, its position idm:ordinal.
    pub const OBJECTIVE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Objective");
    /// `idm:WorkItem` (class): An item in a work programme, such as a draft Recommendation
    /// under its provisional name (X.te, X.1254rev), before or while it becomes a document.
    pub const WORK_ITEM: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#WorkItem");
    /// `idm:ContributionRequest` (class): A request, made by a body at a meeting, that
    /// contributions on a subject be submitted to a later meeting.
    pub const CONTRIBUTION_REQUEST: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#ContributionRequest");

    // Classes: bodies
    /// `idm:SDO` (class): A standards development organization, forum or consortium, or an
    /// organization of which one is part: ITU, ITU-T, ISO, IEC, ISO/IEC JTC 1, W3C, FIDO
    /// Alliance, IETF, OASIS, OpenID Foundation.
    pub const SDO: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#SDO");
    /// `idm:StudyGroup` (class): An ITU-T study group (SG2, SG13, SG17, SG20 ...), identified
    /// as "SG17".
    pub const STUDY_GROUP: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#StudyGroup");
    /// `idm:AdvisoryGroup` (class): A sector advisory group such as the ITU-T Telecommunication
    /// Standardization Advisory Group (TSAG), which reviews working methods and endorses the
    /// terms of reference of joint coordination activities.
    pub const ADVISORY_GROUP: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#AdvisoryGroup");
    /// `idm:Question` (class): An ITU-T Question: the unit of study within a study group for
    /// one study period, identified as "Q10/17" (Question 10 of Study Group 17).
    pub const QUESTION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Question");
    /// `idm:WorkingGroup` (class): A working group, technical committee, subcommittee, joint
    /// working group, focus group or council working group within a larger organization.
    pub const WORKING_GROUP: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#WorkingGroup");
    /// `idm:CoordinationBody` (class): A body whose purpose is to coordinate the work of other
    /// bodies rather than to develop standards itself.
    pub const COORDINATION_BODY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#CoordinationBody");
    /// `idm:JointCoordinationActivity` (class): An ITU-T joint coordination activity (JCA)
    /// under Recommendation ITU-T A.1, such as JCA-IdM or JCA-COP. It reports to a parent study
    /// group (idm:reportsTo).
    pub const JOINT_COORDINATION_ACTIVITY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#JointCoordinationActivity");

    // Classes: events
    /// `idm:Meeting` (class): A meeting of a body (idm:meetingOf), dated with dcterms:date.
    pub const MEETING: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Meeting");
    /// `idm:Conference` (class): An assembly or conference that adopts resolutions and
    /// designates responsibilities, such as WTSA-20 or GSC-16.
    pub const CONFERENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Conference");

    // Classes and individuals: roles
    /// `idm:Chair` (individual): Chair (chairman) of a body.
    pub const CHAIR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Chair");
    /// `idm:CoChair` (individual): One of several co-chairs (co-chairmen) who lead a body
    /// together.
    pub const CO_CHAIR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#CoChair");
    /// `idm:ViceChair` (individual): Vice-chair of a body.
    pub const VICE_CHAIR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#ViceChair");
    /// `idm:Rapporteur` (individual): Rapporteur leading an ITU-T Question.
    pub const RAPPORTEUR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Rapporteur");
    /// `idm:CoRapporteur` (individual): One of several co-rapporteurs leading an ITU-T Question
    /// together.
    pub const CO_RAPPORTEUR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#CoRapporteur");
    /// `idm:Editor` (individual): Editor of a Recommendation, standard or work item.
    pub const EDITOR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Editor");
    /// `idm:Convenor` (individual): Convenor of an ISO or ISO/IEC working group.
    pub const CONVENOR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Convenor");
    /// `idm:Secretariat` (individual): The secretariat of a body (a person, an office or a
    /// national body holding it).
    pub const SECRETARIAT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Secretariat");
    /// `idm:LeadStudyGroup` (individual): The role of ITU-T lead study group for a subject
    /// area, held by a study group through an org:Post.
    pub const LEAD_STUDY_GROUP: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#LeadStudyGroup");

    // Classes and individuals: activity status
    /// `idm:ActivityStatus` (class): Whether a body is active, dormant or terminated; one of
    /// idm:Active, idm:Dormant, idm:Terminated.
    pub const ACTIVITY_STATUS_CLASS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#ActivityStatus");
    /// `idm:Active` (individual): The body meets and works.
    pub const ACTIVE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Active");
    /// `idm:Dormant` (individual): The body still exists but does not meet or work (see
    /// idm:dormantSince, idm:lastMeetingYear).
    pub const DORMANT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Dormant");
    /// `idm:Terminated` (individual): The body has been closed (see idm:terminatedOn).
    pub const TERMINATED: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Terminated");

    // Classes and individuals: coordination functions
    /// `idm:CoordinationFunction` (class): A kind of duty a coordination body is charged with.
    pub const COORDINATION_FUNCTION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#CoordinationFunction");
    /// `idm:InternalCoordination` (individual): Ensuring work is progressed in a
    /// well-coordinated way between study groups and other groups of the same organization.
    pub const INTERNAL_COORDINATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#InternalCoordination");
    /// `idm:ExternalCollaboration` (individual): Collaborating with external SDOs, fora and
    /// regional or national organizations, for instance by inviting their representatives.
    pub const EXTERNAL_COLLABORATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#ExternalCollaboration");
    /// `idm:PlanningSupport` (individual): Receiving planning issues brought to the body's
    /// attention.
    pub const PLANNING_SUPPORT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#PlanningSupport");
    /// `idm:WorkAssignment` (individual): Facilitating the assignment of work through the
    /// involved groups when it is not clear under which group (Question) the work should be
    /// done.
    pub const WORK_ASSIGNMENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#WorkAssignment");
    /// `idm:TaskAllocation` (individual): Recommending an allocation of tasks among groups.
    pub const TASK_ALLOCATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#TaskAllocation");
    /// `idm:StandardizationAnalysis` (individual): Analysing standardization items in the
    /// subject area.
    pub const STANDARDIZATION_ANALYSIS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#StandardizationAnalysis");
    /// `idm:RoadmapCoordination` (individual): Coordinating a standardization roadmap (see
    /// idm:roadmapCoordinatedWith).
    pub const ROADMAP_COORDINATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#RoadmapCoordination");
    /// `idm:PointOfContact` (individual): Acting as a point of contact within the organization
    /// and with other SDOs and fora (see idm:pointOfContactWith).
    pub const POINT_OF_CONTACT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#PointOfContact");
    /// `idm:DuplicationAvoidance` (individual): Avoiding duplication of work between bodies.
    pub const DUPLICATION_AVOIDANCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#DuplicationAvoidance");
    /// `idm:ResolutionImplementation` (individual): Assisting in or coordinating the
    /// implementation of resolutions (see idm:assistsImplementationOf,
    /// idm:coordinatesImplementationOf).
    pub const RESOLUTION_IMPLEMENTATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#ResolutionImplementation");
    /// `idm:AwarenessRaising` (individual): Raising awareness of issues addressed by other
    /// groups and external organizations, for instance in a portion of each meeting.
    pub const AWARENESS_RAISING: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#AwarenessRaising");
    /// `idm:CoordinationFocus` (individual): Providing a focus for coordination of related
    /// agencies and organizations.
    pub const COORDINATION_FOCUS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#CoordinationFocus");

    // Properties: relations between documents
    /// `idm:alignedWith` (property): The two documents are deliberately aligned (shared
    /// concepts, levels or terminology) without being the same text.
    pub const ALIGNED_WITH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#alignedWith");
    /// `idm:commonText` (property): The two standards are published as common (identical) text,
    /// written "ITU-T X.509 | ISO/IEC 9594-8".
    pub const COMMON_TEXT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#commonText");
    /// `idm:basedOn` (property): The subject document adopts or is built on the object document
    /// (e.g. ITU-T X.1277 is based on FIDO UAF).
    pub const BASED_ON: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#basedOn");
    /// `idm:transposedAs` (property): The subject specification was transposed (adopted with
    /// its text) as the object standard (e.g. OpenID Connect Core 1.0 as ITU-T X.1285).
    pub const TRANSPOSED_AS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#transposedAs");
    /// `idm:transpositionOf` (property): Inverse of idm:transposedAs: the subject standard is a
    /// transposition of the object specification.
    pub const TRANSPOSITION_OF: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#transpositionOf");
    /// `idm:supersedes` (property): The subject edition or document replaces the object, which
    /// is then superseded or withdrawn.
    pub const SUPERSEDES: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#supersedes");
    /// `idm:supersededBy` (property): Inverse of idm:supersedes.
    pub const SUPERSEDED_BY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#supersededBy");
    /// `idm:consistentWith` (property): The subject document states that it is consistent with
    /// the object document or clause.
    pub const CONSISTENT_WITH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#consistentWith");

    // Properties: who develops what
    /// `idm:developedBy` (property): The body that developed, adopted or established the
    /// subject: the Question, study group or committee for a standard; the conference for a
    /// resolution; the parent body (or founding resolution) for a group, as in the landscape
    /// CSV. No domain or range, because the CSV uses it for all of these.
    pub const DEVELOPED_BY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#developedBy");
    /// `idm:responsibleFor` (property): The ITU-T Question is responsible for (studies and
    /// maintains) the Recommendation.
    pub const RESPONSIBLE_FOR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#responsibleFor");
    /// `idm:allocatedTo` (property): The work item, task or standard is allocated to (or
    /// recommended for) the object group, typically a Question or study group.
    pub const ALLOCATED_TO: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#allocatedTo");
    /// `idm:leadStudyGroupFor` (property): The study group is the ITU-T lead study group for a
    /// subject area. The object is the subject area (a skos:Concept); the landscape CSV instead
    /// names the designating resolution, so no range is declared. The full designation is an
    /// org:Post with org:role idm:LeadStudyGroup and idm:designatedBy.
    pub const LEAD_STUDY_GROUP_FOR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#leadStudyGroupFor");
    /// `idm:designatedBy` (property): The conference, assembly or body that made the
    /// designation (e.g. WTSA-20 designated SG17 as lead study group for identity management).
    pub const DESIGNATED_BY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#designatedBy");

    // Properties: coordination and liaison between bodies
    /// `idm:liaisonWith` (property): The two bodies have a liaison or coordination
    /// relationship.
    pub const LIAISON_WITH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#liaisonWith");
    /// `idm:coordinatesWith` (property): The subject body coordinates its (or the
    /// organization's) work with the object body.
    pub const COORDINATES_WITH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#coordinatesWith");
    /// `idm:roadmapCoordinatedWith` (property): The subject body coordinates a standardization
    /// roadmap with the object body.
    pub const ROADMAP_COORDINATED_WITH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#roadmapCoordinatedWith");
    /// `idm:pointOfContactWith` (property): The subject body acts as a point of contact with
    /// the object body or organization.
    pub const POINT_OF_CONTACT_WITH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#pointOfContactWith");
    /// `idm:reportsTo` (property): The subject body reports to the object body (a joint
    /// coordination activity to its parent study group).
    pub const REPORTS_TO: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#reportsTo");
    /// `idm:assistsImplementationOf` (property): The subject body assists in implementing tasks
    /// assigned by the object resolution.
    pub const ASSISTS_IMPLEMENTATION_OF: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#assistsImplementationOf");
    /// `idm:coordinatesImplementationOf` (property): The subject body coordinates the
    /// implementation of the object resolution.
    pub const COORDINATES_IMPLEMENTATION_OF: NamedNodeRef<'_> = NamedNodeRef::new_unchecked(
        "https://w3id.org/idmgraph/ontology#coordinatesImplementationOf",
    );
    /// `idm:participantsFrom` (property): The subject body's participants include
    /// representatives of groups of the object organization.
    pub const PARTICIPANTS_FROM: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#participantsFrom");
    /// `idm:mayInvite` (property): Who may be invited to join the body, as text.
    pub const MAY_INVITE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#mayInvite");
    /// `idm:hasSecretariat` (property): The unit that provides the body's secretariat (contact
    /// address as foaf:mbox on the unit).
    pub const HAS_SECRETARIAT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#hasSecretariat");
    /// `idm:mandate` (property): The mandate or responsibility text of a body, for instance a
    /// study group's mandate or a Question's text.
    pub const MANDATE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#mandate");

    // Properties: terms of reference and objectives
    /// `idm:hasTermsOfReference` (property): The terms of reference under which the body works.
    pub const HAS_TERMS_OF_REFERENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#hasTermsOfReference");
    /// `idm:scope` (property): The scope of a body or of its terms of reference, as text.
    pub const SCOPE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#scope");
    /// `idm:hasObjective` (property): An objective stated by terms of reference (or of a body).
    pub const HAS_OBJECTIVE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#hasObjective");
    /// `idm:function` (property): A coordination function that an objective charges the body
    /// with, or that a body performs.
    pub const FUNCTION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#function");
    /// `idm:concerns` (property): A body, document or topic that the subject (an objective, a
    /// request, a liaison statement) explicitly names or is about.
    pub const CONCERNS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#concerns");
    /// `idm:ordinal` (property): Position of an objective or clause in its list, starting at 1.
    pub const ORDINAL: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#ordinal");
    /// `idm:agreedBy` (property): The body that agreed (approved at its level) the document.
    pub const AGREED_BY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#agreedBy");
    /// `idm:continuedBy` (property): The body that agreed the continuation of the subject body.
    pub const CONTINUED_BY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#continuedBy");

    // Properties: terms and where they are defined
    /// `idm:describedIn` (property): The concept is described in the document or clause.
    pub const DESCRIBED_IN: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#describedIn");
    /// `idm:definedIn` (property): The term (concept) is defined in the document or clause.
    pub const DEFINED_IN: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#definedIn");

    // Properties: activity status of bodies
    /// `idm:activityStatus` (property): Whether the body is active, dormant or terminated, as
    /// last reported.
    pub const ACTIVITY_STATUS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#activityStatus");
    /// `idm:statusAssessedBy` (property): The body whose assessment idm:activityStatus records
    /// (e.g. SG17 considers JCA-COP dormant).
    pub const STATUS_ASSESSED_BY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#statusAssessedBy");
    /// `idm:dormantSince` (property): When the body became dormant, as xsd:gYear,
    /// xsd:gYearMonth or xsd:date.
    pub const DORMANT_SINCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#dormantSince");
    /// `idm:lastMeetingYear` (property): The year of the body's last meeting.
    pub const LAST_MEETING_YEAR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#lastMeetingYear");
    /// `idm:terminatedOn` (property): When the body was terminated, as xsd:gYear,
    /// xsd:gYearMonth or xsd:date.
    pub const TERMINATED_ON: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#terminatedOn");
    /// `idm:terminationRequests` (property): How many parties (e.g. member states) have asked
    /// to terminate the body.
    pub const TERMINATION_REQUESTS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#terminationRequests");
    /// `idm:continuationRequests` (property): How many participants have requested the
    /// continuation of the body.
    pub const CONTINUATION_REQUESTS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#continuationRequests");

    // Properties: liaison statements
    /// `idm:sender` (property): The body that sends the liaison statement.
    pub const SENDER: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#sender");
    /// `idm:recipient` (property): A body the liaison statement is addressed to.
    pub const RECIPIENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#recipient");
    /// `idm:requestedAction` (property): The action asked of the recipient, as text.
    pub const REQUESTED_ACTION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#requestedAction");
    /// `idm:statedRole` (property): The role a text gives the person it mentions, as stated
    /// there in its canonical form ("Co-chairman", "Rapporteur"); on the annotation
    /// (oa:Annotation) of that mention.
    pub const STATED_ROLE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#statedRole");

    // Properties: meetings and contribution requests
    /// `idm:meetingOf` (property): The body that holds the meeting.
    pub const MEETING_OF: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#meetingOf");
    /// `idm:requestedBy` (property): The body that made the request.
    pub const REQUESTED_BY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#requestedBy");
    /// `idm:madeAt` (property): The meeting at which the request was made.
    pub const MADE_AT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#madeAt");
    /// `idm:dueAt` (property): The meeting to which the requested contributions are to be
    /// submitted.
    pub const DUE_AT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#dueAt");
    /// `idm:contributionsReceived` (property): How many contributions were submitted in
    /// response to the request.
    pub const CONTRIBUTIONS_RECEIVED: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#contributionsReceived");

    // Properties: uncertainty (for imported values marked UNCERTAIN)
    /// `idm:uncertain` (property): True when the source marks the value or relation as not
    /// confirmed (UNCERTAIN).
    pub const UNCERTAIN: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#uncertain");
    /// `idm:uncertaintyNote` (property): Why the value or relation is uncertain, as text from
    /// the source.
    pub const UNCERTAINTY_NOTE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#uncertaintyNote");

    // Properties and individuals: values of the landscape CSV (docs/landscape-mapping.md)
    /// `idm:csvId` (property): The id of the row in the landscape CSV that the entity comes
    /// from (e.g. "itut-x1252"); commands take it as --item.
    pub const CSV_ID: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#csvId");
    /// `idm:ownerNote` (property): The publisher or owner of the item as the source writes it
    /// (e.g. "ITU-T SG17 (Q10/17)"); the bodies it names are linked with idm:developedBy.
    pub const OWNER_NOTE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#ownerNote");
    /// `idm:statusNote` (property): The year and status of the item as the source writes them
    /// (editions, approval dates, stage); the coarse status is idm:status.
    pub const STATUS_NOTE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#statusNote");
    /// `idm:sourceNote` (property): A source that is not a web address, or how a web source was
    /// reached (e.g. "via github:relaton/relaton-data-itu"), as the source writes it.
    pub const SOURCE_NOTE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#sourceNote");
    /// `idm:status` (property): The coarse publication status of a document: draft, published,
    /// in force, superseded or withdrawn.
    pub const STATUS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#status");
    /// `idm:PublicationStatus` (class): The coarse status of a document; one of idm:Draft,
    /// idm:Published, idm:InForce, idm:Superseded, idm:Withdrawn.
    pub const PUBLICATION_STATUS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#PublicationStatus");
    /// `idm:Draft` (individual): Not yet approved or published: a draft, candidate or enquiry
    /// stage.
    pub const DRAFT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Draft");
    /// `idm:Published` (individual): Approved and published.
    pub const PUBLISHED: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Published");
    /// `idm:InForce` (individual): Published and stated to be in force.
    pub const IN_FORCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#InForce");
    /// `idm:Superseded` (individual): Replaced by a later edition or document.
    pub const SUPERSEDED: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Superseded");
    /// `idm:Withdrawn` (individual): Withdrawn by its publisher.
    pub const WITHDRAWN: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Withdrawn");

    // Classes and properties: overlaps (computed by overlap detection, src/overlap/)
    /// `idm:Overlap` (class): A possible duplication of work between two work items or
    /// standards (idm:overlapOf), found by overlap detection: a score, the reasons for it, and
    /// whether a recorded equivalence already joins the two.
    pub const OVERLAP: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#Overlap");
    /// `idm:OverlapDetection` (class): A run of overlap detection over the source graphs; each
    /// run replaces the overlaps of the one before.
    pub const OVERLAP_DETECTION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#OverlapDetection");
    /// `idm:overlapOf` (property): One of the two items of an overlap; every overlap has two.
    pub const OVERLAP_OF: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#overlapOf");
    /// `idm:overlapScore` (property): How much the two items of an overlap look alike, 0..1.
    pub const OVERLAP_SCORE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#overlapScore");
    /// `idm:overlapReason` (property): A human-readable reason for an overlap's score.
    pub const OVERLAP_REASON: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#overlapReason");
    /// `idm:knownEquivalence` (property): True when a recorded equivalence already joins the two
    /// items of an overlap.
    pub const KNOWN_EQUIVALENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#knownEquivalence");
    /// `idm:knownRelation` (property): The recorded equivalence that joins the two items of a
    /// known overlap, as text.
    pub const KNOWN_RELATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#knownRelation");
    /// `idm:minimumScore` (property): The lowest overlap score an overlap detection run kept.
    pub const MINIMUM_SCORE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/idmgraph/ontology#minimumScore");

    /// Every term above, in declaration order.
    pub const ALL: &[NamedNodeRef<'static>] = &[
        STANDARD,
        RECOMMENDATION,
        INTERNATIONAL_STANDARD,
        SPECIFICATION,
        SUPPLEMENT,
        TERMS_OF_REFERENCE,
        LIAISON_STATEMENT,
        RESOLUTION,
        CLAUSE,
        OBJECTIVE,
        WORK_ITEM,
        CONTRIBUTION_REQUEST,
        SDO,
        STUDY_GROUP,
        ADVISORY_GROUP,
        QUESTION,
        WORKING_GROUP,
        COORDINATION_BODY,
        JOINT_COORDINATION_ACTIVITY,
        MEETING,
        CONFERENCE,
        CHAIR,
        CO_CHAIR,
        VICE_CHAIR,
        RAPPORTEUR,
        CO_RAPPORTEUR,
        EDITOR,
        CONVENOR,
        SECRETARIAT,
        LEAD_STUDY_GROUP,
        ACTIVITY_STATUS_CLASS,
        ACTIVE,
        DORMANT,
        TERMINATED,
        COORDINATION_FUNCTION,
        INTERNAL_COORDINATION,
        EXTERNAL_COLLABORATION,
        PLANNING_SUPPORT,
        WORK_ASSIGNMENT,
        TASK_ALLOCATION,
        STANDARDIZATION_ANALYSIS,
        ROADMAP_COORDINATION,
        POINT_OF_CONTACT,
        DUPLICATION_AVOIDANCE,
        RESOLUTION_IMPLEMENTATION,
        AWARENESS_RAISING,
        COORDINATION_FOCUS,
        ALIGNED_WITH,
        COMMON_TEXT,
        BASED_ON,
        TRANSPOSED_AS,
        TRANSPOSITION_OF,
        SUPERSEDES,
        SUPERSEDED_BY,
        CONSISTENT_WITH,
        DEVELOPED_BY,
        RESPONSIBLE_FOR,
        ALLOCATED_TO,
        LEAD_STUDY_GROUP_FOR,
        DESIGNATED_BY,
        LIAISON_WITH,
        COORDINATES_WITH,
        ROADMAP_COORDINATED_WITH,
        POINT_OF_CONTACT_WITH,
        REPORTS_TO,
        ASSISTS_IMPLEMENTATION_OF,
        COORDINATES_IMPLEMENTATION_OF,
        PARTICIPANTS_FROM,
        MAY_INVITE,
        HAS_SECRETARIAT,
        MANDATE,
        HAS_TERMS_OF_REFERENCE,
        SCOPE,
        HAS_OBJECTIVE,
        FUNCTION,
        CONCERNS,
        ORDINAL,
        AGREED_BY,
        CONTINUED_BY,
        DESCRIBED_IN,
        DEFINED_IN,
        ACTIVITY_STATUS,
        STATUS_ASSESSED_BY,
        DORMANT_SINCE,
        LAST_MEETING_YEAR,
        TERMINATED_ON,
        TERMINATION_REQUESTS,
        CONTINUATION_REQUESTS,
        SENDER,
        RECIPIENT,
        REQUESTED_ACTION,
        STATED_ROLE,
        MEETING_OF,
        REQUESTED_BY,
        MADE_AT,
        DUE_AT,
        CONTRIBUTIONS_RECEIVED,
        UNCERTAIN,
        UNCERTAINTY_NOTE,
        CSV_ID,
        OWNER_NOTE,
        STATUS_NOTE,
        SOURCE_NOTE,
        STATUS,
        PUBLICATION_STATUS,
        DRAFT,
        PUBLISHED,
        IN_FORCE,
        SUPERSEDED,
        WITHDRAWN,
        OVERLAP,
        OVERLAP_DETECTION,
        OVERLAP_OF,
        OVERLAP_SCORE,
        OVERLAP_REASON,
        KNOWN_EQUIVALENCE,
        KNOWN_RELATION,
        MINIMUM_SCORE,
    ];
}
