//! The SVG journey canvas: snapshots, determinism, hostile text, large maps,
//! layout without overlaps, options and errors.

use journeymap::analytics::{analyze, CsvOptions, EventLog, Report, ReportOptions, ScoreScale};
use journeymap::model::{
    Channel, ChannelKind, Emotion, JourneyDocument, Opportunity, PainPoint, Persona, Severity,
    Stage, Team, Touchpoint, TouchpointKind,
};
use journeymap::render::svg::{self, layout, Lane, SvgOptions, TextRole};
use journeymap::JourneyMap;

/// The report of a log with, for each touchpoint `i` of the map,
/// `i % 4 + 1` customers who start there and go on to the next touchpoint
/// (scores on 1..5), so that every figure of the overlay has a value.
fn synthetic_report(map: &JourneyMap) -> Report {
    let ids: Vec<&str> = map.touchpoints().iter().map(|t| t.id.as_str()).collect();
    let mut csv = String::from("customer_id,timestamp,touchpoint,score\n");
    for (i, id) in ids.iter().enumerate() {
        for k in 0..(i % 4 + 1) {
            let customer = format!("c{i}-{k}");
            let score = (i + k) % 5 + 1;
            csv.push_str(&format!("{customer},2026-03-01T09:00:00Z,{id},{score}\n"));
            if let Some(next) = ids.get(i + 1 + k % 2) {
                csv.push_str(&format!(
                    "{customer},2026-03-01T09:{:02}:00Z,{next},\n",
                    k + 1
                ));
            }
        }
    }
    let log = EventLog::from_csv(csv.as_bytes(), map, &CsvOptions::default()).expect("log");
    let options = ReportOptions::new().score_scale(ScoreScale::OneToFive);
    analyze(map, &log, &options).expect("report")
}

/// [`synthetic_report`] for a very large map: analysed over the first 40
/// touchpoints (the attribution's Markov chain is cubic in the touchpoints
/// observed), its touchpoint rows then repeated, with other figures, for
/// every other touchpoint.
fn wide_report(map: &JourneyMap) -> Report {
    let mut doc = map.document().clone();
    doc.touchpoints.truncate(40);
    doc.transitions.retain(|t| {
        doc.touchpoints.iter().any(|tp| tp.id == t.from)
            && doc.touchpoints.iter().any(|tp| tp.id == t.to)
    });
    let small = JourneyMap::from_document(doc).unwrap();
    let mut report = synthetic_report(&small);
    let rows = report.touchpoints.clone();
    for (i, tp) in map.touchpoints().iter().enumerate().skip(40) {
        let mut row = rows[i % rows.len()].clone();
        row.touchpoint = tp.id.to_string();
        row.stage = tp.stage.to_string();
        row.reach += i as u64;
        report.touchpoints.push(row);
    }
    report
}

/// A small map: three stages (one empty), two personas, four touchpoints (one
/// without emotion), pain points, opportunities, owners.
fn small_map() -> JourneyMap {
    JourneyMap::from_json(
        r#"{
  "format_version": 1,
  "name": "Corner bakery",
  "description": "Ordering a birthday cake online and picking it up in the shop.",
  "personas": [
    {"id": "parent", "name": "Sam, planning a party", "description": "Orders once a year.",
     "goals": ["A cake ready on time", "No surprises at the counter"],
     "frustrations": ["Phone lines that ring out"],
     "demographics": {"age_band": "35-44", "city": "Lyon"},
     "image": "https://images.example.com/sam.png"},
    {"id": "office", "name": "Office manager"}
  ],
  "stages": [
    {"id": "find", "name": "Find", "goal": "Find a bakery that makes custom cakes"},
    {"id": "order", "name": "Order", "description": "From the first click to the paid order."},
    {"id": "collect", "name": "Collect"},
    {"id": "share", "name": "Share"}
  ],
  "channels": [
    {"id": "web", "name": "Website", "kind": "digital"},
    {"id": "shop", "name": "Shop counter", "kind": "physical"},
    {"id": "phone", "name": "Phone", "kind": "human"}
  ],
  "teams": [{"id": "front", "name": "Front of house"}, {"id": "web-team", "name": "Web"}],
  "touchpoints": [
    {"id": "search", "name": "Searches for custom cakes", "stage": "find", "channel": "web",
     "owner": "web-team", "actions": ["Types 'birthday cake near me'", "Looks at photos"],
     "emotion": {"score": 1, "label": "hopeful"}},
    {"id": "form", "name": "Fills in the order form", "stage": "order", "channel": "web",
     "owner": "web-team", "kind": "conversion", "actions": ["Picks size and flavour", "Pays a deposit"],
     "emotion": {"score": -1, "label": "unsure"},
     "pain_points": [{"id": "pp-date", "description": "Cannot choose a pick-up time", "severity": "high"}],
     "opportunities": [{"id": "op-slots", "description": "Offer pick-up time slots", "addresses": ["pp-date"], "status": "planned"}]},
    {"id": "call", "name": "Calls to confirm", "stage": "order", "channel": "phone",
     "personas": ["office"], "owner": "front"},
    {"id": "pickup", "name": "Picks up the cake", "stage": "collect", "channel": "shop",
     "owner": "front", "emotion": {"score": 2, "label": "delighted"},
     "pain_points": [{"id": "pp-queue", "description": "Queue at the counter", "severity": "low"}]}
  ]
}"#,
    )
    .expect("the test map is valid")
}

