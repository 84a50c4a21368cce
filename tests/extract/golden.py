"""The golden files of the extractor tests, from annotations written by reading the texts.

Run from the repository root: `python3 tests/extract/golden.py`. It rewrites
tests/extract/*.golden.json from the annotation lists at the bottom of this file.

Each annotation is (category, value, context): context is a piece of the document with the
mention in [brackets]. The k-th annotation with a given context string is the k-th occurrence of
that context in the document. A space in a context matches any run of white space (including
line breaks and no-break spaces); a hyphen matches '-' or U+2011. Nothing here runs the extractor.
"""
import json, re, sys
from collections import defaultdict

CATS = ["recommendations", "iso_standards", "study_groups", "questions", "organizations",
        "resolutions", "coordination_bodies", "people", "clauses"]

def ctx_regex(ctx):
    pre, rest = ctx.split("[", 1)
    mid, post = rest.split("]", 1)
    def pat(s):
        out = ""
        for ch in s:
            if ch == " ": out += r"[\s\u00a0]+"
            elif ch == "-": out += "[-\u2011]"
            elif ch == "'": out += "['\u2018\u2019]"
            else: out += re.escape(ch)
        return out
    return re.compile(pat(pre) + "(" + pat(mid) + ")" + pat(post))

def build(doc_path, annotations, out_path):
    text = open(doc_path, encoding="utf-8").read()
    cursors = defaultdict(int)
    mentions = []
    for cat, value, ctx in annotations:
        assert cat in CATS, cat
        rx = ctx_regex(ctx)
        m = rx.search(text, cursors[ctx])
        if not m:
            sys.exit(f"{doc_path}: context not found (again): {ctx!r}")
        cursors[ctx] = m.start() + 1
        s, e = m.start(1), m.end(1)
        if cat == "people":
            value = {"name": value[0], "role": value[1]}
        elif cat == "clauses":
            value = {"document": value[0], "clause": value[1]}
        mentions.append({"category": cat, "value": value, "start": s, "end": e, "text": text[s:e]})
    keys = [(m["category"], json.dumps(m["value"], sort_keys=True), m["start"], m["end"]) for m in mentions]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        sys.exit(f"{doc_path}: duplicate annotations {dup}")
    mentions.sort(key=lambda m: (m["start"], m["end"], m["category"]))
    out = {}
    for cat in CATS:
        seen = []
        for m in mentions:
            if m["category"] == cat and m["value"] not in seen:
                seen.append(m["value"])
        out[cat] = seen
    out["mentions"] = mentions
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{out_path}: {len(mentions)} mentions")


# ---------------------------------------------------------------------------
# Annotations, in document order.

import os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), "")
R, I, S, Q, O, RES, C, P, CL = ("recommendations", "iso_standards", "study_groups", "questions",
    "organizations", "resolutions", "coordination_bodies", "people", "clauses")

