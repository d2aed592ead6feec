// Where a webhook may go (against server-side request forgery): an http(s) URL without credentials whose host is
// a public address. Private, loopback, link-local and reserved ranges are refused unless the installation allows
// them (GRIDWALL_WEBHOOK_ALLOW_PRIVATE, an intranet gateway). The check runs when a subscription is saved and again
// on every connection (lookupGuard), so a name that later resolves to an inner address is refused too.
import dns from 'node:dns';
import net from 'node:net';
import { m, type Message } from '../../contract/messages/index.js';

const blocked = new net.BlockList();
for (const [a, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(a, bits, 'ipv4');
for (const [a, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(a, bits, 'ipv6');

/** Whether an IP address is private, loopback, link-local, multicast or reserved. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, 'ipv6');
}

export class AddressRefused extends Error {
  constructor(readonly text: Message) {
    super(text.key);
  }
}

/** The URL parsed, or why it may not be a webhook's (shape only; the host is checked by checkHost). */
export function parseHookUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AddressRefused(m('webhooks.badUrl', { url: raw.slice(0, 200) }));
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || !u.hostname)
    throw new AddressRefused(m('webhooks.badUrl', { url: raw.slice(0, 200) }));
  return u;
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '');

/** Refuses a URL whose host is, or resolves to, a private address (unless allowed). */
export async function checkHookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  const u = parseHookUrl(raw);
  if (allowPrivate) return u;
  const host = bare(u.hostname);
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new AddressRefused(m('webhooks.unresolvable', { host }));
    }
  }
  if (!addresses.length || addresses.some(isPrivateAddress))
    throw new AddressRefused(m('webhooks.privateAddress', { host }));
  return u;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for http(s).request that refuses private addresses at connection time. */
export function lookupGuard(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, cb: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err, []);
      const list = addresses as dns.LookupAddress[];
      if (!allowPrivate && list.some((a) => isPrivateAddress(a.address))) {
        const e: NodeJS.ErrnoException = new Error(`refused private address for ${hostname}`);
        e.code = 'EPRIVATE';
        return cb(e, []);
      }
      if (options.all) return cb(null, list);
      cb(null, list[0].address, list[0].family);
    });
  };
}
