import fs from 'node:fs';
import { Upload } from 'tus-js-client';
import { requestJson } from './wix-http.js';

export interface GeneratedUrl {
  uploadUrl: string;
  uploadToken: string;
}

/** Generate File Resumable Upload URL over REST, as the documentation shows it. */
export async function generateUploadUrl(origin: string, token: string, body: Record<string, unknown>): Promise<GeneratedUrl> {
  const { status, body: generated } = await requestJson<GeneratedUrl>(`${origin}/site-media/v1/files/generate-resumable-upload-url`, {
    token,
    body: { uploadProtocol: 'TUS', ...body },
  });
  if (status !== 200) throw new Error(`generate answered ${status}: ${JSON.stringify(generated)}`);
  return generated;
}

export function tusMetadataHeader(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

/** A tus creation request; returns the status and the upload URL from Location. */
export async function createTusUpload(
  uploadUrl: string,
  length: number,
  metadata: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; location?: string; text: string }> {
  const headers: Record<string, string> = {
    'Tus-Resumable': '1.0.0',
    'Upload-Length': String(length),
    'Upload-Metadata': tusMetadataHeader(metadata),
  };
  if (body) headers['Content-Type'] = 'application/offset+octet-stream';
  const response = await fetch(uploadUrl, { method: 'POST', headers, body });
  return { status: response.status, location: response.headers.get('location') ?? undefined, text: await response.text() };
}

export async function patchTus(location: string, offset: number, bytes: Buffer): Promise<Response> {
  return fetch(location, {
    method: 'PATCH',
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
    body: bytes,
  });
}

export async function tusOffset(location: string): Promise<number> {
  const response = await fetch(location, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
  if (response.status !== 200) throw new Error(`HEAD answered ${response.status}`);
  return Number(response.headers.get('upload-offset'));
}

export function finalizeUpload(uploadUrl: string, uploadToken: string, filename?: string) {
  const query = filename ? `?filename=${encodeURIComponent(filename)}` : '';
  return requestJson<
    { file: Record<string, unknown> } & { details?: { applicationError?: { code: string; data?: Record<string, unknown> } } }
  >(`${uploadUrl}/${uploadToken}${query}`, { method: 'PUT' });
}

/** Uploads a file from disk with the official tus-js-client, as in Wix's documented example. */
export function uploadWithTusClient(
  filePath: string,
  generated: GeneratedUrl,
  options: { filename: string; contentType: string; chunkSize?: number; tusUrl?: string; onUpload?: (upload: Upload) => void },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(fs.createReadStream(filePath), {
      endpoint: generated.uploadUrl,
      uploadUrl: options.tusUrl,
      chunkSize: options.chunkSize ?? 8 * 1024 * 1024,
      retryDelays: [],
      metadata: { filename: options.filename, contentType: options.contentType, token: generated.uploadToken },
      onError: reject,
      onSuccess: () => resolve(upload.url!),
    });
    options.onUpload?.(upload);
    upload.start();
  });
}

/** The whole documented flow for a small file: generate, one tus creation with its bytes, finalize. Returns the file descriptor. */
export async function uploadSmallFile(
  origin: string,
  token: string,
  file: { name: string; mimeType: string; bytes: Buffer; private?: boolean; parentFolderId?: string; filePath?: string },
): Promise<Record<string, unknown>> {
  const generated = await generateUploadUrl(origin, token, {
    mimeType: file.mimeType,
    fileName: file.name,
    private: file.private ?? false,
    parentFolderId: file.parentFolderId,
    filePath: file.filePath,
  });
  const created = await createTusUpload(
    generated.uploadUrl,
    file.bytes.length,
    { filename: file.name, contentType: file.mimeType, token: generated.uploadToken },
    file.bytes,
  );
  if (created.status !== 201) throw new Error(`tus creation answered ${created.status}: ${created.text}`);
  const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, file.name);
  if (finalized.status !== 200) throw new Error(`finalize answered ${finalized.status}: ${JSON.stringify(finalized.body)}`);
  return finalized.body.file;
}
