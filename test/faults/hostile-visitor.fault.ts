import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { waitForEventsHandled } from '../support/events.js';
import { makeDocx, makePng } from '../support/files.js';
import { rawStatus } from '../support/raw-request.js';
import { seededRandom } from '../support/seeded-random.js';
import { DETAILS, mp4, VisitorSite, type Answer, type Session, type StoredFile } from '../support/visitor-site.js';
import { VISITOR_CLAIMS, VISITOR_SUBMISSIONS } from '../../src/backend/data-collections.js';
import { MAX_UPLOAD_URLS_PER_FILE, type VisitorUploadRules } from '../../src/policies/visitor-rules-policy.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

/** The items in an order drawn from the seed, so a failing run can be replayed with FUZZ_SEED. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const RULES: Partial<VisitorUploadRules> = {
  allowedTypes: ['video/*'],
  maxFileSizeGb: '0.001',
  maxFilesPerSubmission: 3,
  maxFilesPerVisitorPerDay: 6,
  maxFilesPerDay: 40,
  maxSubmissionsPerVisitorPerDay: 4,
  maxSubmissionsPerDay: 30,
};
const MAX_BYTES = 1_000_000;

const video = (size: number, fileName = 'film.mp4') => ({ mimeType: 'video/mp4', fileName, sizeInBytes: String(size) });

/**
 * The hostile visitor's pass, on loopback and bounded: every attack of the widget's server at
 * once, in a seeded order (FUZZ_SEED), then the owner's limits, the counters, the inbox and the
 * Media Manager must agree, and the server must still answer.
 */
