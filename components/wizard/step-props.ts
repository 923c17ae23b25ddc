import type { ResourceInfo } from '@/lib/rbac/resource-catalog';
import type { WizardSpec } from '@/lib/manifests/wizard-spec';

/** What the server knows that the form offers as choices. */
export interface WizardOptions {
  namespaces: string[];
  /** Existing ServiceAccounts as `namespace/name`. */
  serviceAccounts: string[];
  resources: readonly ResourceInfo[];
  verbs: readonly string[];
  /** A cluster is connected: the server can dry-run objects. */
  connected: boolean;
  /** Where the data comes from, in words: `demo`, `cluster kind-dev`. */
  sourceLabel: string;
}

/** What every step gets: the draft, a way to change it, and the messages to show per field. */
export interface StepProps {
  spec: WizardSpec;
  /** Changes the draft; `field` (`role.rules.0.verbs`) marks the field as edited. */
  update: (edit: (draft: WizardSpec) => void, field: string) => void;
  /** The messages to show for a field (`role.name`) and, for a list, its items. */
  errors: (field: string) => string[];
  options: WizardOptions;
}
