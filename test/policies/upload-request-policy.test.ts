import { describe, expect, it } from 'vitest';
import {
  APP_UPLOAD_LIMITS,
  fileNameViolation,
  fileSizeProblem,
  findUploadRequestViolations,
  folderPathViolation,
  folderTreeViolation,
  isHiddenEntry,
  mimeTypeViolation,
  nameViolation,
  splitFilePath,
  typedTextViolation,
  UPLOAD_REQUEST_LIMITS,
  WIX_UPLOAD_URL_LIMITS,
  fileNameOfLink,
  importLinkViolation,
  LINK_IMPORT_LIMITS,
} from '../../src/policies/upload-request-policy.js';

describe('the rules for names and folder paths', () => {
  it('accepts ordinary names in any script, with spaces and punctuation', () => {
    for (const name of ['clip.mp4', 'Été 2024 — final cut (v2).mov', '写真.jpg', 'a'.repeat(200)]) {
      expect(nameViolation(name, 'fileName', 200), name).toBeUndefined();
    }
  });

  it('refuses an empty or blank name', () => {
    expect(nameViolation('', 'fileName', 200)).toMatchObject({ field: 'fileName', violatedRule: 'REQUIRED_FIELD' });
    expect(nameViolation('   ', 'fileName', 200)).toMatchObject({ violatedRule: 'REQUIRED_FIELD' });
  });

  it('refuses control and text-direction characters, naming the one found', () => {
    for (const [name, found] of [
      ['nul\u0000.bin', 'U+0000'],
      ['two\r\nlines.txt', 'U+000D'],
      ['tab\t.txt', 'U+0009'],
      ['del\u007f.txt', 'U+007F'],
      ['c1\u0085.txt', 'U+0085'],
      ['invoice\u202efdp.exe', 'U+202E'],
      ['isolate\u2066.txt', 'U+2066'],
      ['line\u2028sep.txt', 'U+2028'],
    ] as const) {
      expect(nameViolation(name, 'fileName', 200), JSON.stringify(name)).toMatchObject({
        violatedRule: 'FORMAT',
        description: expect.stringContaining(found),
      });
    }
  });

  it('refuses direction marks, invisible characters and piled-up combining marks; a name must show a character', () => {
    for (const [name, found] of [
      ['lrm\u200e.pdf', 'U+200E'],
      ['rlm\u200f.pdf', 'U+200F'],
      ['alm\u061c.pdf', 'U+061C'],
      ['zwsp\u200b.pdf', 'U+200B'],
      ['zwj\u200d.pdf', 'U+200D'],
      ['wj\u2060.pdf', 'U+2060'],
      ['\ufeffbom.pdf', 'U+FEFF'],
      ['filler\u3164.pdf', 'U+3164'],
      ['mvs\u180e.pdf', 'U+180E'],
      ['soft\u00adhyphen.pdf', 'U+00AD'],
      ['tag\u{e0041}.pdf', 'U+E0041'],
      ['note\ufff9.pdf', 'U+FFF9'],
      ['\u200b', 'U+200B'],
    ] as const) {
      expect(nameViolation(name, 'fileName', 200), JSON.stringify(name)).toMatchObject({
        violatedRule: 'FORMAT',
        description: expect.stringContaining(found),
      });
      expect(typedTextViolation(name, 'name', { multiline: false }), JSON.stringify(name)).toBeDefined();
      expect(typedTextViolation(`a message\n${name}`, 'message', { multiline: true }), JSON.stringify(name)).toBeDefined();
    }
    expect(nameViolation(`z${'\u0301'.repeat(50)}.pdf`, 'fileName', 200)).toMatchObject({ violatedRule: 'FORMAT' });
    expect(nameViolation('\u2800\u2800', 'fileName', 200)).toMatchObject({ violatedRule: 'REQUIRED_FIELD' });
    // Real scripts keep their marks and joiners: Vietnamese stacked accents, Persian's zero-width non-joiner.
    for (const name of ['Nguyễn Thị Ánh.pdf', 'ti\u1ebf\u0301ng.pdf', 'می\u200cخواهم.pdf', 'café.pdf']) {
      expect(nameViolation(name, 'fileName', 200), name).toBeUndefined();
    }
  });

  it('refuses a name over its limit, saying the limit', () => {
    expect(nameViolation('x'.repeat(10_000), 'filename', 200)).toMatchObject({
      violatedRule: 'MAX_LENGTH',
      description: 'must be at most 200 characters long (got 10000)',
    });
  });

  it('checks folder paths the same way, and refuses "." and ".."', () => {
    expect(folderPathViolation('/videos/2024', 'filePath', 100)).toBeUndefined();
    expect(folderPathViolation('/videos/../x', 'filePath', 100)).toMatchObject({ violatedRule: 'FORMAT' });
    expect(folderPathViolation('/a\nb', 'filePath', 100)).toMatchObject({ violatedRule: 'FORMAT' });
  });

  it('keeps a file name to 255 characters, what Wix shows of one (it accepts 1000 and cuts the rest): the name sent is the name kept', () => {
    expect(findUploadRequestViolations({ mimeType: 'video/mp4', fileName: `${'n'.repeat(251)}.mp4` })).toEqual([]);
    expect(findUploadRequestViolations({ mimeType: 'video/mp4', fileName: `${'n'.repeat(252)}.mp4` })).toEqual([
      expect.objectContaining({
        field: 'fileName',
        violatedRule: 'MAX_LENGTH',
        description: 'must be at most 255 characters long (got 256)',
      }),
    ]);
  });

  it('applies to the generate request: fileName, filePath and every label', () => {
    const fields = findUploadRequestViolations({
      mimeType: 'image/png',
      fileName: 'a\u0000',
      filePath: '/x\r',
      labels: ['ok', 'b\u202e'],
    }).map((violation) => violation.field);
    expect(fields).toEqual(['fileName', 'filePath', 'labels[1]']);
  });
});

