/** Why a question cannot be answered, in words a user can act on. */
export function ProblemMessage({ title, message }: { title: string; message: string }) {
  return (
    <section
      role="alert"
      data-testid="question-error"
      className="rounded-lg border border-amber-300 bg-amber-50 px-5 py-4"
    >
      <h2 className="text-sm font-semibold text-amber-900">{title}</h2>
      <p className="mt-1 text-sm text-amber-900">{message}</p>
    </section>
  );
}
