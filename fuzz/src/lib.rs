//! journeymap's fuzz targets, shared by the libFuzzer binaries
//! (`fuzz_targets/`) and the corpus replay in `core/tests/fuzz_corpora.rs`.

pub mod targets;
