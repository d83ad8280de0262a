//! Render a journey map: SVG canvas, Mermaid, Graphviz DOT, CSV.
