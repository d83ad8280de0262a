//! Replays every fuzz corpus (fuzz/corpus/<target>/) through its target on
//! stable Rust (no fuzzing): the seeds, and every finding once fixed, keep
//! passing. The targets are fuzz/src/targets.rs, shared with the libFuzzer
//! binaries that `fuzz/run` builds.

#[path = "../../fuzz/src/targets.rs"]
mod targets;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn every_corpus_input_replays_without_a_finding() {
    let mut total = 0;
    for (name, target) in targets::TARGETS {
        let dir = format!("{ROOT}/fuzz/corpus/{name}");
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "{dir} has no seed");
        for path in inputs {
            let data = std::fs::read(&path).unwrap();
            // A panic names the input that caused it.
            let run = std::panic::catch_unwind(|| target(&data));
            assert!(run.is_ok(), "{name}: {} fails", path.display());
            total += 1;
        }
    }
    assert!(total >= targets::TARGETS.len());
}
