/**
 * The contract suite against the local Wix in each of its variants (local/emulator/platform/variants.ts):
 * its table must name that variant, and only it. So on a real site, the variant the table names is the
 * one the app was tested against. Local only.
 */
import { describe, expect, it } from 'vitest';
import { VARIANT_NAMES, type WixVariant } from '../../local/emulator/platform/variants.js';
import { findingsTable, Prober } from './support/probes.js';
import { ON_REAL_SITE, openContractTarget } from './support/target.js';

describe.skipIf(ON_REAL_SITE)('the contract suite on the local Wix in each variant', () => {
  it.each(VARIANT_NAMES)('reports %s, and no other', { timeout: 60_000 }, async (variant: WixVariant) => {
    const target = await openContractTarget(new Set([variant]));
    try {
      const findings = await new Prober(target).all();
      const reported = [...new Set(findings.flatMap((finding) => finding.matches).filter((match) => match !== 'default'))];
      expect(reported, findingsTable(findings)).toEqual([variant]);
      if (variant === 'not-found-400') {
        expect(findings.flatMap((finding) => finding.observed)).toContain('RESOURCE_NOT_FOUND');
      }
    } finally {
      await target.close();
    }
  });
});
