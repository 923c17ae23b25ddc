import Form from 'next/form';
import type { SubjectFilter } from '@/lib/rbac/subject-search';

const fieldClass =
  'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400';

/** Search and filters of the Subjects page: a GET form, so the URL holds them. */
export function SubjectsFilter({
  filter,
  namespaces,
}: {
  filter: Partial<SubjectFilter>;
  namespaces: readonly string[];
}) {
  return (
    <Form
      action="/subjects"
      aria-label="Filter subjects"
      className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="min-w-64 flex-1">
        <label htmlFor="subjects-q" className="mb-1 block text-xs font-medium text-slate-700">
          Search
        </label>
        <input
          id="subjects-q"
          name="q"
          type="search"
          defaultValue={filter.q ?? ''}
          placeholder="name, namespace/name or user name"
          autoComplete="off"
          spellCheck={false}
          className={`${fieldClass} w-full`}
        />
      </div>
      <div>
        <label htmlFor="subjects-kind" className="mb-1 block text-xs font-medium text-slate-700">
          Kind
        </label>
        <select
          id="subjects-kind"
          name="kind"
          defaultValue={filter.kind ?? ''}
          className={fieldClass}
        >
          <option value="">All kinds</option>
          <option value="ServiceAccount">ServiceAccounts</option>
          <option value="User">Users</option>
          <option value="Group">Groups</option>
        </select>
      </div>
      <div>
        <label
          htmlFor="subjects-namespace"
          className="mb-1 block text-xs font-medium text-slate-700"
        >
          Namespace
        </label>
        <select
          id="subjects-namespace"
          name="namespace"
          defaultValue={filter.namespace ?? ''}
          className={`${fieldClass} max-w-56`}
        >
          <option value="">All namespaces</option>
          {namespaces.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
      >
        Filter
      </button>
    </Form>
  );
}
