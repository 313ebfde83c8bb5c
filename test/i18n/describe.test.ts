import { describe, expect, it } from 'vitest';
import { describeBrokenRule, describeRefusal, describeUploadError, failureReason } from '../../src/i18n/describe';
import { brokenRuleSentence, refuseBecause } from '../../src/policies/visitor-rules-policy';
import type { BrokenRule, BrokenRuleName } from '../../src/shared/refusals';
import { failureFromRefusal } from '../../src/upload-engine/upload-error';
import { LANGUAGES } from '../../src/i18n/languages';
import { speechOf } from '../../src/i18n/use-i18n';
import { languageOf, localeFor } from '../../src/i18n/languages';
import { formatBytes, formatDuration, formatGigabytes, formatSpeed } from '../../src/shared/format';
import { translatorFor } from '../../src/i18n/translator';

/** Intl keeps a number and its unit together with a no-break space; the sentences are compared as read. */
const read = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

const german = speechOf({ language: 'de', locale: 'de-DE' });
const english = speechOf({ language: 'en', locale: 'en-US' });

describe('a refusal, told by its code and data', () => {
  it('says a known code in the reader’s language, with its data', () => {
    expect(describeRefusal(german, { code: 'DISABLED', reason: 'The site owner is not accepting files right now.' })).toBe(
      'Der Website-Betreiber nimmt gerade keine Dateien an.',
    );
    expect(read(describeRefusal(german, { code: 'RATE_LIMITED', reason: 'Try again in 2 h 5 min.', retryAfterSeconds: 7500 }))).toBe(
      'Ein Tageslimit ist erreicht. Versuche es in 2 Std. 5 Min. noch einmal.',
    );
  });

  it('keeps the server’s sentence for a code it does not know, and for an English reader', () => {
    const later = { code: 'SOMETHING_NEW', reason: 'A rule added later.' } as unknown as Parameters<typeof describeRefusal>[1];
    expect(describeRefusal(german, later)).toBe('A rule added later.');
    expect(describeRefusal(english, { code: 'DISABLED', reason: 'The owner’s words.' })).toBe('The owner’s words.');
  });

  it('words each field at fault by its rule and threshold', () => {
    const refusal = {
      code: 'INVALID_REQUEST' as const,
      reason: 'The file name must be at most 255 characters long (got 300).',
      violations: [
        {
          field: 'fileName',
          description: 'must be at most 255 characters long (got 300)',
          violatedRule: 'MAX_LENGTH' as const,
          data: { threshold: 255 },
        },
      ],
    };
    expect(describeRefusal(german, refusal)).toBe('Der Dateiname darf höchstens 255 Zeichen lang sein.');
    expect(describeRefusal(english, refusal)).toBe(refusal.reason);
  });
});

describe('an engine failure, told by its code', () => {
  it('says a file too large with the limit in the locale’s numbers', () => {
    const error = {
      code: 'FILE_TOO_LARGE' as const,
      message: 'The file is 60 GB; files up to 50 GB can be uploaded.',
      fatal: true,
      limitBytes: 1.5e9,
    };
    expect(read(describeUploadError(german, error))).toBe('Die Datei ist zu groß: Dateien bis 1,5 GB können hochgeladen werden.');
    expect(describeUploadError(english, error)).toBe(error.message);
  });

  it('tells a refusal the engine carried by its server code, and the Media Manager’s reason to an English reader', () => {
    const refused = {
      code: 'REJECTED' as const,
      message: 'Only members of this site can send files: log in first.',
      fatal: true,
      serverCode: 'MEMBERS_ONLY',
    };
    expect(describeUploadError(german, refused)).toBe('Nur Mitglieder dieser Website können Dateien senden: Melde dich zuerst an.');
    const item = {
      state: 'refused' as const,
      failureDescription: 'The image could not be decoded.',
      error: { code: 'PROCESSING_FAILED' as const, message: 'The image could not be decoded.', fatal: true, serverCode: 'CORRUPT' },
    };
    expect(failureReason(english, item)).toBe('The image could not be decoded.');
    expect(failureReason(german, item)).toBe('Der Medien-Manager konnte die Datei nicht verarbeiten (CORRUPT).');
  });
});

