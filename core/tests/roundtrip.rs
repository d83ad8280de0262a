//! Property tests of the document model and the mutation API:
//!
//! - any valid document survives document -> JourneyMap -> JSON text ->
//!   JourneyMap -> document unchanged (optional fields present or absent, free
//!   key/values, any Unicode text);
//! - a refused mutation leaves the map exactly as it was, and an accepted one
//!   leaves a map whose invariants hold and whose graph matches its document.

use std::collections::{BTreeMap, BTreeSet};

use journeymap::model::{
    Attributes, Channel, ChannelKind, ConversionTarget, Emotion, Evidence, JourneyDocument, Kpi,
    LintSettings, LintSeverity, MatchRule, Message, Metadata, Objective, Opportunity,
    OpportunityStatus, PainPoint, Persona, Severity, Stage, StageKind, Team, Touchpoint,
    TouchpointKind, Transition, FORMAT_VERSION,
};
use journeymap::JourneyMap;
use petgraph::visit::EdgeRef;
use proptest::collection::{btree_map, btree_set, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

// ---------------------------------------------------------------- strategies

/// Any text, Unicode and control characters included.
fn any_text() -> impl Strategy<Value = String> {
    "(?s).{0,12}"
}

/// A required text: anything with at least one character that is not white
/// space.
fn text() -> impl Strategy<Value = String> {
    (any_text(), "[^\\s]", any_text()).prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9_.-]{0,10}"
}

/// `n` distinct ids (within one kind).
fn ids(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    btree_set(id(), range).prop_map(|s| s.into_iter().collect())
}

fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
        (-1_000_000i64..1_000_000).prop_map(|i| i as f64 / 100.0),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite_f64().prop_map(Value::from),
        any_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(any_text(), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn attributes() -> impl Strategy<Value = Attributes> {
    btree_map(any_text(), json_value(), 0..4)
}

fn string_map() -> impl Strategy<Value = BTreeMap<String, String>> {
    btree_map(any_text(), any_text(), 0..3)
}

fn date() -> impl Strategy<Value = String> {
    (1900u32..2100, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let last = match m {
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 31,
        };
        format!("{y:04}-{m:02}-{:02}", d.min(last))
    })
}

fn kpi() -> impl Strategy<Value = Kpi> {
    (text(), option::of(finite_f64()), option::of(any_text()))
        .prop_map(|(name, target, unit)| Kpi { name, target, unit })
}

fn persona(id: String) -> impl Strategy<Value = Persona> {
    (
        text(),
        option::of(any_text()),
        vec(any_text(), 0..3),
        vec(any_text(), 0..2),
        vec(any_text(), 0..2),
        vec(any_text(), 0..2),
        attributes(),
        attributes(),
        option::of(any_text()),
    )
        .prop_map(
            move |(
                name,
                description,
                goals,
                motivations,
                frustrations,
                behaviours,
                demo,
                psycho,
                image,
            )| {
                Persona {
                    id: id.clone().into(),
                    name,
                    description,
                    goals,
                    motivations,
                    frustrations,
                    behaviours,
                    demographics: demo,
                    psychographics: psycho,
                    image,
                }
            },
        )
}

fn stage_kind() -> impl Strategy<Value = StageKind> {
    prop::sample::select(vec![
        StageKind::Awareness,
        StageKind::Consideration,
        StageKind::Purchase,
        StageKind::Retention,
        StageKind::Advocacy,
        StageKind::Custom,
    ])
}

fn stage(id: String) -> impl Strategy<Value = Stage> {
    (
        text(),
        option::of(any_text()),
        option::of(any_text()),
        option::of(stage_kind()),
    )
        .prop_map(move |(name, description, goal, kind)| Stage {
            id: id.clone().into(),
            name,
            description,
            goal,
            kind,
        })
}

fn channel(id: String) -> impl Strategy<Value = Channel> {
    (
        text(),
        option::of(any_text()),
        prop::sample::select(vec![
            ChannelKind::Digital,
            ChannelKind::Physical,
            ChannelKind::Human,
            ChannelKind::Other,
        ]),
    )
        .prop_map(move |(name, description, kind)| Channel {
            id: id.clone().into(),
            name,
            description,
            kind,
        })
}

fn team(id: String) -> impl Strategy<Value = Team> {
    (text(), option::of(any_text())).prop_map(move |(name, description)| Team {
        id: id.clone().into(),
        name,
        description,
    })
}

