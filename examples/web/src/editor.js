// The touchpoint form: name, emotion, pain points and opportunities of one
// touchpoint. Every committed change (a `change` event) builds the whole
// touchpoint and hands it to `commit`, which applies it with the package's
// `updateTouchpoint`; a refused change leaves the map as it was and the
// error is shown next to the form until the next accepted change.

/** @typedef {import("journeymap").JourneyMap} JourneyMap */
/** @typedef {import("journeymap").Touchpoint} Touchpoint */
/** @typedef {import("journeymap").ErrorInfo} ErrorInfo */

const SEVERITIES = ["low", "medium", "high", "critical"];
const STATUSES = ["idea", "planned", "in_progress", "done", "rejected"];
const LABELS = { in_progress: "in progress" };

/**
 * @param {object} options
 * @param {HTMLFormElement} options.form
 * @param {() => JourneyMap | null} options.map the current map
 * @param {(touchpoint: Touchpoint) => ErrorInfo | null} options.commit applies an edit; the error if refused
 * @param {(id: string) => void} options.onSelect told when the user picks another touchpoint
 */
export function createEditor({ form, map, commit, onSelect }) {
  const select = /** @type {HTMLSelectElement} */ (form.querySelector("#tp-select"));
  const fields = /** @type {HTMLFieldSetElement} */ (form.querySelector("#tp-fields"));
  const errorBox = /** @type {HTMLElement} */ (form.querySelector("#edit-error"));
  const status = /** @type {HTMLElement} */ (form.querySelector("#edit-status"));
  const lists = {
    pain_points: /** @type {HTMLUListElement} */ (form.querySelector("#pain-points")),
    opportunities: /** @type {HTMLUListElement} */ (form.querySelector("#opportunities")),
  };
  const input = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

  /** @type {string | null} */
  let current = null;

  /** Ids of the map's pain points and opportunities, and of rows not yet in it. */
  function takenIds() {
    const taken = new Set();
    for (const tp of map()?.touchpoints ?? []) {
      for (const p of tp.pain_points ?? []) taken.add(p.id);
      for (const o of tp.opportunities ?? []) taken.add(o.id);
    }
    for (const row of form.querySelectorAll("li[data-id]")) taken.add(/** @type {HTMLElement} */ (row).dataset.id);
    return taken;
  }

  /**
   * A new id for a pain point or an opportunity of the current touchpoint.
   * @param {"pain_points" | "opportunities"} list
   */
  function newId(list) {
    const stem = `${list === "pain_points" ? "pp" : "op"}-${(current ?? "tp").replace(/^tp-/, "")}`;
    const taken = takenIds();
    for (let n = 1; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
  }

  /**
   * One row of a list: description, severity or status, and a remove button.
   * `item` is the value in the map (undefined for a row added in the form).
   * @param {"pain_points" | "opportunities"} list
   * @param {{id: string, description: string, severity?: string, status?: string} | undefined} item
   * @param {string} id
   */
  function row(list, item, id) {
    const li = document.createElement("li");
    li.dataset.id = id;
    li.dataset.saved = item ? "true" : "false";
    const text = document.createElement("input");
    text.name = "description";
    text.value = item?.description ?? "";
    text.placeholder = list === "pain_points" ? "What hurts here?" : "What could be better?";
    text.setAttribute("aria-label", list === "pain_points" ? "Pain point" : "Opportunity");
    const choice = document.createElement("select");
    choice.name = list === "pain_points" ? "severity" : "status";
    choice.setAttribute("aria-label", list === "pain_points" ? "Severity" : "Status");
    for (const value of list === "pain_points" ? SEVERITIES : STATUSES) {
      choice.append(new Option(LABELS[/** @type {keyof LABELS} */ (value)] ?? value, value));
    }
    choice.value = (list === "pain_points" ? item?.severity : item?.status) ?? (list === "pain_points" ? "medium" : "idea");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "small";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove ${list === "pain_points" ? "pain point" : "opportunity"}`);
    remove.addEventListener("click", () => {
      const saved = li.dataset.saved === "true";
      li.remove();
      if (saved) apply();
    });
    li.append(text, choice, remove);
    return li;
  }

  /** Fills the form from the map's touchpoint `current`. */
  function fill() {
    hideError();
    const tp = current ? map()?.touchpoint(current) : undefined;
    fields.disabled = !tp;
    input("name").value = tp?.name ?? "";
    input("score").value = tp?.emotion ? String(tp.emotion.score) : "";
    input("label").value = tp?.emotion?.label ?? "";
    for (const list of /** @type {const} */ (["pain_points", "opportunities"])) {
      lists[list].replaceChildren(...(tp?.[list] ?? []).map((item) => row(list, item, item.id)));
    }
  }

  /**
   * The touchpoint as the form describes it: the map's touchpoint with the
   * form's fields. Rows added in the form and still empty are left out.
   */
  function fromForm() {
    const tp = /** @type {Touchpoint} */ (map()?.touchpoint(/** @type {string} */ (current)));
    tp.name = input("name").value;
    const score = input("score").value.trim();
    const label = input("label").value.trim();
    if (score === "" && label === "") delete tp.emotion;
    else {
      // The number as typed; the package checks the range. A label without a
      // score is handed over as it is and refused by the package.
      /** @type {any} */
      const emotion = {};
      if (score !== "") emotion.score = Number(score);
      if (label !== "") emotion.label = label;
      tp.emotion = emotion;
    }
    for (const list of /** @type {const} */ (["pain_points", "opportunities"])) {
      const before = new Map((tp[list] ?? []).map((item) => [item.id, item]));
      const key = list === "pain_points" ? "severity" : "status";
      const fallback = list === "pain_points" ? "medium" : "idea";
      /** @type {any[]} */
      const items = [];
      for (const li of lists[list].children) {
        const { id, saved } = /** @type {HTMLElement} */ (li).dataset;
        const description = /** @type {HTMLInputElement} */ (li.querySelector("input")).value;
        const choice = /** @type {HTMLSelectElement} */ (li.querySelector("select")).value;
        if (saved !== "true" && description.trim() === "") continue;
        /** @type {any} */
        const item = { ...(before.get(id) ?? { id }), description };
        // Keep an absent severity or status absent while it is the default.
        if (item[key] !== undefined || choice !== fallback) item[key] = choice;
        items.push(item);
      }
      if (items.length) tp[list] = items;
      else delete tp[list];
    }
    return tp;
  }

  function apply() {
    if (!current) return;
    const error = commit(fromForm());
    if (error) {
      showError(error);
      return;
    }
    hideError();
    for (const li of form.querySelectorAll("li[data-id]")) {
      const el = /** @type {HTMLElement} */ (li);
      if (/** @type {HTMLInputElement} */ (el.querySelector("input")).value.trim() !== "") el.dataset.saved = "true";
    }
    status.textContent = `Saved · ${new Date().toLocaleTimeString()}`;
  }

  /** @param {ErrorInfo} error */
  function showError(error) {
    errorBox.hidden = false;
    /** @type {HTMLElement} */ (errorBox.querySelector(".code")).textContent = error.code;
    /** @type {HTMLElement} */ (errorBox.querySelector(".message")).textContent = error.message;
    /** @type {HTMLElement} */ (errorBox.querySelector(".path")).textContent = error.path || "(the touchpoint)";
    errorBox.dataset.code = error.code;
    status.textContent = "";
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    const relative = (error.path ?? "").replace(/^\/touchpoints\/\d+/, "");
    const item = /^\/(pain_points|opportunities)\/(\d+)/.exec(relative);
    /** @type {Element | null | undefined} */
    let field = form.querySelector(`[data-path="${CSS.escape(relative)}"]`);
    if (item) field = lists[/** @type {"pain_points" | "opportunities"} */ (item[1])].querySelectorAll("li")[Number(item[2])]?.querySelector("input");
    field?.setAttribute("aria-invalid", "true");
  }

  function hideError() {
    errorBox.hidden = true;
    delete errorBox.dataset.code;
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  }

  form.addEventListener("change", (event) => {
    if (event.target === select) return;
    apply();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  select.addEventListener("change", () => {
    current = select.value;
    status.textContent = "";
    fill();
    onSelect(current);
  });
  for (const button of form.querySelectorAll("[data-add]")) {
    button.addEventListener("click", () => {
      const list = /** @type {"pain_points" | "opportunities"} */ (/** @type {HTMLElement} */ (button).dataset.add);
      const li = row(list, undefined, newId(list));
      lists[list].append(li);
      li.querySelector("input")?.focus();
    });
  }
  form.querySelector("#revert")?.addEventListener("click", () => {
    fill();
    status.textContent = "Edit discarded";
  });

  return {
    /** Refills the touchpoint list and the form from the map (after loading or undoing). */
    reload() {
      const m = map();
      const touchpoints = m?.touchpoints ?? [];
      if (!touchpoints.some((tp) => tp.id === current)) current = touchpoints[0]?.id ?? null;
      const stages = new Map((m?.stages ?? []).map((s) => [s.id, s.name]));
      select.replaceChildren(
        ...touchpoints.map((tp) => new Option(`${stages.get(tp.stage) ?? tp.stage} · ${tp.name}`, tp.id)),
      );
      select.disabled = touchpoints.length === 0;
      if (current) select.value = current;
      status.textContent = "";
      fill();
    },
    /** Shows another touchpoint. @param {string} id */
    select(id) {
      current = id;
      select.value = id;
      status.textContent = "";
      fill();
    },
    /** Updates the names in the touchpoint list after an accepted edit. */
    refreshNames() {
      const m = map();
      if (!m) return;
      const stages = new Map(m.stages.map((s) => [s.id, s.name]));
      for (const option of select.options) {
        const tp = m.touchpoint(option.value);
        if (tp) option.textContent = `${stages.get(tp.stage) ?? tp.stage} · ${tp.name}`;
      }
    },
    get current() {
      return current;
    },
  };
}
