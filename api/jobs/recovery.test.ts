import { bilingual } from '../../contract/messages/index.js';
import { describe, expect, it } from 'vitest';
import { afterError, afterHolderLost, retryDelayMs } from './recovery.js';

const resumable = { resumable: true, periodic: false };

describe('a job whose holder stopped', () => {
  it('is run again while attempts remain, and failed with the holder named once they are spent', () => {
    expect(afterHolderLost({ attempts: 1, maxAttempts: 2 }, resumable, 'n1')).toEqual({
      action: 'requeue',
      delayMs: 0,
    });
    const out = afterHolderLost({ attempts: 2, maxAttempts: 2 }, resumable, 'n1');
    expect(out.action).toBe('fail');
    expect(out.action === 'fail' && typeof out.reason !== 'string' && bilingual(out.reason)).toMatch(
      /n1 stopped.*after 2 attempt/,
    );
  });

  it('is failed at once when its kind cannot be resumed or no node knows it', () => {
    expect(afterHolderLost({ attempts: 1, maxAttempts: 5 }, { resumable: false, periodic: false }, 'n1')).toMatchObject(
      { action: 'fail' },
    );
    expect(afterHolderLost({ attempts: 1, maxAttempts: 5 }, undefined, 'n1')).toMatchObject({ action: 'fail' });
  });

  it('always comes back when periodic, however often it was tried', () => {
    expect(afterHolderLost({ attempts: 9, maxAttempts: 1 }, { resumable: false, periodic: true }, 'n1')).toEqual({
      action: 'requeue',
      delayMs: 0,
    });
  });
});

describe('a job whose handler threw', () => {
  it('is retried with a growing wait, then failed with the error', () => {
    expect(afterError({ attempts: 1, maxAttempts: 3 }, 'db away', false)).toEqual({
      action: 'requeue',
      delayMs: 5_000,
    });
    expect(afterError({ attempts: 2, maxAttempts: 3 }, 'db away', false)).toEqual({
      action: 'requeue',
      delayMs: 10_000,
    });
    expect(afterError({ attempts: 3, maxAttempts: 3 }, 'db away', false)).toEqual({
      action: 'fail',
      reason: 'db away',
    });
  });

  it('is failed at once when the error is final', () => {
    expect(afterError({ attempts: 1, maxAttempts: 3 }, 'bad file', true)).toEqual({
      action: 'fail',
      reason: 'bad file',
    });
  });

  it('never waits more than five minutes', () => {
    expect(retryDelayMs(30)).toBe(300_000);
  });
});
