import type { countObjects } from '@/lib/rbac/subjects';

const CARDS: { key: keyof ReturnType<typeof countObjects>; label: string }[] = [
  { key: 'namespaces', label: 'Namespaces' },
  { key: 'serviceAccounts', label: 'ServiceAccounts' },
  { key: 'roles', label: 'Roles' },
  { key: 'clusterRoles', label: 'ClusterRoles' },
  { key: 'roleBindings', label: 'RoleBindings' },
  { key: 'clusterRoleBindings', label: 'ClusterRoleBindings' },
  { key: 'pods', label: 'Pods' },
];

/** One card per object kind with its count. */
export function CountCards({ counts }: { counts: ReturnType<typeof countObjects> }) {
  return (
    <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
      {CARDS.map(({ key, label }) => (
        <div
          key={key}
          className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm"
          data-testid={`count-${key}`}
        >
          <dt className="text-xs font-medium text-slate-500">{label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">
            {counts[key].toLocaleString('en')}
          </dd>
        </div>
      ))}
    </dl>
  );
}