seed = [
 (C, "TSAG", "provides [TSAG] for"),
 (C, "JCA-IdM", "for the [Joint Coordination Activity on Identity Management] (JCA-IdM) and"),
 (C, "JCA-IdM", "Identity Management ([JCA-IdM]) and the status"),
 (C, "JCA-COP", "the [Joint Coordination Activity on Child Online Protection] (JCA-COP)"),
 (C, "JCA-COP", "Child Online Protection ([JCA-COP])."),
 (C, "JCA-IdM", "\n[JCA-IdM]\nSG17 agreed"),
 (S, "ITU-T SG17", "\n[SG17] agreed"),
 (C, "JCA-IdM", "continuation of [JCA-IdM] with"),
 (C, "TSAG", "[TSAG] is asked"),
 (C, "JCA-COP", "\n[JCA-COP]\nJCA-COP has"),
 (C, "JCA-COP", "\n[JCA-COP] has been"),
 (S, "ITU-T SG17", "considered by [SG17] to be"),
 (C, "JCA-COP", "last meeting of [JCA-COP] was"),
 (S, "ITU-T SG17", "May 2022 meeting of [SG17],"),
 (S, "ITU-T SG17", "the [SG17] plenary"),
 (C, "JCA-COP", "future of [JCA-COP] be"),
 (S, "ITU-T SG17", "August 2022 meeting of [SG17]."),
 (C, "JCA-COP", "dormant period of [JCA-COP] a"),
 (C, "CWG-COP", "very active [Council Working Group on Child Online Protection] (CWG-COP)"),
 (C, "CWG-COP", "([CWG-COP]) has provided"),
 (C, "JCA-COP", "terminate [JCA-COP], and"),
 (C, "JCA-COP", "continuation of [JCA-COP]."),
 (C, "JCA-IdM", "reference for [Joint Coordination Activity on Identity Management]\n(JCA-IdM)"),
 (C, "JCA-IdM", "Management\n([JCA-IdM])\n1"),
 (S, "ITU-T SG17", "WTSA-20 designated [SG17] as"),
 (CL, ("ITU-T A.1", "5.1"), "consistent with [clause 5.1 of Recommendation ITU-T A.1]."),
 (R, "ITU-T A.1", "clause 5.1 of [Recommendation ITU-T A.1]."),
 (O, "ITU-T", "coordination of the [ITU-T] identity"),
 (R, "ITU-T X.1252", "defined in [Recommendation ITU-T X.1252]."),
 (CL, ("ITU-T X.1252", "B.1"), "described in [B.1 of the Annex B in Recommendation ITU-T X.1252]."),
 (R, "ITU-T X.1252", "Annex B in [Recommendation ITU-T X.1252]."),
 (C, "JCA-IdM", "· The [JCA-IdM] will ensure"),
 (O, "ITU-T", "that the [ITU-T] IdM work"),
 (S, "ITU-T SG2", "with [SG2], SG13"),
 (S, "ITU-T SG13", "SG2, [SG13], SG20"),
 (S, "ITU-T SG20", "SG13, [SG20] and"),
 (S, "ITU-T SG17", "SG20 and [SG17]."),
 (C, "JCA-IdM", "attention of the [JCA-IdM]."),
 (C, "JCA-IdM", "The [JCA-IdM] will facilitate"),
 (C, "JCA-IdM", "The [JCA-IdM] will analyze"),
 (Q, "Q10/17", "roadmap with [ITU-T Q10/17]."),
 (C, "JCA-IdM", "The [JCA-IdM] will act"),
 (O, "ITU-T", "within [ITU-T] and with"),
 (O, "FIDO Alliance", "such as [FIDO alliance],"),
 (O, "ISO/IEC JTC 1/SC 27/WG 5", "alliance, [ISO/IEC JTC 1/SC 27/WG 5], W3C"),
 (O, "W3C", "WG 5, [W3C], and"),
 (O, "ISO/TC 307", "and [ISO/TC 307], in order"),
 (RES, "WTSA-20 Resolution 2", "assigned by [WTSA-20 Resolution 2] and"),
 (RES, "GSC-16 Resolution 4", "implementation of [GSC-16 Resolution 4] on"),
 (C, "JCA-IdM", "carrying out the [JCA-IdM]’s internal"),
 (C, "JCA-IdM", "participants in the [JCA-IdM] will include"),
 (O, "ITU-T", "relevant [ITU-T] study groups"),
 (O, "ITU", "other [ITU] groups"),
 (C, "JCA-IdM", "each [JCA-IdM] meeting"),
 (O, "ITU-T", "other [ITU-T] Study Groups Questions"),
 (C, "JCA-IdM", "carrying out the [JCA-IdM]’s external"),
 (C, "JCA-IdM", "join the [JCA-IdM]."),
 (CL, ("ITU-T A.1", "5.9"), "See [clause 5.9 of Recommendation ITU-T A.1]."),
 (R, "ITU-T A.1", "clause 5.9 of [Recommendation ITU-T A.1]."),
 (CL, ("ITU-T A.1", "5.5"), "See [clause 5.5 of Recommendation ITU-T A.1]."),
 (R, "ITU-T A.1", "clause 5.5 of [Recommendation ITU-T A.1]."),
 (C, "JCA-IdM", "The [JCA-IdM] will report"),
 (S, "ITU-T SG17", "report to [SG17] at"),
 (CL, ("ITU-T A.1", "5.7"), "accordance with [Recommendation ITU-T A.1, clause 5.7]."),
 (R, "ITU-T A.1", "accordance with [Recommendation ITU-T A.1], clause 5.7."),
 (P, ("Abbie Barbir", "Co-chairman"), "Mr [Abbie Barbir]"),
 (P, ("Hiroshi Takechi", "Co-chairman"), "Mr [Hiroshi Takechi]"),
 (P, ("Keundug Park", "Co-chairman"), "Mr [Keundug Park]"),
 (P, ("Heung Youl Youm", "Co-chairman"), "Mr [Heung Youl Youm]"),
 (C, "JCA-IdM", "   [JCA-IdM] secretariat"),
 (CL, ("ITU-T A.1", "5.10"), "See [clause 5.10 of Recommendation ITU-T A.1]."),
 (R, "ITU-T A.1", "clause 5.10 of [Recommendation ITU-T A.1]."),
]
build(D + "seed.txt", seed, D + "seed.golden.json")

