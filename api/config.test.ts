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

describe('GRIDWALL_PUBLIC_PRECISION_M', () => {
  it('defaults to the grid', () => {
    expect(loadConfig({}).publicPrecision).toBe('grid');
    expect(loadConfig({ GRIDWALL_PUBLIC_PRECISION_M: 'grid' }).publicPrecision).toBe('grid');
  });
  it('reads a whole number of metres from 50 to 10000', () => {
    expect(loadConfig({ GRIDWALL_PUBLIC_PRECISION_M: ' 250 ' }).publicPrecision).toBe(250);
  });
  it.each(['10', '20000', '12.5', 'street', '-100'])('refuses %s with a message that says what it must be', (v) => {
    expect(() => loadConfig({ GRIDWALL_PUBLIC_PRECISION_M: v })).toThrow(
      /GRIDWALL_PUBLIC_PRECISION_M: .*grid or a whole number of metres/,
    );
  });
});

describe('GRIDWALL_PUBLIC_ORIGIN', () => {
  it('is null (the listening address) by default and a list of origins when set', () => {
    expect(loadConfig({}).publicOrigins).toBeNull();
    expect(
      loadConfig({ GRIDWALL_PUBLIC_ORIGIN: 'https://wall.example.org,http://localhost:5173' }).publicOrigins,
    ).toEqual(['https://wall.example.org', 'http://localhost:5173']);
  });
  it('refuses a value that is not a list of origins', () => {
    expect(() => loadConfig({ GRIDWALL_PUBLIC_ORIGIN: 'https://wall.example.org/app' })).toThrow(
      /GRIDWALL_PUBLIC_ORIGIN/,
    );
  });
});

describe('GRIDWALL_SEED_SIZE and GRIDWALL_ADMIN_PASSWORD', () => {
  it('start the demo city by default, or an empty installation with size none', () => {
    expect(loadConfig({}).seedSize).toBe('full');
    expect(loadConfig({}).adminPassword).toBeUndefined();
    const c = loadConfig({ GRIDWALL_SEED_SIZE: 'none', GRIDWALL_ADMIN_PASSWORD: 'Kx7-mauve-lantern-29' });
    expect(c.seedSize).toBe('none');
    expect(c.adminPassword).toBe('Kx7-mauve-lantern-29');
  });
  it('refuses another size', () => {
    expect(() => loadConfig({ GRIDWALL_SEED_SIZE: 'empty' })).toThrow(/GRIDWALL_SEED_SIZE/);
  });
});
