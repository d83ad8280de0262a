// The lint rules' codes and names as TypeScript types.
// Generated from schema/lint-rules.json (the core library's catalogue) by
// scripts/gen-types.mjs: do not edit, run `node scripts/gen-types.mjs`.

/** The stable code of a lint rule. */
export type LintRuleCode =
  | "JM-L000"
  | "JM-L001"
  | "JM-L002"
  | "JM-L003"
  | "JM-L004"
  | "JM-L005"
  | "JM-L006"
  | "JM-L007"
  | "JM-L008"
  | "JM-L009"
  | "JM-L010"
  | "JM-L011"
  | "JM-L012"
  | "JM-L013"
  | "JM-L014"
  | "JM-L015"
  | "JM-L016"
  | "JM-L017"
  | "JM-L018"
  | "JM-L019"
  | "JM-L020"
  | "JM-L021";

/** The stable name of a lint rule. */
export type LintRuleName =
  | "unknown-lint-rule"
  | "stage-without-touchpoints"
  | "unreachable-touchpoint"
  | "dead-end"
  | "competing-paths"
  | "unmarked-backward-transition"
  | "pain-point-without-opportunity"
  | "touchpoint-without-owner"
  | "persona-without-journey"
  | "only-digital-channels"
  | "no-negative-emotion"
  | "step-without-evidence"
  | "tone-change"
  | "purpose-change"
  | "duplicate-touchpoint"
  | "objective-without-kpi"
  | "kpi-without-target"
  | "review-overdue"
  | "never-reviewed"
  | "review-date-in-future"
  | "map-without-objective"
  | "map-without-persona";

/**
 * A lint rule as settings name it: by code or by name. (The library also
 * takes them in any letter case; the types take the canonical spelling.)
 */
export type LintRuleId = LintRuleCode | LintRuleName;
