/**
 * Burgerservicenummer check: 9 digits passing the elfproef
 * (9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11, and not all zeros).
 */
export function isGeldigBsn(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn) || bsn === '000000000') return false;
  let som = 0;
  for (let i = 0; i < 8; i++) som += Number(bsn[i]) * (9 - i);
  som -= Number(bsn[8]);
  return som % 11 === 0;
}