fn match_rule() -> impl Strategy<Value = MatchRule> {
    (
        option::of(any_text()),
        option::of(any_text()),
        option::of(any_text()),
        string_map(),
        string_map(),
    )
        .prop_map(
            |(event, event_prefix, channel, attributes, attribute_prefixes)| {
                let mut rule = MatchRule {
                    event,
                    event_prefix,
                    channel,
                    attributes,
                    attribute_prefixes,
                };
                if rule.is_empty() {
                    rule.event = Some("page_view".into());
                }
                rule
            },
        )
}

/// Everything of a touchpoint except what refers to other entities.
#[derive(Clone, Debug)]
struct TouchpointBody {
    name: String,
    description: Option<String>,
    actions: Vec<String>,
    emotion: Option<Emotion>,
    message: Option<Message>,
    kpis: Vec<Kpi>,
    evidence: Vec<Evidence>,
    kind: TouchpointKind,
    match_rules: Vec<MatchRule>,
    pain_points: Vec<(String, Severity)>,
    opportunities: Vec<(String, OpportunityStatus, Vec<Index>)>,
    stage: Index,
    channel: Index,
    owner: Option<Index>,
    personas: Vec<Index>,
}

fn touchpoint_body() -> impl Strategy<Value = TouchpointBody> {
    let emotion =
        (-2i64..=2, option::of(any_text())).prop_map(|(score, label)| Emotion { score, label });
    let message = (option::of(any_text()), option::of(any_text()))
        .prop_map(|(tone, purpose)| Message { tone, purpose });
    let evidence = (
        text(),
        option::of(any_text()),
        option::of(any_text()),
        option::of(any_text()),
    )
        .prop_map(|(source, kind, url, note)| Evidence {
            source,
            kind,
            url,
            note,
        });
    let severity = prop::sample::select(vec![
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ]);
    let status = prop::sample::select(vec![
        OpportunityStatus::Idea,
        OpportunityStatus::Planned,
        OpportunityStatus::InProgress,
        OpportunityStatus::Done,
        OpportunityStatus::Rejected,
    ]);
    (
        (
            text(),
            option::of(any_text()),
            vec(text(), 0..3),
            option::of(emotion),
            option::of(message),
            vec(kpi(), 0..2),
            vec(evidence, 0..2),
            prop::sample::select(vec![
                TouchpointKind::Step,
                TouchpointKind::Conversion,
                TouchpointKind::Exit,
            ]),
        ),
        (
            vec(match_rule(), 0..3),
            vec((text(), severity), 0..3),
            vec((text(), status, vec(any::<Index>(), 0..3)), 0..3),
            any::<Index>(),
            any::<Index>(),
            option::of(any::<Index>()),
            vec(any::<Index>(), 0..3),
        ),
    )
        .prop_map(
            |(
                (name, description, actions, emotion, message, kpis, evidence, kind),
                (match_rules, pain_points, opportunities, stage, channel, owner, personas),
            )| TouchpointBody {
                name,
                description,
                actions,
                emotion,
                message,
                kpis,
                evidence,
                kind,
                match_rules,
                pain_points,
                opportunities,
                stage,
                channel,
                owner,
                personas,
            },
        )
}

fn metadata() -> impl Strategy<Value = Metadata> {
    let severity = prop::sample::select(vec![
        LintSeverity::Info,
        LintSeverity::Warning,
        LintSeverity::Error,
    ]);
    let lint = (
        vec("JM-L0[0-9]{2}", 0..3),
        btree_map("JM-L0[0-9]{2}", severity, 0..3),
        option::of(any::<u32>()),
    )
        .prop_map(|(disable, severity, max_review_age_days)| LintSettings {
            disable,
            severity,
            max_review_age_days,
        });
    (
        vec(any_text(), 0..3),
        option::of(date()),
        option::of(date()),
        option::of(date()),
        vec(any_text(), 0..3),
        lint,
        attributes(),
    )
        .prop_map(
            |(authors, created, updated, last_reviewed, tags, lint, extra)| Metadata {
                authors,
                created,
                updated,
                last_reviewed,
                tags,
                lint,
                extra,
            },
        )
}

/// Pick from `items` with a proptest index (`items` must not be empty).
fn pick<T: Clone>(items: &[T], ix: &Index) -> T {
    items[ix.index(items.len())].clone()
}

