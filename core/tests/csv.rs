//! Touchpoints CSV: columns, order, values, quoting of hostile text and
//! neutralisation of spreadsheet formulas (text cells only).

use std::path::{Path, PathBuf};

use journeymap::render::csv::{touchpoints_csv, touchpoints_csv_with, CsvOptions, COLUMNS};
use journeymap::JourneyMap;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const SHOP: &str = r#"{"name": "Shop",
  "personas": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
  "channels": [{"id": "web", "name": "Website", "kind": "digital"},
               {"id": "store", "name": "Store", "kind": "physical"}],
  "teams": [{"id": "shop", "name": "Shop team"}],
  "touchpoints": [
    {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion",
     "emotion": {"score": -2, "label": "anxious"}, "personas": ["ann", "bob"], "owner": "shop",
     "actions": ["Enters card", "Confirms, then waits"],
     "pain_points": [{"id": "pp-fees", "description": "Fees shown late", "severity": "high"}],
     "opportunities": [{"id": "op-fees", "description": "Show fees early", "addresses": ["pp-fees"]}],
     "kpis": [{"name": "Conversion", "target": 0.4, "unit": "ratio"}, {"name": "Errors"}],
     "evidence": [{"source": "Survey"}, {"source": "Analytics"}]},
    {"id": "home", "name": "Home", "stage": "visit", "channel": "store", "description": "Front page"},
    {"id": "cart", "name": "Cart", "stage": "buy", "channel": "web", "emotion": {"score": 0}}]}"#;

#[test]
fn csv_text_is_exact() {
    let map = JourneyMap::from_json(SHOP).unwrap();
    let text = touchpoints_csv(&map).unwrap();
    let expected = format!(
        "{}\n{}\n{}\n{}\n",
        COLUMNS.join(","),
        "1,visit,Visit,1,home,Home,Front page,store,Store,physical,,,,step,,,,,0,,0,,0",
        "2,buy,Buy,1,pay,Pay,,web,Website,digital,shop,Shop team,ann; bob,conversion,-2,anxious,\"Enters card\nConfirms, then waits\",pp-fees [high] Fees shown late,1,op-fees [idea] Show fees early,1,\"Conversion: 0.4 ratio\nErrors\",2",
        "2,buy,Buy,2,cart,Cart,,web,Website,digital,,,,step,0,,,,0,,0,,0",
    );
    assert_eq!(text, expected);
}

fn read(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn every_row_has_every_column_and_rows_follow_stage_order() {
    for dir in ["schema/examples", "tests/fixtures/render"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let map = JourneyMap::from_path(&path).unwrap();
            let rows = read(&touchpoints_csv(&map).unwrap());
            assert_eq!(rows[0], COLUMNS, "{}", path.display());
            assert_eq!(rows.len(), map.touchpoints().len() + 1);
            let orders: Vec<usize> = rows[1..].iter().map(|r| r[0].parse().unwrap()).collect();
            assert!(
                orders.windows(2).all(|w| w[0] <= w[1]),
                "{}",
                path.display()
            );
            for row in &rows[1..] {
                assert_eq!(row.len(), COLUMNS.len());
                let stage = map.stage_position(row[1].trim_start_matches('\'')).unwrap();
                assert_eq!(row[0], (stage + 1).to_string());
            }
        }
    }
}

#[test]
fn hostile_text_survives_quoting() {
    let map = JourneyMap::from_path(root().join("tests/fixtures/render/hostile.json")).unwrap();
    let rows = read(&touchpoints_csv_with(&map, &CsvOptions::raw()).unwrap());
    for tp in map.touchpoints() {
        let row = rows.iter().find(|r| r[4] == tp.id.as_str()).unwrap();
        assert_eq!(
            row[5], tp.name,
            "names with quotes, commas and line breaks read back"
        );
        assert_eq!(row[16], tp.actions.join("\n"));
    }
}

#[test]
fn formulas_are_neutralised_in_text_cells_only() {
    let map = JourneyMap::from_path(root().join("tests/fixtures/render/hostile.json")).unwrap();
    let rows = read(&touchpoints_csv(&map).unwrap());
    let header = &rows[0];
    let number_columns = [
        "stage_order",
        "touchpoint_order",
        "emotion_score",
        "pain_point_count",
        "opportunity_count",
        "evidence_count",
    ];
    let mut neutralised = 0;
    for row in &rows[1..] {
        for (name, cell) in header.iter().zip(row) {
            if number_columns.contains(&name.as_str()) {
                assert!(
                    cell.is_empty() || cell.parse::<i64>().is_ok(),
                    "{name} = {cell:?} must stay a number"
                );
                continue;
            }
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "{name} = {cell:?} could run as a formula"
            );
            if cell.starts_with('\'') {
                neutralised += 1;
            }
        }
    }
    // The hostile map starts five text cells like formulas: two emotion
    // labels, an action list, an owner name and a KPI list.
    assert_eq!(neutralised, 5);
    // The negative score is a plain number.
    let tp1 = rows.iter().find(|r| r[4] == "tp-1").unwrap();
    assert_eq!(tp1[14], "-2");
    assert_eq!(tp1[15], "'=SUM(A1:A9)");
    assert_eq!(tp1[11], "'@team -ops");
    assert_eq!(tp1[16], "'-1 + 2\n@mention\n\tTabbed\nline1\nline2");

    // Raw output keeps the text as written.
    let raw = read(&touchpoints_csv_with(&map, &CsvOptions::raw()).unwrap());
    let tp1 = raw.iter().find(|r| r[4] == "tp-1").unwrap();
    assert_eq!(tp1[15], "=SUM(A1:A9)");
}

#[test]
fn full_width_formula_characters_are_neutralised() {
    let map = JourneyMap::from_json(
        r#"{"name": "x", "stages": [{"id": "s", "name": "＝cmd"}],
        "channels": [{"id": "w", "name": "＋w", "kind": "digital"}],
        "touchpoints": [{"id": "t", "name": "\tname", "stage": "s", "channel": "w"}]}"#,
    )
    .unwrap();
    let rows = read(&touchpoints_csv(&map).unwrap());
    assert_eq!(rows[1][2], "'＝cmd");
    assert_eq!(rows[1][5], "'\tname");
    assert_eq!(rows[1][8], "'＋w");
}
