//! Resolving events to touchpoints: by touchpoint id, or by the touchpoints'
//! `match` rules applied to raw fields (event name, channel, attributes).
//!
//! Tie rule: when several touchpoints have a matching rule, the first
//! touchpoint in document order wins (within a touchpoint, rules are tried
//! in order; any one matching is enough).

use hashbrown::HashMap;

use crate::JourneyMap;

/// One compiled rule.
#[derive(Clone, Debug)]
struct Rule {
    touchpoint: u32,
    event: Option<Box<str>>,
    event_prefix: Option<Box<str>>,
    channel: Option<Box<str>>,
    /// (attribute slot, value): slots index [`Matcher::attribute_keys`].
    attributes: Vec<(usize, Box<str>)>,
    attribute_prefixes: Vec<(usize, Box<str>)>,
}

impl Rule {
    /// Whether the event-name conditions hold.
    fn name_ok(&self, event: Option<&str>) -> bool {
        if let Some(want) = &self.event {
            if event != Some(&**want) {
                return false;
            }
        }
        if let Some(prefix) = &self.event_prefix {
            if !event.is_some_and(|e| e.starts_with(&**prefix)) {
                return false;
            }
        }
        true
    }

    /// Whether the rule has no condition besides the event name.
    fn name_only(&self) -> bool {
        self.channel.is_none() && self.attributes.is_empty() && self.attribute_prefixes.is_empty()
    }

    /// Whether the channel and attribute conditions hold.
    fn rest_ok<'a>(&self, channel: Option<&str>, attr: &impl Fn(usize) -> Option<&'a str>) -> bool {
        if let Some(want) = &self.channel {
            if channel != Some(&**want) {
                return false;
            }
        }
        self.attributes.iter().all(|(k, v)| attr(*k) == Some(&**v))
            && self
                .attribute_prefixes
                .iter()
                .all(|(k, p)| attr(*k).is_some_and(|v| v.starts_with(&**p)))
    }
}

/// Rules that may match events of one name, in tie-rule order.
#[derive(Clone, Debug)]
enum Candidates {
    /// The answer does not depend on channel or attributes.
    Fixed(Option<u32>),
    /// Rules to try in order (the last may be name-only).
    Check(Box<[u32]>),
}

/// Most distinct event names whose candidate rules are cached.
const CACHE_LIMIT: usize = 1 << 16;

/// Compiled `match` rules of a map.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    rules: Vec<Rule>,
    cache: HashMap<Box<str>, Candidates>,
    unnamed: Candidates,
    attribute_keys: Vec<String>,
}

impl Matcher {
    pub(crate) fn new(map: &JourneyMap) -> Self {
        let mut keys = std::collections::BTreeSet::new();
        for tp in map.touchpoints() {
            for r in &tp.match_rules {
                keys.extend(r.attributes.keys().cloned());
                keys.extend(r.attribute_prefixes.keys().cloned());
            }
        }
        let attribute_keys: Vec<String> = keys.into_iter().collect();
        let slots = |m: &std::collections::BTreeMap<String, String>| {
            m.iter()
                .map(|(k, v)| {
                    // Every key was collected above.
                    let slot = attribute_keys.binary_search(k).unwrap_or(0);
                    (slot, v.as_str().into())
                })
                .collect::<Vec<_>>()
        };
        let mut rules = Vec::new();
        for (i, tp) in map.touchpoints().iter().enumerate() {
            for r in &tp.match_rules {
                rules.push(Rule {
                    // A map holds at most `Limits::max_entities` touchpoints.
                    touchpoint: u32::try_from(i).unwrap_or(u32::MAX),
                    event: r.event.as_deref().map(Into::into),
                    event_prefix: r.event_prefix.as_deref().map(Into::into),
                    channel: r.channel.as_deref().map(Into::into),
                    attributes: slots(&r.attributes),
                    attribute_prefixes: slots(&r.attribute_prefixes),
                });
            }
        }
        let mut m = Matcher {
            rules,
            cache: HashMap::new(),
            unnamed: Candidates::Fixed(None),
            attribute_keys,
        };
        m.unnamed = m.candidates(None);
        m
    }

