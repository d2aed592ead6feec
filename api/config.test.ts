import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('GRIDWALL_TRUST_PROXY', () => {
  it('defaults to loopback', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
  });
  it('reads a hop count, true/false, or a list of addresses and names', () => {
    expect(loadConfig({ GRIDWALL_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ GRIDWALL_TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2);
    expect(loadConfig({ GRIDWALL_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ GRIDWALL_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ GRIDWALL_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});

describe('GRIDWALL_PUBLIC_ORIGIN', () => {
  it('is null (the listening address) by default and a list of origins when set', () => {
    expect(loadConfig({}).publicOrigins).toBeNull();
    expect(loadConfig({ GRIDWALL_PUBLIC_ORIGIN: 'https://wall.example.org,http://localhost:5173' }).publicOrigins).toEqual(['https://wall.example.org', 'http://localhost:5173']);
  });
  it('refuses a value that is not a list of origins', () => {
    expect(() => loadConfig({ GRIDWALL_PUBLIC_ORIGIN: 'https://wall.example.org/app' })).toThrow(/GRIDWALL_PUBLIC_ORIGIN/);
  });
});
