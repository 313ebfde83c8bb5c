import { auth } from '@wix/essentials';
import * as uploads from './uploads';
import * as visitorUploads from './visitor-uploads';

/**
 * The app's operations as HTTP endpoints, the successor of web methods in the new Wix CLI (Wix's
 * "Migrate from Web Methods to HTTP Endpoints"): the same plain functions the web methods wrap
 * (uploads.ts, visitor-uploads.ts), each with the permission its web method has. The endpoint
 * files of src/api/ each serve one of these tables in one line; the engine reaches them through
 * an UploadBackend over HTTP (clients/upload-backends.ts, `httpEndpointsBackend`). A new operation
 * goes in the table beside its web method.
 *
 * The wire is the web methods': the body is the argument list, the answer's body the result (a
 * refusal is a result, 200). What Wix's web-method runtime did, the endpoint does itself: it
 * admits a caller by the subjectType of their token (Get Token Info, as Wix's guide says), and
 * answers a thrown error without its message.
 */

/** Who may call an operation, as the web methods' Permissions name it. */
export type EndpointPermission = 'Admin' | 'Anyone';

/** The callers a permission admits, as Wix's web-method runtime admits them. */
const ADMITTED: Record<EndpointPermission, readonly string[]> = {
  Admin: ['USER'],
  Anyone: ['VISITOR', 'MEMBER', 'USER'],
};

/** What a handler is given, as the new Wix CLI's APIRoute gives it: the request and the route's parameters. */
export interface EndpointContext {
  request: Request;
  params: Record<string, string | undefined>;
}

export type EndpointHandler = (context: EndpointContext) => Promise<Response>;

// biome-ignore lint/suspicious/noExplicitAny: each operation checks its own arguments, which arrive as JSON of any shape
type Operation = (...args: any[]) => Promise<unknown>;

interface Endpoint {
  permission: EndpointPermission;
  run: Operation;
}

const endpoint = (permission: EndpointPermission, run: Operation): Endpoint => ({ permission, run });

export const UPLOAD_ENDPOINTS: Record<string, Endpoint> = {
  getAppSetup: endpoint('Admin', uploads.getAppSetup),
  createUploadSession: endpoint('Admin', uploads.createUploadSession),
  recordUpload: endpoint('Admin', uploads.recordUpload),
  getUploadStatus: endpoint('Admin', uploads.getUploadStatus),
  listRecentUploads: endpoint('Admin', uploads.listRecentUploads),
  listFolders: endpoint('Admin', uploads.listFolders),
  createFolderPath: endpoint('Admin', uploads.createFolderPath),
  getFileDownloadUrl: endpoint('Admin', uploads.getFileDownloadUrl),
  discardArrivedCopy: endpoint('Admin', uploads.discardArrivedCopy),
  findUploadedFile: endpoint('Admin', uploads.findUploadedFile),
  finalizeUploadFromServer: endpoint('Admin', uploads.finalizeUploadFromServer),
  importFromLinks: endpoint('Admin', uploads.importFromLinks),
  findExistingFiles: endpoint('Admin', uploads.findExistingFiles),
};

export const VISITOR_UPLOAD_ENDPOINTS: Record<string, Endpoint> = {
  getVisitorUploadTerms: endpoint('Anyone', visitorUploads.getVisitorUploadTerms),
  startVisitorSubmission: endpoint('Anyone', visitorUploads.startVisitorSubmission),
  createVisitorUploadSession: endpoint('Anyone', visitorUploads.createVisitorUploadSession),
  recordVisitorUpload: endpoint('Anyone', visitorUploads.recordVisitorUpload),
  getVisitorUploadStatus: endpoint('Anyone', visitorUploads.getVisitorUploadStatus),
  finalizeVisitorUploadFromServer: endpoint('Anyone', visitorUploads.finalizeVisitorUploadFromServer),
  getVisitorUploadRules: endpoint('Admin', visitorUploads.getVisitorUploadRules),
  saveVisitorUploadRules: endpoint('Admin', visitorUploads.saveVisitorUploadRules),
  listVisitorSubmissions: endpoint('Admin', visitorUploads.listVisitorSubmissions),
  listVisitorSubmissionPage: endpoint('Admin', visitorUploads.listVisitorSubmissionPage),
  setVisitorSubmissionHandled: endpoint('Admin', visitorUploads.setVisitorSubmissionHandled),
  closeVisitorSubmission: endpoint('Admin', visitorUploads.closeVisitorSubmission),
  deleteVisitorSubmission: endpoint('Admin', visitorUploads.deleteVisitorSubmission),
};

const answer = (status: number, body: unknown) => Response.json(body ?? null, { status });

/** The caller's subject type from their token, or undefined when the request carries none Wix knows. */
async function callerType(): Promise<string | undefined> {
  try {
    return (await auth.getTokenInfo()).subjectType;
  } catch {
    return undefined;
  }
}

/** A handler serving one table, the operation named by the route's `method` parameter (src/api/<group>/[method].ts). */
export function endpointsRoute(table: Record<string, Endpoint>): EndpointHandler {
  return async ({ request, params }) => {
    const name = params.method ?? '';
    const found = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!found) return answer(404, { message: `No operation ${name}` });
    const subject = await callerType();
    if (!subject) return answer(401, { message: 'The request carries no token of this site' });
    if (!ADMITTED[found.permission].includes(subject)) return answer(403, { message: 'Insufficient permissions' });
    let args: unknown;
    try {
      args = await request.json();
    } catch {
      args = undefined;
    }
    if (!Array.isArray(args)) return answer(400, { message: 'The body must be the JSON list of the arguments' });
    try {
      return answer(200, await found.run(...args));
    } catch (error) {
      console.error(`[http endpoint] ${name} threw`, error);
      return answer(500, { message: 'The app could not answer' });
    }
  };
}