/// A valid document: every reference names an existing entity, ids are unique
/// per kind, transitions have no self loop and no duplicate.
fn document() -> impl Strategy<Value = JourneyDocument> {
    let ids = (
        ids(0..4),              // personas
        ids(1..5),              // stages
        ids(1..4),              // channels
        ids(0..3),              // teams
        ids(0..7),              // touchpoints
        ids(0..3),              // objectives
        btree_set(id(), 0..12), // pain point ids
        btree_set(id(), 0..12), // opportunity ids
    );
    ids.prop_flat_map(|(p, s, c, t, tp, o, pp, op)| {
        let personas: Vec<_> = p.into_iter().map(persona).collect();
        let stages: Vec<_> = s.into_iter().map(stage).collect();
        let channels: Vec<_> = c.into_iter().map(channel).collect();
        let teams: Vec<_> = t.into_iter().map(team).collect();
        let bodies = vec(touchpoint_body(), tp.len());
        let objectives = vec(
            (
                text(),
                option::of(any_text()),
                vec(kpi(), 0..3),
                option::of((any::<bool>(), any::<Index>())),
            ),
            o.len(),
        );
        let transitions = vec(
            (
                any::<Index>(),
                any::<Index>(),
                vec(any::<Index>(), 0..2),
                option::of(0.0f64..=1.0),
                any::<bool>(),
                option::of(any_text()),
            ),
            0..10,
        );
        (
            (text(), option::of(any_text()), metadata()),
            personas,
            stages,
            channels,
            teams,
            (Just(tp), bodies),
            (Just(o), objectives),
            transitions,
            (Just(pp), Just(op)),
        )
    })
    .prop_map(
        |(
            (name, description, metadata),
            personas,
            stages,
            channels,
            teams,
            (tp_ids, bodies),
            (obj_ids, objectives),
            transitions,
            (pp_ids, op_ids),
        )| {
            let persona_ids: Vec<String> = personas.iter().map(|p| p.id.to_string()).collect();
            let stage_ids: Vec<String> = stages.iter().map(|s| s.id.to_string()).collect();
            let channel_ids: Vec<String> = channels.iter().map(|c| c.id.to_string()).collect();
            let team_ids: Vec<String> = teams.iter().map(|t| t.id.to_string()).collect();

            // Pain point and opportunity ids are handed out in order, unique
            // across the map; extra ones are dropped.
            let mut pp_pool = pp_ids.into_iter();
            let mut op_pool = op_ids.into_iter();
            let mut touchpoints = Vec::new();
            let mut all_pain_points = Vec::new();
            for (tid, body) in tp_ids.iter().zip(&bodies) {
                let mut tp = Touchpoint::new(
                    tid.as_str(),
                    body.name.clone(),
                    pick(&stage_ids, &body.stage),
                    pick(&channel_ids, &body.channel),
                );
                tp.description = body.description.clone();
                tp.actions = body.actions.clone();
                tp.emotion = body.emotion.clone();
                tp.message = body.message.clone();
                tp.kpis = body.kpis.clone();
                tp.evidence = body.evidence.clone();
                tp.kind = body.kind;
                tp.match_rules = body.match_rules.clone();
                if !team_ids.is_empty() {
                    tp.owner = body.owner.as_ref().map(|ix| pick(&team_ids, ix).into());
                }
                if !persona_ids.is_empty() {
                    let chosen: BTreeSet<String> = body
                        .personas
                        .iter()
                        .map(|ix| pick(&persona_ids, ix))
                        .collect();
                    tp.personas = chosen.into_iter().map(Into::into).collect();
                }
                for (description, severity) in &body.pain_points {
                    if let Some(ppid) = pp_pool.next() {
                        all_pain_points.push(ppid.clone());
                        tp.pain_points
                            .push(PainPoint::new(ppid, description.clone(), *severity));
                    }
                }
                touchpoints.push(tp);
            }
            // Opportunities may address any pain point of the map.
            for (tp, body) in touchpoints.iter_mut().zip(&bodies) {
                for (description, status, addresses) in &body.opportunities {
                    if let Some(opid) = op_pool.next() {
                        let mut o = Opportunity::new(opid, description.clone());
                        o.status = *status;
                        if !all_pain_points.is_empty() {
                            o.addresses = addresses
                                .iter()
                                .map(|ix| pick(&all_pain_points, ix).into())
                                .collect();
                        }
                        tp.opportunities.push(o);
                    }
                }
            }

            let mut seen = BTreeSet::new();
            let mut planned = Vec::new();
            if !tp_ids.is_empty() {
                for (from, to, personas, rate, is_loop, label) in transitions {
                    let (from, to) = (pick(&tp_ids, &from), pick(&tp_ids, &to));
                    if from == to || !seen.insert((from.clone(), to.clone())) {
                        continue;
                    }
                    let mut t = Transition::new(from, to);
                    if !persona_ids.is_empty() {
                        t.personas = personas
                            .iter()
                            .map(|ix| pick(&persona_ids, ix).into())
                            .collect();
                    }
                    t.expected_rate = rate;
                    t.is_loop = is_loop;
                    t.label = label;
                    planned.push(t);
                }
            }

            let objectives = obj_ids
                .iter()
                .zip(objectives)
                .map(|(oid, (name, description, kpis, conversion))| {
                    let conversion = conversion.and_then(|(to_touchpoint, ix)| {
                        if to_touchpoint && !tp_ids.is_empty() {
                            Some(ConversionTarget::Touchpoint(pick(&tp_ids, &ix).into()))
                        } else if to_touchpoint {
                            None
                        } else {
                            Some(ConversionTarget::Stage(pick(&stage_ids, &ix).into()))
                        }
                    });
                    Objective {
                        id: oid.as_str().into(),
                        name,
                        description,
                        kpis,
                        conversion,
                    }
                })
                .collect();

            JourneyDocument {
                format_version: FORMAT_VERSION,
                name,
                description,
                personas,
                stages,
                channels,
                teams,
                touchpoints,
                transitions: planned,
                objectives,
                metadata,
            }
        },
    )
}

