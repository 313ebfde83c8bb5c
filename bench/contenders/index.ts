import type { ClientJob } from '../protocol.js';
import type { Contender } from './contender.js';
import { oursContender } from './ours.js';
import { peerContender } from './peer.js';
import { rawContender } from './raw.js';
import { tusOnAppContender } from './tus-on-app.js';

export function contenderFor(job: ClientJob): Contender {
  switch (job.contender) {
    case 'raw':
      return rawContender(job.endpoint);
    case 'peer':
      return peerContender(job.endpoint, job.chunkSize, job.retryDelays ?? []);
    case 'tus-on-app':
      if (!job.token) throw new Error('tus-on-app needs a USER token');
      return tusOnAppContender(job.endpoint, job.token, job.chunkSize);
    case 'ours':
      if (!job.token) throw new Error('ours needs a USER token');
      return oursContender(job.endpoint, job.token, job.chunkSize, job.uploadOrigin);
  }
}