doc1 = [
 (O, "ITU", "[INTERNATIONAL TELECOMMUNICATION UNION]"),
 (O, "ITU-T", "[TELECOMMUNICATION STANDARDIZATION SECTOR]"),
 (Q, "Q10/17", "Question(s):\t[Q10/17]"),
 (S, "ITU-T SG17", "Source:\t[ITU-T Study Group 17]"),
 (R, "ITU-T X.1254", "revision of [Recommendation ITU-T X.1254] \"Entity"),
 (O, "ISO/IEC JTC 1/SC 27/WG 5", "To:\t[ISO/IEC JTC1/SC27/WG5]"),
 (O, "ISO/IEC JTC 1/SC 27", "Cc:\t[ISO/IEC JTC 1/SC 27], JCA-IdM"),
 (C, "JCA-IdM", "SC 27, [JCA-IdM]\n"),
 (S, "ITU-T SG17", "Agreed at the [SG17] meeting"),
 (P, ("Abbie Barbir", "Co-rapporteur"), "Mr [Abbie Barbir]"),
 (Q, "Q10/17", "Co-Rapporteur [Q10/17]"),
 (P, ("Anna Lindqvist", "Associate rapporteur"), "Ms [Anna Lindqvist],"),
 (Q, "Q10/17", "Associate Rapporteur [Q10/17]"),
 (S, "ITU-T SG17", "\n[ITU-T Study Group 17] thanks"),
 (O, "ISO/IEC JTC 1/SC 27/WG 5", "thanks [ISO/IEC JTC 1/SC 27/WG 5] for"),
 (I, "ISO/IEC 29115", "statement on [ISO/IEC 29115:2013] and"),
 (I, "ISO/IEC 24760-1", "revision of [ISO/IEC 24760-1:2019]."),
 (Q, "Q10/17", "\n[Question 10/17] (Identity"),
 (R, "ITU-T X.1254", "revision of [Rec. X.1254] (work"),
 (R, "ITU-T X.1254", "work item [X.1254rev])"),
 (O, "ISO/IEC JTC 1/SC 27", "As [SC 27] will recall"),
 (R, "ITU-T X.1254", "edition of [ITU-T X.1254] was"),
 (I, "ISO/IEC 29115", "common text with [ISO/IEC 29115], while"),
 (R, "ITU-T X.1254", "2020 edition, [Recommendation ITU-T X.1254 (09/2020)], shares"),
 (Q, "Q10/17", "\n[Q.10/17] invites"),
 (O, "ISO/IEC JTC 1/SC 27/WG 5", "experts of [WG 5] to"),
 (CL, ("ITU-T X.1254", "6.2"), "particular on [clause 6.2 of Recommendation ITU-T X.1254] (levels"),
 (R, "ITU-T X.1254", "clause 6.2 of [Recommendation ITU-T X.1254] (levels"),
 (CL, ("ITU-T X.1254", "Annex A"), "on [Annex A of ITU-T X.1254]."),
 (R, "ITU-T X.1254", "Annex A of [ITU-T X.1254]."),
 (R, "ITU-T X.1252", "into account [Recommendations ITU-T X.1252] and"),
 (R, "ITU-T X.1255", "X.1252 and [X.1255], the"),
 (R, "ITU-T X.1250-series", "the [X.1250-series], ISO"),
 (I, "ISO/IEC TS 29003", "series, [ISO/IEC TS 29003:2018] on"),
 (I, "ISO/IEC 24760-2", "proofing and [ISO/IEC 24760-2]."),
 (O, "FIDO Alliance", "work of the [FIDO Alliance] and"),
 (O, "W3C", "of the [World Wide Web Consortium] (W3C)"),
 (O, "W3C", "Consortium ([W3C]) on"),
 (O, "OpenID Foundation", "of the [OpenID Foundation] (OIDF)"),
 (O, "OpenID Foundation", "Foundation ([OIDF]) on"),
 (R, "ITU-T X.1285", "approved as [Recommendation ITU-T X.1285] and"),
 (O, "ISO/IEC JTC 1", "and, in [JTC 1], as"),
 (I, "ISO/IEC 26131", "as [ISO/IEC 26131:2024]."),
 (Q, "Q10/17", "2024. [Questions 10/17] and 14/17"),
 (Q, "Q14/17", "10/17 and [14/17] coordinate"),
 (R, "ITU-T X Suppl. 45", "including [X Suppl. 45] and"),
 (R, "ITU-T X.2310", "and [ITU-T X.2310], through"),
 (C, "JCA-IdM", "through the [JCA-IdM]."),
 (RES, "WTSA-24 Resolution 2", "accordance with [Resolution 2] (Rev. New Delhi"),
 (S, "ITU-T SG17", "Assembly, [SG17] remains"),
 (O, "ISO/IEC JTC 1", "collaboration with [JTC 1] follows"),
 (CL, ("ITU-T A.23", "Annex A"), "follows [Annex A of Recommendation ITU-T A.23] ("),
 (R, "ITU-T A.23", "Annex A of [Recommendation ITU-T A.23] ("),
 (O, "ITU-T", "Guide for [ITU-T] and"),
 (O, "ISO/IEC JTC 1", "ITU-T and [ISO/IEC JTC 1] cooperation"),
 (S, "ITU-T SG17", "\n[SG17] kindly asks"),
 (O, "ISO/IEC JTC 1/SC 27/WG 5", "asks [JTC1/SC27/WG5] to"),
 (S, "ITU-T SG17", "the next [SG17] meeting"),
 (Q, "Q10/17", "meeting of [Q10/17] hosted"),
 (O, "ETSI", "hosted by [ETSI] in"),
 (R, "ITU-T X.1254", "Draft revised [Recommendation ITU-T X.1254], version"),
]
build(D + "ls-sg17-sc27-x1254.txt", doc1, D + "ls-sg17-sc27-x1254.golden.json")

