import { describe, expect, it } from 'vitest';
import { isGeldigBsn } from '../common/bsn';

describe('BSN elfproef', () => {
  it('accepts numbers that pass the elfproef', () => {
    expect(isGeldigBsn('111222333')).toBe(true);
    expect(isGeldigBsn('123456782')).toBe(true);
  });

  it('rejects a wrong check digit, wrong length, letters and all zeros', () => {
    expect(isGeldigBsn('123456789')).toBe(false);
    expect(isGeldigBsn('12345678')).toBe(false);
    expect(isGeldigBsn('12345678a')).toBe(false);
    expect(isGeldigBsn('000000000')).toBe(false);
  });
});
