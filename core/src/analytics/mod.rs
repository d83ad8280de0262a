//! Analyse real event logs against the map.