describe('a folder tree the app makes folder by folder', () => {
  it("is bound by each name and its depth, not by the 100 characters of a session's filePath", () => {
    const levels = Array.from({ length: 40 }, (_, n) => `level-${n + 1}`);
    expect(folderPathViolation(`/${levels.join('/')}`, 'filePath', 100)).toMatchObject({ violatedRule: 'MAX_LENGTH' });
    expect(folderTreeViolation(`/${levels.join('/')}`, 'filePath')).toBeUndefined();
    expect(folderTreeViolation(`/${'a/'.repeat(101)}`, 'filePath')).toMatchObject({ violatedRule: 'MAX_SIZE', data: { threshold: 100 } });
    expect(folderTreeViolation(`/ok/${'x'.repeat(1001)}`, 'filePath')).toMatchObject({
      violatedRule: 'MAX_LENGTH',
      data: { threshold: 1000 },
    });
    expect(folderTreeViolation('/a/../b', 'filePath')).toMatchObject({ violatedRule: 'FORMAT' });
    expect(folderTreeViolation(42, 'filePath')).toMatchObject({ violatedRule: 'TYPE' });
  });
});

describe('one rule for every text a visitor types: the rule names follow', () => {
  const HOSTILE = [
    ['Bob\u202efdp.exe', 'U+202E'],
    ['next\u0085line', 'U+0085'],
    ['line\u2028sep', 'U+2028'],
    ['para\u2029sep', 'U+2029'],
    ['isolate\u2067x', 'U+2067'],
    ['nul\u0000', 'U+0000'],
    ['esc\u001b[31m', 'U+001B'],
  ] as const;

  it('refuses the characters a name refuses, in a one-line field and in a message', () => {
    for (const [text, found] of HOSTILE) {
      for (const multiline of [false, true]) {
        expect(typedTextViolation(text, 'name', { multiline }), JSON.stringify(text)).toMatchObject({
          field: 'name',
          violatedRule: 'FORMAT',
          description: expect.stringContaining(found),
        });
      }
    }
  });

  it('lets a message have lines and tabs, and a one-line field not', () => {
    expect(typedTextViolation('Hello,\n\tthe files are below.\r\nAna', 'message', { multiline: true })).toBeUndefined();
    expect(typedTextViolation('Ana\nSousa', 'name', { multiline: false })).toMatchObject({
      description: expect.stringContaining('U+000A'),
    });
    expect(typedTextViolation('Ana Sousa — 写真', 'name', { multiline: false })).toBeUndefined();
  });
});

