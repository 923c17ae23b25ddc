'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { describePermission } from '@/lib/graph/describe-permission';
import { formatCount } from '@/lib/graph/format-count';
import { KIND_LOOKS } from '@/lib/graph/graph-style';
import type { GraphEdge, GraphModel, GraphNode } from '@/lib/graph/model';
import { PointerHint } from './pointer-hint';

interface Props {
  node: GraphNode | undefined;
  model: GraphModel;
  /** The model's nodes by id. */
  byId: ReadonlyMap<string, GraphNode>;
  onSelect: (id: string) => void;
  onFocus: (id: string) => void;
  onOpenNamespace: (namespace: string) => void;
}

/** The side panel: what the selected node is, what it connects to, and where to go next. */
export function NodeDetails({ node, model, byId, onSelect, onFocus, onOpenNamespace }: Props) {
  // A related node chosen here becomes the panel's subject: the keyboard's focus goes to its
  // title, as the button pressed is gone.
  const title = useRef<HTMLHeadingElement>(null);
  const focusTitle = useRef(false);
  useEffect(() => {
    if (!focusTitle.current) return;
    focusTitle.current = false;
    title.current?.focus();
  }, [node?.id]);

  const edges = useMemo(() => {
    if (!node) return { into: [], out: [] };
    return {
      into: model.edges.filter((e) => e.target === node.id),
      out: model.edges.filter((e) => e.source === node.id),
    };
  }, [model, node]);

  if (!node) {
    return (
      <section
        className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600"
        data-testid="node-details"
      >
        <h2 className="font-semibold text-slate-900">Details</h2>
        <p className="mt-1">
          <PointerHint
            mouse="Click a node to see what it is and what it connects to; hover an edge to read what it means."
            touch="Tap a node to see what it is and what it connects to; tap an edge to read what it means."
          />
        </p>
      </section>
    );
  }

  const look = KIND_LOOKS[node.kind];
  const ref = (id: string) => {
    const n = byId.get(id);
    const text = n ? n.label.split('\n')[0] : id.replace(/^[a-z]+:/, '');
    return n ? (
      <button
        type="button"
        onClick={() => {
          focusTitle.current = id !== node?.id;
          onSelect(id);
        }}
        className="text-left font-medium text-indigo-700 hover:underline"
      >
        {text}
      </button>
    ) : (
      <span className="text-slate-600" title="Not in this view">
        {text}
      </span>
    );
  };
  const listOf = (list: GraphEdge[], end: 'source' | 'target') => (
    <ul className="mt-1 space-y-1.5">
      {list.map((e) => (
        <li key={e.id} className="text-slate-700">
          {ref(e[end])}
          <span className="block text-xs text-slate-500">{e.explain}</span>
        </li>
      ))}
    </ul>
  );
  const subjectKey = node.id.startsWith('subject:') ? node.id.slice('subject:'.length) : undefined;
  const byKind = (list: GraphEdge[], kind: GraphEdge['kind']) =>
    list.filter((e) => e.kind === kind);

  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      data-testid="node-details"
      aria-labelledby="node-details-title"
    >
      <p className="flex items-center gap-2 text-xs font-medium text-slate-500">
        <span
          aria-hidden
          className="inline-block h-2.5 w-2.5 rounded-full border"
          style={{ backgroundColor: look.fill, borderColor: look.border }}
        />
        <span>
          {node.kind}
          {node.namespace && node.kind !== 'Namespace' && ` · namespace ${node.namespace}`}
        </span>
        {node.system && <span className="rounded bg-slate-100 px-1">built-in</span>}
      </p>
      <h2
        ref={title}
        id="node-details-title"
        tabIndex={-1}
        className="mt-1 break-words text-base font-semibold text-slate-900"
      >
        {node.label.split('\n')[0]}
      </h2>
      {node.missing && (
        <p className="mt-1 rounded bg-red-50 px-2 py-1 text-xs text-red-800">
          {node.kind === 'ServiceAccount'
            ? 'No ServiceAccount object by this name exists.'
            : 'This role does not exist: bindings to it grant nothing today, and whatever it holds the day someone creates it.'}
        </p>
      )}

      <div className="mt-3 flex flex-wrap gap-2">
        {node.kind === 'Namespace' && node.more ? (
          <p className="text-xs text-slate-600">
            These namespaces are not drawn one by one: choose them in the Namespaces filter.
          </p>
        ) : node.kind === 'Namespace' ? (
          <button
            type="button"
            onClick={() => onOpenNamespace(node.label)}
            className="rounded-md bg-indigo-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-indigo-700"
          >
            Open this namespace
          </button>
        ) : node.more ? null : (
          <button
            type="button"
            onClick={() => onFocus(node.id)}
            disabled={model.meta.focus === node.id}
            className="rounded-md bg-indigo-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
          >
            {model.meta.focus === node.id ? 'Focused' : 'Focus on this'}
          </button>
        )}
        {subjectKey && (
          <Link
            href={`/subjects/${encodeURIComponent(subjectKey)}`}
            prefetch={false}
            className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
          >
            Subject page
          </Link>
        )}
      </div>

      <div className="mt-4 space-y-4">
        {node.kind === 'Pod' && node.runsAs && <Field title="Runs as">{ref(node.runsAs)}</Field>}
        {(node.kind === 'RoleBinding' || node.kind === 'ClusterRoleBinding') && (
          <>
            <Field title="Grants">
              {node.grantsIn
                ? `in namespace ${node.grantsIn} only`
                : 'in every namespace and cluster-wide'}
            </Field>
            {node.roleRef && <Field title="Role">{ref(node.roleRef)}</Field>}
            <Field title={`Subjects (${node.subjects?.length ?? 0})`}>
              <ul className="mt-1 space-y-1">
                {(node.subjects ?? []).map((s) => (
                  <li key={s}>{ref(s)}</li>
                ))}
              </ul>
            </Field>
          </>
        )}
        {(node.kind === 'Role' || node.kind === 'ClusterRole') && (
          <>
            <Field title={`Rules (${node.rules?.length ?? 0})`}>
              {node.rules && node.rules.length > 0 ? (
                <ul className="mt-1 list-disc space-y-0.5 pl-4 text-slate-700">
                  {node.rules.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-slate-500">No rules.</p>
              )}
            </Field>
            {byKind(edges.into, 'role-ref').length > 0 && (
              <Field title="Bound by">{listOf(byKind(edges.into, 'role-ref'), 'source')}</Field>
            )}
            {byKind(edges.out, 'aggregates').length > 0 && (
              <Field title="Aggregates">{listOf(byKind(edges.out, 'aggregates'), 'target')}</Field>
            )}
            {byKind(edges.into, 'aggregates').length > 0 && (
              <Field title="Aggregated into">
                {listOf(byKind(edges.into, 'aggregates'), 'source')}
              </Field>
            )}
          </>
        )}
        {node.kind === 'Permission' && !node.more && (
          <Field title="Allows">{describePermission(node)}</Field>
        )}
        {node.more && edges.into[0] && (
          <Field title="More">
            <p className="text-slate-700">
              {node.more} more resources are allowed by this role.{' '}
              <button
                type="button"
                onClick={() => onFocus(edges.into[0]!.source)}
                className="font-medium text-indigo-700 hover:underline"
              >
                Focus the role to see them all
              </button>
            </p>
          </Field>
        )}
        {node.kind === 'Namespace' && node.counts && (
          <Field title="Holds">
            <ul className="mt-1 text-slate-700">
              {Object.entries(node.counts).map(([k, c]) => (
                <li key={k}>
                  {formatCount(c)} × {k}
                </li>
              ))}
            </ul>
          </Field>
        )}
        {(node.kind === 'ServiceAccount' || node.kind === 'User' || node.kind === 'Group') && (
          <>
            {byKind(edges.out, 'subject').length > 0 && (
              <Field title="Bound by">{listOf(byKind(edges.out, 'subject'), 'target')}</Field>
            )}
            {byKind(edges.out, 'member-of').length > 0 && (
              <Field title="Member of">{listOf(byKind(edges.out, 'member-of'), 'target')}</Field>
            )}
            {byKind(edges.into, 'member-of').length > 0 && (
              <Field title="Members">{listOf(byKind(edges.into, 'member-of'), 'source')}</Field>
            )}
            {byKind(edges.into, 'runs-as').length > 0 && (
              <Field title="Pods">{listOf(byKind(edges.into, 'runs-as'), 'source')}</Field>
            )}
            {edges.out.length === 0 && (
              <p className="text-slate-500">No binding in this view names it.</p>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function Field({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <div className="mt-0.5">{children}</div>
    </div>
  );
}
