import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VISITOR_UPLOAD_RULES,
  bytesToGigabytes,
  fileRuleProblem,
  gigabytesToBytes,
  maxFileSizeWords,
  parseVisitorUploadRules,
} from '../../src/policies/visitor-rules-policy.js';

describe("the owner's largest file, in GB as typed", () => {
  it('computes the bytes of a typed size exactly, in decimal GB', () => {
    expect(gigabytesToBytes('0.1')).toBe(100_000_000);
    expect(gigabytesToBytes('0.25')).toBe(250_000_000);
    expect(gigabytesToBytes('2,5')).toBe(2_500_000_000);
    expect(gigabytesToBytes(' 50 ')).toBe(50_000_000_000);
    expect(gigabytesToBytes('0.000000001')).toBe(1);
    for (const typed of ['', 'abc', '1e3', '-1', '0.1234567891', '1.', '.5', '0x10'])
      expect(gigabytesToBytes(typed), typed).toBeUndefined();
    expect(bytesToGigabytes(100_000_000)).toBe('0.1');
    expect(bytesToGigabytes(5 * 1024 ** 3)).toBe('5.36870912');
    expect(bytesToGigabytes(3_000_000_000)).toBe('3');
  });

  it('keeps what the owner typed, and the bytes it says; every step of typing 0.25 stays what was typed', () => {
    for (const typed of ['0', '0.', '0.2', '0.25']) {
      const parsed = parseVisitorUploadRules({ ...DEFAULT_VISITOR_UPLOAD_RULES, maxFileSizeGb: typed, maxFileSizeBytes: undefined });
      if (typed === '0.25')
        expect(parsed).toEqual({ rules: { ...DEFAULT_VISITOR_UPLOAD_RULES, maxFileSizeGb: '0.25', maxFileSizeBytes: 250_000_000 } });
    }
    const saved = parseVisitorUploadRules({ ...DEFAULT_VISITOR_UPLOAD_RULES, maxFileSizeGb: '0.1', maxFileSizeBytes: 100_000_000 });
    expect(saved).toEqual({ rules: { ...DEFAULT_VISITOR_UPLOAD_RULES, maxFileSizeGb: '0.1', maxFileSizeBytes: 100_000_000 } });
    // Read back as saved: the same rules again.
    expect(parseVisitorUploadRules('rules' in saved ? saved.rules : undefined)).toEqual(saved);
  });

  it('gives an older caller that sends only bytes (or bytes the text does not say) the text of those bytes', () => {
    const { maxFileSizeGb: _typed, ...older } = DEFAULT_VISITOR_UPLOAD_RULES;
    expect(parseVisitorUploadRules({ ...older, maxFileSizeBytes: 2048 })).toMatchObject({
      rules: { maxFileSizeBytes: 2048, maxFileSizeGb: '0.000002048' },
    });
    expect(parseVisitorUploadRules({ ...DEFAULT_VISITOR_UPLOAD_RULES, maxFileSizeBytes: 4096 })).toMatchObject({
      rules: { maxFileSizeBytes: 4096, maxFileSizeGb: '0.000004096' },
    });
  });

  it('names what is wrong with a typed size', () => {
    const violations = (typed: string) => {
      const parsed = parseVisitorUploadRules({ ...DEFAULT_VISITOR_UPLOAD_RULES, maxFileSizeGb: typed, maxFileSizeBytes: undefined });
      return 'violations' in parsed ? parsed.violations : [];
    };
    expect(violations('abc')).toEqual([expect.objectContaining({ field: 'maxFileSizeGb', violatedRule: 'FORMAT' })]);
    expect(violations('0')).toEqual([
      expect.objectContaining({ field: 'maxFileSizeGb', description: 'must be more than 0 and at most 50 GB' }),
    ]);
    expect(violations('51')).toEqual([expect.objectContaining({ field: 'maxFileSizeGb' })]);
  });

  it('tells visitors the limit in the words the owner typed', () => {
    const terms = { ...DEFAULT_VISITOR_UPLOAD_RULES, maxFileSizeGb: '0.1', maxFileSizeBytes: 100_000_000 };
    expect(maxFileSizeWords(terms)).toBe('0.1 GB');
    expect(fileRuleProblem(terms, { mimeType: 'video/mp4', sizeInBytes: 100_000_001 })).toBe(
      'The file is larger than the 0.1 GB accepted here.',
    );
    expect(fileRuleProblem(terms, { mimeType: 'video/mp4', sizeInBytes: 100_000_000 })).toBeUndefined();
  });

  it('gives rules saved before the daily submission limits their defaults, and bounds them', () => {
    const { maxSubmissionsPerDay: _site, maxSubmissionsPerVisitorPerDay: _visitor, ...older } = DEFAULT_VISITOR_UPLOAD_RULES;
    expect(parseVisitorUploadRules(older)).toMatchObject({ rules: { maxSubmissionsPerVisitorPerDay: 5, maxSubmissionsPerDay: 100 } });
    const tooMany = parseVisitorUploadRules({
      ...DEFAULT_VISITOR_UPLOAD_RULES,
      maxSubmissionsPerVisitorPerDay: 101,
      maxSubmissionsPerDay: 0,
    });
    expect('violations' in tooMany && tooMany.violations.map((violation) => violation.field)).toEqual([
      'maxSubmissionsPerVisitorPerDay',
      'maxSubmissionsPerDay',
    ]);
  });
});