describe("the app's own limits, named apart from Wix's", () => {
  it("asks more than Wix only where it says so: a name of 255 characters (Wix accepts 1000), Wix's other limits as Wix documents them", () => {
    expect(WIX_UPLOAD_URL_LIMITS.fileNameMaxLength).toBe(1000);
    expect(APP_UPLOAD_LIMITS.fileNameMaxLength).toBe(255);
    expect(UPLOAD_REQUEST_LIMITS).toEqual({ ...WIX_UPLOAD_URL_LIMITS, fileNameMaxLength: 255 });
    expect(fileNameViolation('n'.repeat(255))).toBeUndefined();
    expect(fileNameViolation('n'.repeat(256), 'displayName')).toMatchObject({ field: 'displayName', violatedRule: 'MAX_LENGTH' });
    expect(fileNameViolation(' ')).toMatchObject({ violatedRule: 'REQUIRED_FIELD' });
  });

  it('refuses a file over the largest the app sends (50 GB, decimal), in words, before any byte is sent', () => {
    expect(APP_UPLOAD_LIMITS.maxFileSizeBytes).toBe(50_000_000_000);
    expect(fileSizeProblem(50_000_000_000)).toBeUndefined();
    expect(fileSizeProblem(50_000_000_001)).toBe('The file is 50 GB; files up to 50 GB can be uploaded.');
    expect(fileSizeProblem(2048, 1000)).toBe('The file is 2.05 kB; files up to 1 kB can be uploaded.');
  });

  it('wants a MIME type of the form type/subtype', () => {
    expect(mimeTypeViolation('video/mp4')).toBeUndefined();
    expect(mimeTypeViolation('')).toMatchObject({ violatedRule: 'REQUIRED_FIELD' });
    expect(mimeTypeViolation('video')).toMatchObject({ violatedRule: 'FORMAT' });
    expect(mimeTypeViolation(`video/${'x'.repeat(100)}`)).toMatchObject({ violatedRule: 'MAX_LENGTH' });
  });

  it('splits a folder path into its folders, and leaves hidden entries of a sent folder out', () => {
    expect(splitFilePath(' /videos//2024/ ')).toEqual(['videos', '2024']);
    expect(splitFilePath(undefined)).toEqual([]);
    expect(isHiddenEntry('.DS_Store')).toBe(true);
    expect(isHiddenEntry('photo.jpg')).toBe(false);
  });
});

describe('links to import', () => {
  it('takes a web address of http or https, and nothing else', () => {
    expect(importLinkViolation('https://files.example.com/shoot/clip.mp4')).toBeUndefined();
    expect(importLinkViolation('http://127.0.0.1:8080/a.png')).toBeUndefined();
    for (const link of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/a.mp4', 'data:text/plain,hi', 'gopher://x/']) {
      expect(importLinkViolation(link)).toMatchObject({ field: 'url', violatedRule: 'FORMAT' });
    }
    expect(importLinkViolation('example.com/a.mp4')).toMatchObject({ violatedRule: 'FORMAT' });
    expect(importLinkViolation('')).toMatchObject({ violatedRule: 'REQUIRED_FIELD' });
    expect(importLinkViolation(42)).toMatchObject({ violatedRule: 'REQUIRED_FIELD' });
  });

  it('refuses a link too long, with credentials, or with control characters', () => {
    const longest = `https://example.com/${'a'.repeat(LINK_IMPORT_LIMITS.urlMaxLength - 'https://example.com/'.length)}`;
    expect(importLinkViolation(longest)).toBeUndefined();
    expect(importLinkViolation(`${longest}b`)).toMatchObject({ violatedRule: 'MAX_LENGTH' });
    expect(importLinkViolation('https://me:pw@example.com/a.mp4')).toMatchObject({ description: expect.stringContaining('password') });
    expect(importLinkViolation('https://example.com/a\u202E.mp4')).toMatchObject({ violatedRule: 'FORMAT' });
  });

  it('names a linked file by the last part of its path, decoded, else by its host', () => {
    expect(fileNameOfLink('https://example.com/shoot/day%201/clip.mp4?token=x')).toBe('clip.mp4');
    expect(fileNameOfLink('https://example.com/a/%E0%A4%A')).toBe('%E0%A4%A');
    expect(fileNameOfLink('https://example.com/')).toBe('example.com');
  });
});
