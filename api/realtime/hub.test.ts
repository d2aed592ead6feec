import { describe, expect, it } from 'vitest';
import { roomsFor } from './hub.js';

describe('roomsFor', () => {
  it('reaches the area and every ancestor, so a district wall hears a grid', () => {
    expect(roomsFor('/1/3/17/120/')).toEqual(['area:/1/', 'area:/1/3/', 'area:/1/3/17/', 'area:/1/3/17/120/']);
  });
});