describe('plurals by the language’s rules', () => {
  it('has Hebrew’s dual and French’s one', () => {
    const he = translatorFor('he');
    expect(he('staged.upload', { count: 1 })).toBe('העלאת קובץ אחד');
    expect(he('staged.upload', { count: 2 })).toBe('העלאת 2 קבצים');
    expect(he('staged.upload', { count: 7 })).toBe('העלאת 7 קבצים');
    expect(translatorFor('fr')('summary.notSent', { count: 1, size: '1 Mo' })).toBe('1 fichier non envoyé (1 Mo)');
    expect(translatorFor('de')('page.queueTitle', { count: 10000 })).toBe('Uploads (10.000)');
  });
});

describe('formats by locale', () => {
  it('writes sizes, speeds, durations and typed GB as the locale does; English keeps the app’s own form', () => {
    expect(read(formatBytes(1_250_000_000, 'de-DE'))).toBe('1,25 GB');
    expect(read(formatBytes(1_250_000_000, 'fr-FR'))).toMatch(/^1,25\s?Go$/);
    expect(formatBytes(1_250_000_000, 'en-US')).toBe('1.25 GB');
    expect(read(formatSpeed(12_300_000, 'de-DE'))).toBe('12,3 MB/s');
    expect(read(formatDuration(3725, 'de-DE'))).toBe('1 Std. 2 Min.');
    expect(formatDuration(3725, 'en-US')).toBe('1 h 2 min');
    expect(read(formatGigabytes('0.5', 'de-DE'))).toBe('0,5 GB');
    expect(formatGigabytes('0.5')).toBe('0.5 GB');
  });

  it('writes every number a sentence carries the language’s way', () => {
    expect(translatorFor('de')('staged.upload', { count: 10_000 })).toBe('10.000 Dateien hochladen');
    expect(read(translatorFor('fr')('staged.upload', { count: 10_000 }))).toBe('Importer 10 000 fichiers');
    expect(translatorFor('en')('staged.upload', { count: 10_000 })).toBe('Upload 10,000 files');
    expect(translatorFor('de')('cli.error.apiKeyRefused', { siteId: 's', status: 403 })).toContain('(HTTP 403)');
  });

  it('takes a language from a tag or a POSIX locale, and keeps the host’s region', () => {
    expect(languageOf('de_AT.UTF-8')).toBe('de');
    expect(languageOf('iw')).toBe('he');
    expect(languageOf('pt-BR')).toBe('en');
    expect(localeFor('de', 'de_AT.UTF-8')).toBe('de-AT');
    expect(localeFor('de', 'fr-FR')).toBe('de');
  });
});

