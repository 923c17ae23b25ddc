import type { GrantPath } from '@/lib/rbac/authorizer';
import { describePath } from '@/lib/rbac/describe';
import type { MatrixCell, PermissionsMatrix } from '@/lib/rbac/permissions-matrix';
import type { CellView, ScopeView } from './permissions-matrix-view';

const reasonOf = (p: GrantPath) =>
  p.subject.kind === 'Group' ? `${describePath(p)} (via group ${p.subject.name})` : describePath(p);

function cellsOf(cells: Record<string, MatrixCell>): Record<string, CellView> {
  const out: Record<string, CellView> = {};
  for (const [verb, c] of Object.entries(cells)) {
    const view: CellView = { access: c.access, reasons: [...new Set(c.paths.map(reasonOf))] };
    if (c.resourceNames) view.resourceNames = c.resourceNames;
    out[verb] = view;
  }
  return out;
}

/** The matrix as the client table shows it: rows with each cell's reasons in words. */
export function matrixScopes(matrix: PermissionsMatrix): ScopeView[] {
  return matrix.scopes.map((s) => ({
    namespace: s.namespace,
    rows: [
      ...s.rows.map((r) => ({ label: r.resource, group: r.apiGroup, cells: cellsOf(r.cells) })),
      ...s.nonResource.map((r) => ({ label: r.url, cells: cellsOf(r.cells) })),
    ],
  }));
}
