/** The wizard's steps, in order; `id` is the `step` URL parameter. */
export const WIZARD_STEPS = [
  { id: 'account', title: 'ServiceAccount', blurb: 'Who the app runs as' },
  { id: 'permissions', title: 'Permissions', blurb: 'What it may do' },
  { id: 'binding', title: 'Binding', blurb: 'Where, and for whom' },
  { id: 'pod', title: 'Test Pod', blurb: 'Try it (optional)' },
  { id: 'review', title: 'Review', blurb: 'YAML and effect' },
] as const;

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];