fn xml(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

/// Every structural safety property the canvas promises.
fn assert_safe(svg: &str) {
    let doc = xml(svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(root.attribute("viewBox").is_some());
    assert!(root.attribute("width").is_some() && root.attribute("height").is_some());
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name().to_ascii_lowercase();
        assert!(
            !matches!(
                tag.as_str(),
                "script" | "foreignobject" | "image" | "use" | "a" | "iframe" | "style"
            ),
            "forbidden element <{tag}>"
        );
        for attr in node.attributes() {
            let name = attr.name().to_ascii_lowercase();
            assert!(!name.starts_with("on"), "event handler attribute {name}");
            assert!(name != "href", "link attribute {name}");
            assert!(
                !attr.value().contains("url(") && !attr.value().contains("javascript:"),
                "external reference in {name}={:?}",
                attr.value()
            );
        }
    }
    // The raw text holds no markup from the payloads either.
    let lower = svg.to_ascii_lowercase();
    assert!(!lower.contains("<script") && !lower.contains("<foreignobject"));
}

#[test]
fn snapshot_of_a_small_map() {
    let svg = svg::render(&small_map(), &SvgOptions::default()).unwrap();
    assert_safe(&svg);
    insta::assert_snapshot!("small_map", svg);
}

#[test]
fn snapshot_of_a_persona_journey() {
    let map = small_map();
    let svg = map.to_svg(&SvgOptions::new().persona("parent")).unwrap();
    assert_safe(&svg);
    // The office-only touchpoint is not part of this persona's journey.
    assert!(!svg.contains("Calls to confirm"));
    assert!(svg.contains("Sam, planning a party"));
    assert!(svg.contains("A cake ready on time"));
    assert!(svg.contains("Age band: 35-44"));
    // The persona's picture URL is never referenced.
    assert!(!svg.contains("images.example.com"));
    insta::assert_snapshot!("small_map_persona_parent", svg);
}

#[test]
fn rendering_is_deterministic() {
    let map = small_map();
    for options in [SvgOptions::default(), SvgOptions::new().persona("office")] {
        let a = svg::render(&map, &options).unwrap();
        let b = svg::render(&map, &options).unwrap();
        assert_eq!(a, b);
        // A map read back from its own JSON renders to the same bytes.
        let again = JourneyMap::from_json(&map.to_json()).unwrap();
        assert_eq!(a, svg::render(&again, &options).unwrap());
    }
}

#[test]
fn unknown_persona_is_not_found() {
    let map = small_map();
    let options = SvgOptions::new().persona("ghost");
    let err = svg::render(&map, &options).unwrap_err();
    assert_eq!(err.code(), "NOT_FOUND");
    assert_eq!(err.id(), Some("ghost"));
    assert_eq!(layout(&map, &options).unwrap_err().code(), "NOT_FOUND");
}

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"onload=\"alert(1)",
    "' onmouseover='alert(1)",
    "]]>",
    "&amp;",
    "&",
    "<![CDATA[x]]>",
    "<foreignObject><body onload=alert(1)/></foreignObject>",
    "<a xlink:href=\"javascript:alert(1)\">x</a>",
    "url(https://evil.example/x.css)",
    "مرحبا بالعالم — שלום עולם",
    "☕ 👩‍👩‍👧 🇫🇷 e\u{301}",
];

/// Every control character, C0 and C1, around some text.
fn controls() -> String {
    let mut s: String = (0u32..0x20).filter_map(char::from_u32).collect();
    s.push_str("ctrl\u{7F}\u{85}\u{9F}\u{FFFE}\u{FFFF}end");
    s
}

