//! Renders a journey-map document as an SVG canvas.
//!
//! ```text
//! cargo run -p journeymap --example render_svg -- schema/examples/coffee-maker.json [persona-id] > map.svg
//! ```
//!
//! The pictures in `docs/` are these SVGs of `schema/examples/*.json`
//! converted with `rsvg-convert map.svg -o docs/<name>.png`.

use journeymap::render::svg::SvgOptions;
use journeymap::JourneyMap;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: render_svg <map.json> [persona-id]");
        std::process::exit(2);
    };
    let mut options = SvgOptions::new();
    if let Some(persona) = args.next() {
        options = options.persona(persona);
    }
    let result = JourneyMap::from_path(&path).and_then(|map| map.to_svg(&options));
    match result {
        Ok(svg) => print!("{svg}"),
        Err(e) => {
            eprintln!("{path}: {} ({})", e, e.code());
            std::process::exit(1);
        }
    }
}
