import { describe, expect, it } from 'vitest';
import {
  arrivalProblem,
  audienceRefusal,
  brokenRuleSentence,
  bytesToGigabytes,
  contentProblem,
  dailyLimits,
  DEFAULT_VISITOR_UPLOAD_RULES,
  fileAskedAgain,
  fileNameTypeProblem,
  fileRuleProblem,
  gigabytesToBytes,
  maxFileSizeWords,
  mediaTypeAllowed,
  parseSubmissionDetails,
  parseVisitorUploadRules,
  rateLimited,
  secondsUntilNextUtcDay,
  termsOf,
  typeAllowed,
  utcDay,
  VISITOR_RULE_BOUNDS,
  type Caller,
  type VisitorUploadRules,
} from '../../src/policies/visitor-rules-policy.js';
import { APP_UPLOAD_LIMITS } from '../../src/policies/upload-request-policy.js';

const RULES: VisitorUploadRules = { ...DEFAULT_VISITOR_UPLOAD_RULES, enabled: true, allowedTypes: ['video/*', 'application/pdf'] };
const visitor: Caller = { type: 'VISITOR', id: 'v-1' };
/** A problem as the server says it in English (the UI words its rule in the reader's language). */
const words = (problem: ReturnType<typeof arrivalProblem>) => (typeof problem === 'object' ? brokenRuleSentence(problem) : problem);

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
    expect(words(fileRuleProblem(terms, { mimeType: 'video/mp4', sizeInBytes: 100_000_001 }))).toBe(
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

describe('who may send', () => {
  it('nobody while uploads are off; a caller with no identity never; only members (and the owner) under members-only rules', () => {
    expect(audienceRefusal({ ...RULES, enabled: false }, visitor)).toMatchObject({ ok: false, code: 'DISABLED' });
    expect(audienceRefusal(RULES, { type: 'UNKNOWN', id: '' })).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(audienceRefusal(RULES, visitor)).toBeUndefined();
    const members = { ...RULES, audience: 'MEMBERS' as const };
    expect(audienceRefusal(members, visitor)).toMatchObject({
      code: 'MEMBERS_ONLY',
      reason: 'Only members of this site can send files: log in first.',
    });
    expect(audienceRefusal(members, { type: 'MEMBER', id: 'm' })).toBeUndefined();
    expect(audienceRefusal(members, { type: 'USER', id: 'owner' })).toBeUndefined();
  });

  it("tells the widget what is accepted, not the owner's daily counts", () => {
    expect(termsOf(RULES)).toEqual({
      enabled: true,
      audience: 'ANYONE',
      allowedTypes: ['video/*', 'application/pdf'],
      maxFileSizeBytes: RULES.maxFileSizeBytes,
      maxFileSizeGb: RULES.maxFileSizeGb,
      maxFilesPerSubmission: RULES.maxFilesPerSubmission,
    });
  });

  it('refuses a hostile name, e-mail or message of a submission, naming the field', () => {
    const details = { name: 'Ana', email: 'ana@example.com', message: 'hi' };
    for (const [field, value] of [
      ['name', 'Bob\u202efdp.exe'],
      ['email', 'bob\u0085@example.com'],
      ['message', 'See\u2028the files'],
      ['message', 'rtl \u202e override'],
    ] as const) {
      const parsed = parseSubmissionDetails({ ...details, [field]: value });
      expect('violations' in parsed && parsed.violations, `${field} ${JSON.stringify(value)}`).toEqual([
        expect.objectContaining({ field, violatedRule: 'FORMAT' }),
      ]);
    }
    expect(parseSubmissionDetails({ ...details, message: 'Two\nlines' })).toEqual({ details: { ...details, message: 'Two\nlines' } });
  });
});

describe('types and sizes', () => {
  it('accepts a type by its family or by name; no rule accepts any type', () => {
    expect(typeAllowed(['video/*'], 'video/mp4')).toBe(true);
    expect(typeAllowed(['video/*'], 'VIDEO/MP4')).toBe(true);
    expect(typeAllowed(['application/pdf'], 'application/pdfx')).toBe(false);
    expect(typeAllowed([], 'anything/at-all')).toBe(true);
    expect(words(fileRuleProblem(RULES, { mimeType: 'text/html', sizeInBytes: 1 }))).toBe(
      'Files of type text/html are not accepted here (accepted: video/*, application/pdf).',
    );
  });

  it('bounds the largest file a rule may allow by the largest the app sends', () => {
    expect(VISITOR_RULE_BOUNDS.maxFileSizeBytes).toBe(APP_UPLOAD_LIMITS.maxFileSizeBytes);
  });
});

describe('per submission', () => {
  const files = [
    { name: 'a.mp4', sizeInBytes: '10', status: 'UPLOADING' },
    { name: 'b.mp4', sizeInBytes: '10', status: 'READY' },
  ];

  it('continues the file asked for again (the same name and size, not arrived yet), refuses another of the same name, and takes a new name as a new file', () => {
    expect(fileAskedAgain(files, 'a.mp4', 10)).toBe(files[0]);
    expect(fileAskedAgain(files, 'a.mp4', 11)).toMatchObject({
      code: 'NOT_ALLOWED',
      reason: 'A file named "a.mp4" is already in this submission.',
    });
    expect(fileAskedAgain(files, 'b.mp4', 10)).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(fileAskedAgain(files, 'c.mp4', 10)).toBeUndefined();
  });
});

describe('per visitor and per site, a day', () => {
  it('counts days in UTC, and says when the next one begins', () => {
    const lateEvening = Date.UTC(2026, 4, 4, 22, 30, 0);
    expect(utcDay(lateEvening)).toBe('2026-05-04');
    expect(secondsUntilNextUtcDay(lateEvening)).toBe(90 * 60);
    expect(secondsUntilNextUtcDay(Date.UTC(2026, 4, 5) - 1)).toBe(1);
  });

  it('refuses over a limit as RATE_LIMITED, saying which limit and when to try again', () => {
    const limits = dailyLimits('files', { ...RULES, maxFilesPerVisitorPerDay: 1 });
    expect(limits).toMatchObject({ visitor: 1, site: RULES.maxFilesPerDay, visitorRule: { rule: 'DAILY_FILES_OF_VISITOR', max: 1 } });
    expect(brokenRuleSentence(limits.visitorRule)).toBe('You can send at most 1 file a day.');
    expect(brokenRuleSentence(dailyLimits('submissions', RULES).visitorRule)).toBe('You can start at most 5 submissions a day.');
    expect(rateLimited(limits.visitorRule, Date.UTC(2026, 4, 4, 22, 30, 0))).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      retryAfterSeconds: 5400,
      reason: 'You can send at most 1 file a day. Try again in 1 h 30 min.',
      broken: { rule: 'DAILY_FILES_OF_VISITOR', max: 1 },
    });
  });
});