describe('a visitor rule broken, or a visitor file the server rejected, told by its rule and data', () => {
  /** One of each rule the server names: the type makes this list fail to compile when a rule is added without it. */
  const EACH: { [R in BrokenRuleName]: Extract<BrokenRule, { rule: R }> } = {
    SESSION_UNKNOWN: { rule: 'SESSION_UNKNOWN' },
    TYPE_NOT_ACCEPTED: { rule: 'TYPE_NOT_ACCEPTED', mimeType: 'text/html', accepted: ['video/*', 'application/pdf'] },
    FILE_TOO_LARGE: { rule: 'FILE_TOO_LARGE', maxBytes: 1_500_000_000, maxGb: '1.5' },
    EXTENSION_NOT_ACCEPTED: { rule: 'EXTENSION_NOT_ACCEPTED', extensions: ['pdf', 'mp4'] },
    NAME_TAKEN: { rule: 'NAME_TAKEN', fileName: 'film.mp4' },
    SUBMISSION_CLOSED: { rule: 'SUBMISSION_CLOSED' },
    TOO_MANY_FILES: { rule: 'TOO_MANY_FILES', max: 10 },
    ASKED_TOO_OFTEN: { rule: 'ASKED_TOO_OFTEN', fileName: 'film.mp4', max: 5 },
    FINALIZED_TOO_OFTEN: { rule: 'FINALIZED_TOO_OFTEN' },
    NOT_IN_SUBMISSION: { rule: 'NOT_IN_SUBMISSION' },
    DAILY_FILES_OF_VISITOR: { rule: 'DAILY_FILES_OF_VISITOR', max: 20 },
    DAILY_FILES_OF_SITE: { rule: 'DAILY_FILES_OF_SITE' },
    DAILY_SUBMISSIONS_OF_VISITOR: { rule: 'DAILY_SUBMISSIONS_OF_VISITOR', max: 1 },
    DAILY_SUBMISSIONS_OF_SITE: { rule: 'DAILY_SUBMISSIONS_OF_SITE' },
    NO_OPEN_PLACE: { rule: 'NO_OPEN_PLACE' },
    EXTRA_FILE: { rule: 'EXTRA_FILE' },
    NOT_PROCESSED: { rule: 'NOT_PROCESSED', wixReason: 'Unsupported codec' },
    UNREADABLE: { rule: 'UNREADABLE' },
    PLACE_EXPIRED: { rule: 'PLACE_EXPIRED' },
    CLOSED_BY_OWNER: { rule: 'CLOSED_BY_OWNER' },
    UPLOADS_TURNED_OFF: { rule: 'UPLOADS_TURNED_OFF' },
    GONE_FROM_MEDIA_MANAGER: { rule: 'GONE_FROM_MEDIA_MANAGER' },
    RENAMED: { rule: 'RENAMED' },
    SIZE_UNKNOWN: { rule: 'SIZE_UNKNOWN' },
    SIZE_NOT_ANNOUNCED: { rule: 'SIZE_NOT_ANNOUNCED', arrivedBytes: 601, announcedBytes: 600 },
    KIND_NOT_ACCEPTED: { rule: 'KIND_NOT_ACCEPTED', kind: 'image' },
    CONTENT_NOT_ACCEPTED: { rule: 'CONTENT_NOT_ACCEPTED', found: 'text/html', wixReason: 'Corrupt file' },
  };

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    'says every rule in %s, with its data, never in the server’s English',
    (language) => {
      const speech = speechOf({ language, locale: localeFor(language, undefined) });
      for (const broken of Object.values(EACH)) {
        const english = brokenRuleSentence(broken);
        const said = describeBrokenRule(speech, broken, english);
        expect(said, broken.rule).not.toBe(english);
        expect(said, broken.rule).not.toMatch(/\{\{|\}\}/);
        for (const value of Object.values(broken).slice(1).flat())
          if (typeof value === 'string' && !/^\d/.test(value)) expect(said, broken.rule).toContain(value);
      }
    },
  );

  it('gives an English reader the server’s own sentence, and one of a rule added later the server’s sentence in any language', () => {
    expect(describeBrokenRule(english, EACH.NAME_TAKEN, 'The server’s words.')).toBe('The server’s words.');
    const later = { rule: 'SOMETHING_NEW' } as unknown as BrokenRule;
    expect(describeBrokenRule(german, later, 'A rule added later.')).toBe('A rule added later.');
  });

  it('tells a refusal by its rule, through the engine, as the widget shows it', () => {
    const refusal = refuseBecause({ rule: 'EXTENSION_NOT_ACCEPTED', extensions: ['pdf'] });
    expect(describeRefusal(german, refusal)).toBe('Der Dateiname muss auf eine Endung der hier angenommenen Typen enden (.pdf).');
    const item = { state: 'refused' as const, error: failureFromRefusal(refusal).detail };
    expect(failureReason(german, item)).toBe('Der Dateiname muss auf eine Endung der hier angenommenen Typen enden (.pdf).');
    expect(failureReason(english, item)).toBe(refusal.reason);
  });

  it('tells a daily limit by which limit, and when to try again', () => {
    const refusal = {
      ok: false as const,
      code: 'RATE_LIMITED' as const,
      reason: 'You can send at most 20 files a day. Try again in 1 h 30 min.',
      retryAfterSeconds: 5400,
      broken: EACH.DAILY_FILES_OF_VISITOR,
    };
    expect(read(describeRefusal(german, refusal))).toBe(
      'Du kannst höchstens 20 Dateien pro Tag senden. Versuche es in 1 Std. 30 Min. noch einmal.',
    );
  });

  it('tells a file the Media Manager failed by the app’s rule, keeping Wix’s own reason as Wix wrote it', () => {
    const error = { code: 'PROCESSING_FAILED' as const, message: 'Unsupported codec', fatal: true, broken: EACH.NOT_PROCESSED };
    expect(describeUploadError(german, error)).toBe('Der Medien-Manager konnte diese Datei nicht verarbeiten: Unsupported codec');
  });
});
