// Where a webhook may go: public http(s) addresses only, unless private ones are allowed.
import { describe, expect, it } from 'vitest';
import { AddressRefused, checkHookUrl, isPrivateAddress, parseHookUrl } from './address-guard.js';

describe('webhook address guard', () => {
  it('tells private, loopback, link-local and reserved addresses from public ones', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.1.2.3'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['1.1.1.1', '8.8.8.8', '114.114.114.114', '2400:3200::1'])
      expect(isPrivateAddress(a), a).toBe(false);
    expect(isPrivateAddress('not-an-address')).toBe(true);
  });

  it('takes http(s) URLs without credentials only', () => {
    expect(parseHookUrl('https://gw.example.org/hook').hostname).toBe('gw.example.org');
    for (const u of [
      'ftp://x.org/',
      'file:///etc/passwd',
      'https://user:pw@x.org/',
      'not a url',
      'javascript:alert(1)',
    ])
      expect(() => parseHookUrl(u), u).toThrow(AddressRefused);
  });

  it('refuses a literal private address unless allowed, and lets a public one through', async () => {
    await expect(checkHookUrl('http://127.0.0.1:8080/x', false)).rejects.toThrow(AddressRefused);
    await expect(checkHookUrl('http://[::ffff:7f00:1]/x', false)).rejects.toThrow(AddressRefused);
    expect((await checkHookUrl('http://127.0.0.1:8080/x', true)).port).toBe('8080');
    expect((await checkHookUrl('https://1.1.1.1/hook', false)).hostname).toBe('1.1.1.1');
  });
});
