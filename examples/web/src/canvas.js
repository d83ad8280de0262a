// The journey canvas: the SVG document the package renders, shown inline,
// fitted to the width of its viewport, with zoom (buttons, Ctrl + wheel) and
// pan (drag). The viewport scrolls; zooming changes the SVG's CSS width.

const SVG_NS = "http://www.w3.org/2000/svg";
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 8;

/**
 * @param {HTMLElement} viewport the scrolling element holding the SVG
 * @param {(zoom: number) => void} onZoom told the zoom factor (1 = fit to width)
 */
export function createCanvas(viewport, onZoom) {
  /** @type {SVGSVGElement | null} */
  let svg = null;
  let zoom = 1;

  function apply() {
    if (svg) svg.style.width = `${zoom * 100}%`;
    onZoom(zoom);
  }

  /**
   * Zooms to `next`, keeping the point at (x, y) of the viewport in place.
   * @param {number} next
   * @param {number} [x]
   * @param {number} [y]
   */
  function setZoom(next, x = viewport.clientWidth / 2, y = viewport.clientHeight / 2) {
    next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
    const ratio = next / zoom;
    const left = (viewport.scrollLeft + x) * ratio - x;
    const top = (viewport.scrollTop + y) * ratio - y;
    zoom = next;
    apply();
    viewport.scrollLeft = left;
    viewport.scrollTop = top;
  }

  viewport.addEventListener(
    "wheel",
    (event) => {
      if (!svg || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      const box = viewport.getBoundingClientRect();
      setZoom(zoom * Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
    },
    { passive: false },
  );

  viewport.addEventListener("keydown", (event) => {
    if (event.key === "+" || event.key === "=") setZoom(zoom * 1.25);
    else if (event.key === "-") setZoom(zoom / 1.25);
    else if (event.key === "0") setZoom(1);
  });

  // Pan by dragging (mouse, pen or touch).
  /** @type {{x: number, y: number, left: number, top: number, id: number} | null} */
  let drag = null;
  viewport.addEventListener("pointerdown", (event) => {
    if (!svg || event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, id: event.pointerId };
    viewport.setPointerCapture(event.pointerId);
    viewport.classList.add("dragging");
  });
  viewport.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    viewport.scrollLeft = drag.left - (event.clientX - drag.x);
    viewport.scrollTop = drag.top - (event.clientY - drag.y);
  });
  const endDrag = (/** @type {PointerEvent} */ event) => {
    if (!drag || event.pointerId !== drag.id) return;
    drag = null;
    viewport.classList.remove("dragging");
  };
  viewport.addEventListener("pointerup", endDrag);
  viewport.addEventListener("pointercancel", endDrag);

  return {
    zoomIn: () => setZoom(zoom * 1.25),
    zoomOut: () => setZoom(zoom / 1.25),
    fit: () => setZoom(1),

    /**
     * Shows an SVG document as the package renders it (self-contained, every
     * text escaped). It is parsed as XML, never as HTML, and adopted into the
     * page; the zoom and scroll position are kept.
     * @param {string} text
     */
    show(text) {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      const root = doc.documentElement;
      if (root.namespaceURI !== SVG_NS || root.localName !== "svg") {
        throw new Error("the canvas is not an SVG document");
      }
      const next = /** @type {SVGSVGElement} */ (document.importNode(root, true));
      const [, , w, h] = (next.getAttribute("viewBox") ?? "0 0 960 540").split(/[\s,]+/).map(Number);
      next.removeAttribute("width");
      next.removeAttribute("height");
      next.style.aspectRatio = `${w} / ${h}`;
      next.classList.add("journey");
      const { scrollLeft, scrollTop } = viewport;
      viewport.replaceChildren(next);
      svg = next;
      apply();
      viewport.scrollLeft = scrollLeft;
      viewport.scrollTop = scrollTop;
    },

    /** Removes the canvas, showing `placeholder` instead. */
    clear(/** @type {Node} */ placeholder) {
      svg = null;
      viewport.replaceChildren(placeholder);
    },

    /** The SVG element shown, if any. */
    get svg() {
      return svg;
    },

    /**
     * Outlines an element of the SVG and scrolls it into view; `null` removes
     * the outline.
     * @param {SVGGraphicsElement | null} element
     */
    highlight(element) {
      svg?.querySelector(".jm-highlight")?.remove();
      if (!svg || !element) return;
      const box = element.getBBox();
      const pad = 6;
      const rect = document.createElementNS(SVG_NS, "rect");
      rect.setAttribute("class", "jm-highlight");
      rect.setAttribute("x", String(box.x - pad));
      rect.setAttribute("y", String(box.y - pad));
      rect.setAttribute("width", String(box.width + 2 * pad));
      rect.setAttribute("height", String(box.height + 2 * pad));
      rect.setAttribute("rx", "10");
      svg.append(rect);
      const target = rect.getBoundingClientRect();
      const view = viewport.getBoundingClientRect();
      viewport.scrollBy({
        left: target.left + target.width / 2 - (view.left + view.width / 2),
        top: target.top + target.height / 2 - (view.top + view.height / 2),
        behavior: "smooth",
      });
    },
  };
}
