import { selectorMatches } from './label-selector';
import type { ClusterRole, PolicyRule } from './types';

/** A rule of a resolved role, with the ClusterRole it was aggregated from, if any. */
export interface ResolvedRule {
  rule: PolicyRule;
  /** Index of the rule in the role's effective rule list. */
  index: number;
  /** For an aggregated ClusterRole: the ClusterRole this rule came from. */
  aggregatedFrom?: string;
}

export interface AggregationResult {
  /** Effective rules of every ClusterRole, by name. */
  rules: Map<string, ResolvedRule[]>;
  /** Aggregated roles whose stored rules differ from what aggregation computes. */
  warnings: string[];
}

/** A key that is equal for rules the API server treats as equal (nil and empty lists alike). */
export function ruleKey(rule: PolicyRule): string {
  const list = (l: string[] | undefined) => (l && l.length > 0 ? l : []);
  return JSON.stringify([
    list(rule.verbs),
    list(rule.apiGroups),
    list(rule.resources),
    list(rule.resourceNames),
    list(rule.nonResourceURLs),
  ]);
}

/**
 * Resolves aggregated ClusterRoles as the aggregation controller leaves them: for each selector
 * in order, the matching ClusterRoles (by name, never the role itself) contribute their rules,
 * de-duplicated. When they contribute none, the role keeps its stored rules. Chains are followed by iterating to a fixed point, since the controller
 * aggregates the matched roles' own (already aggregated) rules.
 */
export function resolveAggregation(clusterRoles: readonly ClusterRole[]): AggregationResult {
  const rules = new Map<string, ResolvedRule[]>();
  const byName = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const role of clusterRoles) {
    rules.set(
      role.name,
      role.rules.map((rule, index) => ({ rule, index })),
    );
  }
  const aggregated = clusterRoles.filter((r) => r.aggregationRule);
  if (aggregated.length === 0) return { rules, warnings: [] };

  // Which roles each aggregated role selects never changes; only their rules do.
  const selected = new Map<string, ClusterRole[][]>();
  for (const role of aggregated) {
    selected.set(
      role.name,
      role.aggregationRule!.clusterRoleSelectors.map((selector) =>
        byName.filter((c) => c.name !== role.name && selectorMatches(selector, c.labels)),
      ),
    );
  }

  // Each pass can only lengthen a chain by one link; more passes than roles means a cycle.
  for (let pass = 0; pass <= aggregated.length; pass++) {
    let changed = false;
    for (const role of aggregated) {
      const next: ResolvedRule[] = [];
      const seen = new Set<string>();
      for (const group of selected.get(role.name)!) {
        for (const source of group) {
          for (const r of rules.get(source.name)!) {
            const key = ruleKey(r.rule);
            if (seen.has(key)) continue;
            seen.add(key);
            next.push({
              rule: r.rule,
              index: next.length,
              aggregatedFrom: r.aggregatedFrom ?? source.name,
            });
          }
        }
      }
      // The controller applies what it computes with server-side apply; an empty result is an
      // apply without rules, which leaves the stored rules as they are.
      if (next.length === 0) next.push(...role.rules.map((rule, index) => ({ rule, index })));
      if (!sameRules(rules.get(role.name)!, next)) changed = true;
      // Set even when equal: the computed rules know which role each came from.
      rules.set(role.name, next);
    }
    if (!changed) break;
  }

  const warnings: string[] = [];
  for (const role of aggregated) {
    const computed = rules.get(role.name)!;
    const stored = new Set(role.rules.map(ruleKey));
    const computedKeys = new Set(computed.map((r) => ruleKey(r.rule)));
    const missing = computed.filter((r) => !stored.has(ruleKey(r.rule))).length;
    const extra = role.rules.filter((r) => !computedKeys.has(ruleKey(r))).length;
    if (missing > 0 || extra > 0) {
      warnings.push(
        `ClusterRole ${role.name} is aggregated, but its stored rules differ from what aggregation gives ` +
          `(${missing} rules missing, ${extra} extra); answers use the aggregated rules, as the ` +
          `aggregation controller will leave them.`,
      );
    }
  }
  return { rules, warnings };
}

function sameRules(a: ResolvedRule[], b: ResolvedRule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (ruleKey(a[i]!.rule) !== ruleKey(b[i]!.rule)) return false;
  return true;
}
