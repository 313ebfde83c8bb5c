/**
 * What the app assumes where Wix documents nothing, asked of the target (the local Wix in the
 * variant WIX_VARIANT names, or with WIX_SITE_ID and WIX_API_KEY a real site), printed as a table:
 * assumption → what it answered → the variant of the local Wix it matches. On a real site it only
 * reports (the app is built to be right in each variant); on the local Wix the table must name the
 * variant the local Wix runs. docs/REAL-SITE.md says what each outcome means for the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIX_ERROR_CODES, type WixErrorCodeName } from '../../src/shared/wix-errors.js';
import { describeVariants } from '../../local/emulator/platform/variants.js';
import { findingsTable, Prober, type Finding } from './support/probes.js';
import { LOCAL_VARIANTS, ON_REAL_SITE, openContractTarget, type ContractTarget } from './support/target.js';

describe(`the assumptions the app makes where Wix documents nothing (${ON_REAL_SITE ? 'a real Wix site' : `the local Wix, variant ${describeVariants(LOCAL_VARIANTS)}`})`, () => {
  let target: ContractTarget;
  let findings: Finding[];
  beforeAll(async () => {
    target = await openContractTarget();
    findings = await new Prober(target).all();
    console.log(`\n${findingsTable(findings)}\n`);
  }, 120_000);
  afterAll(() => target?.close());

  it('asks about every code of src/shared/wix-errors.ts', () => {
    const asked = new Set(findings.flatMap((finding) => finding.codes));
    expect(Object.keys(WIX_ERROR_CODES).filter((code) => !asked.has(code as WixErrorCodeName))).toEqual([]);
  });

  it.skipIf(ON_REAL_SITE)('reports, of the local Wix, the variant it runs and no other', () => {
    const reported = new Set(
      findings.flatMap((finding) => finding.matches).filter((match) => match !== 'default' && match !== 'not checked'),
    );
    expect([...reported].sort()).toEqual([...LOCAL_VARIANTS].sort());
    expect(findings.filter((finding) => finding.matches.includes('not checked'))).toEqual([]);
  });

  it.skipIf(ON_REAL_SITE || LOCAL_VARIANTS.size > 0)('hears every code the app assumes from the local Wix as it assumes it', () => {
    const heard = new Set(findings.flatMap((finding) => finding.observed));
    // RESOURCE_NOT_FOUND is the other answer to a missing file: the not-found-400 variant gives it (test/contract/variants.test.ts).
    const expected = Object.keys(WIX_ERROR_CODES).filter((code) => code !== 'RESOURCE_NOT_FOUND');
    expect(expected.filter((code) => !heard.has(code as WixErrorCodeName))).toEqual([]);
  });
});