/// A map in which every string the renderer may show is hostile.
fn hostile_map() -> (JourneyMap, String) {
    let long = "W".repeat(10_000);
    let mut texts: Vec<String> = PAYLOADS.iter().map(|s| s.to_string()).collect();
    texts.push(controls());
    texts.push(long.clone());
    let text = |i: usize| texts[i % texts.len()].clone();
    let mut doc = JourneyDocument::new(text(0) + &text(12));
    doc.description = Some(text(1) + &text(11));
    let mut persona = Persona::new("p", text(2));
    persona.description = Some(text(3));
    persona.goals = (0..texts.len()).map(text).collect();
    persona.motivations = vec![text(5), long.clone()];
    persona.frustrations = vec![text(6)];
    persona.behaviours = vec![text(12)];
    persona
        .demographics
        .insert(text(7), serde_json::Value::String(text(8)));
    persona.image = Some("https://evil.example/face.png".into());
    doc.personas.push(persona);
    for k in 0..4 {
        let mut stage = Stage::new(format!("s{k}"), text(k + 3));
        stage.goal = Some(text(k + 5));
        stage.description = Some(text(k + 6));
        doc.stages.push(stage);
    }
    let kinds = [
        ChannelKind::Digital,
        ChannelKind::Physical,
        ChannelKind::Human,
        ChannelKind::Other,
    ];
    for (k, kind) in kinds.into_iter().enumerate() {
        doc.channels
            .push(Channel::new(format!("c{k}"), text(k + 9), kind));
    }
    doc.teams.push(Team::new("t", text(10)));
    for i in 0..texts.len() {
        let mut tp = Touchpoint::new(
            format!("tp{i}"),
            text(i),
            format!("s{}", i % 4),
            format!("c{}", i % 4),
        )
        .with_owner("t")
        .with_action(text(i + 1))
        .with_action(text(i + 2))
        .with_pain_point(PainPoint::new(
            format!("pp{i}"),
            text(i + 3),
            [
                Severity::Low,
                Severity::Medium,
                Severity::High,
                Severity::Critical,
            ][i % 4],
        ))
        .with_opportunity(
            Opportunity::new(format!("op{i}"), text(i + 4)).addressing(format!("pp{i}")),
        );
        if i % 3 != 1 {
            tp = tp.with_emotion(Emotion::new(i as i64 % 5 - 2, text(i + 5)));
        }
        tp.description = Some(text(i + 6));
        tp.kind = [
            TouchpointKind::Step,
            TouchpointKind::Conversion,
            TouchpointKind::Exit,
        ][i % 3];
        doc.touchpoints.push(tp);
    }
    (
        JourneyMap::from_document(doc).expect("hostile map is valid"),
        long,
    )
}

#[test]
fn hostile_text_is_escaped_and_the_output_stays_safe() {
    let (map, long) = hostile_map();
    // A report whose map name is hostile too (reports are files a user may
    // be handed).
    let mut report = synthetic_report(&map);
    report.map = format!("{}{}", PAYLOADS[7], controls());
    for options in [
        SvgOptions::default(),
        SvgOptions::new().persona("p"),
        SvgOptions::new().title(PAYLOADS[0]),
        SvgOptions::new().report(report.clone()),
        SvgOptions::new().persona("p").report(report.clone()),
    ] {
        let svg = svg::render(&map, &options).unwrap();
        assert_safe(&svg);
        let doc = xml(&svg);
        let all_text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        // The payloads come back as text, intact: markup, RTL, emoji.
        for p in PAYLOADS {
            assert!(all_text.contains(p), "payload {p:?} not shown as text");
        }
        // Control characters XML cannot carry are replaced, the rest kept.
        assert!(all_text.contains("\u{FFFD}ctrl\u{7F}\u{85}\u{9F}\u{FFFD}\u{FFFD}end"));
        // The 10 000-character name is cut on the canvas but kept whole in a
        // tooltip.
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text())
            .collect();
        assert!(titles.iter().any(|t| *t == long));
        let tspans_with_ellipsis = doc
            .descendants()
            .filter(|n| n.has_tag_name("tspan"))
            .filter_map(|n| n.text())
            .filter(|t| t.starts_with('W') && t.ends_with('\u{2026}'))
            .count();
        assert!(tspans_with_ellipsis > 0);
        assert!(!svg.contains("evil.example/face.png"));
        assert!(svg.len() < 2_000_000, "output size {}", svg.len());

        let l = layout(&map, &options).unwrap();
        assert!(
            l.overlapping_text().is_empty(),
            "{:?}",
            l.overlapping_text()
        );
        for b in &l.text_boxes {
            assert!(
                b.lines.len() <= 6,
                "{:?} has {} lines",
                b.role,
                b.lines.len()
            );
        }
    }
}

#[test]
fn shared_hostile_fixture_renders_safely() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/render/hostile.json"
    );
    let map = JourneyMap::from_path(path).unwrap();
    let svg = svg::render(&map, &SvgOptions::default()).unwrap();
    assert_safe(&svg);
    for p in map.personas() {
        let persona = svg::render(&map, &SvgOptions::new().persona(p.id.as_str())).unwrap();
        assert_safe(&persona);
    }
}

