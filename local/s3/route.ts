/**
 * Where a request goes: the bucket from the Host (virtual-hosted style, `<bucket>.localhost:PORT`
 * or `<bucket>.<endpoint host>`) or from the first path segment (path style, what the SDK uses for
 * an IP endpoint or with `forcePathStyle`), and the key from the rest of the path, percent-decoded.
 */
export interface S3Target {
  bucket: string | undefined;
  key: string | undefined;
}

const IP = /^(\d+\.){3}\d+$|^\[?[0-9a-f:]+\]?$/i;

export function routeOf(hostHeader: string | undefined, rawPath: string, endpointHosts: readonly string[]): S3Target {
  const host = (hostHeader ?? '').toLowerCase().replace(/:\d+$/, '');
  let bucket: string | undefined;
  if (host !== '' && !IP.test(host) && !endpointHosts.includes(host)) {
    for (const base of [...endpointHosts, 'localhost']) {
      if (host.endsWith(`.${base}`)) {
        bucket = host.slice(0, -(base.length + 1));
        break;
      }
    }
  }
  const decode = (t: string) => {
    try {
      return decodeURIComponent(t);
    } catch {
      return t;
    }
  };
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  if (bucket !== undefined) return { bucket, key: path === '' ? undefined : decode(path) };
  const slash = path.indexOf('/');
  if (path === '') return { bucket: undefined, key: undefined };
  if (slash === -1) return { bucket: decode(path), key: undefined };
  const key = path.slice(slash + 1);
  return { bucket: decode(path.slice(0, slash)), key: key === '' ? undefined : decode(key) };
}