// ---------------------------------------------------------------- helpers

/// Everything observable about a map: its document, its graph (edges with
/// their transition index) and what its id index answers.
#[derive(Debug, PartialEq)]
struct Snapshot {
    doc: JourneyDocument,
    nodes: Vec<usize>,
    edges: Vec<(usize, usize, usize)>,
    positions: Vec<Option<usize>>,
}

fn snapshot(map: &JourneyMap) -> Snapshot {
    let g = map.graph();
    Snapshot {
        doc: map.document().clone(),
        nodes: g.node_indices().map(|n| g[n]).collect(),
        edges: g
            .edge_references()
            .map(|e| (e.source().index(), e.target().index(), *e.weight()))
            .collect(),
        positions: map
            .touchpoints()
            .iter()
            .map(|t| map.touchpoint_position(t.id.as_str()))
            .collect(),
    }
}

/// The graph and the index agree with the document, and the invariants hold.
fn assert_consistent(map: &JourneyMap) -> Result<(), TestCaseError> {
    let violations: Vec<String> = map.validate().iter().map(|e| e.to_string()).collect();
    prop_assert!(violations.is_empty(), "invariants broken: {violations:?}");
    let g = map.graph();
    prop_assert_eq!(g.node_count(), map.touchpoints().len());
    prop_assert_eq!(g.edge_count(), map.transitions().len());
    for (i, t) in map.touchpoints().iter().enumerate() {
        prop_assert_eq!(map.touchpoint_position(t.id.as_str()), Some(i));
    }
    for e in g.edge_references() {
        let t = &map.transitions()[*e.weight()];
        prop_assert_eq!(&map.touchpoints()[e.source().index()].id, &t.from);
        prop_assert_eq!(&map.touchpoints()[e.target().index()].id, &t.to);
    }
    Ok(())
}

// ---------------------------------------------------------------- round trip

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn valid_documents_round_trip_through_json(doc in document()) {
        let map = match JourneyMap::from_document(doc.clone()) {
            Ok(map) => map,
            Err(e) => return Err(TestCaseError::fail(format!(
                "generated document refused: {}", serde_json::to_string(&e).unwrap_or_default()))),
        };
        assert_consistent(&map)?;
        let text = map.to_json();
        let again = JourneyMap::from_json(&text)
            .map_err(|e| TestCaseError::fail(format!("own JSON refused: {e}\n{text}")))?;
        prop_assert_eq!(again.document(), &doc);
        // The value form goes the same way.
        let from_value: JourneyDocument = serde_json::from_value(map.to_value())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&from_value, &doc);
        // And writing again gives the same text.
        prop_assert_eq!(again.to_json(), text);
    }
}