/// A map with `n` touchpoints over `stages` stages, unevenly spread.
fn big_map(n: usize, stages: usize) -> JourneyMap {
    let mut doc = JourneyDocument::new("Large journey");
    for s in 0..stages {
        doc.stages
            .push(Stage::new(format!("s{s}"), format!("Stage {s}")));
    }
    doc.channels
        .push(Channel::new("web", "Website", ChannelKind::Digital));
    doc.teams.push(Team::new("t", "Team"));
    for i in 0..n {
        // Squares spread them unevenly: many in the first stages, few in the last.
        let stage = (i * i * stages) / (n * n);
        let mut tp = Touchpoint::new(
            format!("tp{i}"),
            format!("Touchpoint number {i} with a fairly long name that wraps"),
            format!("s{stage}"),
            "web",
        )
        .with_owner("t")
        .with_action(format!("Does thing {i}"));
        if i % 4 != 0 {
            tp = tp.with_emotion(Emotion::new((i % 5) as i64 - 2, format!("feeling {i}")));
        }
        for k in 0..(i % 3) {
            tp = tp.with_pain_point(PainPoint::new(
                format!("pp{i}-{k}"),
                format!("Pain {k} of touchpoint {i}, described at some length to wrap"),
                Severity::Medium,
            ));
        }
        doc.touchpoints.push(tp);
    }
    JourneyMap::from_document(doc).unwrap()
}

#[test]
fn forty_five_touchpoints_fit_without_overlap() {
    let map = big_map(45, 6);
    let report = synthetic_report(&map);
    for options in [SvgOptions::default(), SvgOptions::new().report(report)] {
        forty_five_touchpoints_fit(&map, &options);
    }
}

fn forty_five_touchpoints_fit(map: &JourneyMap, options: &SvgOptions) {
    let l = layout(map, options).unwrap();
    assert!(
        l.overlapping_text().is_empty(),
        "{:?}",
        l.overlapping_text()
    );
    // Nothing outside the canvas.
    let canvas = svg::Rect {
        x: 0.0,
        y: 0.0,
        width: l.width,
        height: l.height,
    };
    for b in &l.text_boxes {
        assert!(canvas.contains(&b.rect), "{:?} outside the canvas", b);
    }
    // Every touchpoint is shown, whole, in its own column.
    let names: Vec<String> = l
        .text_boxes
        .iter()
        .filter(|b| b.role == TextRole::TouchpointName)
        .map(|b| b.lines.join(" "))
        .collect();
    assert_eq!(names.len(), 45);
    let svg = svg::render(map, options).unwrap();
    assert_safe(&svg);
    let doc = xml(&svg);
    // Each <text> element read back as its lines joined by spaces.
    let drawn: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            t.children()
                .filter_map(|s| s.text())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for tp in map.touchpoints() {
        assert!(
            names.contains(&tp.name),
            "{} missing from the layout",
            tp.name
        );
        assert!(drawn.contains(&tp.name), "{} missing from the SVG", tp.name);
    }
    // The canvas grows with the columns rather than squeezing them.
    assert!(l.width >= 45.0 * 120.0, "width {}", l.width);
    // One column per touchpoint, side by side, equally wide; each stage is
    // as wide as its touchpoints.
    assert_eq!(l.columns.len(), 45);
    for pair in l.columns.windows(2) {
        let (a, b) = (&pair[0].rect, &pair[1].rect);
        assert!((a.x + a.width - b.x).abs() < 1e-6);
        assert!((a.width - b.width).abs() < 1e-6);
    }
    for stage in map.stages() {
        let in_stage: Vec<_> = l
            .columns
            .iter()
            .filter(|c| c.stage == stage.id.as_str())
            .collect();
        let expected = map.touchpoints_in_stage(stage.id.as_str()).unwrap();
        assert_eq!(in_stage.len(), expected.len().max(1));
        let header = l
            .text_boxes
            .iter()
            .find(|b| b.role == TextRole::StageName && b.lines == [stage.name.clone()])
            .unwrap();
        let span = in_stage.len() as f64 * in_stage[0].rect.width;
        assert!(header.rect.x >= in_stage[0].rect.x);
        assert!(header.rect.x + header.rect.width <= in_stage[0].rect.x + span);
    }
    // Each touchpoint's text stays inside its own column.
    for b in l.text_boxes.iter().filter(|b| {
        matches!(
            b.role,
            TextRole::TouchpointName
                | TextRole::Action
                | TextRole::PainPoint
                | TextRole::EmotionLabel
                | TextRole::Figure
        )
    }) {
        assert_eq!(
            l.columns
                .iter()
                .filter(|c| c.rect.contains(&b.rect))
                .count(),
            1,
            "{b:?} not inside exactly one column"
        );
    }
}

#[test]
fn a_thousand_touchpoints_still_render() {
    let map = big_map(1000, 12);
    let report = wide_report(&map);
    for options in [SvgOptions::default(), SvgOptions::new().report(report)] {
        let l = layout(&map, &options).unwrap();
        assert!(l.overlapping_text().is_empty());
        assert_eq!(
            l.text_boxes
                .iter()
                .filter(|b| b.role == TextRole::TouchpointName)
                .count(),
            1000
        );
        let canvas = svg::Rect {
            x: 0.0,
            y: 0.0,
            width: l.width,
            height: l.height,
        };
        assert!(l.text_boxes.iter().all(|b| canvas.contains(&b.rect)));
        if options.report.is_some() {
            // Four figures per card: reached, converted, exits, score.
            let reached = l
                .text_boxes
                .iter()
                .filter(|b| b.role == TextRole::Figure && b.lines == ["Reached"])
                .count();
            assert_eq!(reached, 1000);
        }
    }
}