doc2 = [
 (C, "JCA-IdM", "[Joint Coordination Activity on Identity Management] (JCA-IdM)\nReport"),
 (C, "JCA-IdM", "Management ([JCA-IdM])\nReport"),
 (C, "JCA-IdM", "34th [JCA-IdM] meeting"),
 (P, ("Heung Youl Youm", "Co-chairman"), "opened by Mr [Heung Youl Youm], Co-chairman"),
 (C, "JCA-IdM", "Co-chairman of the [JCA-IdM], who"),
 (S, "ITU-T SG17", "participants from [ITU-T SG 17], SG 13"),
 (S, "ITU-T SG13", "SG 17, [SG 13] and"),
 (S, "ITU-T SG20", "SG 13 and [SG 20], from"),
 (O, "ISO/IEC JTC 1/SC 27", "from [ISO/IEC JTC 1/SC 27], ISO/TC 307"),
 (O, "ISO/TC 307", "SC 27, [ISO/TC 307], the FIDO"),
 (O, "FIDO Alliance", "the [FIDO alliance], the"),
 (O, "OpenID Foundation", "the [OpenID Foundation], OASIS"),
 (O, "OASIS", "Foundation, [OASIS], IETF"),
 (O, "IETF", "OASIS, [IETF], ETSI"),
 (O, "ETSI", "IETF, [ETSI] and the"),
 (O, "Kantara Initiative", "and the [Kantara Initiative].\n"),
 (S, "ITU-T SG17", "3.1\t[ITU-T Study Group 17]"),
 (P, ("Mary Okafor", "Rapporteur"), "Ms [Mary Okafor], Rapporteur Q10/17, reported"),
 (Q, "Q10/17", "Rapporteur [Q10/17], reported"),
 (Q, "Q10/17", "reported that [Q10/17] consented"),
 (R, "ITU-T X.1280", "consented [ITU-T X.1280] and"),
 (R, "ITU-T X.1252", "revisions of [X.1252] and"),
 (R, "ITU-T X.1254", "X.1252 and [X.1254]. Q14"),
 (Q, "Q14/17", "X.1254. [Q14/17] progressed"),
 (R, "ITU-T X.2310", "progressed [X.2310], formerly"),
 (R, "ITU-T X.sc-dlt", "formerly [X.sc-dlt]."),
 (S, "ITU-T SG17", "The [SG17] Chairman"),
 (P, ("Arnaud Taddei", "Chairman"), "Chairman, Mr [Arnaud Taddei], recalled"),
 (S, "ITU-T SG17", "recalled that [Study Group 17] is"),
 (RES, "WTSA-24 Resolution 2", "under [WTSA-24 Resolution 2]."),
 (S, "ITU-T SG13", "3.2\t[ITU-T SG13] and SG20"),
 (S, "ITU-T SG20", "SG13 and [SG20]\n"),
 (P, ("Jun-ho Lee", "Rapporteur"), "Mr [Jun-ho Lee], Rapporteur"),
 (Q, "Q16/13", "Rapporteur for [Q16/13], presented"),
 (R, "ITU-T Y.3081", "status of [ITU-T Y.3081] and"),
 (R, "ITU-T Y.3087", "Y.3081 and [Y.3087] on"),
 (S, "ITU-T SG20", "For [SG20], Y.4811"),
 (R, "ITU-T Y.4811", "SG20, [Y.4811] and"),
 (R, "ITU-T Y.4462", "Y.4811 and [Y.4462] were"),
 (S, "ITU-T SG13", "noted; [Study Groups 13] and 20"),
 (S, "ITU-T SG20", "Study Groups 13 and [20] are"),
 (C, "JCA-IdM", "keep the [JCA-IdM] informed"),
 (O, "ISO/IEC JTC 1/SC 27", "3.3\t[ISO/IEC JTC 1/SC 27]\n"),
 (P, ("Kai Rannenberg", "Convenor"), "Prof. [Kai Rannenberg], Convenor of"),
 (O, "ISO/IEC JTC 1/SC 27/WG 5", "Convenor of [ISO/IEC JTC 1/SC 27/WG 5], reported"),
 (I, "ISO/IEC 24760-1", "that [ISO/IEC 24760-1:2025] and"),
 (I, "ISO/IEC 24760-2", "and [ISO/IEC 24760-2:2025] were"),
 (I, "ISO/IEC 27566-1", "that [ISO/IEC DIS 27566-1] (age"),
 (O, "ISO/IEC JTC 1/SC 27", "ballot. [SC 27] is also"),
 (I, "ISO/IEC 29115", "revision of [ISO/IEC 29115] and"),
 (I, "ISO/IEC 29146", "and [ISO/IEC 29146].\n"),
 (O, "ISO/TC 307", "3.4\t[ISO/TC 307]\n"),
 (O, "ISO/TC 307/JWG 4", "report of [ISO/TC 307/JWG 4], which"),
 (I, "ISO/TR 23249", "published [ISO/TR 23249] and"),
 (I, "ISO/TR 23644", "and [ISO/TR 23644]. ISO"),
 (I, "ISO 22739", "23644. [ISO 22739:2024] (vocabulary)"),
 (O, "FIDO Alliance", "The [FIDO Alliance] reported"),
 (O, "W3C WebAuthn WG", "with the [W3C Web Authentication Working Group]."),
 (O, "OpenID Foundation", "The [OIDF] noted"),
 (I, "ISO/IEC 26131", "now [ISO/IEC 26131] and"),
 (R, "ITU-T X.1285", "26131 and [ITU-T X.1285]."),
 (O, "Kantara Initiative", "The [Kantara Initiative] and OASIS reported"),
 (O, "OASIS", "Initiative and [OASIS] reported"),
 (O, "ETSI TC ESI", "work. [ETSI TC ESI] presented"),
 (O, "ETSI", "presented [ETSI] TS 119 461"),
 (C, "JCA-IdM", "The [JCA-IdM] secretariat (TSB)"),
 (O, "TSB", "secretariat ([TSB]) presented"),
 (R, "ITU-T X.1250-series", "covers the [X.1250-series], the"),
 (O, "3GPP", "the [3GPP] and GSMA"),
 (O, "GSMA", "3GPP and [GSMA] specifications"),
 (O, "IEEE", "and [IEEE] 2410"),
 (C, "JCA-COP", "\n[JCA-COP] has been dormant"),
 (C, "CWG-COP", "The [Council Working Group on Child Online\nProtection] (CWG-COP)"),
 (C, "CWG-COP", "Protection ([CWG-COP]) continues"),
 (RES, "PP-22 Resolution 179", "under [Resolution 179] (Rev. Bucharest"),
 (C, "FG IdM", "former [Focus Group on Identity Management] (FG IdM)"),
 (C, "FG IdM", "Management ([FG IdM]) and"),
 (C, "FG DLT", "of the [ITU-T Focus Group on Application of Distributed Ledger Technology] (FG DLT)"),
 (C, "FG DLT", "Technology ([FG DLT])."),
 (C, "TSAG", "[TSAG] will be informed"),
 (RES, "GSC-16 Resolution 4", "recalled [GSC-16 Resolution 4] on"),
 (S, "ITU-T SG17", "with the [SG17] meeting."),
 (P, ("Abbie Barbir", "Co-chairman"), "Co-chairmen, Mr [Abbie Barbir] and"),
 (P, ("Keundug Park", "Co-chairman"), "and Mr [Keundug Park], thanked"),
 (P, ("Abbie Barbir", "Co-chairman"), "\nMr [Abbie Barbir]\tCo-chairman"),
 (P, ("Keundug Park", "Co-chairman"), "\nMr [Keundug Park]\tCo-chairman"),
 (P, ("Heung Youl Youm", "Co-chairman"), "\nMr [Heung Youl Youm]\tCo-chairman"),
 (P, ("Mary Okafor", "Rapporteur"), "\nMs [Mary Okafor]\tRapporteur"),
 (Q, "Q10/17", "Okafor\tRapporteur [Q10/17]"),
 (P, ("Kai Rannenberg", "Convenor"), "\nProf. [Kai Rannenberg]\tConvenor"),
 (O, "ISO/IEC JTC 1/SC 27/WG 5", "Convenor, [ISO/IEC JTC 1/SC 27/WG 5]\n"),
 (P, ("Elena Rossi", None), "Dr [Elena Rossi]\t"),
 (O, "ETSI", "Elena Rossi\t[ETSI]"),
]
build(D + "jca-idm-report-34.txt", doc2, D + "jca-idm-report-34.golden.json")

