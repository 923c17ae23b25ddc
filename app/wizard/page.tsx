import type { Metadata } from 'next';
import { Wizard } from '@/components/wizard/wizard';
import { WIZARD_STEPS } from '@/components/wizard/wizard-steps';
import { decodeDraft, DRAFT_PARAM } from '@/lib/manifests/draft-url';
import { defaultSpec } from '@/lib/manifests/wizard-spec';
import { COMMON_RESOURCES, COMMON_VERBS } from '@/lib/rbac/resource-catalog';
import { getState } from '@/lib/server/snapshot-store';

export const metadata: Metadata = { title: 'Wizard' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function WizardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const raw = first(params[DRAFT_PARAM]);
  const decoded = raw ? decodeDraft(raw) : undefined;
  const stepIndex = WIZARD_STEPS.findIndex((s) => s.id === first(params.step));
  const { snapshot, cluster } = await getState();
  const namespaces = [
    ...new Set([
      ...snapshot.namespaces.map((n) => n.name),
      ...snapshot.serviceAccounts.map((s) => s.namespace),
    ]),
  ].sort();
  const serviceAccounts = snapshot.serviceAccounts.map((s) => `${s.namespace}/${s.name}`).sort();
  const sourceLabel =
    snapshot.source.kind === 'demo'
      ? 'the demo data'
      : `${snapshot.source.kind} ${snapshot.source.name}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Wizard</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Least-privilege access for an app: a ServiceAccount, a Role and a binding (and a Pod to
          try them), written as YAML — with what they would grant, checked by the engine against{' '}
          {sourceLabel} before anyone applies them. The defaults tell the seed story: myapp1 may get
          and list pods in default.
        </p>
      </div>
      <Wizard
        initialSpec={decoded?.ok ? decoded.spec : defaultSpec()}
        initialStep={stepIndex >= 0 ? stepIndex : 0}
        fromLink={!!decoded?.ok}
        draftError={decoded && !decoded.ok ? decoded.error : undefined}
        options={{
          namespaces,
          serviceAccounts,
          resources: COMMON_RESOURCES,
          verbs: COMMON_VERBS,
          connected: !!cluster,
          sourceLabel,
        }}
      />
    </div>
  );
}