// ---------------------------------------------------------------- mutations

/// Ids used by random mutations: some exist in the starting map, some do not,
/// one is not a valid id at all.
const POOL: &[&str] = &[
    "a", "b", "c", "s1", "s2", "web", "tp1", "tp2", "team", "p1", "nope", "bad id",
];

#[derive(Clone, Debug)]
enum Op {
    AddPersona(&'static str),
    AddStage(&'static str),
    InsertStage(usize, &'static str),
    AddChannel(&'static str),
    AddTeam(&'static str),
    AddTouchpoint {
        id: &'static str,
        stage: &'static str,
        channel: &'static str,
        owner: Option<&'static str>,
        score: i64,
    },
    UpdateTouchpoint {
        id: &'static str,
        stage: &'static str,
        persona: Option<&'static str>,
    },
    UpdateStage {
        id: &'static str,
        name: String,
    },
    AddTransition(&'static str, &'static str, Option<f64>),
    AddObjective {
        id: &'static str,
        touchpoint: &'static str,
    },
    RemovePersona(&'static str),
    RemoveStage(&'static str, bool),
    RemoveChannel(&'static str),
    RemoveTeam(&'static str),
    RemoveTouchpoint(&'static str),
    RemoveObjective(&'static str),
    RemoveTransition(&'static str, &'static str),
    ReorderStages {
        seed: Index,
        drop_one: bool,
    },
    SetName(String),
    SetReviewed(String),
}

fn pool() -> impl Strategy<Value = &'static str> {
    prop::sample::select(POOL)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        pool().prop_map(Op::AddPersona),
        pool().prop_map(Op::AddStage),
        (0usize..5, pool()).prop_map(|(i, s)| Op::InsertStage(i, s)),
        pool().prop_map(Op::AddChannel),
        pool().prop_map(Op::AddTeam),
        (pool(), pool(), pool(), option::of(pool()), -3i64..=3).prop_map(
            |(id, stage, channel, owner, score)| {
                Op::AddTouchpoint {
                    id,
                    stage,
                    channel,
                    owner,
                    score,
                }
            }
        ),
        (pool(), pool(), option::of(pool()))
            .prop_map(|(id, stage, persona)| Op::UpdateTouchpoint { id, stage, persona }),
        (
            pool(),
            prop_oneof![Just(String::new()), Just(" \t".to_string()), text()]
        )
            .prop_map(|(id, name)| Op::UpdateStage { id, name }),
        (pool(), pool(), option::of(-0.5f64..1.5)).prop_map(|(a, b, r)| Op::AddTransition(a, b, r)),
        (pool(), pool()).prop_map(|(id, touchpoint)| Op::AddObjective { id, touchpoint }),
        pool().prop_map(Op::RemovePersona),
        (pool(), any::<bool>()).prop_map(|(s, c)| Op::RemoveStage(s, c)),
        pool().prop_map(Op::RemoveChannel),
        pool().prop_map(Op::RemoveTeam),
        pool().prop_map(Op::RemoveTouchpoint),
        pool().prop_map(Op::RemoveObjective),
        (pool(), pool()).prop_map(|(a, b)| Op::RemoveTransition(a, b)),
        (any::<Index>(), any::<bool>())
            .prop_map(|(seed, drop_one)| Op::ReorderStages { seed, drop_one }),
        prop_oneof![Just(String::new()), Just("   ".to_string()), text()].prop_map(Op::SetName),
        prop_oneof![
            date(),
            Just("2026-02-30".to_string()),
            Just("soon".to_string())
        ]
        .prop_map(Op::SetReviewed),
    ]
}

fn apply(map: &mut JourneyMap, op: &Op) -> Result<(), journeymap::Error> {
    match op {
        Op::AddPersona(id) => map.add_persona(Persona::new(*id, "Persona")),
        Op::AddStage(id) => map.add_stage(Stage::new(*id, "Stage")),
        Op::InsertStage(at, id) => map.insert_stage(*at, Stage::new(*id, "Inserted")),
        Op::AddChannel(id) => map.add_channel(Channel::new(*id, "Channel", ChannelKind::Human)),
        Op::AddTeam(id) => map.add_team(Team::new(*id, "Team")),
        Op::AddTouchpoint {
            id,
            stage,
            channel,
            owner,
            score,
        } => {
            let mut tp = Touchpoint::new(*id, "Touchpoint", *stage, *channel)
                .with_emotion(Emotion::new(*score, "felt"));
            tp.owner = owner.map(Into::into);
            map.add_touchpoint(tp)
        }
        Op::UpdateTouchpoint { id, stage, persona } => {
            let mut tp = map
                .touchpoint(id)
                .cloned()
                .unwrap_or_else(|| Touchpoint::new(*id, "Fresh", *stage, "web"));
            tp.stage = (*stage).into();
            if let Some(p) = persona {
                tp.personas = vec![(*p).into()];
            }
            map.update_touchpoint(tp)
        }
        Op::UpdateStage { id, name } => map.update_stage(Stage::new(*id, name.clone())),
        Op::AddTransition(a, b, rate) => {
            let mut t = Transition::new(*a, *b);
            t.expected_rate = *rate;
            map.add_transition(t)
        }
        Op::AddObjective { id, touchpoint } => map.add_objective(
            Objective::new(*id, "Objective")
                .with_conversion(ConversionTarget::Touchpoint((*touchpoint).into())),
        ),
        Op::RemovePersona(id) => map.remove_persona(id).map(drop),
        Op::RemoveStage(id, cascade) => map.remove_stage(id, *cascade).map(drop),
        Op::RemoveChannel(id) => map.remove_channel(id).map(drop),
        Op::RemoveTeam(id) => map.remove_team(id).map(drop),
        Op::RemoveTouchpoint(id) => map.remove_touchpoint(id).map(drop),
        Op::RemoveObjective(id) => map.remove_objective(id).map(drop),
        Op::RemoveTransition(a, b) => map.remove_transition(a, b).map(drop),
        Op::ReorderStages { seed, drop_one } => {
            let mut order: Vec<String> = map.stages().iter().map(|s| s.id.to_string()).collect();
            let n = order.len();
            order.rotate_left(if n == 0 { 0 } else { seed.index(n) });
            order.reverse();
            if *drop_one {
                order.pop();
            }
            map.reorder_stages(&order)
        }
        Op::SetName(name) => map.set_name(name.clone()),
        Op::SetReviewed(date) => {
            let mut m = map.metadata().clone();
            m.last_reviewed = Some(date.clone());
            map.set_metadata(m)
        }
    }
}

fn start_map() -> JourneyMap {
    JourneyMap::from_json(
        r#"{
          "name": "Mutations",
          "personas": [{"id": "p1", "name": "P1"}],
          "stages": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"}],
          "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
          "teams": [{"id": "team", "name": "Team"}],
          "touchpoints": [
            {"id": "tp1", "name": "One", "stage": "s1", "channel": "web", "owner": "team", "personas": ["p1"],
             "pain_points": [{"id": "pp1", "description": "Hurts"}]},
            {"id": "tp2", "name": "Two", "stage": "s2", "channel": "web",
             "opportunities": [{"id": "op1", "description": "Better", "addresses": ["pp1"]}]}
          ],
          "transitions": [{"from": "tp1", "to": "tp2"}]
        }"#,
    )
    .expect("starting map is valid")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn refused_mutations_change_nothing_and_accepted_ones_keep_the_map_valid(
        ops in vec(op(), 1..25)
    ) {
        let mut map = start_map();
        for op in &ops {
            let before = snapshot(&map);
            match apply(&mut map, op) {
                Ok(()) => assert_consistent(&map)?,
                Err(e) => {
                    prop_assert!(!e.code().is_empty());
                    prop_assert_eq!(&snapshot(&map), &before, "refused {:?} ({}) changed the map", op, e);
                }
            }
        }
        // Whatever happened, the map still survives its own JSON.
        let again = JourneyMap::from_json(&map.to_json())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again.document(), map.document());
    }
}

/// Each kind of refusal, with the code it must give; the map is unchanged.
#[test]
fn each_refused_mutation_has_its_code_and_changes_nothing() {
    type Mutation = Box<dyn Fn(&mut JourneyMap) -> Result<(), journeymap::Error>>;
    let cases: Vec<(&str, &str, Mutation)> = vec![
        (
            "duplicate persona",
            "DUPLICATE_ID",
            Box::new(|m| m.add_persona(Persona::new("p1", "Again"))),
        ),
        (
            "duplicate stage",
            "DUPLICATE_ID",
            Box::new(|m| m.add_stage(Stage::new("s1", "Again"))),
        ),
        (
            "duplicate stage inserted",
            "DUPLICATE_ID",
            Box::new(|m| m.insert_stage(0, Stage::new("s2", "Again"))),
        ),
        (
            "duplicate channel",
            "DUPLICATE_ID",
            Box::new(|m| m.add_channel(Channel::new("web", "Again", ChannelKind::Digital))),
        ),
        (
            "duplicate team",
            "DUPLICATE_ID",
            Box::new(|m| m.add_team(Team::new("team", "Again"))),
        ),
        (
            "duplicate touchpoint",
            "DUPLICATE_ID",
            Box::new(|m| m.add_touchpoint(Touchpoint::new("tp1", "Again", "s1", "web"))),
        ),
        (
            "duplicate pain point id",
            "DUPLICATE_ID",
            Box::new(|m| {
                m.add_touchpoint(
                    Touchpoint::new("tp3", "Three", "s1", "web").with_pain_point(PainPoint::new(
                        "pp1",
                        "Again",
                        Severity::Low,
                    )),
                )
            }),
        ),
        (
            "invalid id",
            "INVALID_ID",
            Box::new(|m| m.add_team(Team::new("the team", "Spaces"))),
        ),
        ("blank name", "EMPTY_NAME", Box::new(|m| m.set_name("  "))),
        (
            "blank stage name",
            "EMPTY_NAME",
            Box::new(|m| m.update_stage(Stage::new("s1", ""))),
        ),
        (
            "dangling stage",
            "DANGLING_REFERENCE",
            Box::new(|m| m.add_touchpoint(Touchpoint::new("tp3", "Three", "nope", "web"))),
        ),
        (
            "dangling channel",
            "DANGLING_REFERENCE",
            Box::new(|m| m.add_touchpoint(Touchpoint::new("tp3", "Three", "s1", "app"))),
        ),
        (
            "dangling owner",
            "DANGLING_REFERENCE",
            Box::new(|m| {
                m.add_touchpoint(Touchpoint::new("tp3", "Three", "s1", "web").with_owner("finance"))
            }),
        ),
        (
            "dangling persona",
            "DANGLING_REFERENCE",
            Box::new(|m| {
                m.add_touchpoint(Touchpoint::new("tp3", "Three", "s1", "web").with_persona("p9"))
            }),
        ),
        (
            "dangling pain point",
            "DANGLING_REFERENCE",
            Box::new(|m| {
                m.add_touchpoint(
                    Touchpoint::new("tp3", "Three", "s1", "web")
                        .with_opportunity(Opportunity::new("op9", "Idea").addressing("pp9")),
                )
            }),
        ),
        (
            "dangling transition end",
            "DANGLING_REFERENCE",
            Box::new(|m| m.add_transition(Transition::new("tp2", "tp9"))),
        ),
        (
            "dangling objective",
            "DANGLING_REFERENCE",
            Box::new(|m| {
                m.add_objective(
                    Objective::new("o1", "Sell")
                        .with_conversion(ConversionTarget::Stage("s9".into())),
                )
            }),
        ),
        (
            "emotion out of range",
            "EMOTION_OUT_OF_RANGE",
            Box::new(|m| {
                m.add_touchpoint(
                    Touchpoint::new("tp3", "Three", "s1", "web")
                        .with_emotion(Emotion::new(9, "wild")),
                )
            }),
        ),
        (
            "self transition",
            "SELF_TRANSITION",
            Box::new(|m| m.add_transition(Transition::new("tp1", "tp1"))),
        ),
        (
            "duplicate transition",
            "DUPLICATE_TRANSITION",
            Box::new(|m| m.add_transition(Transition::new("tp1", "tp2").as_loop())),
        ),
        (
            "rate out of range",
            "INVALID_VALUE",
            Box::new(|m| m.add_transition(Transition::new("tp2", "tp1").with_expected_rate(1.01))),
        ),
        (
            "bad review date",
            "INVALID_VALUE",
            Box::new(|m| {
                m.set_metadata(Metadata {
                    last_reviewed: Some("2026-02-30".into()),
                    ..Metadata::default()
                })
            }),
        ),
        (
            "empty match rule",
            "INVALID_VALUE",
            Box::new(|m| {
                m.add_touchpoint(
                    Touchpoint::new("tp3", "Three", "s1", "web").with_match(MatchRule::default()),
                )
            }),
        ),
        (
            "remove used channel",
            "IN_USE",
            Box::new(|m| m.remove_channel("web").map(drop)),
        ),
        (
            "remove owning team",
            "IN_USE",
            Box::new(|m| m.remove_team("team").map(drop)),
        ),
        (
            "remove used persona",
            "IN_USE",
            Box::new(|m| m.remove_persona("p1").map(drop)),
        ),
        (
            "remove non-empty stage",
            "STAGE_NOT_EMPTY",
            Box::new(|m| m.remove_stage("s1", false).map(drop)),
        ),
        (
            "remove unknown stage",
            "NOT_FOUND",
            Box::new(|m| m.remove_stage("s9", true).map(drop)),
        ),
        (
            "update unknown touchpoint",
            "NOT_FOUND",
            Box::new(|m| m.update_touchpoint(Touchpoint::new("tp9", "Nine", "s1", "web"))),
        ),
        (
            "remove unknown transition",
            "NOT_FOUND",
            Box::new(|m| m.remove_transition("tp2", "tp1").map(drop)),
        ),
        (
            "reorder with a stage missing",
            "INVALID_VALUE",
            Box::new(|m| m.reorder_stages(&["s2"])),
        ),
        (
            "reorder with an unknown stage",
            "INVALID_VALUE",
            Box::new(|m| m.reorder_stages(&["s2", "s9"])),
        ),
        (
            "reorder with a stage twice",
            "INVALID_VALUE",
            Box::new(|m| m.reorder_stages(&["s1", "s1"])),
        ),
    ];
    for (what, code, mutation) in cases {
        let mut map = start_map();
        let before = snapshot(&map);
        let err = mutation(&mut map).expect_err(what);
        let codes: Vec<&str> = err.violations().iter().map(|e| e.code()).collect();
        assert!(
            codes.contains(&code),
            "{what}: expected {code}, got {codes:?}"
        );
        assert_eq!(
            snapshot(&map),
            before,
            "{what}: refused mutation changed the map"
        );
    }
}

/// Removals that other entities depend on are refused, the map unchanged.
#[test]
fn removals_that_would_leave_dangling_references_are_refused() {
    let mut map = start_map();
    // tp1's pain point pp1 is addressed by an opportunity on tp2.
    let before = snapshot(&map);
    assert!(map.remove_touchpoint("tp1").is_err());
    assert_eq!(snapshot(&map), before);
    // Cascading s1 would take tp1 and so pp1 with it.
    assert!(map.remove_stage("s1", true).is_err());
    assert_eq!(snapshot(&map), before);
    // An objective converting on a touchpoint keeps it.
    map.add_objective(
        Objective::new("o1", "Sell").with_conversion(ConversionTarget::Touchpoint("tp2".into())),
    )
    .unwrap();
    let before = snapshot(&map);
    assert_eq!(map.remove_touchpoint("tp2").unwrap_err().code(), "IN_USE");
    assert_eq!(map.remove_stage("s2", true).unwrap_err().code(), "IN_USE");
    assert_eq!(snapshot(&map), before);
}

/// Accepted mutations keep the invariants and the graph in step.
#[test]
fn accepted_mutations_keep_the_map_valid() {
    let mut map = start_map();
    map.add_stage(Stage::new("s3", "Three")).unwrap();
    map.insert_stage(0, Stage::new("s0", "Zero")).unwrap();
    map.add_touchpoint(Touchpoint::new("tp3", "Three", "s3", "web"))
        .unwrap();
    map.add_transition(Transition::new("tp2", "tp3").with_expected_rate(0.5))
        .unwrap();
    map.add_transition(Transition::new("tp3", "tp1").as_loop())
        .unwrap();
    map.reorder_stages(&["s0", "s1", "s3", "s2"]).unwrap();
    assert_eq!(map.stage_position("s3"), Some(2));
    map.remove_transition("tp1", "tp2").unwrap();
    map.remove_stage("s3", true).unwrap();
    assert!(map.touchpoint("tp3").is_none());
    assert!(map
        .transitions()
        .iter()
        .all(|t| t.from != "tp3" && t.to != "tp3"));
    map.remove_stage("s0", false).unwrap();
    map.set_name("Renamed").unwrap();
    assert!(map.validate().is_empty());
    assert_eq!(map.graph().edge_count(), map.transitions().len());
    assert_eq!(map.graph().node_count(), map.touchpoints().len());
}