doc3 = [
 (S, "ITU-T SG13", "[ITU-T Study Group 13]\nLS/o"),
 (S, "ITU-T SG13", "Source:\t[ITU-T SG13] (Geneva"),
 (S, "ITU-T SG17", "To:\t[ITU-T SG17], JCA-IdM"),
 (C, "JCA-IdM", "SG17, [JCA-IdM]\nCc"),
 (O, "3GPP SA3", "Cc:\t[3GPP TSG SA WG3], GSMA"),
 (O, "GSMA", "WG3, [GSMA]\n"),
 (S, "ITU-T SG13", "Agreed at the [SG13] meeting"),
 (P, ("Tomasz Kowalski", "Rapporteur"), "Mr [Tomasz Kowalski], Rapporteur"),
 (Q, "Q6/13", "Rapporteur [Q6/13]\n"),
 (P, ("Alice Chen", "Editor"), "Ms [Alice Chen], Editor"),
 (R, "ITU-T Y.IMT2020-idm", "Editor of draft [Recommendation ITU-T Y.IMT2020-idm]\n"),
 (S, "ITU-T SG13", "\n[SG 13] would like"),
 (S, "ITU-T SG17", "inform [ITU-T Study Group 17] and"),
 (C, "JCA-IdM", "and the [JCA-IdM] that"),
 (Q, "Q6/13", "that [Q.6/13] has"),
 (R, "ITU-T Y.IMT2020-idm", "work item, draft [Recommendation ITU-T Y.IMT2020-idm], “"),
 (R, "ITU-T Y.2720", "builds on [Recommendations ITU-T Y.2720] and"),
 (R, "ITU-T Y.2721", "Y.2720 and [Y.2721], on"),
 (R, "ITU-T Y.3081", "on [Rec. ITU-T Y.3081] and"),
 (R, "ITU-T X.1250", "on the [X.1250] to X.1259"),
 (R, "ITU-T X.1259", "X.1250 to [X.1259] Recommendations"),
 (S, "ITU-T SG17", "Recommendations of [SG17], and"),
 (R, "ITU-T X.509", "text [ITU-T X.509] | ISO"),
 (I, "ISO/IEC 9594-8", "| [ISO/IEC 9594-8]."),
 (CL, ("ITU-T Y.2720", "7.1"), "on [clauses 7.1 and 7.2 of Recommendation ITU-T Y.2720],"),
 (CL, ("ITU-T Y.2720", "7.2"), "draws on [clauses 7.1 and 7.2 of Recommendation ITU-T Y.2720],"),
 (R, "ITU-T Y.2720", "7.2 of [Recommendation ITU-T Y.2720],"),
 (CL, ("ITU-T Y.2721", "8"), "on [Rec. ITU-T Y.2721, clause 8] and"),
 (R, "ITU-T Y.2721", "on [Rec. ITU-T Y.2721], clause 8"),
 (CL, ("ITU-T Y.3081", "Appendix I"), "on [Appendix I of Y.3081]."),
 (R, "ITU-T Y.3081", "Appendix I of [Y.3081]."),
 (O, "3GPP", "considers [3GPP] TS 33.501"),
 (O, "3GPP SA3", "developed by [3GPP SA3], ETSI"),
 (O, "ETSI", "SA3, [ETSI] TS 119"),
 (O, "IETF", "461, [IETF] RFC 6749"),
 (O, "IEEE", "2.0), [IEEE] 802.1X"),
 (I, "ISO/IEC 18013-5", "licence of [ISO/IEC 18013-5] and"),
 (O, "W3C", "of the [World Wide Web\nConsortium]."),
 (Q, "Q6/13", "\n[Questions 6/13] and 21/13"),
 (Q, "Q21/13", "6/13 and [21/13] noted"),
 (R, "ITU-T D.1140", "framework of [ITU-T D.1140]/X.1261"),
 (R, "ITU-T X.1261", "D.1140/[X.1261] and"),
 (R, "ITU-T Y.4801", "framework of [Y.4801]/F.748.1"),
 (R, "ITU-T F.748.1", "Y.4801/[F.748.1]."),
 (RES, "WTSA-20 Resolution 2", "note of [Resolution 2] of WTSA-20"),
 (S, "ITU-T SG13", "gives [SG13] the study"),
 (R, "ITU-T A.5", "and of [ITU-T A.5] for"),
 (O, "IETF", "references to [IETF] and IEEE"),
 (O, "IEEE", "IETF and [IEEE] specifications"),
 (S, "ITU-T SG13", "\n[SG13] invites"),
 (S, "ITU-T SG17", "invites '[SG17]' and"),
 (S, "ITU-T SG20", "and [SG 20] to comment"),
 (C, "JCA-IdM", "asks the [JCA-IdM] to include"),
 (RES, "Resolution 2", "accordance with [Resolution 2], Study"),
 (S, "ITU-T SG13", "2, [Study Groups 13], 17"),
 (S, "ITU-T SG17", "Groups 13, [17] and 20"),
 (S, "ITU-T SG20", "13, 17 and [20] will"),
]
build(D + "ls-sg13-imt2020-idm.txt", doc3, D + "ls-sg13-imt2020-idm.golden.json")
