import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="max-w-xl">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        There is no such page.{' '}
        <Link className="text-indigo-700 underline" href="/">
          Go to the Overview
        </Link>
        .
      </p>
    </section>
  );
}
