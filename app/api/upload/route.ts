import { NextResponse } from 'next/server';
import { totalObjects } from '@/lib/rbac/subjects';
import { formatDumpError } from '@/lib/sources/parse-dump';
import {
  displayName,
  loadUploadedFiles,
  MAX_UPLOAD_BYTES,
  uploadTooLargeMessage,
  type UploadedFile,
} from '@/lib/sources/upload-source';
import { clearUpload, setUpload } from '@/lib/server/snapshot-store';

/**
 * POST /api/upload (multipart/form-data, field `files`, one or more YAML/JSON dumps): shows them
 * instead of the configured source until DELETE /api/upload. Bad files are reported with file,
 * line and reason while the good ones load; nothing loads when no file is good.
 */
export async function POST(request: Request) {
  const length = Number(request.headers.get('content-length'));
  if (!length) {
    return NextResponse.json(
      { error: 'send the files as multipart/form-data with a Content-Length' },
      { status: 411 },
    );
  }
  if (length > MAX_UPLOAD_BYTES) {
    return NextResponse.json({ error: uploadTooLargeMessage(length) }, { status: 413 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json(
      { error: 'the body is not multipart/form-data with files' },
      { status: 400 },
    );
  }
  const files: UploadedFile[] = [];
  for (const entry of form.getAll('files')) {
    if (typeof entry === 'string') continue;
    // Bytes, not entry.text(): that reads everything as UTF-8, and a UTF-16 file then fails
    // as "not a Kubernetes object" instead of saying what is wrong.
    files.push({ name: displayName(entry.name), bytes: new Uint8Array(await entry.arrayBuffer()) });
  }
  if (files.length === 0) {
    return NextResponse.json(
      { error: 'no files in the upload (use the form field "files")' },
      { status: 400 },
    );
  }
  const load = loadUploadedFiles(files);
  const errors = load.errors.map((e) => ({ ...e, text: formatDumpError(e) }));
  const s = load.snapshot;
  const objects = totalObjects(s);
  if (objects === 0) {
    return NextResponse.json(
      { error: 'no RBAC objects could be read from the upload', errors },
      { status: 400 },
    );
  }
  setUpload(load);
  return NextResponse.json({ source: s.source, objects, skipped: load.skipped, errors });
}

/** Clears the upload: back to the configured source. */
export async function DELETE() {
  clearUpload();
  return NextResponse.json({ cleared: true });
}