    /// Attribute names that some rule looks at.
    pub(crate) fn attribute_keys(&self) -> &[String] {
        &self.attribute_keys
    }

    fn candidates(&self, event: Option<&str>) -> Candidates {
        let mut list = Vec::new();
        for (i, r) in self.rules.iter().enumerate() {
            if r.name_ok(event) {
                // Rule count is bounded by the map's limits.
                list.push(u32::try_from(i).unwrap_or(u32::MAX));
                if r.name_only() {
                    break;
                }
            }
        }
        match list.first() {
            None => Candidates::Fixed(None),
            Some(&first) if self.rules[first as usize].name_only() => {
                Candidates::Fixed(Some(self.rules[first as usize].touchpoint))
            }
            _ => Candidates::Check(list.into_boxed_slice()),
        }
    }

    fn check<'a>(
        rules: &[Rule],
        list: &[u32],
        channel: Option<&str>,
        attr: &impl Fn(usize) -> Option<&'a str>,
    ) -> Option<u32> {
        list.iter()
            .map(|&i| &rules[i as usize])
            .find(|r| r.rest_ok(channel, attr))
            .map(|r| r.touchpoint)
    }

    /// The touchpoint (index) a raw event resolves to, if any. Empty event
    /// names and channels count as absent; `attr(slot)` gives the value of
    /// attribute [`Matcher::attribute_keys`]`[slot]`, if present.
    pub(crate) fn resolve<'a>(
        &mut self,
        event: Option<&str>,
        channel: Option<&str>,
        attr: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<u32> {
        let event = event.filter(|e| !e.is_empty());
        let channel = channel.filter(|c| !c.is_empty());
        let Some(name) = event else {
            return match &self.unnamed {
                Candidates::Fixed(t) => *t,
                Candidates::Check(list) => Self::check(&self.rules, list, channel, &attr),
            };
        };
        if let Some(c) = self.cache.get(name) {
            return match c {
                Candidates::Fixed(t) => *t,
                Candidates::Check(list) => Self::check(&self.rules, list, channel, &attr),
            };
        }
        let c = self.candidates(Some(name));
        let found = match &c {
            Candidates::Fixed(t) => *t,
            Candidates::Check(list) => Self::check(&self.rules, list, channel, &attr),
        };
        if self.cache.len() < CACHE_LIMIT {
            self.cache.insert(name.into(), c);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::Matcher;
    use crate::JourneyMap;

    fn map() -> JourneyMap {
        JourneyMap::from_json(
            r#"{"name":"m","stages":[{"id":"s","name":"S"}],
            "channels":[{"id":"w","name":"W","kind":"digital"}],
            "touchpoints":[
              {"id":"a","name":"A","stage":"s","channel":"w","match":[{"event":"view","attributes":{"page":"home"}}]},
              {"id":"b","name":"B","stage":"s","channel":"w","match":[{"event_prefix":"vi","attribute_prefixes":{"page":"/p/"}}]},
              {"id":"c","name":"C","stage":"s","channel":"w","match":[{"event":"view"}, {"channel":"email"}]},
              {"id":"d","name":"D","stage":"s","channel":"w","match":[{"event":"view"}]}
            ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn first_matching_touchpoint_in_document_order_wins() {
        let mut m = Matcher::new(&map());
        let attrs = |page: &'static str| move |slot: usize| (slot == 0).then_some(page);
        assert_eq!(m.resolve(Some("view"), None, attrs("home")), Some(0));
        assert_eq!(m.resolve(Some("view"), None, attrs("/p/1")), Some(1));
        assert_eq!(m.resolve(Some("view"), None, attrs("/x")), Some(2));
        assert_eq!(m.resolve(Some("visit"), None, attrs("/p/9")), Some(1));
        assert_eq!(m.resolve(Some("visit"), None, attrs("/x")), None);
        assert_eq!(m.resolve(Some("open"), Some("email"), |_| None), Some(2));
        assert_eq!(m.resolve(None, Some("email"), |_| None), Some(2));
        assert_eq!(m.resolve(Some(""), Some(""), |_| None), None);
        assert_eq!(m.attribute_keys(), ["page"]);
    }
}