describe(`the hostile visitor pass (FUZZ_SEED=${SEED})`, () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let site: VisitorSite;
  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 20 });
    site = await VisitorSite.of(app);
    await site.setRules(RULES);
  });
  afterAll(() => app?.close());

  it('holds every limit, and leaves the Media Manager, the inbox and the counters in agreement', async () => {
    const serverFaults: string[] = [];
    const call = async <T = Answer>(token: string, method: string, ...args: unknown[]): Promise<T> => {
      try {
        return await site.call<T>(token, method, ...args);
      } catch (error) {
        serverFaults.push(String(error));
        return { ok: false } as T;
      }
    };
    const leftoverSessions: Session[] = [];

    const attacks: Array<() => Promise<void>> = [
      // One file asked for again and again, every URL used.
      async () => {
        const token = await site.visitor();
        const ticket = await site.ticket(token);
        const bytes = mp4(700);
        const answers = await Promise.all(
          Array.from({ length: 30 }, () => call(token, 'createVisitorUploadSession', { ...ticket, request: video(bytes.length) })),
        );
        const sessions = answers.filter((answer) => answer.ok).map((answer) => answer.session as Session);
        // All at once, several requests may each take a new place for the name (at most the files per submission).
        expect(sessions.length).toBeLessThanOrEqual((RULES.maxFilesPerSubmission as number) * MAX_UPLOAD_URLS_PER_FILE);
        await Promise.all(sessions.slice(0, 3).map((session) => site.send(session, bytes)));
        leftoverSessions.push(...sessions.slice(3));
      },
      // Bursts: many files on one submission, many submissions of one visitor, many visitors.
      async () => {
        const token = await site.visitor();
        const ticket = await site.ticket(token);
        await Promise.all(
          Array.from({ length: 15 }, (_, n) => call(token, 'createVisitorUploadSession', { ...ticket, request: video(100, `b${n}.mp4`) })),
        );
      },
      async () => {
        const token = await site.visitor();
        await Promise.all(Array.from({ length: 15 }, () => call(token, 'startVisitorSubmission', DETAILS)));
      },
      async () => {
        const visitors = await Promise.all(Array.from({ length: 12 }, () => site.visitor()));
        await Promise.all(
          visitors.map(async (token, n) => {
            const started = await call(token, 'startVisitorSubmission', DETAILS);
            if (started.ok) await call(token, 'createVisitorUploadSession', { ...started, request: video(100, `v${n}.mp4`) });
          }),
        );
      },
      // A length told only with the bytes, over the rule; an image and a Word document declared videos.
      async () => {
        const token = await site.visitor();
        const ticket = await site.ticket(token);
        const big = await call(token, 'createVisitorUploadSession', { ...ticket, request: video(67, 'big.mp4') });
        if (big.ok) await site.send(big.session as Session, mp4(3 * MAX_BYTES), 'big.mp4', { deferLength: true });
        for (const [name, bytes] of [
          ['picture.mp4', makePng(6, 6)],
          ['letter.mp4', makeDocx()],
        ] as const) {
          const granted = await call(token, 'createVisitorUploadSession', { ...ticket, request: video(bytes.length, name) });
          if (granted.ok) await site.send(granted.session as Session, bytes, name);
        }
      },
      // Ids that are paths, hostile text, requests no URL parser accepts.
      async () => {
        const token = await site.visitor();
        const ticket = await site.ticket(token);
        for (const submissionId of ['../../../site-media/v1/files/get-file-by-id?fileId=x#', `${ticket.submissionId}/..`, '%2e%2e']) {
          const answer = await call(token, 'createVisitorUploadSession', { submissionId, secret: ticket.secret, request: video(10) });
          expect(answer.ok).toBe(false);
        }
        expect((await call(token, 'startVisitorSubmission', { ...DETAILS, name: 'Bob\u202Efdp.exe' })).ok).toBe(false);
        for (const origin of [app.url, app.mediaUrl])
          for (const target of ['//[/', 'http://[/x']) expect(await rawStatus(origin, `GET ${target} HTTP/1.1`)).toBe(400);
        for (const url of [`${app.mediaUrl}/media/%ZZ`, `${app.url}/site-media/v1/folders/%E0%A4%A`])
          expect((await fetch(url)).status).toBe(400);
      },
      // A server finalize aimed elsewhere.
      async () => {
        const token = await site.visitor();
        const ticket = await site.ticket(token);
        const granted = await call(token, 'createVisitorUploadSession', { ...ticket, request: video(600, 'f.mp4') });
        if (!granted.ok) return;
        const session = granted.session as Session;
        const answer = await call(token, 'finalizeVisitorUploadFromServer', {
          ...ticket,
          session: { ...session, uploadUrl: 'http://169.254.169.254/upload/tus' },
          fileName: 'f.mp4',
        });
        expect(answer.ok).toBe(false);
        leftoverSessions.push(session);
      },
    ];
    await Promise.all(shuffled(attacks, SEED).map((attack) => attack()));

    // The owner turns uploads off; URLs issued before deliver nothing.
    await site.setRules({ ...RULES, enabled: false });
    await Promise.all(leftoverSessions.map((session) => site.send(session, mp4(700)).catch(() => undefined)));
    await waitForEventsHandled(app, 60_000);

    // The owner's look at the inbox sweeps: it then shows exactly what the Media Manager holds.
    const inbox = await site.inbox();
    const stored = await site.mediaFiles('VISITOR_UPLOADS_ROOT');
    const shown = inbox.flatMap((submission) => submission.files).filter((file) => file.fileId && file.status !== 'REJECTED');
    expect(stored.map((file) => file.id).sort(), 'files in visitor-uploads the inbox does not show').toEqual(
      shown.map((file) => file.fileId).sort(),
    );
    for (const file of stored as StoredFile[]) {
      const place = shown.find((one) => one.fileId === file.id);
      expect(Number(file.sizeInBytes), `${file.id} over the rule`).toBeLessThanOrEqual(MAX_BYTES);
      expect(file.sizeInBytes, `${file.id} not the size announced`).toBe(place?.sizeInBytes);
      expect(['VIDEO'], `${file.id} of a kind not allowed`).toContain((file as StoredFile & { mediaType: string }).mediaType);
    }

    // The counters agree with what they count, and none is over its limit.
    const places = await site.filePlaces();
    const submissions = await site.dataItems(VISITOR_SUBMISSIONS.id);
    expect(await site.countToday('files')).toBe(places.length);
    expect(places.length).toBeLessThanOrEqual(RULES.maxFilesPerDay as number);
    expect(await site.countToday('submissions')).toBe(submissions.length);
    expect(submissions.length).toBeLessThanOrEqual(RULES.maxSubmissionsPerDay as number);
    const byVisitor = new Map<string, number>();
    for (const place of places) byVisitor.set(String(place.visitorId), (byVisitor.get(String(place.visitorId)) ?? 0) + 1);
    for (const [visitorId, count] of byVisitor) {
      expect(count).toBeLessThanOrEqual(RULES.maxFilesPerVisitorPerDay as number);
      expect(await site.countToday('files', visitorId)).toBe(count);
    }
    const urls = new Map<string, number>();
    for (const claim of await site.dataItems(VISITOR_CLAIMS.id)) {
      if (String(claim.scope).startsWith('urls:')) urls.set(String(claim.scope), (urls.get(String(claim.scope)) ?? 0) + 1);
    }
    expect(urls.size).toBeGreaterThan(0);
    for (const count of urls.values()) expect(count).toBeLessThanOrEqual(MAX_UPLOAD_URLS_PER_FILE);
    const perSubmission = new Map<string, number>();
    for (const place of places) perSubmission.set(String(place.submissionId), (perSubmission.get(String(place.submissionId)) ?? 0) + 1);
    for (const count of perSubmission.values()) expect(count).toBeLessThanOrEqual(RULES.maxFilesPerSubmission as number);

    expect(serverFaults).toEqual([]);
    // The server still answers, on both origins.
    expect((await fetch(`${app.url}/site-media/v1/folders`, { headers: { Authorization: site.owner } })).status).toBe(200);
    expect((await fetch(`${app.mediaUrl}/media/none`)).status).toBe(404);
  });
});