#[test]
fn the_emotion_curve_skips_touchpoints_without_emotion() {
    let svg = svg::render(&small_map(), &SvgOptions::default()).unwrap();
    let doc = xml(&svg);
    // Three touchpoints have an emotion, one does not: three markers.
    let markers = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("emotion"))
        .count();
    assert_eq!(markers, 3);
    assert!(svg.contains("no emotion recorded"));
    // search -> form are neighbours (solid); form -> pickup bridges the
    // call column without emotion (one dashed segment). No point is
    // invented for the call column.
    let curves: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("stroke") == Some("#6366f1"))
        .collect();
    assert_eq!(curves.len(), 1);
    assert_eq!(curves[0].attribute("d").unwrap().matches('C').count(), 1);
    let gaps: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("stroke-dasharray").is_some())
        // Curves only: the legend's sample of a dashed stretch is straight.
        .filter(|n| n.attribute("d").is_some_and(|d| d.contains('C')))
        .collect();
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].attribute("d").unwrap().matches('C').count(), 1);
    // Labels sit next to their markers.
    let labels: Vec<String> = layout(&small_map(), &SvgOptions::default())
        .unwrap()
        .text_boxes
        .into_iter()
        .filter(|b| b.role == TextRole::EmotionLabel)
        .map(|b| b.lines.join(" "))
        .collect();
    assert_eq!(labels, ["hopeful", "unsure", "delighted"]);
}

#[test]
fn lanes_can_be_chosen_and_ordered() {
    let map = small_map();
    let lane_labels = |options: &SvgOptions| -> Vec<String> {
        layout(&map, options)
            .unwrap()
            .text_boxes
            .into_iter()
            .filter(|b| b.role == TextRole::LaneLabel)
            .map(|b| b.lines.join(" "))
            .collect()
    };
    assert_eq!(
        lane_labels(&SvgOptions::default()),
        [
            "Stages",
            "Touchpoints",
            "Actions",
            "Emotions",
            "Pain points",
            "Opportunities",
            "Owners"
        ]
    );
    let options = SvgOptions::new().lanes([Lane::Emotions, Lane::Touchpoints, Lane::Emotions]);
    assert_eq!(lane_labels(&options), ["Stages", "Emotions", "Touchpoints"]);
    let options = SvgOptions::new()
        .hide_lane(Lane::Actions)
        .hide_lane(Lane::Owners);
    let svg = svg::render(&map, &options).unwrap();
    assert!(!svg.contains("Front of house"));
    assert!(!svg.contains("Pays a deposit"));
    assert!(svg.contains("Cannot choose a pick-up time"));
    let none = svg::render(&map, &SvgOptions::new().lanes([]).legend(false)).unwrap();
    assert_safe(&none);
    assert!(!none.contains("Pain point severity"));
    assert!(none.contains("Collect"));
}

#[test]
fn title_override_and_width_hints() {
    let map = small_map();
    let svg = svg::render(&map, &SvgOptions::new().title("Cake journey — review")).unwrap();
    assert!(svg.contains("Cake journey — review"));
    assert!(!svg.contains(">Corner bakery<"));
    // A blank override falls back to the map's name.
    let svg = svg::render(&map, &SvgOptions::new().title("  ")).unwrap();
    assert!(svg.contains("Corner bakery"));

    let narrow = layout(&map, &SvgOptions::new().min_width(0).column_width(150)).unwrap();
    let wide = layout(&map, &SvgOptions::new().min_width(0).column_width(300)).unwrap();
    // Five columns (four touchpoints + one empty stage) at 150 then 300 px.
    assert!((wide.width - narrow.width - 5.0 * 150.0).abs() < 1e-6);
    // Hints are clamped, never refused.
    let tiny = layout(&map, &SvgOptions::new().min_width(0).column_width(1)).unwrap();
    let huge = layout(
        &map,
        &SvgOptions::new().min_width(u32::MAX).column_width(u32::MAX),
    )
    .unwrap();
    assert!(tiny.width > 0.0 && huge.width <= 20_000.0 + 1.0);
    for l in [narrow, wide, tiny, huge] {
        assert!(l.overlapping_text().is_empty());
    }
    let default = layout(&map, &SvgOptions::default()).unwrap();
    assert!(default.width >= 960.0);
}

#[test]
fn lane_names_parse() {
    for lane in Lane::ALL {
        assert_eq!(lane.as_str().parse::<Lane>().unwrap(), lane);
        let json = serde_json::to_string(&lane).unwrap();
        assert_eq!(json, format!("\"{}\"", lane.as_str()));
    }
    assert_eq!("Pain-Points".parse::<Lane>().unwrap(), Lane::PainPoints);
    let err = "emotion curve".parse::<Lane>().unwrap_err();
    assert_eq!(err.code(), "INVALID_VALUE");
}

