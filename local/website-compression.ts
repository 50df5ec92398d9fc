/**
 * Compression for the local website server, as CloudFront applies it when a cache
 * behavior has "Compress objects automatically" (CDK's default, `compress: true`):
 *
 * - only when the viewer's Accept-Encoding names gzip or br; when it names both,
 *   CloudFront uses Brotli ("If the viewer supports both formats, CloudFront uses
 *   Brotli", Developer Guide, "Serve compressed files");
 * - only for compressible types, and only for files between 1,000 and 10,000,000
 *   bytes (the guide's "Conditions for compression");
 * - never for a HEAD request's body, but with the same headers;
 * - `Vary: Accept-Encoding`, so a cache keeps the two forms apart.
 *
 * (Chrome sends `br` only over HTTPS, so on http://127.0.0.1 the browser gets gzip.)
 * Each file's compressed bytes are kept, keyed by path, size and modification time, so
 * a file is compressed once per build, not once per request.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const MIN_BYTES = 1_000;
const MAX_BYTES = 10_000_000;

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/;

/** Whether CloudFront would compress a file of this type and size. */
export function isCompressible(contentType: string, size: number): boolean {
  return size >= MIN_BYTES && size <= MAX_BYTES && COMPRESSIBLE.test(contentType);
}

/**
 * The encoding to answer with for an Accept-Encoding header: br before gzip, and
 * neither when the viewer refuses it with q=0 ("gzip;q=0").
 */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    accepted.add(token.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compressed forms already made: path + size + mtime + encoding → bytes. */
const made = new Map<string, Promise<Buffer>>();
/** Enough for a built site many times over; the oldest entries go first beyond it. */
const MAX_ENTRIES = 200;

export function compressedFile(file: string, size: number, mtimeMs: number, encoding: Encoding): Promise<Buffer> {
  const key = `${encoding}\u0000${size}\u0000${mtimeMs}\u0000${file}`;
  let bytes = made.get(key);
  if (!bytes) {
    bytes = readFile(file).then((raw) =>
      encoding === 'br'
        ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gzipAsync(raw, { level: 9 }),
    );
    // A failed read is not remembered: the next request tries again.
    bytes.catch(() => made.delete(key));
    made.set(key, bytes);
    if (made.size > MAX_ENTRIES) made.delete(made.keys().next().value!);
  }
  return bytes;
}
