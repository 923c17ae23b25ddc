import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; failed?: string }>;
}) {
  const { next = '/', failed } = await searchParams;
  return (
    <form
      method="post"
      action="/api/login"
      className="mx-auto mt-16 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h1 className="text-lg font-semibold">This dashboard is protected</h1>
      <p className="text-sm text-slate-600">
        Enter the access token it was started with (RBAC_EXPLORER_TOKEN).
      </p>
      <input type="hidden" name="next" value={next} />
      <label className="block text-sm">
        <span className="font-medium">Access token</span>
        <input
          name="token"
          type="password"
          required
          autoFocus
          autoComplete="current-password"
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
      </label>
      {failed && (
        <p role="alert" data-testid="login-failed" className="text-sm text-red-700">
          That token is not right.
        </p>
      )}
      <button
        type="submit"
        className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
      >
        Sign in
      </button>
    </form>
  );
}
