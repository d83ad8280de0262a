//! The maps and the log the documentation's examples share, hidden in them
//! (`# let map = journeymap::doc_support::shop_map();`) so that an example
//! shows the call it documents, not the same map pasted once more. Not part
//! of the API: it may change with any release.

use crate::analytics::{CsvOptions, EventLog};
use crate::JourneyMap;

/// The shop map: two stages (visit, buy), two channels (web, mail), three
/// touchpoints (promo by mail, home with a planned emotion, pay the
/// conversion) and the transitions promo -> home -> pay.
pub const SHOP_MAP: &str = r#"{"name": "Shop",
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
  "channels": [{"id": "web", "name": "Web", "kind": "digital"},
               {"id": "mail", "name": "Mail", "kind": "digital"}],
  "touchpoints": [
    {"id": "promo", "name": "Promo", "stage": "visit", "channel": "mail"},
    {"id": "home", "name": "Home", "stage": "visit", "channel": "web",
     "emotion": {"score": 1, "label": "curious"}},
    {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
  "transitions": [{"from": "promo", "to": "home"}, {"from": "home", "to": "pay"}]}"#;

/// A log of two customers on [`SHOP_MAP`]: c1 (segment b2c) goes promo,
/// home twice, pay (value 40) with a score of 2 at home; c2 (b2b) sees home
/// with a score of -1, then an unknown `chat` event.
pub const SHOP_CSV: &str = "customer_id,timestamp,touchpoint,event,value,score,segment\n\
           c1,2026-03-01T09:00:00Z,promo,,,,b2c\n\
           c1,2026-03-03T09:00:00Z,home,,,2,b2c\n\
           c1,2026-03-03T09:00:05Z,home,,,,b2c\n\
           c1,2026-03-03T09:10:00Z,pay,,40,,b2c\n\
           c2,2026-03-01T10:00:00Z,home,,,-1,b2b\n\
           c2,2026-03-01T10:05:00Z,,chat,,,b2b\n";

/// [`SHOP_MAP`], read.
///
/// ```
/// assert_eq!(journeymap::doc_support::shop_map().touchpoints().len(), 3);
/// ```
pub fn shop_map() -> JourneyMap {
    // A constant document, valid by its own test below.
    JourneyMap::from_json(SHOP_MAP).expect("the shop map is valid")
}

/// [`SHOP_CSV`] read against `map` (the shop map).
///
/// ```
/// let map = journeymap::doc_support::shop_map();
/// assert_eq!(journeymap::doc_support::shop_log(&map).customers(), 2);
/// ```
pub fn shop_log(map: &JourneyMap) -> EventLog {
    // A constant log of the constant map, valid by its own test below.
    EventLog::from_csv(SHOP_CSV.as_bytes(), map, &CsvOptions::default())
        .expect("the shop log reads")
}

/// The shop map with people: personas (buyer, browser), a team (growth,
/// owning promo), `home` for buyers only, and an objective (sales,
/// converting at pay); the examples of the map's own methods use it.
pub const TEAM_SHOP_MAP: &str = r#"{"name": "Shop",
  "personas": [{"id": "buyer", "name": "Buyer"}, {"id": "browser", "name": "Browser"}],
  "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
  "channels": [{"id": "web", "name": "Web", "kind": "digital"},
               {"id": "mail", "name": "Mail", "kind": "digital"}],
  "teams": [{"id": "growth", "name": "Growth"}],
  "touchpoints": [
    {"id": "promo", "name": "Promo", "stage": "visit", "channel": "mail", "owner": "growth"},
    {"id": "home", "name": "Home", "stage": "visit", "channel": "web", "personas": ["buyer"]},
    {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
  "transitions": [{"from": "promo", "to": "home"}, {"from": "home", "to": "pay"}],
  "objectives": [{"id": "sales", "name": "Sales", "conversion": {"touchpoint": "pay"}}]}"#;

/// [`TEAM_SHOP_MAP`], read.
///
/// ```
/// assert_eq!(journeymap::doc_support::team_shop_map().personas().len(), 2);
/// ```
pub fn team_shop_map() -> JourneyMap {
    // A constant document, valid by its own test below.
    JourneyMap::from_json(TEAM_SHOP_MAP).expect("the team shop map is valid")
}

/// A map of one stage `s`, one channel `w` and one touchpoint `home`.
///
/// ```
/// assert!(journeymap::doc_support::home_map().touchpoint("home").is_some());
/// ```
pub fn home_map() -> JourneyMap {
    one_touchpoint(r#"{"id":"home","name":"Home","stage":"s","channel":"w"}"#)
}

/// [`home_map`] with `home` matched by events named `view`.
///
/// ```
/// let map = journeymap::doc_support::view_map();
/// assert_eq!(map.touchpoint("home").unwrap().match_rules.len(), 1);
/// ```
pub fn view_map() -> JourneyMap {
    one_touchpoint(
        r#"{"id":"home","name":"Home","stage":"s","channel":"w","match":[{"event":"view"}]}"#,
    )
}

/// [`home_map`] with `home` matched by `view` events whose `page` is `/`.
///
/// ```
/// let map = journeymap::doc_support::page_view_map();
/// assert_eq!(map.touchpoint("home").unwrap().match_rules.len(), 1);
/// ```
pub fn page_view_map() -> JourneyMap {
    one_touchpoint(
        r#"{"id":"home","name":"Home","stage":"s","channel":"w","match":[{"event":"view","attributes":{"page":"/"}}]}"#,
    )
}

/// A map of one stage `s` and nothing else.
///
/// ```
/// assert_eq!(journeymap::doc_support::stage_map().stages().len(), 1);
/// ```
pub fn stage_map() -> JourneyMap {
    // A constant document: one stage.
    JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"s","name":"S"}]}"#)
        .expect("one stage is a valid map")
}

fn one_touchpoint(touchpoint: &str) -> JourneyMap {
    let text = format!(
        r#"{{"name":"x","stages":[{{"id":"s","name":"S"}}],"channels":[{{"id":"w","name":"W","kind":"digital"}}],"touchpoints":[{touchpoint}]}}"#
    );
    // Constant documents, each checked by its function's example.
    JourneyMap::from_json(&text).expect("a one-touchpoint map is valid")
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_fixture_reads() {
        let map = super::shop_map();
        assert_eq!(super::shop_log(&map).len(), 6);
        super::home_map();
        super::view_map();
        super::page_view_map();
        super::stage_map();
        super::team_shop_map();
    }
}