// ---------------------------------------------------------------------------
// Report overlay

fn example(name: &str) -> String {
    format!("{}/../schema/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The bundled coffee-maker map and the report of its bundled event log
/// (scores on 1..5), as `journeymap analyze --score-scale one-to-five`
/// computes it.
fn coffee_maker_with_report() -> (JourneyMap, Report) {
    let map = JourneyMap::from_path(example("coffee-maker.json")).unwrap();
    let file = std::fs::File::open(example("coffee-maker-events.csv")).unwrap();
    let log =
        EventLog::from_csv(std::io::BufReader::new(file), &map, &CsvOptions::default()).unwrap();
    let options = ReportOptions::new().score_scale(ScoreScale::OneToFive);
    let report = analyze(&map, &log, &options).unwrap();
    (map, report)
}

/// The text of each text box of `role`, lines joined by spaces.
fn texts(l: &svg::Layout, role: TextRole) -> Vec<String> {
    l.text_boxes
        .iter()
        .filter(|b| b.role == role)
        .map(|b| b.lines.join(" "))
        .collect()
}

/// [`texts`] of the boxes inside `rect` (a column).
fn texts_in(l: &svg::Layout, role: TextRole, rect: &svg::Rect) -> Vec<String> {
    l.text_boxes
        .iter()
        .filter(|b| b.role == role && rect.contains(&b.rect))
        .map(|b| b.lines.join(" "))
        .collect()
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn snapshot_of_the_coffee_maker_with_its_report() {
    let (map, report) = coffee_maker_with_report();
    let svg = svg::render(&map, &SvgOptions::new().report(report)).unwrap();
    assert_safe(&svg);
    insta::assert_snapshot!("coffee_maker_report", svg);
}

#[test]
fn the_overlay_shows_the_reports_figures_where_they_belong() {
    let (map, report) = coffee_maker_with_report();
    let options = SvgOptions::new().report(report.clone());
    let l = layout(&map, &options).unwrap();
    assert!(
        l.overlapping_text().is_empty(),
        "{:?}",
        l.overlapping_text()
    );

    // Header: customers, conversions, unplanned transitions, planned share.
    let header = texts(&l, TextRole::Report).join("\n");
    let t = &report.totals;
    assert!(header.contains(&format!(
        "{} customers, {} events, {} converted ({:.1}%)",
        thousands(t.customers),
        thousands(t.events),
        thousands(t.converted_customers),
        t.conversion_rate.unwrap() * 100.0
    )));
    let unplanned = report
        .transitions
        .iter()
        .filter(|t| t.count > 0 && !t.planned)
        .count();
    assert!(unplanned > 0);
    assert!(
        header.contains(&format!("{unplanned} not in the map")),
        "{header}"
    );
    // The same map, every touchpoint known: no warning.
    assert!(!header.contains("not in the report"), "{header}");

    // Funnel: each stage's figures inside the stage's span of columns.
    for stage in &report.funnel.stages {
        let cols: Vec<_> = l
            .columns
            .iter()
            .filter(|c| c.stage == stage.stage)
            .collect();
        let (left, right) = (
            cols[0].rect.x,
            cols.last().unwrap().rect.x + cols.last().unwrap().rect.width,
        );
        let reached = format!("{} reached", thousands(stage.customers));
        let b = l
            .text_boxes
            .iter()
            .find(|b| b.role == TextRole::Funnel && b.lines.join(" ") == reached)
            .unwrap_or_else(|| panic!("no {reached:?} for {}", stage.stage));
        assert!(b.rect.x >= left && b.rect.x + b.rect.width <= right);
        if let Some(rate) = stage.conversion_to_next {
            let continued = format!(
                "\u{2192} {:.1}% continued ({})",
                rate * 100.0,
                stage.continued
            );
            assert!(
                texts(&l, TextRole::Funnel).contains(&continued),
                "{continued}"
            );
        }
    }

    // Touchpoints: reach, conversion, exits and score in the card's column.
    for tp in &report.touchpoints {
        let col = l
            .columns
            .iter()
            .find(|c| c.touchpoint.as_deref() == Some(tp.touchpoint.as_str()))
            .unwrap();
        let in_col = texts_in(&l, TextRole::Figure, &col.rect);
        assert_eq!(in_col.len(), 8, "{in_col:?}");
        assert!(in_col.contains(&thousands(tp.reach)), "{in_col:?}");
        assert!(in_col.contains(&format!("{:.1}%", tp.conversion_rate.unwrap() * 100.0)));
        assert!(in_col.contains(&thousands(tp.exits)));
        let mean = tp.score.mean.unwrap();
        let shown = format!("{:.2}", mean.abs());
        assert!(
            in_col.iter().any(|t| t.ends_with(&shown)),
            "{shown} in {in_col:?}"
        );
    }

    // One observed-score marker per touchpoint with scores; the legend
    // explains the overlay.
    let svg = svg::render(&map, &options).unwrap();
    let doc = xml(&svg);
    let markers = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("observed-score"))
        .count();
    let scored = report
        .touchpoints
        .iter()
        .filter(|t| t.score.mean.is_some())
        .count();
    assert!(scored > 0);
    assert_eq!(markers, scored);
    let legend = texts(&l, TextRole::Legend).join("\n");
    assert!(legend.contains("Mean observed score"), "{legend}");
    assert!(legend.contains("Reached:"), "{legend}");
    assert!(legend.contains("Funnel:"), "{legend}");
    // The legend explains only what is drawn.
    let emotions_only = layout(&map, &options.clone().lanes([Lane::Emotions])).unwrap();
    let legend = texts(&emotions_only, TextRole::Legend).join("\n");
    assert!(
        legend.contains("Mean observed score") && !legend.contains("Reached:"),
        "{legend}"
    );
    assert!(texts(&emotions_only, TextRole::Figure).is_empty());
    // Without a report, none of it.
    let plain = layout(&map, &SvgOptions::default()).unwrap();
    for role in [TextRole::Report, TextRole::Funnel, TextRole::Figure] {
        assert!(texts(&plain, role).is_empty());
    }
}

#[test]
fn the_overlay_is_deterministic_and_survives_json() {
    let (map, report) = coffee_maker_with_report();
    let a = svg::render(&map, &SvgOptions::new().report(report.clone())).unwrap();
    let b = svg::render(&map, &SvgOptions::new().report(report.clone())).unwrap();
    assert_eq!(a, b);
    // Written as `journeymap analyze --format json` does, read back.
    let json = serde_json::to_string_pretty(&report).unwrap();
    let back = svg::read_report(&json).unwrap();
    assert_eq!(back, report);
    let c = svg::render(&map, &SvgOptions::new().report(back)).unwrap();
    assert_eq!(a, c);
}

#[test]
fn touchpoints_the_report_does_not_know_have_no_figures() {
    let mut map = small_map();
    let report = synthetic_report(&map);
    map.add_touchpoint(Touchpoint::new(
        "late",
        "Added after the report",
        "collect",
        "shop",
    ))
    .unwrap();
    map.add_stage(Stage::new("recommend", "Recommend")).unwrap();
    let l = layout(&map, &SvgOptions::new().report(report)).unwrap();
    assert!(l.overlapping_text().is_empty());
    let header = texts(&l, TextRole::Report).join("\n");
    assert!(
        header.contains("1 touchpoint of this map not in the report"),
        "{header}"
    );
    let late = l
        .columns
        .iter()
        .find(|c| c.touchpoint.as_deref() == Some("late"))
        .unwrap();
    assert_eq!(
        texts_in(&l, TextRole::Figure, &late.rect),
        ["not in the report"]
    );
    // The new stage has no funnel figures either.
    let recommend = l.columns.iter().find(|c| c.stage == "recommend").unwrap();
    assert_eq!(
        texts_in(&l, TextRole::Funnel, &recommend.rect),
        ["not in the report"]
    );
    // The others still have theirs.
    assert_eq!(
        texts(&l, TextRole::Figure)
            .iter()
            .filter(|t| *t == "Reached")
            .count(),
        4
    );
}

#[test]
fn a_report_of_another_map_is_drawn_without_figures_and_said_so() {
    let (_, report) = coffee_maker_with_report();
    let map = small_map();
    let options = SvgOptions::new().report(report);
    let l = layout(&map, &options).unwrap();
    let header = texts(&l, TextRole::Report).join("\n");
    assert!(
        header.contains("Report of \u{201c}Buying a coffee maker online\u{201d}"),
        "{header}"
    );
    assert!(
        header.contains("shares no touchpoint with this map"),
        "{header}"
    );
    assert!(texts(&l, TextRole::Funnel).is_empty());
    assert!(texts(&l, TextRole::Figure).is_empty());
    let svg = svg::render(&map, &options).unwrap();
    assert_safe(&svg);
    assert!(!svg.contains("observed-score"));
    // Everything else is the plain canvas.
    let plain = layout(&map, &SvgOptions::default()).unwrap();
    assert_eq!(
        texts(&plain, TextRole::TouchpointName),
        texts(&l, TextRole::TouchpointName)
    );
}

#[test]
fn a_persona_journey_takes_the_overlay_too() {
    let map = small_map();
    let report = synthetic_report(&map);
    let l = layout(&map, &SvgOptions::new().persona("parent").report(report)).unwrap();
    assert!(l.overlapping_text().is_empty());
    // Three touchpoints in Sam's journey, each with its figures.
    assert_eq!(
        texts(&l, TextRole::Figure)
            .iter()
            .filter(|t| *t == "Reached")
            .count(),
        3
    );
    // Touchpoints of other personas are not "unknown" to the report.
    assert!(!texts(&l, TextRole::Report)
        .join(" ")
        .contains("not in the report"));
}

#[test]
fn narrow_columns_stack_figures_rather_than_overlap() {
    let map = small_map();
    let report = synthetic_report(&map);
    let l = layout(
        &map,
        &SvgOptions::new()
            .min_width(0)
            .column_width(1)
            .report(report),
    )
    .unwrap();
    assert!(
        l.overlapping_text().is_empty(),
        "{:?}",
        l.overlapping_text()
    );
    for b in l.text_boxes.iter().filter(|b| b.role == TextRole::Figure) {
        assert_eq!(
            l.columns
                .iter()
                .filter(|c| c.rect.contains(&b.rect))
                .count(),
            1,
            "{b:?}"
        );
    }
}

#[test]
fn report_json_errors_are_located() {
    let err = svg::read_report("{\n  \"report_version\": 1,\n").unwrap_err();
    assert_eq!(err.code(), "JSON_SYNTAX");
    assert_eq!(err.line_column().map(|(l, _)| l), Some(3));
    let (_, report) = coffee_maker_with_report();
    let mut value = serde_json::to_value(&report).unwrap();
    value["funnel"]["stages"][1]["customers"] = "many".into();
    let err = svg::read_report(&value.to_string()).unwrap_err();
    assert_eq!(err.code(), "JSON_TYPE");
    assert_eq!(err.path(), Some("/funnel/stages/1/customers"));
    value["funnel"]["stages"][1]["customers"] = 3.into();
    value.as_object_mut().unwrap().remove("totals");
    let err = svg::read_report(&value.to_string()).unwrap_err();
    assert_eq!((err.code(), err.path()), ("MISSING_FIELD", Some("/totals")));
    let err = svg::read_report("[]").unwrap_err();
    assert_eq!(err.code(), "JSON_TYPE");
}

#[test]
fn a_long_customer_list_does_not_stop_the_overlay() {
    let map = small_map();
    let report = synthetic_report(&map);
    let mut value = serde_json::to_value(&report).unwrap();
    let customer = serde_json::json!({"customer": "c", "events": 1, "unknown_events": 0,
        "steps": 1, "converted": false, "fitness": 1.0, "skipped_stages": 0,
        "backward_moves_unmarked": 0});
    // Within the limits, the list is read.
    value["customers"] = serde_json::Value::Array(vec![customer.clone(); 3]);
    let back = svg::read_report(&value.to_string()).unwrap();
    assert_eq!(back.customers.map(|c| c.len()), Some(3));
    // Past the limit on list items, it is set aside (only its length
    // matters: the items are not even read).
    let mut items = vec![serde_json::Value::Null; 100_001];
    items[0] = customer;
    value["customers"] = serde_json::Value::Array(items);
    let back = svg::read_report(&value.to_string()).unwrap();
    assert_eq!(back.customers, None);
    assert_eq!(back.touchpoints, report.touchpoints);
    // Other limits still hold.
    value["map"] = "x".repeat(100_001).into();
    let err = svg::read_report(&value.to_string()).unwrap_err();
    assert!(err
        .violations()
        .iter()
        .any(|v| v.code() == "LIMIT_EXCEEDED" && v.path() == Some("/map")));
}

#[test]
fn entities_on_the_canvas_carry_their_ids() {
    // A page finds a touchpoint (its card, its point on the emotion curve,
    // its observed figures), a stage, a pain point or an opportunity by
    // `data-id`.
    let (map, report) = coffee_maker_with_report();
    let options = SvgOptions::default().report(report);
    let svg = svg::render(&map, &options).unwrap();
    let doc = xml(&svg);
    let ids_of = |class: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .map(|n| n.attribute("data-id").unwrap_or("").to_owned())
            .collect()
    };
    let touchpoints: Vec<String> = map.touchpoints().iter().map(|t| t.id.to_string()).collect();
    assert_eq!(ids_of("touchpoint"), touchpoints);
    let with_emotion: Vec<String> = map
        .touchpoints()
        .iter()
        .filter(|t| t.emotion.is_some())
        .map(|t| t.id.to_string())
        .collect();
    assert_eq!(ids_of("emotion"), with_emotion);
    let stages: Vec<String> = map.stages().iter().map(|s| s.id.to_string()).collect();
    assert_eq!(ids_of("stage"), stages);
    assert_eq!(ids_of("funnel"), stages);
    let pains: Vec<String> = map
        .touchpoints()
        .iter()
        .flat_map(|t| t.pain_points.iter().map(|p| p.id.to_string()))
        .collect();
    assert_eq!(ids_of("pain-point"), pains);
    for id in ids_of("observed") {
        assert!(touchpoints.contains(&id), "{id}");
    }
}
