import type { Authorizer } from '../rbac/authorizer';
import type { RbacSnapshot } from '../rbac/types';
import { buildObjects, type ManifestObject } from './build-objects';
import { kubectlCommands, type KubectlCommands } from './kubectl-commands';
import { previewEffect, type PreviewEffect, type RiskWarning } from './preview-effect';
import { specWarnings, type SpecWarning } from './spec-warnings';
import { toYaml } from './to-yaml';
import type { WizardSpec } from './wizard-spec';

/** Everything the review step shows about a valid draft. */
export interface WizardPreview {
  objects: ManifestObject[];
  yaml: string;
  /** The file name the YAML is saved as: `myapp1-rbac.yaml`. */
  fileName: string;
  commands: KubectlCommands;
  effect: PreviewEffect;
  /** Risky permissions the draft's subjects would hold (from the findings engine). */
  risks: RiskWarning[];
  /** What the rules as written may not mean to say. */
  warnings: SpecWarning[];
}

/** `myapp1-rbac.yaml`. */
export function yamlFileName(spec: WizardSpec): string {
  return `${spec.serviceAccount.name}-rbac.yaml`;
}

/** The YAML of a valid draft, with a comment on how to apply it. */
export function draftYaml(
  spec: WizardSpec,
  objects: ManifestObject[] = buildObjects(spec),
): string {
  const sa = spec.serviceAccount;
  return toYaml(
    objects,
    ` Access for ServiceAccount ${sa.namespace}/${sa.name}, written with RBAC Explorer.\n Apply with: kubectl apply -f ${yamlFileName(spec)}`,
  );
}

/** The objects, YAML, commands and effect of a valid draft over the current data. */
export function previewWizard(
  snapshot: RbacSnapshot,
  spec: WizardSpec,
  before?: Authorizer,
): WizardPreview {
  const objects = buildObjects(spec);
  const fileName = yamlFileName(spec);
  const effect = previewEffect(snapshot, spec, before ? { objects, before } : { objects });
  return {
    objects,
    yaml: draftYaml(spec, objects),
    fileName,
    commands: kubectlCommands(spec, fileName),
    effect,
    risks: effect.risks,
    warnings: specWarnings(spec),
  };
}