describe('what arrived', () => {
  const announced = { mimeType: 'video/mp4', sizeInBytes: '600' };

  it('checks the real size from the start, whatever was announced; the kind once processed; the bytes only when the rules need them', () => {
    expect(arrivalProblem({ sizeInBytes: '600', operationStatus: 'PENDING' }, announced, RULES)).toBeUndefined();
    expect(words(arrivalProblem({ sizeInBytes: '601', operationStatus: 'PENDING' }, announced, RULES))).toBe(
      'The file that arrived (601 bytes) is not the size announced (600 bytes).',
    );
    expect(words(arrivalProblem({ sizeInBytes: String(RULES.maxFileSizeBytes + 1), operationStatus: 'PENDING' }, announced, RULES))).toBe(
      'The file is larger than the 5 GB accepted here.',
    );
    expect(words(arrivalProblem({ operationStatus: 'READY', mediaType: 'VIDEO' }, announced, RULES))).toBe(
      'The Media Manager did not say the size of the file that arrived.',
    );
    expect(words(arrivalProblem({ sizeInBytes: '600', operationStatus: 'READY', mediaType: 'IMAGE' }, announced, RULES))).toBe(
      "The file's content (image) is not a type accepted here.",
    );
    expect(words(arrivalProblem({ sizeInBytes: '600', operationStatus: 'FAILED', mediaType: 'VIDEO' }, announced, RULES))).toBe('content');
    expect(
      arrivalProblem({ sizeInBytes: '600', operationStatus: 'READY', mediaType: 'VIDEO' }, announced, { ...RULES, allowedTypes: [] }),
    ).toBeUndefined();
    const named = { ...announced, name: 'film.mp4' };
    expect(arrivalProblem({ sizeInBytes: '600', operationStatus: 'PENDING', displayName: 'film.mp4' }, named, RULES)).toBeUndefined();
    expect(words(arrivalProblem({ sizeInBytes: '600', operationStatus: 'PENDING', displayName: 'payload.html' }, named, RULES))).toBe(
      'The file arrived under another name than the one announced.',
    );
  });

  it('tells the kind from the first bytes: a type the sniffer knows must be allowed; unknown bytes pass only as the type announced, by a family once processed or a type with no signature', () => {
    const signatures = new Set(['application/pdf', 'video/mp4']);
    const ready = (mimeType: string) => ({ mimeType, operationStatus: 'READY' });
    expect(contentProblem(RULES, 'video/mp4', signatures, ready('video/mp4'))).toBeUndefined();
    expect(words(contentProblem({ ...RULES, allowedTypes: ['application/pdf'] }, 'text/html', signatures, ready('application/pdf')))).toBe(
      "The file's content (text/html) is not a type accepted here.",
    );
    expect(words(contentProblem({ ...RULES, allowedTypes: ['application/pdf'] }, undefined, signatures, ready('application/pdf')))).toBe(
      "The file's content (not a recognised type) is not a type accepted here.",
    );
    expect(contentProblem({ ...RULES, allowedTypes: ['video/*'] }, undefined, signatures, ready('video/mp4'))).toBeUndefined();
    expect(contentProblem({ ...RULES, allowedTypes: ['text/csv'] }, undefined, signatures, ready('text/csv'))).toBeUndefined();
    // An empty or unrecognised file announced as a PDF does not pass because video/* is allowed too.
    const both = { ...RULES, allowedTypes: ['application/pdf', 'video/*'] };
    expect(contentProblem(both, undefined, signatures, ready('application/pdf'))).toBeDefined();
    expect(mediaTypeAllowed(['image/*'], 'VECTOR')).toBe(true);
  });
});

