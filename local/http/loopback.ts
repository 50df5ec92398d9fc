/**
 * Is this socket address this machine? 127.0.0.0/8, ::1 and their IPv4-mapped
 * IPv6 forms. Read from the socket, never from a header a client could set.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1';
}

/** Is a `--host` value one only this machine can reach? */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}
