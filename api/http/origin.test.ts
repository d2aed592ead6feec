import { describe, expect, it } from 'vitest';
import { allowedOrigins, defaultOrigins, originVerdict, parsePublicOrigins, type RequestFacts } from './origin.js';

const facts = (over: Partial<RequestFacts>): RequestFacts => ({
  method: 'POST',
  origin: undefined,
  secFetchSite: undefined,
  self: 'http://127.0.0.1:8080',
  bearer: false,
  cookie: true,
  ...over,
});
const policy = (configured: string[] | null, host = '0.0.0.0') => ({ configured, host, port: () => 8080 });

describe('GRIDWALL_PUBLIC_ORIGIN', () => {
  it('reads a comma-separated list of origins, normalised; unset or blank is the default', () => {
    expect(parsePublicOrigins(undefined)).toBeNull();
    expect(parsePublicOrigins(' ')).toBeNull();
    expect(parsePublicOrigins('https://Wall.Example.org, http://localhost:5173/')).toEqual([
      'https://wall.example.org',
      'http://localhost:5173',
    ]);
    expect(parsePublicOrigins('https://wall.example.org:443')).toEqual(['https://wall.example.org']);
  });
  it('refuses what is not an origin', () => {
    for (const bad of ['wall.example.org', 'https://wall.example.org/console', 'ftp://x', 'https://x?y=1'])
      expect(() => parsePublicOrigins(bad), bad).toThrow(/not an origin/);
  });
  it('defaults to the listening address: localhost, 127.0.0.1, [::1] and a specific HOST at the port', () => {
    expect(defaultOrigins('0.0.0.0', 8080)).toEqual([
      'http://localhost:8080',
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
    ]);
    expect(defaultOrigins('10.1.2.3', 80)).toEqual([
      'http://localhost',
      'http://127.0.0.1',
      'http://[::1]',
      'http://10.1.2.3',
    ]);
  });
});

describe('origin verdict', () => {
  const dflt = (self: string | null = 'http://127.0.0.1:8080') => allowedOrigins(policy(null), self);

  it('lets reads, bearer tokens and clients without Origin or Sec-Fetch-Site pass', () => {
    expect(originVerdict(facts({ method: 'GET' }), dflt())).toBe('ok');
    expect(originVerdict(facts({ method: 'GET', secFetchSite: 'same-origin' }), dflt())).toBe('ok');
    expect(originVerdict(facts({ method: 'GET', secFetchSite: 'none' }), dflt())).toBe('ok');
    expect(originVerdict(facts({ method: 'GET', secFetchSite: 'cross-site', cookie: false }), dflt())).toBe('ok');
    expect(originVerdict(facts({ bearer: true, origin: 'http://evil.test', secFetchSite: 'cross-site' }), dflt())).toBe(
      'ok',
    );
    expect(originVerdict(facts({}), dflt())).toBe('ok');
    expect(originVerdict(facts({ secFetchSite: 'same-origin' }), dflt())).toBe('ok');
  });
  it('refuses another port of the same host, a foreign site and the opaque null origin', () => {
    for (const origin of [
      'http://127.0.0.1:8081',
      'http://localhost:3000',
      'https://127.0.0.1:8080',
      'http://evil.test',
      'null',
    ]) {
      expect(originVerdict(facts({ origin }), dflt()), origin).toBe('foreign');
    }
    expect(originVerdict(facts({ secFetchSite: 'same-site' }), dflt())).toBe('foreign');
    expect(originVerdict(facts({ secFetchSite: 'cross-site' }), dflt())).toBe('foreign');
  });
  it('refuses a read with the cookie that the browser marks as coming from another page (an <img>, a link)', () => {
    expect(originVerdict(facts({ method: 'GET', secFetchSite: 'same-site' }), dflt())).toBe('foreign');
    expect(
      originVerdict(facts({ method: 'GET', secFetchSite: 'cross-site', origin: 'http://evil.test' }), dflt()),
    ).toBe('foreign');
    expect(
      originVerdict(facts({ method: 'GET', secFetchSite: 'same-site', origin: 'http://localhost:8080' }), dflt()),
    ).toBe('ok');
  });
  it('checks the socket handshake, a GET, as well when asked to', () => {
    expect(originVerdict(facts({ method: 'GET', origin: 'http://evil.test' }), dflt(), { safeToo: true })).toBe(
      'foreign',
    );
  });
  it('unconfigured, takes the listening address by any of its names and the address the request was sent to', () => {
    expect(originVerdict(facts({ origin: 'http://localhost:8080' }), dflt())).toBe('ok');
    expect(
      originVerdict(
        facts({ origin: 'http://192.168.1.20:8080', self: 'http://192.168.1.20:8080' }),
        dflt('http://192.168.1.20:8080'),
      ),
    ).toBe('ok');
  });
  it('configured, takes exactly the listed origins', () => {
    const allowed = allowedOrigins(
      policy(['https://wall.example.org', 'http://localhost:5173']),
      'http://127.0.0.1:8080',
    );
    expect(originVerdict(facts({ origin: 'https://wall.example.org' }), allowed)).toBe('ok');
    expect(originVerdict(facts({ origin: 'http://localhost:5173' }), allowed)).toBe('ok');
    expect(originVerdict(facts({ origin: 'http://127.0.0.1:8080' }), allowed)).toBe('foreign');
    expect(originVerdict(facts({ origin: 'https://wall.example.org.evil.test' }), allowed)).toBe('foreign');
  });
});
