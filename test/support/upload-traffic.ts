import type { IncomingMessage } from 'node:http';
import type { Router } from '../../local/emulator/platform/http.js';
import { UPLOAD_PATH } from '../../local/emulator/upload/tus-endpoint.js';

/**
 * What reaches the local Wix's tus endpoint, seen from the server's side: the uploads created
 * (POST) and the bytes of every PATCH. `holdPatch(n)` stalls the n-th PATCH from now as a dead
 * network would, never letting it reach tus, until `dropHeld()` closes its connection; so a test
 * knows exactly how many bytes the server holds when it kills the client.
 */
export class UploadTraffic {
  creations = 0;
  patches = 0;
  patchBytes = 0;
  private holdAt?: number;
  private readonly held: IncomingMessage[] = [];
  private heldListeners: Array<() => void> = [];
  private readonly restore: () => void;

  constructor(router: Router) {
    const original = router.dispatch;
    const dispatch = original.bind(router);
    router.dispatch = async (req, res, url) => {
      if (url.pathname === UPLOAD_PATH && req.method === 'POST') this.creations += 1;
      if (url.pathname.startsWith(`${UPLOAD_PATH}/`) && req.method === 'PATCH') {
        if (this.holdAt !== undefined && this.patches + 1 >= this.holdAt) {
          this.held.push(req);
          for (const listener of this.heldListeners.splice(0)) listener();
          return true;
        }
        this.patches += 1;
        this.patchBytes += Number(req.headers['content-length'] ?? 0);
      }
      return dispatch(req, res, url);
    };
    this.restore = () => {
      router.dispatch = original;
    };
  }

  /** From now on, counts start again at zero. */
  reset(): void {
    this.creations = 0;
    this.patches = 0;
    this.patchBytes = 0;
  }

  /** Stalls the n-th PATCH counted from now (1: the next one) and every one after it. */
  holdPatch(n: number): void {
    this.holdAt = this.patches + n;
  }

  /** Resolves once a PATCH is being held. */
  whenHeld(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.heldListeners.push(resolve));
  }

  /** Closes the held requests' connections, unread, and holds nothing more. */
  dropHeld(): void {
    for (const req of this.held.splice(0)) req.socket.destroy();
    this.holdAt = undefined;
  }

  stop(): void {
    this.dropHeld();
    this.restore();
  }
}