describe('file names and the accepted types', () => {
  const table = new Map<string, readonly string[]>([
    ['application/pdf', ['pdf']],
    ['image/png', ['png']],
    ['image/svg+xml', ['svg', 'svgz']],
    ['video/mp4', ['mp4', 'mp4v', 'mpg4']],
    ['application/mp4', ['mp4', 'mpg4', 'mp4s', 'm4p']],
    ['text/html', ['html', 'htm']],
    ['application/hta', ['hta']],
    ['application/zip', ['zip']],
  ]);

  it("ties the name's extension to the types accepted: a PDF-only rule gives the owner only files named .pdf", () => {
    const rules = ['application/pdf', 'video/*', 'image/png'];
    for (const name of ['contract.pdf', 'SCAN.PDF', 'film.mp4', 'pic.png'])
      expect(fileNameTypeProblem(rules, name, table), name).toBeUndefined();
    for (const name of ['contract.hta', 'invoice.html', 'photos.zip', 'pic.svg', 'setup.bat', 'noextension', '.pdf', 'pdf.']) {
      expect(words(fileNameTypeProblem(rules, name, table)), name).toBe(
        "The file's name must end in an extension of the types accepted here (.pdf, .mp4, .mp4v, .mpg4, .png).",
      );
    }
    expect(fileNameTypeProblem([], 'anything.hta', table)).toBeUndefined();
    // A type the table does not know allows only extensions no known type has.
    expect(fileNameTypeProblem(['application/x-custom'], 'data.custom', table)).toBeUndefined();
    expect(fileNameTypeProblem(['application/x-custom'], 'data.html', table)).toBeDefined();
  });
});
