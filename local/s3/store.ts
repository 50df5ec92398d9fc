import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** What is kept of an object next to its bytes. */
export interface ObjectMeta {
  key: string;
  size: number;
  /** The quoted MD5 hex S3 gives a single-part upload. */
  etag: string;
  lastModified: string;
  contentType: string;
  cacheControl?: string;
  contentDisposition?: string;
  /** `x-amz-meta-*` headers, names lower-cased without the prefix. */
  metadata: Record<string, string>;
}

/**
 * Objects on disk under `<dataDir>/s3/<bucket>/`: each object as `<sha256(key)>.data` and its
 * metadata as `<sha256(key)>.json`. File names never come from the key (a key may hold `../`, NUL or
 * 1024 bytes), and each write goes to a temporary file renamed into place, so a reader or a killed
 * process sees the old object or the new one, never half of one. The metadata is written last: an
 * object exists once its `.json` does.
 */
export function openObjectStore(root: string) {
  const dirOf = (bucket: string) => join(root, bucket);
  const baseOf = (bucket: string, key: string) => join(dirOf(bucket), createHash('sha256').update(key, 'utf8').digest('hex'));

  const writeAtomic = (path: string, data: Buffer | string) => {
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  };

  const head = (bucket: string, key: string): ObjectMeta | undefined => {
    try {
      return JSON.parse(readFileSync(`${baseOf(bucket, key)}.json`, 'utf8')) as ObjectMeta;
    } catch {
      return undefined;
    }
  };

  return {
    head,
    read(bucket: string, key: string): { meta: ObjectMeta; body: Buffer } | undefined {
      const meta = head(bucket, key);
      if (!meta) return undefined;
      try {
        return { meta, body: readFileSync(`${baseOf(bucket, key)}.data`) };
      } catch {
        return undefined;
      }
    },
    put(bucket: string, key: string, body: Buffer, meta: Omit<ObjectMeta, 'key' | 'size' | 'etag' | 'lastModified'>): ObjectMeta {
      mkdirSync(dirOf(bucket), { recursive: true, mode: 0o700 });
      const full: ObjectMeta = {
        ...meta,
        key,
        size: body.length,
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        // S3 keeps whole seconds in Last-Modified and milliseconds in listings; seconds here for both.
        lastModified: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
      };
      const base = baseOf(bucket, key);
      writeAtomic(`${base}.data`, body);
      writeAtomic(`${base}.json`, JSON.stringify(full));
      return full;
    },
    delete(bucket: string, key: string): void {
      const base = baseOf(bucket, key);
      rmSync(`${base}.json`, { force: true });
      rmSync(`${base}.data`, { force: true });
    },
    /** Every object of a bucket, in S3's listing order (UTF-8 binary order of the keys). */
    list(bucket: string): ObjectMeta[] {
      let names: string[];
      try {
        names = readdirSync(dirOf(bucket)).filter((n) => n.endsWith('.json'));
      } catch {
        return [];
      }
      const metas: ObjectMeta[] = [];
      for (const name of names) {
        try {
          metas.push(JSON.parse(readFileSync(join(dirOf(bucket), name), 'utf8')) as ObjectMeta);
        } catch {
          /* removed meanwhile */
        }
      }
      return metas.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
    },
  };
}

export type ObjectStore = ReturnType<typeof openObjectStore>;
