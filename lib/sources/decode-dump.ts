const UTF8 = new TextDecoder('utf-8');

/**
 * The text of a dump file, read as UTF-8 (a UTF-8 byte order mark is dropped), or why it
 * cannot be read: a UTF-16 or UTF-32 byte order mark (PowerShell's `>` writes UTF-16), or NUL
 * bytes, which YAML and JSON text never holds (UTF-16 without a mark, or a binary file).
 */
export function decodeDump(bytes: Uint8Array): { text: string } | { error: string } {
  const [a, b] = bytes;
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    return {
      error:
        'the file is UTF-16 (it starts with a UTF-16 byte order mark, as PowerShell ">" writes); save the file as UTF-8',
    };
  }
  if (bytes.includes(0)) {
    return {
      error:
        'the file holds NUL bytes, so it is not UTF-8 text (perhaps UTF-16 or a binary file); save the file as UTF-8',
    };
  }
  return { text: UTF8.decode(bytes) };
}
