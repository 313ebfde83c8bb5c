import { endpointsRoute, UPLOAD_ENDPOINTS } from '../../backend/http-endpoints';

/** The owner's upload operations as HTTP endpoints, `POST <endpoints>/uploads/<name>` (docs/MIGRATION.md). */
export const POST = endpointsRoute(UPLOAD_ENDPOINTS);
