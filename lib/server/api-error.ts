import 'server-only';
import { NextResponse } from 'next/server';
import { QuestionError } from '../rbac/parse-type';
import { API_CACHE_CONTROL } from './security-headers';
import { UnknownSubjectError } from '../rbac/subject-detail';

const HEADERS = { 'Cache-Control': API_CACHE_CONTROL };

/** A problem with a request, as a status and a message a user can act on. */
export interface ApiProblem {
  status: number;
  error: string;
}

/**
 * Maps an error to what the API tells the caller: bad input is a 400 with its message, an
 * unknown subject a 404, anything else a 500 with no details (the server log has them).
 */
export function problemOf(err: unknown): ApiProblem {
  if (err instanceof QuestionError) return { status: 400, error: err.message };
  if (err instanceof UnknownSubjectError) return { status: 404, error: err.message };
  console.error(err);
  return { status: 500, error: 'The server hit an unexpected error; its log has the details.' };
}

/** Runs a route's work and answers JSON: the result, or the error as `{error}` with its status. */
export async function jsonAnswer(work: () => unknown | Promise<unknown>): Promise<NextResponse> {
  try {
    return NextResponse.json(await work(), { headers: HEADERS });
  } catch (err) {
    const { status, error } = problemOf(err);
    return NextResponse.json({ error }, { status, headers: HEADERS });
  }
}
