import { wizardDraftSchema, type WizardSpec } from './wizard-spec';

/** The URL search parameter that carries a draft: `/wizard?draft=…`. */
export const DRAFT_PARAM = 'draft';

/** Drafts longer than this are refused on the way in (a valid spec is far shorter). */
export const MAX_DRAFT_PARAM = 200_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode with a huge spread overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const padded = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A draft as a compact URL-safe parameter: base64url of its JSON (UTF-8). */
export function encodeDraft(spec: WizardSpec): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(spec)));
}

export type DecodedDraft = { ok: true; spec: WizardSpec } | { ok: false; error: string };

/**
 * Reads a draft parameter back. Its shape is validated (a damaged or foreign link is refused
 * with a reason); its values are not, so a half-finished draft reopens as it was left.
 */
export function decodeDraft(param: string): DecodedDraft {
  if (param.length > MAX_DRAFT_PARAM) {
    return { ok: false, error: 'The draft in the link is too long to be a wizard draft.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(param)));
  } catch {
    return { ok: false, error: 'The draft in the link is damaged (it is not encoded JSON).' };
  }
  const parsed = wizardDraftSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: `The draft in the link does not fit the wizard${first ? ` (${first.path.join('.') || 'draft'}: ${first.message})` : ''}.`,
    };
  }
  return { ok: true, spec: parsed.data };
}
